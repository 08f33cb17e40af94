/**
 * Console accounts: owners (everything, manage staff) and staff (inbox, stock, shipping). Passwords are Argon2id;
 * failed sign-ins in a row lock the account for a while; every change is audited with who did it.
 *
 * @example const outcome = await accounts.authenticate('owner@shop.id', 'correct horse battery')
 */
import type { Db } from '../../db/client.ts'
import type { ConsoleRole, ConsoleUser } from '../../generated/prisma/client.ts'
import { writeAudit } from '../audit.ts'
import { InvalidInput } from '../errors.ts'
import { decoyHash, hashPassword, minPasswordLength, verifyPassword } from './passwords.ts'

export interface LockoutSettings {
  /** Failed sign-ins in a row before the account locks. */
  maxFailures: number
  lockMinutes: number
}

export interface ConsoleAccountDeps {
  prisma: Db
  now: () => Date
  lockout: LockoutSettings
}

/** What the console shows of an account (never the hash). */
export interface ConsoleAccount {
  id: string
  email: string
  name: string
  role: ConsoleRole
  active: boolean
  lockedUntil: Date | null
  lastLoginAt: Date | null
  createdAt: Date
}

export type AuthOutcome =
  | { ok: true; user: ConsoleAccount }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date }

export class AccountExists extends Error {
  readonly code = 'account_exists'
}

const emailPattern = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

function publicView(user: ConsoleUser): ConsoleAccount {
  const { id, email, name, role, active, lockedUntil, lastLoginAt, createdAt } = user
  return { id, email, name, role, active, lockedUntil, lastLoginAt, createdAt }
}

/** The actor string of audit rows written for a console user. */
export function consoleActor(user: { email: string }): string {
  return `console:${user.email}`
}

export function createConsoleAccounts(deps: ConsoleAccountDeps) {
  const { prisma } = deps

  function checkNew(email: string, password: string, name: string): void {
    if (!emailPattern.test(email)) throw new InvalidInput('email', 'must be an email address')
    if (password.length < minPasswordLength || password.length > 256) {
      throw new InvalidInput('password', `must be ${minPasswordLength}-256 characters`)
    }
    if (!name.trim() || name.length > 100) throw new InvalidInput('name', 'must be 1-100 characters')
  }

  /**
   * Creates an account. @throws AccountExists when the email is taken, InvalidInput for a bad email, name or
   * password.
   */
  async function add(input: {
    email: string
    password: string
    name?: string
    role: ConsoleRole
    actor: string
  }): Promise<ConsoleAccount> {
    const email = normalizeEmail(input.email)
    const name = (input.name ?? email.split('@')[0] ?? email).trim()
    checkNew(email, input.password, name)
    const passwordHash = await hashPassword(input.password)
    return prisma.$transaction(async (tx) => {
      if (await tx.consoleUser.findUnique({ where: { email } })) throw new AccountExists(`${email} already exists`)
      const user = await tx.consoleUser.create({ data: { email, name, role: input.role, passwordHash } })
      await writeAudit(tx, {
        actor: input.actor,
        action: 'console_user_added',
        entity: 'ConsoleUser',
        entityId: user.id,
        data: { email, role: input.role },
      })
      return publicView(user)
    })
  }

  /**
   * The first owner from the settings: created when no account has that email, otherwise left alone (a password
   * changed in the console is not overwritten at the next start).
   */
  async function ensureOwner(email: string, password: string): Promise<'created' | 'exists'> {
    const existing = await prisma.consoleUser.findUnique({ where: { email: normalizeEmail(email) } })
    if (existing) return 'exists'
    await add({ email, password, role: 'owner', actor: 'system:settings' })
    return 'created'
  }

  async function authenticate(emailInput: string, password: string): Promise<AuthOutcome> {
    const email = normalizeEmail(emailInput)
    const now = deps.now()
    const user = await prisma.consoleUser.findUnique({ where: { email } })
    if (!user?.active) {
      await verifyPassword(await decoyHash(), password)
      await writeAudit(prisma, {
        actor: `console:${email.slice(0, 200)}`,
        action: 'console_login_failed',
        entity: 'ConsoleUser',
        entityId: user?.id ?? 'unknown',
        data: { reason: user ? 'disabled' : 'unknown_email' },
      })
      return { ok: false, reason: 'invalid' }
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await writeAudit(prisma, {
        actor: consoleActor(user),
        action: 'console_login_refused',
        entity: 'ConsoleUser',
        entityId: user.id,
        data: { reason: 'locked' },
      })
      return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil }
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failures = (user.lockedUntil ? 0 : user.failedLogins) + 1
      const locks = failures >= deps.lockout.maxFailures
      const lockedUntil = locks ? new Date(now.getTime() + deps.lockout.lockMinutes * 60_000) : null
      await prisma.$transaction(async (tx) => {
        await tx.consoleUser.update({
          where: { id: user.id },
          data: { failedLogins: locks ? 0 : failures, lockedUntil },
        })
        await writeAudit(tx, {
          actor: consoleActor(user),
          action: locks ? 'console_account_locked' : 'console_login_failed',
          entity: 'ConsoleUser',
          entityId: user.id,
          data: { reason: 'wrong_password', failures },
        })
      })
      return locks
        ? { ok: false, reason: 'locked', lockedUntil: lockedUntil as Date }
        : { ok: false, reason: 'invalid' }
    }
    const updated = await prisma.$transaction(async (tx) => {
      const row = await tx.consoleUser.update({
        where: { id: user.id },
        data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
      })
      await writeAudit(tx, {
        actor: consoleActor(user),
        action: 'console_login',
        entity: 'ConsoleUser',
        entityId: user.id,
      })
      return row
    })
    return { ok: true, user: publicView(updated) }
  }

  async function list(): Promise<ConsoleAccount[]> {
    const rows = await prisma.consoleUser.findMany({ orderBy: [{ role: 'asc' }, { email: 'asc' }] })
    return rows.map(publicView)
  }

  async function find(id: string): Promise<ConsoleAccount | null> {
    const row = await prisma.consoleUser.findUnique({ where: { id } })
    return row ? publicView(row) : null
  }

  /** Turns an account off (its sessions end) or on again; the last active owner cannot be turned off. */
  async function setActive(id: string, active: boolean, actor: string): Promise<ConsoleAccount | null> {
    return prisma.$transaction(async (tx) => {
      const user = await tx.consoleUser.findUnique({ where: { id } })
      if (!user) return null
      if (!active && user.role === 'owner') {
        const owners = await tx.consoleUser.count({ where: { role: 'owner', active: true } })
        if (owners <= 1) throw new InvalidInput('active', 'the last owner cannot be turned off')
      }
      const row = await tx.consoleUser.update({
        where: { id },
        data: { active, ...(active ? { failedLogins: 0, lockedUntil: null } : {}) },
      })
      if (!active) await tx.consoleSession.deleteMany({ where: { userId: id } })
      await writeAudit(tx, {
        actor,
        action: active ? 'console_user_enabled' : 'console_user_disabled',
        entity: 'ConsoleUser',
        entityId: id,
      })
      return publicView(row)
    })
  }

  /**
   * A signed-in user changes their own password: the current one must be right (a wrong one counts as a failed
   * sign-in, so guessing through this route locks the account too), every other session of the account ends, and
   * the change is audited. @throws InvalidInput for a wrong current password or a new one of the wrong length.
   */
  async function changePassword(input: {
    userId: string
    keepSessionId: string
    currentPassword: string
    newPassword: string
  }): Promise<void> {
    const user = await prisma.consoleUser.findUnique({ where: { id: input.userId } })
    if (!user?.active) throw new InvalidInput('currentPassword', 'is not right')
    if (input.newPassword.length < minPasswordLength || input.newPassword.length > 256) {
      throw new InvalidInput('newPassword', `must be ${minPasswordLength}-256 characters`)
    }
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      const failures = user.failedLogins + 1
      const locks = failures >= deps.lockout.maxFailures
      await prisma.$transaction(async (tx) => {
        await tx.consoleUser.update({
          where: { id: user.id },
          data: locks
            ? { failedLogins: 0, lockedUntil: new Date(deps.now().getTime() + deps.lockout.lockMinutes * 60_000) }
            : { failedLogins: failures },
        })
        // A locked account's sessions end: whoever is guessing holds one of them.
        if (locks) await tx.consoleSession.deleteMany({ where: { userId: user.id } })
        await writeAudit(tx, {
          actor: consoleActor(user),
          action: locks ? 'console_account_locked' : 'console_password_change_failed',
          entity: 'ConsoleUser',
          entityId: user.id,
          data: { reason: 'wrong_password', failures },
        })
      })
      throw new InvalidInput('currentPassword', 'is not right')
    }
    const passwordHash = await hashPassword(input.newPassword)
    await prisma.$transaction(async (tx) => {
      await tx.consoleUser.update({ where: { id: user.id }, data: { passwordHash, failedLogins: 0 } })
      await tx.consoleSession.deleteMany({ where: { userId: user.id, id: { not: input.keepSessionId } } })
      await writeAudit(tx, {
        actor: consoleActor(user),
        action: 'console_password_changed',
        entity: 'ConsoleUser',
        entityId: user.id,
      })
    })
  }

  /** Whether any account can sign in (then the console is a place where staff answer hand-offs). */
  async function anyActive(): Promise<boolean> {
    return (await prisma.consoleUser.count({ where: { active: true } })) > 0
  }

  /** Audits a sign-out. */
  async function signedOut(user: { userId: string; email: string }): Promise<void> {
    await writeAudit(prisma, {
      actor: consoleActor(user),
      action: 'console_logout',
      entity: 'ConsoleUser',
      entityId: user.userId,
    })
  }

  /** The audit trail (every part of the shop, not only the console), newest first. */
  function auditTrail(limit: number) {
    return prisma.auditLog.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit })
  }

  return {
    add,
    ensureOwner,
    authenticate,
    changePassword,
    list,
    find,
    setActive,
    anyActive,
    signedOut,
    auditTrail,
  }
}

export type ConsoleAccounts = ReturnType<typeof createConsoleAccounts>
