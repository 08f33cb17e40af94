/**
 * The pending actions of writes that wait for the customer's own button press (DESIGN §5): a one-time token per
 * staged write, claimed atomically (a conditional UPDATE), so a double press, a reused or expired token, or
 * someone else's token changes nothing. What the write does is the tool's (its `confirmed` effect); the core's
 * confirmations (src/core/confirmations.ts) run it once a token is claimed.
 */
import { randomBytes } from 'node:crypto'
import type { Db } from '../db/client.ts'
import type { PendingAction } from '../generated/prisma/client.ts'

export interface PendingActionStoreDeps {
  prisma: Db
  now: () => Date
}

/** How long a confirmation button stays valid. */
export const pendingActionTtlMinutes = 10

/** Outcomes stored on the row once it is used. */
export type PendingActionOutcome = 'confirming' | 'confirmed' | 'rejected' | 'superseded' | `failed:${string}`

/** A write to stage: the tool that asked for it and its arguments. */
export interface PendingActionRequest {
  customerId: string
  identityId: string
  conversationId?: string
  /** The staging tool's name: its `confirmed` effect runs the write. */
  action: string
  args: Record<string, string>
}

/** Why a token could not be claimed. */
export type Refusal = 'not_found' | 'foreign' | 'used' | 'expired'

export interface PendingActionStore {
  /**
   * Stores a pending action and returns its one-time token (valid for `pendingActionTtlMinutes`). A conversation has at most
   * one live pending action per order: asking again for the same change returns the one already waiting (same
   * token), and a different change for that order replaces it (the old buttons then answer "already used").
   */
  create(request: PendingActionRequest): Promise<{ token: string; expiresAt: Date }>
  /** Claims an unused, unexpired token of this customer for confirming; null when it cannot be claimed. */
  claimForConfirm(token: string, customerId: string): Promise<PendingAction | null>
  /** Marks an unused token of this customer rejected (an expired one too); null when it cannot be. */
  claimForReject(token: string, customerId: string): Promise<PendingAction | null>
  /** Why `token` could not be claimed by this customer. */
  refusal(token: string, customerId: string | null): Promise<Refusal>
  /** Stores how a claimed action ended. */
  finish(id: string, outcome: PendingActionOutcome): Promise<void>
}

/** 32 random bytes in base64url are 43 characters; anything else is not one of ours. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/

/** A new one-time token (also for writes the shop stages outside a chat: a COD order's confirmation request). */
export function newPendingToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What makes two requests the same change: the action and its arguments, apart from the stated reason. */
function sameChange(row: Pick<PendingAction, 'action' | 'args'>, request: PendingActionRequest): boolean {
  const { reason: _a, ...rowArgs } = (row.args ?? {}) as Record<string, unknown>
  const { reason: _b, ...requestArgs } = request.args
  return row.action === request.action && JSON.stringify(rowArgs) === JSON.stringify(requestArgs)
}

export function createPendingActionStore(deps: PendingActionStoreDeps): PendingActionStore {
  const { prisma } = deps
  const ttlMs = pendingActionTtlMinutes * 60_000
  return {
    async create(request) {
      const now = deps.now()
      const orderNumber = request.args.orderNumber
      if (request.conversationId && orderNumber) {
        const live = await prisma.pendingAction.findMany({
          where: {
            conversationId: request.conversationId,
            customerId: request.customerId,
            usedAt: null,
            args: { path: ['orderNumber'], equals: orderNumber },
          },
          orderBy: { createdAt: 'desc' },
        })
        const reusable = live.find((row) => row.expiresAt > now && sameChange(row, request))
        if (reusable) return { token: reusable.token, expiresAt: reusable.expiresAt }
        if (live.length > 0) {
          await prisma.pendingAction.updateMany({
            where: { id: { in: live.map((row) => row.id) }, usedAt: null },
            data: { usedAt: now, outcome: 'superseded' satisfies PendingActionOutcome },
          })
        }
      }
      const token = newPendingToken()
      const expiresAt = new Date(now.getTime() + ttlMs)
      await prisma.pendingAction.create({
        data: {
          token,
          customerId: request.customerId,
          identityId: request.identityId,
          conversationId: request.conversationId ?? null,
          action: request.action,
          args: request.args,
          expiresAt,
        },
      })
      return { token, expiresAt }
    },

    async claimForConfirm(token, customerId) {
      if (!tokenPattern.test(token)) return null
      const now = deps.now()
      const claimed = await prisma.pendingAction.updateMany({
        where: { token, customerId, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now, outcome: 'confirming' satisfies PendingActionOutcome },
      })
      return claimed.count === 1 ? prisma.pendingAction.findUniqueOrThrow({ where: { token } }) : null
    },

    async claimForReject(token, customerId) {
      if (!tokenPattern.test(token)) return null
      const claimed = await prisma.pendingAction.updateMany({
        where: { token, customerId, usedAt: null },
        data: { usedAt: deps.now(), outcome: 'rejected' satisfies PendingActionOutcome },
      })
      return claimed.count === 1 ? prisma.pendingAction.findUniqueOrThrow({ where: { token } }) : null
    },

    async refusal(token, customerId) {
      const row = tokenPattern.test(token) ? await prisma.pendingAction.findUnique({ where: { token } }) : null
      if (!row) return 'not_found'
      if (row.customerId !== customerId) return 'foreign'
      if (row.usedAt) return 'used'
      return 'expired'
    },

    async finish(id, outcome) {
      await prisma.pendingAction.update({ where: { id }, data: { outcome } })
    },
  }
}
