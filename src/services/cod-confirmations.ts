/**
 * Cash-on-delivery confirmation. A COD order that arrives live from the shop's system gets one confirmation request
 * in the customer's channel (a `cod_confirmation_request` notification carrying the buttons of a pending action of
 * its own, so the press runs the same confirmed write as `confirm_cod` in a chat). The confirmation is stored on
 * the payment with its time and who, audited, once; staff list the unconfirmed ones and are told once when one
 * stays unconfirmed past `alertHours`.
 *
 * @example
 * const cod = createCodConfirmations({ prisma, now, alertHours: 24 })
 * await cod.confirm(customerId, 'ORD-2025-007', 'customer:abc') // { orderNumber, confirmedAt, already: false }
 */
import type { Db } from '../db/client.ts'
import type { OrderStatus } from '../generated/prisma/enums.ts'
import { writeAudit } from './audit.ts'
import type { Tx } from './db-types.ts'
import { DomainError, OrderNotFound } from './errors.ts'
import { customerOrderNumber } from './order-number.ts'
import { newPendingToken } from './pending-actions.ts'
import { claimReceipt } from './receipts.ts'

/** The confirmation buttons of a COD request stay valid this long (the order is checked again on the press). */
export const codButtonTtlHours = 72

/** Orders whose COD confirmation still matters: not yet shipped, not cancelled. */
const confirmableStatuses: OrderStatus[] = ['PENDING', 'PROCESSING']

/** The order is not a COD order waiting for confirmation (paid otherwise, cancelled, shipped). Says no more. */
export class CodNotConfirmable extends DomainError {
  readonly code = 'cod_not_confirmable'
  constructor(readonly orderNumber: string) {
    super(`order ${orderNumber} is not a cash-on-delivery order awaiting confirmation`, { orderNumber })
  }
}

export interface CodOrder {
  orderNumber: string
  amount: number
  confirmedAt: Date | null
}

export interface CodConfirmResult {
  orderNumber: string
  amount: number
  confirmedAt: Date
  /** True when it had been confirmed before: nothing changed. */
  already: boolean
}

/** An unconfirmed COD order, for staff. */
export interface UnconfirmedCod {
  orderNumber: string
  customerName: string
  amount: number
  status: OrderStatus
  createdAt: Date
  /** When staff were told it stayed unconfirmed, if they were. */
  alertedAt: Date | null
}

export interface CodConfirmationDeps {
  prisma: Db
  now: () => Date
  /** Hours a COD order may stay unconfirmed before staff are told (COD_CONFIRM_ALERT_HOURS). */
  alertHours: number
}

/**
 * Queues the one confirmation request of a COD order (inside the transaction that stored the order). Nothing when
 * the order is not a confirmable COD order, already confirmed, or was asked before. True when queued now.
 */
export async function queueCodRequest(
  tx: Tx,
  order: { id: string; orderNumber: string; customerId: string; status: OrderStatus },
  now: Date,
): Promise<boolean> {
  if (!confirmableStatuses.includes(order.status)) return false
  const payment = await tx.payment.findUnique({ where: { orderId: order.id } })
  if (payment?.method !== 'cod' || payment.status !== 'PENDING' || payment.codConfirmedAt) return false
  if (!(await claimReceipt(tx, { source: 'notice', eventKey: `cod-request:${order.id}` }))) return false
  const token = newPendingToken()
  const expiresAt = new Date(now.getTime() + codButtonTtlHours * 3_600_000)
  await tx.pendingAction.create({
    data: {
      token,
      customerId: order.customerId,
      identityId: null,
      action: 'confirm_cod',
      args: { orderNumber: order.orderNumber },
      expiresAt,
    },
  })
  await tx.notification.create({
    data: {
      customerId: order.customerId,
      audience: 'customer',
      kind: 'cod_confirmation_request',
      payload: { orderNumber: order.orderNumber, amount: payment.amount, token, expiresAt: expiresAt.toISOString() },
    },
  })
  return true
}

export function createCodConfirmations(deps: CodConfirmationDeps) {
  const { prisma } = deps

  /** The customer's COD order that may be confirmed; someone else's is not found, anything else not confirmable. */
  async function requireCod(customerId: string, orderNumber: string) {
    const canonical = customerOrderNumber(orderNumber)
    if (!canonical) throw new OrderNotFound(String(orderNumber).slice(0, 64))
    const order = await prisma.order.findFirst({
      where: { orderNumber: canonical, customerId },
      include: { payment: true },
    })
    if (!order) throw new OrderNotFound(canonical)
    const payment = order.payment
    if (payment?.method !== 'cod' || !confirmableStatuses.includes(order.status)) {
      throw new CodNotConfirmable(order.orderNumber)
    }
    if (payment.status !== 'PENDING' && !payment.codConfirmedAt) throw new CodNotConfirmable(order.orderNumber)
    return { order, payment }
  }

  return {
    /**
     * Whether the customer's order can be confirmed as COD (the staging half of `confirm_cod`).
     * @throws OrderNotFound (missing or someone else's), CodNotConfirmable
     */
    async check(customerId: string, orderNumber: string): Promise<CodOrder> {
      const { order, payment } = await requireCod(customerId, orderNumber)
      return { orderNumber: order.orderNumber, amount: payment.amount, confirmedAt: payment.codConfirmedAt }
    },

    /**
     * Stores the customer's confirmation with its time and who, audited, once: confirming again changes nothing.
     * @throws OrderNotFound, CodNotConfirmable (cancelled or shipped meanwhile)
     */
    async confirm(customerId: string, orderNumber: string, actor: string): Promise<CodConfirmResult> {
      const { order, payment } = await requireCod(customerId, orderNumber)
      const at = deps.now()
      const confirmed = await prisma.$transaction(async (tx) => {
        const { count } = await tx.payment.updateMany({
          where: { id: payment.id, codConfirmedAt: null },
          data: { codConfirmedAt: at, codConfirmedBy: actor },
        })
        if (count === 1) {
          // A request still waiting in the outbox would only offer buttons that are no longer needed.
          await tx.notification.updateMany({
            where: {
              kind: 'cod_confirmation_request',
              status: 'PENDING',
              customerId,
              payload: { path: ['orderNumber'], equals: order.orderNumber },
            },
            data: { status: 'FAILED', lastError: 'not sent: the customer confirmed the order first' },
          })
          await writeAudit(tx, {
            actor,
            action: 'order.cod_confirmed',
            entity: 'Order',
            entityId: order.id,
            data: { orderNumber: order.orderNumber, amount: payment.amount },
          })
        }
        return count === 1
      })
      const stored = confirmed
        ? at
        : ((await prisma.payment.findUnique({ where: { id: payment.id } }))?.codConfirmedAt ?? at)
      return { orderNumber: order.orderNumber, amount: payment.amount, confirmedAt: stored, already: !confirmed }
    },

    /** Open COD orders nobody confirmed yet, oldest first. */
    async listUnconfirmed(): Promise<UnconfirmedCod[]> {
      const rows = await prisma.payment.findMany({
        where: {
          method: 'cod',
          status: 'PENDING',
          codConfirmedAt: null,
          order: { status: { in: confirmableStatuses } },
        },
        include: { order: { include: { customer: { select: { name: true } } } } },
        orderBy: { order: { createdAt: 'asc' } },
        take: 500,
      })
      return rows.map((p) => ({
        orderNumber: p.order.orderNumber,
        customerName: p.order.customer.name,
        amount: p.amount,
        status: p.order.status,
        createdAt: p.order.createdAt,
        alertedAt: p.codAlertedAt,
      }))
    },

    /**
     * Tells staff, once per order, of COD orders unconfirmed for `alertHours` since they were placed (a
     * `cod_unconfirmed` staff notification, marked on the payment in the same transaction). Returns how many.
     */
    async alertOverdue(): Promise<number> {
      const at = deps.now()
      const before = new Date(at.getTime() - deps.alertHours * 3_600_000)
      const due = await prisma.payment.findMany({
        where: {
          method: 'cod',
          status: 'PENDING',
          codConfirmedAt: null,
          codAlertedAt: null,
          order: { status: { in: confirmableStatuses }, createdAt: { lte: before } },
        },
        include: { order: { include: { customer: { select: { name: true } } } } },
        take: 100,
      })
      let alerted = 0
      for (const p of due) {
        alerted += await prisma.$transaction(async (tx) => {
          const { count } = await tx.payment.updateMany({
            where: { id: p.id, codAlertedAt: null, codConfirmedAt: null },
            data: { codAlertedAt: at },
          })
          if (count === 0) return 0
          await tx.notification.create({
            data: {
              customerId: p.order.customerId,
              audience: 'admin',
              kind: 'cod_unconfirmed',
              payload: {
                orderNumber: p.order.orderNumber,
                customerName: p.order.customer.name,
                amount: p.amount,
                placedAt: p.order.createdAt.toISOString(),
                hours: deps.alertHours,
              },
            },
          })
          return 1
        })
      }
      return alerted
    },
  }
}

export type CodConfirmations = ReturnType<typeof createCodConfirmations>
