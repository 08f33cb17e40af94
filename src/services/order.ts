/**
 * Orders: what a customer sees of their own orders, and the two writes a customer may ask for (cancel, change
 * the address). Every function takes the customer id first and scopes its queries by it, so another customer's
 * order is simply "not found". Reads take one or two SQL statements (the relationJoins preview feature
 * loads an order with all its relations in one).
 * Over 400 lines on purpose: the cancel and the address change share the order's row lock, status rules and audit
 * within one transaction, and the reads share one relation shape; split, each half would re-derive the other's.
 */
import type { RefundResult } from '../gateways/payment.ts'
import type { Order, OrderItem, Payment, Prisma, ShippingEvent, ShippingTracking } from '../generated/prisma/client.ts'
import type { OrderStatus, PaymentStatus } from '../generated/prisma/enums.ts'
import {
  carrierNames,
  formatDate,
  formatRupiah,
  type Locale,
  orderStatusEmoji,
  orderStatusLabels,
  paymentStatusEmoji,
  paymentStatusLabels,
  shippingStatusLabels,
} from '../i18n/format.ts'
import { writeAudit } from './audit.ts'
import type { DbOrTx } from './db-types.ts'
import { AddressNotChangeable, InvalidInput, OrderNotCancellable, OrderNotFound } from './errors.ts'
import type { ServiceDeps } from './index.ts'
import { orderCardOf, orderCardText } from './order-card.ts'
import { customerOrderNumber } from './order-number.ts'
import { applyStockDelta } from './stock-movement.ts'

/** One order with everything the customer may ask about it. */
export type OrderDetail = Order & {
  items: OrderItem[]
  payment: Payment | null
  shipping: (ShippingTracking & { events: ShippingEvent[] }) | null
}

/** getOrderSummary's answer. */
export interface OrderSummary {
  totalOrders: number
  /** PENDING, PROCESSING or SHIPPED. */
  activeOrders: number
  /** Sum of totalAmount over the orders that are not CANCELLED. */
  totalSpent: number
  /** The 5 newest. */
  recentOrders: { orderNumber: string; status: OrderStatus; totalAmount: number; createdAt: Date }[]
}

/** cancelOrder's answer. */
export interface CancelResult {
  order: OrderDetail
  paymentStatus: PaymentStatus | null
  /** The gateway's answer when a paid order's refund was requested (absent when the request failed). */
  refund?: RefundResult
}

/** The outbox task that (re)requests a cancelled order's refund until the gateway takes it. */
export const refundTaskKind = 'refund_request'

/** When the outbox first retries a refund whose request at cancel time failed (later tries back off). */
export const refundFirstRetryMs = 60_000

/** Statuses from which a customer may still cancel or change the address. */
export const openOrderStatuses = ['PENDING', 'PROCESSING'] as const satisfies readonly OrderStatus[]
const activeOrderStatuses: readonly OrderStatus[] = ['PENDING', 'PROCESSING', 'SHIPPED']

const maxCancelReasonLength = 500
const addressLengthLimits = { min: 10, max: 300 } as const

/** Items in the order they were added, payment, and the shipment with its events oldest first. */
export const orderDetailInclude = {
  items: { orderBy: { id: 'asc' } },
  payment: true,
  shipping: { include: { events: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] } } },
} as const satisfies Prisma.OrderInclude

// PGlite runs one transaction at a time, so concurrent writers queue: give them room to wait.
const txOptions = { maxWait: 10_000, timeout: 15_000 }

/**
 * The idempotency key of an order's refund: the same on every retry, so the gateway refunds once.
 * @example refundKeyFor('ORD-2025-004') // 'ORD-2025-004-refund'
 */
export function refundKeyFor(orderNumber: string): string {
  return `${orderNumber}-refund`
}

/** One of the customer's orders by (canonical) number, with its relations; null when there is none. */
export function findCustomerOrder(db: DbOrTx, customerId: string, orderNumber: string): Promise<OrderDetail | null> {
  return db.order.findFirst({ where: { customerId, orderNumber }, include: orderDetailInclude })
}

/** The canonical order number, or OrderNotFound for anything that is not one (never echoes the input). */
export function orderNumberOrNotFound(customerId: unknown, input: unknown): string {
  const orderNumber = typeof input === 'string' ? customerOrderNumber(input) : null
  if (!orderNumber || typeof customerId !== 'string' || customerId === '') {
    throw new OrderNotFound(orderNumber ?? 'unknown')
  }
  return orderNumber
}

/** Loads the customer's order or throws OrderNotFound (missing and someone else's look the same). */
export async function requireCustomerOrder(db: DbOrTx, customerId: unknown, input: unknown): Promise<OrderDetail> {
  const orderNumber = orderNumberOrNotFound(customerId, input)
  const order = await findCustomerOrder(db, customerId as string, orderNumber)
  if (!order) throw new OrderNotFound(orderNumber)
  return order
}

function isOpen(status: OrderStatus): boolean {
  return (openOrderStatuses as readonly OrderStatus[]).includes(status)
}

/** Trims the cancel reason; empty means none. Longer than 500 characters or with control characters: InvalidInput. */
function cleanReason(reason: unknown): string | null {
  if (reason === undefined || reason === null) return null
  if (typeof reason !== 'string') throw new InvalidInput('reason', 'must be text')
  if (reason.length > maxCancelReasonLength * 4) throw new InvalidInput('reason', 'too long')
  const text = reason.trim().replace(/\s+/g, ' ')
  if (text.length > maxCancelReasonLength)
    throw new InvalidInput('reason', `at most ${maxCancelReasonLength} characters`)
  if (/[\p{Cc}<>]/u.test(text)) throw new InvalidInput('reason', 'control characters or angle brackets')
  return text === '' ? null : text
}

// Letters (any script), digits, spaces and the punctuation addresses use ("Jl. A No. 5, RT 01/RW 02 (belakang)").
const addressCharacters = /^[\p{L}\p{M}\p{N} .,\-/#()'&:+]+$/u

/**
 * A new shipping address, cleaned: trimmed, whitespace (also line breaks) collapsed to single spaces. 10–300
 * characters of letters, digits and address punctuation, with at least one letter; anything else (control
 * characters, angle brackets, quotes, semicolons, emoji) → InvalidInput('address', ...).
 * @example validateAddress('  Jl. Sudirman No. 5,\n Bandung 40111 ') // 'Jl. Sudirman No. 5, Bandung 40111'
 */
export function validateAddress(newAddress: string): string {
  if (typeof newAddress !== 'string') throw new InvalidInput('address', 'must be text')
  // Cheap bound first, so a huge input never reaches the regular expressions.
  if (newAddress.length > addressLengthLimits.max * 4) throw new InvalidInput('address', 'too long')
  const address = newAddress.trim().replace(/\s+/g, ' ')
  const { min, max } = addressLengthLimits
  if (address.length < min || address.length > max) {
    throw new InvalidInput('address', `must be ${min}-${max} characters`)
  }
  if (/[\p{Cc}<>]/u.test(address)) throw new InvalidInput('address', 'control characters or angle brackets')
  if (!addressCharacters.test(address) || !/\p{L}/u.test(address)) {
    throw new InvalidInput('address', "only letters, digits, spaces and . , - / # ( ) ' & : +")
  }
  return address
}

/**
 * An order as light-markdown chat text: number, status with emoji, items with prices, totals, address, payment
 * and waybill (order-card.ts writes it).
 * @example formatOrderForChat(order) // "📦 **Pesanan ORD-2025-001**\nStatus: 🚚 Dikirim\n..."
 */
export function formatOrderForChat(order: OrderDetail, locale: Locale = 'id'): string {
  return orderCardText(orderCardOf(order), locale)
}

/** The order service (`services.orders`): reads scoped by customer, cancel and address change. */
export function createOrderService(deps: ServiceDeps) {
  const { prisma, log } = deps

  /** Cancels inside one transaction; returns what the refund step after the commit needs. */
  async function cancelInTransaction(customerId: string, orderNumber: string, reason: string | null, actor: string) {
    return prisma.$transaction(async (tx) => {
      // Lock the order row before reading it, as payment updates do, so a settlement that commits meanwhile is
      // seen here (and refunded) instead of being overwritten by a stale read.
      const [locked] = await tx.$queryRaw<{ status: OrderStatus }[]>`
        SELECT "status"::text AS "status" FROM "Order"
        WHERE "orderNumber" = ${orderNumber} AND "customerId" = ${customerId} FOR UPDATE`
      if (!locked) throw new OrderNotFound(orderNumber)
      if (!isOpen(locked.status)) throw new OrderNotCancellable(orderNumber, locked.status)
      const order = await findCustomerOrder(tx, customerId, orderNumber)
      if (!order) throw new OrderNotFound(orderNumber)
      // The conditional update guarantees that of concurrent cancels exactly one sees count 1.
      const won = await tx.order.updateMany({
        where: { id: order.id, status: { in: [...openOrderStatuses] } },
        data: { status: 'CANCELLED', cancelReason: reason, cancelledAt: deps.now() },
      })
      if (won.count !== 1) {
        const now = await tx.order.findUnique({ where: { id: order.id }, select: { status: true } })
        throw new OrderNotCancellable(orderNumber, now?.status ?? 'CANCELLED')
      }
      // An item whose SKU is not in our catalogue (from the shop's own data) has no stock here to return.
      for (const item of order.items) {
        if (item.productId === null) continue
        await applyStockDelta(tx, {
          sku: item.sku,
          delta: item.quantity,
          reason: 'order_cancelled',
          actor,
          orderId: order.id,
        })
      }
      const payment = order.payment
      let paymentStatus: PaymentStatus | null = payment?.status ?? null
      let refundKey: string | null = null
      let refundTaskId: string | null = null
      if (payment?.status === 'PENDING') {
        await tx.payment.updateMany({ where: { id: payment.id, status: 'PENDING' }, data: { status: 'CANCELLED' } })
        paymentStatus = 'CANCELLED'
      } else if (payment?.status === 'COMPLETED') {
        refundKey = payment.refundKey ?? refundKeyFor(orderNumber)
        await tx.payment.updateMany({
          where: { id: payment.id, status: 'COMPLETED' },
          data: { status: 'REFUND_PENDING', refundKey },
        })
        paymentStatus = 'REFUND_PENDING'
        // Queued with the cancel, so a refund whose request fails (or never runs, after a crash) is retried.
        const task = await tx.notification.create({
          data: {
            customerId,
            audience: 'task',
            kind: refundTaskKind,
            payload: { orderNumber, amount: payment.amount },
            nextAttemptAt: new Date(deps.now().getTime() + refundFirstRetryMs),
          },
        })
        refundTaskId = task.id
      }
      await writeAudit(tx, {
        actor,
        action: 'order.cancel',
        entity: 'Order',
        entityId: order.id,
        data: {
          orderNumber,
          previousStatus: order.status,
          reason,
          paymentStatus: { from: payment?.status ?? null, to: paymentStatus },
        },
      })
      return { order, paymentStatus, refundKey, refundTaskId }
    }, txOptions)
  }

  /** Records the refund the gateway confirmed: REFUNDED (from REFUND_PENDING only) with an audit row. */
  async function markRefunded(
    paymentId: string,
    orderNumber: string,
    refundKey: string,
    amount: number,
    actor: string,
  ) {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.payment.updateMany({
        where: { id: paymentId, status: 'REFUND_PENDING' },
        data: { status: 'REFUNDED' },
      })
      if (count === 0) return
      await writeAudit(tx, {
        actor,
        action: 'payment.refunded',
        entity: 'Payment',
        entityId: paymentId,
        data: { orderNumber, refundKey, amount },
      })
    }, txOptions)
  }

  /** The refund task is done (the gateway took the request): the outbox leaves it. */
  async function finishRefundTask(taskId: string | null) {
    if (!taskId) return
    await prisma.notification.updateMany({
      where: { id: taskId, status: 'PENDING' },
      data: { status: 'SENT', sentAt: deps.now(), attempts: { increment: 1 }, lastError: null },
    })
  }

  /** Asks the gateway to refund (or void) after the commit; a failure is logged and the payment stays put. */
  async function settleWithGateway(
    cancelled: Awaited<ReturnType<typeof cancelInTransaction>>,
    orderNumber: string,
    reason: string | null,
    actor: string,
  ): Promise<{ paymentStatus: PaymentStatus | null; refund?: RefundResult }> {
    const { order, refundKey } = cancelled
    const payment = order.payment
    if (!payment) return { paymentStatus: cancelled.paymentStatus }
    if (refundKey) {
      let refund: RefundResult
      try {
        refund = await deps.paymentGateway.refund(orderNumber, {
          refundKey,
          amount: payment.amount,
          reason: reason ?? 'order cancelled',
        })
      } catch (error) {
        log.warn({ err: error, orderNumber }, 'refund request failed; the outbox retries it')
        await prisma.notification
          .updateMany({
            where: { id: cancelled.refundTaskId ?? '', status: 'PENDING' },
            data: { attempts: { increment: 1 }, lastError: String((error as Error).message ?? error).slice(0, 500) },
          })
          .catch((e: unknown) => log.error({ err: e, orderNumber }, 'refund retry not recorded'))
        return { paymentStatus: 'REFUND_PENDING' }
      }
      await finishRefundTask(cancelled.refundTaskId)
      if (refund.status !== 'REFUNDED') return { paymentStatus: 'REFUND_PENDING', refund }
      await markRefunded(payment.id, orderNumber, refundKey, payment.amount, actor)
      return { paymentStatus: 'REFUNDED', refund }
    }
    // An unpaid virtual account should stop accepting money; COD and the offline gateway have nothing to void.
    if (cancelled.paymentStatus === 'CANCELLED' && payment.method !== 'cod' && deps.paymentGateway.name !== 'offline') {
      try {
        await deps.paymentGateway.cancel(orderNumber)
      } catch (error) {
        log.warn({ err: error, orderNumber }, 'voiding the payment at the gateway failed')
      }
    }
    return { paymentStatus: cancelled.paymentStatus }
  }

  return {
    /** The customer's orders, newest first (default 20, at most 100). */
    async getCustomerOrders(customerId: string, opts: { limit?: number } = {}): Promise<OrderDetail[]> {
      if (typeof customerId !== 'string' || customerId === '') return []
      const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 20) || 20, 1), 100)
      return prisma.order.findMany({
        where: { customerId },
        include: orderDetailInclude,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      })
    },

    /**
     * One of the customer's orders; loose forms ("ord 2025 001") accepted. Unknown, someone else's, or not an
     * order number at all → OrderNotFound.
     */
    getOrderByNumber(customerId: string, orderNumber: string): Promise<OrderDetail> {
      return requireCustomerOrder(prisma, customerId, orderNumber)
    },

    /**
     * Which of these numbers (written bare in a message: "5001 sudah dikirim?") are the customer's own orders, as
     * stored (any case matches). At most 10 are looked at; one SQL statement.
     */
    async ownOrderNumbers(customerId: string, candidates: readonly string[]): Promise<string[]> {
      const numbers = candidates.filter((c) => typeof c === 'string' && c.length > 0 && c.length <= 64).slice(0, 10)
      if (typeof customerId !== 'string' || customerId === '' || numbers.length === 0) return []
      const rows = await prisma.order.findMany({
        where: { customerId, OR: numbers.map((n) => ({ orderNumber: { equals: n, mode: 'insensitive' as const } })) },
        select: { orderNumber: true },
        take: 10,
      })
      return rows.map((r) => r.orderNumber)
    },

    /** Counts and totals over all the customer's orders, plus the 5 newest. Two SQL statements. */
    async getOrderSummary(customerId: string): Promise<OrderSummary> {
      const [groups, recentOrders] = await Promise.all([
        prisma.order.groupBy({
          by: ['status'],
          where: { customerId },
          _count: { _all: true },
          _sum: { totalAmount: true },
        }),
        prisma.order.findMany({
          where: { customerId },
          select: { orderNumber: true, status: true, totalAmount: true, createdAt: true },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: 5,
        }),
      ])
      let totalOrders = 0
      let activeOrders = 0
      let totalSpent = 0
      for (const g of groups) {
        totalOrders += g._count._all
        if (activeOrderStatuses.includes(g.status)) activeOrders += g._count._all
        if (g.status !== 'CANCELLED') totalSpent += g._sum.totalAmount ?? 0
      }
      return { totalOrders, activeOrders, totalSpent, recentOrders }
    },

    /** The order when it can still be cancelled; else OrderNotFound or OrderNotCancellable(orderNumber, status). */
    async checkCancellable(customerId: string, orderNumber: string): Promise<OrderDetail> {
      const order = await requireCustomerOrder(prisma, customerId, orderNumber)
      if (!isOpen(order.status)) throw new OrderNotCancellable(order.orderNumber, order.status)
      return order
    },

    /**
     * Cancels a PENDING or PROCESSING order in one transaction: status, reason and time; every item's stock back
     * (movement rows 'order_cancelled'); an unpaid payment CANCELLED, a paid one REFUND_PENDING; an audit row.
     * Of concurrent cancels exactly one succeeds; the others get OrderNotCancellable. After the commit a paid
     * order's refund is requested from the gateway (a failure is logged; the payment stays REFUND_PENDING).
     */
    async cancelOrder(
      customerId: string,
      orderNumber: string,
      reason?: string,
      actor: string = `customer:${customerId}`,
    ): Promise<CancelResult> {
      const cleaned = cleanReason(reason)
      const canonical = orderNumberOrNotFound(customerId, orderNumber)
      const cancelled = await cancelInTransaction(customerId, canonical, cleaned, actor)
      const settled = await settleWithGateway(cancelled, canonical, cleaned, actor)
      const order = await findCustomerOrder(prisma, customerId, canonical)
      if (!order) throw new OrderNotFound(canonical)
      return settled.refund
        ? { order, paymentStatus: settled.paymentStatus, refund: settled.refund }
        : { order, paymentStatus: settled.paymentStatus }
    },

    validateAddress,

    /** Validates the address and checks the order may still change it (PENDING/PROCESSING), without writing. */
    async checkAddressChangeable(
      customerId: string,
      orderNumber: string,
      newAddress: string,
    ): Promise<{ order: OrderDetail; address: string }> {
      const address = validateAddress(newAddress)
      const order = await requireCustomerOrder(prisma, customerId, orderNumber)
      if (!isOpen(order.status)) throw new AddressNotChangeable(order.orderNumber, order.status)
      return { order, address }
    },

    /** Changes the shipping address of a PENDING/PROCESSING order (conditional update) with an audit row. */
    async updateShippingAddress(
      customerId: string,
      orderNumber: string,
      newAddress: string,
      actor: string = `customer:${customerId}`,
    ): Promise<OrderDetail> {
      const address = validateAddress(newAddress)
      const canonical = orderNumberOrNotFound(customerId, orderNumber)
      await prisma.$transaction(async (tx) => {
        const order = await tx.order.findFirst({
          where: { customerId, orderNumber: canonical },
          select: { id: true, status: true, shippingAddress: true },
        })
        if (!order) throw new OrderNotFound(canonical)
        if (!isOpen(order.status)) throw new AddressNotChangeable(canonical, order.status)
        const updated = await tx.order.updateMany({
          where: { id: order.id, status: { in: [...openOrderStatuses] } },
          data: { shippingAddress: address },
        })
        if (updated.count !== 1) {
          const now = await tx.order.findUnique({ where: { id: order.id }, select: { status: true } })
          throw new AddressNotChangeable(canonical, now?.status ?? order.status)
        }
        await writeAudit(tx, {
          actor,
          action: 'order.address_changed',
          entity: 'Order',
          entityId: order.id,
          data: { orderNumber: canonical, from: order.shippingAddress, to: address },
        })
      }, txOptions)
      const order = await findCustomerOrder(prisma, customerId, canonical)
      if (!order) throw new OrderNotFound(canonical)
      return order
    },

    /**
     * Asks the gateway again for the refund of a cancelled, paid order (the outbox's refund task; not
     * customer-scoped). Nothing to do once the payment has left REFUND_PENDING. The refund key is the one the
     * first request used, so the gateway refunds at most once however often this runs.
     * @throws GatewayError when the gateway cannot be reached or refuses (the outbox tries again later)
     */
    async retryRefund(orderNumber: string): Promise<'refunded' | 'requested' | 'nothing_to_do'> {
      const canonical = customerOrderNumber(orderNumber)
      if (!canonical) throw new OrderNotFound(String(orderNumber).slice(0, 64))
      const order = await prisma.order.findUnique({ where: { orderNumber: canonical }, include: { payment: true } })
      if (!order) throw new OrderNotFound(canonical)
      const payment = order.payment
      if (payment?.status !== 'REFUND_PENDING') return 'nothing_to_do'
      const refundKey = payment.refundKey ?? refundKeyFor(canonical)
      const refund = await deps.paymentGateway.refund(canonical, {
        refundKey,
        amount: payment.amount,
        reason: order.cancelReason ?? 'order cancelled',
      })
      if (refund.status !== 'REFUNDED') return 'requested'
      await markRefunded(payment.id, canonical, refundKey, payment.amount, 'system:refund_retry')
      return 'refunded'
    },

    formatOrderForChat,
  }
}

/** What createOrderService returns. */
export type OrderService = ReturnType<typeof createOrderService>
