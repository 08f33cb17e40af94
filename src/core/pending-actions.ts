/**
 * Writes that wait for the customer's own button press (DESIGN §5). cancel_order and update_shipping_address
 * only create a PendingAction with a one-time token; the write happens here, when the same customer presses
 * "Ya" on a channel. A token is claimed atomically (a conditional UPDATE), so a double press, a reused or
 * expired token, or someone else's token changes nothing.
 */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { PendingActionRequest, PendingActions } from '../../tools/types.ts'
import { pendingActionTtlMinutes } from '../../tools/types.ts'
import type { Db } from '../db/client.ts'
import type { PendingAction } from '../generated/prisma/client.ts'
import type { OrderStatus } from '../generated/prisma/enums.ts'
import { formatRupiah, type Locale, orderStatusLabels } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { Logger } from '../logger.ts'
import { AddressNotChangeable, isDomainError, OrderNotCancellable } from '../services/errors.ts'
import type { Services } from '../services/index.ts'
import type { Identity, Reply } from './types.ts'

export interface PendingActionStoreDeps {
  prisma: Db
  now: () => Date
}

export interface PendingActionDeps extends PendingActionStoreDeps {
  services: Services
  log: Logger
}

/** Outcomes stored on the row once it is used. */
export type PendingActionOutcome = 'confirming' | 'confirmed' | 'rejected' | 'superseded' | `failed:${string}`

const ttlMs = pendingActionTtlMinutes * 60_000
/** 32 random bytes in base64url are 43 characters; anything else is not one of ours. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/

const cancelArgs = z.object({ orderNumber: z.string(), reason: z.string().optional() })
const addressArgs = z.object({ orderNumber: z.string(), newAddress: z.string() })

/** What makes two requests the same change: the action and its arguments, apart from the stated reason. */
function sameChange(row: Pick<PendingAction, 'action' | 'args'>, request: PendingActionRequest): boolean {
  const { reason: _a, ...rowArgs } = (row.args ?? {}) as Record<string, unknown>
  const { reason: _b, ...requestArgs } = request.args
  return row.action === request.action && JSON.stringify(rowArgs) === JSON.stringify(requestArgs)
}

/**
 * Stores a pending action and returns its one-time token (valid for ten minutes). A conversation has at most one
 * live pending action per order: asking again for the same change returns the one already waiting (same token,
 * same buttons), and a different change for that order replaces it (the old buttons then answer "already used").
 */
export async function createPendingAction(
  deps: PendingActionStoreDeps,
  request: PendingActionRequest,
): Promise<{ token: string; expiresAt: Date }> {
  const now = deps.now()
  const orderNumber = request.args.orderNumber
  if (request.conversationId && orderNumber) {
    const live = await deps.prisma.pendingAction.findMany({
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
      await deps.prisma.pendingAction.updateMany({
        where: { id: { in: live.map((row) => row.id) }, usedAt: null },
        data: { usedAt: now, outcome: 'superseded' satisfies PendingActionOutcome },
      })
    }
  }
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + ttlMs)
  await deps.prisma.pendingAction.create({
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
}

/** The `PendingActions` the tools receive in their context. */
export function createPendingActionStore(deps: PendingActionStoreDeps): PendingActions {
  return { create: (request) => createPendingAction(deps, request) }
}

/** Why a token could not be claimed, as a reply. */
async function refusal(deps: PendingActionDeps, token: string, identity: Identity, locale: Locale): Promise<Reply> {
  const row = tokenPattern.test(token) ? await deps.prisma.pendingAction.findUnique({ where: { token } }) : null
  if (!row) return { text: t(locale, 'pending.notFound') }
  if (row.customerId !== identity.customerId) return { text: t(locale, 'pending.foreign') }
  if (row.usedAt) return { text: t(locale, 'pending.used') }
  return { text: t(locale, 'pending.expired', { minutes: pendingActionTtlMinutes }) }
}

async function finish(deps: PendingActionDeps, id: string, outcome: PendingActionOutcome): Promise<void> {
  try {
    await deps.prisma.pendingAction.update({ where: { id }, data: { outcome } })
  } catch (error) {
    deps.log.error({ err: error, pendingActionId: id }, 'pending action outcome not stored')
  }
}

function statusLabel(status: string, locale: Locale): string {
  return orderStatusLabels[status as OrderStatus]?.[locale] ?? status
}

async function execute(deps: PendingActionDeps, row: PendingAction, locale: Locale): Promise<Reply> {
  const actor = `customer:${row.customerId}`
  if (row.action === 'cancel_order') {
    const args = cancelArgs.parse(row.args)
    const { order, paymentStatus, refund } = await deps.services.orders.cancelOrder(
      row.customerId,
      args.orderNumber,
      args.reason,
      actor,
    )
    const refunding = paymentStatus === 'REFUND_PENDING' || paymentStatus === 'REFUNDED'
    const amount = formatRupiah(order.payment?.amount ?? order.totalAmount)
    const refundLine = refunding
      ? t(locale, refund?.manual ? 'pending.refundManual' : 'pending.refundStarted', { amount })
      : null
    const done = t(locale, 'pending.cancelDone', { orderNumber: order.orderNumber })
    return { text: refundLine ? `${done}\n${refundLine}` : done }
  }
  if (row.action === 'update_shipping_address') {
    const args = addressArgs.parse(row.args)
    const order = await deps.services.orders.updateShippingAddress(
      row.customerId,
      args.orderNumber,
      args.newAddress,
      actor,
    )
    return {
      text: t(locale, 'pending.addressDone', { orderNumber: order.orderNumber, address: order.shippingAddress }),
    }
  }
  throw new Error(`unknown pending action ${row.action}`)
}

/**
 * The customer pressed "Ya": claims the token (same customer, unused, not expired) and runs the write once.
 * Never throws; every outcome is a Reply.
 */
export async function confirmPendingAction(
  deps: PendingActionDeps,
  token: string,
  identity: Identity,
  locale: Locale = 'id',
): Promise<Reply> {
  try {
    if (!identity.customerId || !tokenPattern.test(token)) return await refusal(deps, token, identity, locale)
    const now = deps.now()
    const claimed = await deps.prisma.pendingAction.updateMany({
      where: { token, customerId: identity.customerId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, outcome: 'confirming' satisfies PendingActionOutcome },
    })
    if (claimed.count !== 1) return await refusal(deps, token, identity, locale)
    const row = await deps.prisma.pendingAction.findUniqueOrThrow({ where: { token } })
    try {
      const reply = await execute(deps, row, locale)
      await finish(deps, row.id, 'confirmed')
      return reply
    } catch (error) {
      const code = isDomainError(error) ? error.code : 'internal_error'
      await finish(deps, row.id, `failed:${code}`)
      if (error instanceof OrderNotCancellable) {
        return {
          text: t(locale, 'pending.cancelFailed', {
            orderNumber: error.orderNumber,
            status: statusLabel(error.status, locale),
          }),
        }
      }
      if (error instanceof AddressNotChangeable) {
        return {
          text: t(locale, 'pending.addressFailed', {
            orderNumber: error.orderNumber,
            status: statusLabel(error.status, locale),
          }),
        }
      }
      if (!isDomainError(error)) deps.log.error({ err: error, action: row.action }, 'pending action failed')
      return { text: t(locale, 'pending.failed') }
    }
  } catch (error) {
    deps.log.error({ err: error }, 'pending action could not be confirmed')
    return { text: t(locale, 'pending.failed') }
  }
}

/**
 * The customer pressed "Tidak": marks the token used with outcome 'rejected' and changes nothing else. An
 * expired but unused token may still be rejected (the answer is true either way).
 */
export async function rejectPendingAction(
  deps: PendingActionDeps,
  token: string,
  identity: Identity,
  locale: Locale = 'id',
): Promise<Reply> {
  try {
    if (!identity.customerId || !tokenPattern.test(token)) return await refusal(deps, token, identity, locale)
    const claimed = await deps.prisma.pendingAction.updateMany({
      where: { token, customerId: identity.customerId, usedAt: null },
      data: { usedAt: deps.now(), outcome: 'rejected' satisfies PendingActionOutcome },
    })
    if (claimed.count !== 1) return await refusal(deps, token, identity, locale)
    const row = await deps.prisma.pendingAction.findUniqueOrThrow({ where: { token } })
    const orderNumber = z.object({ orderNumber: z.string() }).safeParse(row.args).data?.orderNumber ?? ''
    return {
      text:
        row.action === 'update_shipping_address'
          ? t(locale, 'pending.addressRejected', { orderNumber })
          : t(locale, 'pending.cancelRejected', { orderNumber }),
    }
  } catch (error) {
    deps.log.error({ err: error }, 'pending action could not be rejected')
    return { text: t(locale, 'pending.failed') }
  }
}

/** Confirm and reject bound to their dependencies: the core's `ButtonPresses`. */
export function createPendingActionButtons(deps: PendingActionDeps) {
  return {
    confirm: (token: string, identity: Identity, locale: Locale = 'id') =>
      confirmPendingAction(deps, token, identity, locale),
    reject: (token: string, identity: Identity, locale: Locale = 'id') =>
      rejectPendingAction(deps, token, identity, locale),
  }
}
