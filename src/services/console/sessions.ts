/**
 * Console sessions: the cookie carries 32 random bytes; the database keeps only their SHA-256, so a leaked
 * database row does not open a session. Each session has its own CSRF token, which every change must send back
 * in the `x-csrf-token` header.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import type { ConsoleRole } from '../../generated/prisma/client.ts'

export interface ConsoleSessionDeps {
  prisma: Db
  now: () => Date
  /** How long a session lasts without use. */
  idleHours: number
}

/** Who is signed in, as a route sees it. */
export interface ConsolePrincipal {
  sessionId: string
  userId: string
  email: string
  name: string
  role: ConsoleRole
  csrfToken: string
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Constant-time comparison of two tokens (false when either is missing). */
export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Sessions refreshed less often than this are not written on every request. */
const touchEveryMs = 60_000

export function createConsoleSessions(deps: ConsoleSessionDeps) {
  const { prisma } = deps
  const lifetimeMs = deps.idleHours * 3_600_000

  async function start(userId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url')
    const csrfToken = randomBytes(24).toString('base64url')
    const now = deps.now()
    const expiresAt = new Date(now.getTime() + lifetimeMs)
    await prisma.consoleSession.create({ data: { id: digest(token), userId, csrfToken, expiresAt, lastSeenAt: now } })
    return { token, csrfToken, expiresAt }
  }

  /** The signed-in user of a cookie token, or null (unknown, expired, or the account was turned off). */
  async function resolve(token: string | undefined): Promise<ConsolePrincipal | null> {
    if (!token || token.length > 100) return null
    const id = digest(token)
    const now = deps.now()
    const session = await prisma.consoleSession.findUnique({ where: { id }, include: { user: true } })
    if (!session || session.expiresAt <= now || !session.user.active) return null
    if (now.getTime() - session.lastSeenAt.getTime() > touchEveryMs) {
      await prisma.consoleSession.update({
        where: { id },
        data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + lifetimeMs) },
      })
    }
    const { user } = session
    return {
      sessionId: id,
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      csrfToken: session.csrfToken,
    }
  }

  async function end(sessionId: string): Promise<void> {
    await prisma.consoleSession.deleteMany({ where: { id: sessionId } })
  }

  /** Drops expired sessions; returns how many. */
  async function prune(): Promise<number> {
    const { count } = await prisma.consoleSession.deleteMany({ where: { expiresAt: { lte: deps.now() } } })
    return count
  }

  return { start, resolve, end, prune }
}

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>
