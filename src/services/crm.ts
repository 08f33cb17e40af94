/**
 * Customers and the channel identities they chat from: profiles, lookup by phone, and the ways an identity is
 * linked to a customer (admin, verified phone, order number + last 4 phone digits with limited tries).
 * Over 400 lines on purpose: every way of linking shares the identity upsert, the audit row and the limits on
 * failed tries, and they must stay side by side to be read as one policy.
 */
import { timingSafeEqual } from 'node:crypto'
import type { ChannelIdentity, Customer } from '../generated/prisma/client.ts'
import { Channel, type OrderStatus } from '../generated/prisma/enums.ts'
import { maskPhone } from '../i18n/format.ts'
import { writeAudit } from './audit.ts'
import type { Tx } from './db-types.ts'
import { CustomerNotFound, InvalidInput, OrderNotFound } from './errors.ts'
import type { ServiceDeps } from './index.ts'
import { customerOrderNumber } from './order-number.ts'
import { normalizePhone, phoneLastFour } from './phone.ts'
import {
  addressLimitKey,
  clearLimits,
  countEvent,
  customerLimitKey,
  defaultVerificationLimits,
  type LimitState,
  limitAddress,
  limitRules,
  lockedUntil,
  lockLimit,
  orderLimitKey,
  resetLimit,
} from './verification-limits.ts'

export interface CustomerProfile {
  id: string
  name: string
  /** "+62812****7890": never the whole number. */
  maskedPhone: string
  email: string | null
  memberSince: Date
  /** Every order, cancelled ones too. */
  orderCount: number
  /** Sum of the totals of orders not cancelled, in Rupiah. */
  totalSpent: number
  /** The 5 newest orders. */
  recentOrders: { orderNumber: string; status: OrderStatus; totalAmount: number; createdAt: Date }[]
}

export interface IdentityOptions {
  displayName?: string
  externalChatId?: string
  locale?: string
}

export type VerifyResult =
  | { ok: true; customer: Customer }
  | { ok: false; reason: 'mismatch' | 'locked'; retryAfterMinutes?: number }

/** Where a verification attempt comes from, besides the identity. */
export interface VerifyContext {
  /** The client's IP address (web chat), for the per-address limit. */
  address?: string
}

/** What staff lifted with clearVerificationLimits. */
export interface UnlockResult {
  orderNumber: string
  customerName: string
  /** Limit rows removed (0 when nothing was locked or counted). */
  cleared: number
}

/** Failed order+phone tries allowed per identity in one window. */
export const maxVerifyFailures = 5
const verifyWindowMs = 60 * 60_000
const txOptions = { maxWait: 10_000, timeout: 15_000 }

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 64
}

function requireId(field: string, value: unknown): string {
  if (!isId(value)) throw new InvalidInput(field, 'must be an id')
  return value
}

/** Printable text, trimmed and cut to `max` characters; empty becomes undefined. */
function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = value
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, max)
  return text || undefined
}

function requireActor(actor: unknown): string {
  const text = cleanText(actor, 100)
  if (!text) throw new InvalidInput('actor', 'must say who acts')
  return text
}

function sameDigits(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * A sender's identity as stored: the trimmed user id, and the display name, chat id and locale cleaned of
 * control characters and cut to their column sizes (absent when empty).
 * @throws InvalidInput for an unknown channel or a malformed user id
 */
export function cleanIdentityInput(channel: Channel, externalUserId: string, opts: IdentityOptions = {}) {
  if (!Object.hasOwn(Channel, channel)) throw new InvalidInput('channel', 'unknown channel')
  const userId = typeof externalUserId === 'string' ? externalUserId.trim() : ''
  if (!userId || userId.length > 128 || /\p{Cc}/u.test(userId)) {
    throw new InvalidInput('externalUserId', 'must be 1-128 printable characters')
  }
  const details = {
    displayName: cleanText(opts.displayName, 100),
    externalChatId: cleanText(opts.externalChatId, 128),
    locale: cleanText(opts.locale, 16),
  }
  return { userId, details }
}

export function createCrmService(deps: ServiceDeps) {
  const { prisma, log } = deps
  const rules = limitRules(deps.verificationLimits ?? defaultVerificationLimits)
  const minutesUntil = (end: Date, now: Date) => Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 60_000))

  /** Links inside a transaction: sets the customer and verifiedAt, clears failed tries, audits. */
  async function link(tx: Tx, identityId: string, customerId: string, actor: string, method: string): Promise<void> {
    const identity = await tx.channelIdentity.findUnique({ where: { id: identityId }, select: { customerId: true } })
    if (!identity) throw new InvalidInput('identityId', 'unknown identity')
    await tx.channelIdentity.update({
      where: { id: identityId },
      data: { customerId, verifiedAt: deps.now(), verifyFailures: 0, verifyWindowStart: null },
    })
    await writeAudit(tx, {
      actor,
      action: 'identity.link',
      entity: 'ChannelIdentity',
      entityId: identityId,
      data: { customerId, previousCustomerId: identity.customerId, method },
    })
  }

  /**
   * A customer's profile for the chat: masked phone, totals and the 5 newest orders (3 statements).
   * @throws CustomerNotFound
   */
  async function getCustomerProfile(customerId: string): Promise<CustomerProfile> {
    if (!isId(customerId)) throw new CustomerNotFound(String(customerId).slice(0, 64))
    const [customer, totals, recentOrders] = await Promise.all([
      prisma.customer.findUnique({ where: { id: customerId } }),
      prisma.order.groupBy({
        by: ['status'],
        where: { customerId },
        _count: { _all: true },
        _sum: { totalAmount: true },
      }),
      prisma.order.findMany({
        where: { customerId },
        orderBy: { createdAt: 'desc' },
        take: 5,
        select: { orderNumber: true, status: true, totalAmount: true, createdAt: true },
      }),
    ])
    if (!customer) throw new CustomerNotFound(customerId)
    return {
      id: customer.id,
      name: customer.name,
      maskedPhone: customer.phoneNumber ? maskPhone(customer.phoneNumber) : '-',
      email: customer.email,
      memberSince: customer.createdAt,
      orderCount: totals.reduce((n, g) => n + g._count._all, 0),
      totalSpent: totals.filter((g) => g.status !== 'CANCELLED').reduce((n, g) => n + (g._sum.totalAmount ?? 0), 0),
      recentOrders,
    }
  }

  /** The customer with this id; null when none (a server-to-server caller names customers by id). */
  async function findCustomer(customerId: string): Promise<Customer | null> {
    if (!isId(customerId)) return null
    return prisma.customer.findUnique({ where: { id: customerId } })
  }

  /** The customer with this phone number in any usual form; null when none (or not an Indonesian mobile). */
  async function findCustomerByPhone(phone: string): Promise<Customer | null> {
    const normalized = normalizePhone(phone)
    if (!normalized) return null
    return prisma.customer.findUnique({ where: { phoneNumber: normalized } })
  }

  /**
   * The identity of a sender on a channel, created on first contact; later contacts refresh the display name,
   * chat id and locale when given.
   * @throws InvalidInput for an unknown channel or a malformed user id
   */
  async function resolveIdentity(
    channel: Channel,
    externalUserId: string,
    opts: IdentityOptions = {},
  ): Promise<ChannelIdentity & { customer: Customer | null }> {
    const { userId, details } = cleanIdentityInput(channel, externalUserId, opts)
    const where = { channel_externalUserId: { channel, externalUserId: userId } }
    const args = { where, create: { channel, externalUserId: userId, ...details }, update: details }
    try {
      return await prisma.channelIdentity.upsert({ ...args, include: { customer: true } })
    } catch (error) {
      // Two first messages at once: both tried to create; the loser now finds the winner's row.
      if ((error as { code?: string }).code !== 'P2002') throw error
      return prisma.channelIdentity.update({ where, data: details, include: { customer: true } })
    }
  }

  /**
   * Links an identity to a customer (admin command, verified contact). Audited.
   * @throws CustomerNotFound, InvalidInput (unknown identity)
   */
  async function linkIdentity(identityId: string, customerId: string, actor: string): Promise<void> {
    requireId('identityId', identityId)
    if (!isId(customerId)) throw new CustomerNotFound(String(customerId).slice(0, 64))
    const who = requireActor(actor)
    await prisma.$transaction(async (tx) => {
      const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { id: true } })
      if (!customer) throw new CustomerNotFound(customerId)
      await link(tx, identityId, customerId, who, 'manual')
    }, txOptions)
  }

  /**
   * Links an identity by a phone number the channel has verified (a Telegram shared contact). Returns the
   * customer, or null (nothing changes) when no customer has that number.
   */
  async function linkByPhone(identityId: string, phone: string, actor: string): Promise<Customer | null> {
    requireId('identityId', identityId)
    const who = requireActor(actor)
    const normalized = normalizePhone(phone)
    if (!normalized) return null
    return prisma.$transaction(async (tx) => {
      const customer = await tx.customer.findUnique({ where: { phoneNumber: normalized } })
      if (!customer) return null
      await link(tx, identityId, customer.id, who, 'phone')
      return customer
    }, txOptions)
  }

  /**
   * For a channel whose sender id is a phone number the channel itself vouches for (WhatsApp: the sender's
   * WhatsApp id is their number): links the sender's identity, created when new, to the customer with that
   * number. An identity already linked stays as it is (one read). Returns the linked customer's id, or null when
   * no customer has that number.
   * @throws InvalidInput for an unknown channel or a malformed user id
   */
  async function linkChannelPhone(
    channel: Channel,
    externalUserId: string,
    phone: string,
    opts: IdentityOptions = {},
  ): Promise<string | null> {
    const { userId } = cleanIdentityInput(channel, externalUserId, opts)
    const existing = await prisma.channelIdentity.findUnique({
      where: { channel_externalUserId: { channel, externalUserId: userId } },
      select: { id: true, customerId: true },
    })
    if (existing?.customerId) return existing.customerId
    const customer = await findCustomerByPhone(phone)
    if (!customer) return null
    const identityId = existing?.id ?? (await resolveIdentity(channel, userId, opts)).id
    const linked = await linkByPhone(identityId, phone, `${channel}:phone`)
    return linked?.id ?? null
  }

  /**
   * Proves ownership with an order number and the last 4 digits of the phone number on that order; on success
   * the identity is linked to the order's customer. Refused as 'locked' (even with the right digits) while any
   * limit holds: 5 failed tries per identity in an hour, and the limits of verification-limits.ts per order number,
   * per customer and per client address. An unknown order and wrong digits give the same 'mismatch', and are
   * counted alike. Staff are alerted when an order or a customer gets locked.
   * @throws InvalidInput for malformed input (not counted as a try)
   */
  async function verifyByOrderAndPhone(
    identityId: string,
    orderNumber: string,
    phoneLast4: string,
    context: VerifyContext = {},
  ): Promise<VerifyResult> {
    requireId('identityId', identityId)
    const number = typeof orderNumber === 'string' ? customerOrderNumber(orderNumber) : null
    if (!number) throw new InvalidInput('orderNumber', 'must be an order number like ORD-2025-001 or 5001')
    const digits = typeof phoneLast4 === 'string' ? phoneLast4.trim() : ''
    if (!/^\d{4}$/.test(digits)) throw new InvalidInput('phoneLast4', 'must be 4 digits')
    const address = limitAddress(context.address)
    const now = deps.now()

    return prisma.$transaction(async (tx): Promise<VerifyResult> => {
      const locked = (until: Date, scope: string): VerifyResult => {
        log.warn({ identityId, scope }, 'verification refused: locked after too many tries')
        return { ok: false, reason: 'locked', retryAfterMinutes: minutesUntil(until, now) }
      }
      // Tries of one identity are counted one at a time, so parallel guesses cannot slip past the limit.
      await tx.$queryRaw`SELECT "id" FROM "ChannelIdentity" WHERE "id" = ${identityId} FOR UPDATE`
      const identity = await tx.channelIdentity.findUnique({
        where: { id: identityId },
        select: { verifyFailures: true, verifyWindowStart: true },
      })
      if (!identity) throw new InvalidInput('identityId', 'unknown identity')
      const windowStart = identity.verifyWindowStart
      const windowOpen = windowStart !== null && now.getTime() - windowStart.getTime() < verifyWindowMs
      const failures = windowOpen ? identity.verifyFailures : 0
      if (windowOpen && failures >= maxVerifyFailures) {
        return locked(new Date(windowStart.getTime() + verifyWindowMs), 'identity')
      }

      // Every try from an address counts, whatever its outcome; a refused one is not a guess and costs nothing.
      if (address) {
        const state = await lockLimit(tx, addressLimitKey(address), now)
        const until = lockedUntil(state, rules.address, now)
        if (until) return locked(until, 'address')
        await countEvent(tx, state, rules.address, now)
      }
      const orderState = await lockLimit(tx, orderLimitKey(number), now)
      const orderUntil = lockedUntil(orderState, rules.order, now)
      if (orderUntil) return locked(orderUntil, 'order')
      const order = await tx.order.findUnique({ where: { orderNumber: number }, select: { customer: true } })
      const customer = order?.customer ?? null
      let customerState: LimitState | null = null
      if (customer) {
        customerState = await lockLimit(tx, customerLimitKey(customer.id), now)
        const customerUntil = lockedUntil(customerState, rules.customer, now)
        if (customerUntil) return locked(customerUntil, 'customer')
      }

      if (!customer?.phoneNumber || !sameDigits(phoneLastFour(customer.phoneNumber), digits)) {
        await tx.channelIdentity.update({
          where: { id: identityId },
          data: { verifyFailures: failures + 1, verifyWindowStart: windowOpen ? windowStart : now },
        })
        const byOrder = await countEvent(tx, orderState, rules.order, now)
        const byCustomer = customerState ? await countEvent(tx, customerState, rules.customer, now) : null
        if (customer && byOrder.lockedUntil) {
          await alertLocked(tx, 'order', number, customer, byOrder.count, byOrder.lockedUntil)
        }
        if (customer && byCustomer?.lockedUntil) {
          await alertLocked(tx, 'customer', number, customer, byCustomer.count, byCustomer.lockedUntil)
        }
        return { ok: false, reason: 'mismatch' }
      }
      await resetLimit(tx, orderState.key)
      if (customerState) await resetLimit(tx, customerState.key)
      await link(tx, identityId, customer.id, `identity:${identityId}`, 'order_phone')
      return { ok: true, customer }
    }, txOptions)
  }

  /** Staff hear of a new lock through the outbox; the audit log keeps it too. */
  async function alertLocked(
    tx: Tx,
    scope: 'order' | 'customer',
    orderNumber: string,
    customer: Customer,
    failures: number,
    until: Date,
  ): Promise<void> {
    log.warn({ scope, orderNumber, failures }, 'verification locked after too many failed tries')
    const lockedUntil = until.toISOString()
    await tx.notification.create({
      data: {
        audience: 'admin',
        kind: 'verification_locked',
        payload: { scope, orderNumber, customerName: customer.name, failures, lockedUntil },
      },
    })
    await writeAudit(tx, {
      actor: 'system',
      action: 'verification.locked',
      entity: scope === 'order' ? 'Order' : 'Customer',
      entityId: scope === 'order' ? orderNumber : customer.id,
      data: { orderNumber, failures, lockedUntil },
    })
  }

  /**
   * Lifts the verification locks and counts of an order number and of its customer (staff, when the real
   * customer asks for access). Audited.
   * @throws OrderNotFound, InvalidInput (no actor)
   */
  async function clearVerificationLimits(orderNumber: string, actor: string): Promise<UnlockResult> {
    const who = requireActor(actor)
    const number = typeof orderNumber === 'string' ? customerOrderNumber(orderNumber) : null
    if (!number) throw new OrderNotFound(String(orderNumber).slice(0, 64))
    return prisma.$transaction(async (tx) => {
      const order = await tx.order.findUnique({
        where: { orderNumber: number },
        select: { id: true, customer: { select: { id: true, name: true } } },
      })
      if (!order) throw new OrderNotFound(number)
      const cleared = await clearLimits(tx, [orderLimitKey(number), customerLimitKey(order.customer.id)])
      await writeAudit(tx, {
        actor: who,
        action: 'verification.unlock',
        entity: 'Order',
        entityId: order.id,
        data: { orderNumber: number, customerId: order.customer.id, cleared },
      })
      return { orderNumber: number, customerName: order.customer.name, cleared }
    }, txOptions)
  }

  /** The identity of a sender when it exists; never creates one (a web page load must not write). */
  async function findIdentity(channel: Channel, externalUserId: string): Promise<ChannelIdentity | null> {
    if (!Object.hasOwn(Channel, channel) || typeof externalUserId !== 'string') return null
    const userId = externalUserId.trim()
    if (!userId || userId.length > 128) return null
    return prisma.channelIdentity.findUnique({ where: { channel_externalUserId: { channel, externalUserId: userId } } })
  }

  return {
    normalizePhone,
    getCustomerProfile,
    findCustomer,
    findCustomerByPhone,
    resolveIdentity,
    linkIdentity,
    linkByPhone,
    linkChannelPhone,
    verifyByOrderAndPhone,
    clearVerificationLimits,
    findIdentity,
  }
}

export type CrmService = ReturnType<typeof createCrmService>
