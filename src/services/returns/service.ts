/**
 * Returns and size exchanges: the customer's request (checked, then stored on their button press), the staff steps
 * (approve or reject, parcel received, replacement shipped, manual refund paid) and what follows them (the
 * exchange's reserved size, the gateway refund and its retries, the customer told at each step). Every change is
 * one transaction with its audit row and its notices; the gateway is called only after the commit.
 *
 * @example await returns.create(customerId, { orderNumber: 'ORD-2025-006', items: [{ sku: 'KAOS-001-M', wantedSize: 'L' }], reason: 'kekecilan', resolution: 'exchange' }, { actor, conversationId })
 */
import type { Db } from '../../db/client.ts'
import type { PaymentGateway } from '../../gateways/payment.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { Carrier, ReturnStatus } from '../../generated/prisma/enums.ts'
import type { Logger } from '../../logger.ts'
import { writeAudit } from '../audit.ts'
import type { Tx } from '../db-types.ts'
import { InvalidInput, OrderNotFound } from '../errors.ts'
import { customerOrderNumber } from '../order-number.ts'
import type { ReturnPolicy } from '../return-policy.ts'
import { applyStockDelta } from '../stock-movement.ts'
import { waybillPattern } from '../tracking-url.ts'
import { type DraftItem, draftInclude, draftReturn, type ReturnDraft, type ReturnInput } from './draft.ts'
import { ReturnNotFound, ReturnWrongState } from './errors.ts'
import { maskAccount } from './mask.ts'
import { type ReturnView, returnViewInclude, toReturnView } from './view.ts'

export interface ReturnServiceDeps {
  prisma: Db
  paymentGateway: PaymentGateway
  policy: ReturnPolicy
  log: Logger
  now: () => Date
}

/** The outbox task that asks the gateway again for a return's refund (src/services/notifications/return-refund-task.ts). */
export const returnRefundTaskKind = 'return_refund'
const refundFirstRetryMs = 60_000
const txOptions = { maxWait: 10_000, timeout: 15_000 }

/** The steps a customer is told about (notification 'return_update'). */
type ReturnStep =
  | 'approved'
  | 'rejected'
  | 'received'
  | 'refunded'
  | 'refund_manual'
  | 'replacement_shipped'
  | 'expired'

export function createReturnService(deps: ReturnServiceDeps) {
  const { prisma, policy, log } = deps

  /** The customer's order with what the check needs; someone else's (or a malformed number) is not found. */
  async function ownOrder(db: Db | Tx, customerId: string, orderNumber: string) {
    const canonical = typeof orderNumber === 'string' ? customerOrderNumber(orderNumber) : null
    if (!canonical) throw new OrderNotFound(String(orderNumber).slice(0, 64))
    const order = await db.order.findFirst({ where: { orderNumber: canonical, customerId }, include: draftInclude })
    if (!order) throw new OrderNotFound(canonical)
    return order
  }

  function validReason(reason: string): string {
    const text = typeof reason === 'string' ? reason.trim() : ''
    if (text.length < 2 || text.length > 500) throw new InvalidInput('reason', 'must be 2-500 characters')
    return text
  }

  async function byNumber(db: Db | Tx, number: string) {
    const found = await db.returnRequest.findUnique({
      where: { number: String(number).trim().toUpperCase() },
      include: returnViewInclude,
    })
    if (!found) throw new ReturnNotFound(String(number).slice(0, 64))
    return found
  }

  /** Moves a request from one of `from` to `to` (guarded, so two staff pressing at once change it once). */
  async function move(
    tx: Tx,
    id: string,
    number: string,
    current: ReturnStatus,
    from: ReturnStatus[],
    step: string,
    data: Record<string, unknown>,
  ) {
    if (!from.includes(current)) throw new ReturnWrongState(number, current, step)
    const { count } = await tx.returnRequest.updateMany({ where: { id, status: { in: from } }, data })
    if (count === 0) throw new ReturnWrongState(number, current, step)
  }

  async function notifyCustomer(tx: Tx, customerId: string, payload: Prisma.InputJsonObject & { step: ReturnStep }) {
    await tx.notification.create({ data: { customerId, audience: 'customer', kind: 'return_update', payload } })
  }

  /** Gives an exchange's reserved sizes back to stock (a rejected or expired request). */
  async function releaseReservations(
    tx: Tx,
    request: {
      id: string
      number: string
      items: { id: string; wantedSku: string | null; quantity: number; releasedAt: Date | null }[]
      orderId: string
    },
    actor: string,
  ) {
    for (const item of request.items) {
      if (!item.wantedSku || item.releasedAt) continue
      const { count } = await tx.returnItem.updateMany({
        where: { id: item.id, releasedAt: null },
        data: { releasedAt: deps.now() },
      })
      if (count === 0) continue
      await applyStockDelta(tx, {
        sku: item.wantedSku,
        delta: item.quantity,
        reason: `return ${request.number} released`,
        actor,
        orderId: request.orderId,
      })
    }
  }

  /** Asks the gateway for a refund after the commit; a failure leaves the outbox task to retry it. */
  async function requestGatewayRefund(number: string): Promise<'refunded' | 'requested' | 'nothing_to_do'> {
    const request = await prisma.returnRequest.findUnique({
      where: { number },
      include: { order: { include: { payment: true, paymentLinks: { where: { status: 'PAID' } } } } },
    })
    if (request?.status !== 'REFUND_PENDING' || request.refundMethod !== 'gateway' || !request.refundKey)
      return 'nothing_to_do'
    // A payment made through a payment link is known to the gateway under that attempt's own order id.
    const gatewayOrderId = request.order.paymentLinks[0]?.gatewayOrderId ?? request.order.orderNumber
    const refund = await deps.paymentGateway.refund(gatewayOrderId, {
      refundKey: request.refundKey,
      amount: request.refundAmount ?? 0,
      reason: `return ${number}`,
      partial: (request.refundAmount ?? 0) < (request.order.payment?.amount ?? 0),
    })
    if (refund.manual) {
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.returnRequest.updateMany({
          where: { id: request.id, status: 'REFUND_PENDING', refundMethod: 'gateway' },
          data: { refundMethod: 'manual' },
        })
        if (count === 0) return
        await staffRefundTask(tx, request)
        await notifyCustomer(tx, request.customerId, {
          returnNumber: number,
          orderNumber: request.order.orderNumber,
          step: 'refund_manual',
          amount: request.refundAmount ?? 0,
        })
        await writeAudit(tx, {
          actor: 'system:return_refund',
          action: 'return.refund_manual',
          entity: 'ReturnRequest',
          entityId: request.id,
          data: { number, reason: 'gateway cannot refund this method' },
        })
      }, txOptions)
      await finishRefundTasks(number)
      return 'requested'
    }
    if (refund.status !== 'REFUNDED') return 'requested'
    await finishRefunded(request.id, number, 'system:return_refund')
    await finishRefundTasks(number)
    return 'refunded'
  }

  async function finishRefundTasks(number: string) {
    await prisma.notification.updateMany({
      where: { kind: returnRefundTaskKind, status: 'PENDING', payload: { path: ['returnNumber'], equals: number } },
      data: { status: 'SENT', sentAt: deps.now(), lastError: null },
    })
  }

  /** REFUND_PENDING → REFUNDED, once, with the customer told the amount. */
  async function finishRefunded(id: string, number: string, actor: string) {
    await prisma.$transaction(async (tx) => {
      const request = await tx.returnRequest.findUniqueOrThrow({
        where: { id },
        include: { order: { select: { orderNumber: true } } },
      })
      await move(tx, id, number, request.status, ['REFUND_PENDING'], 'mark refunded', {
        status: 'REFUNDED',
        refundedAt: deps.now(),
      })
      await notifyCustomer(tx, request.customerId, {
        returnNumber: number,
        orderNumber: request.order.orderNumber,
        step: 'refunded',
        amount: request.refundAmount ?? 0,
        method: request.refundMethod,
        account: maskAccount(request),
      })
      await writeAudit(tx, {
        actor,
        action: 'return.refunded',
        entity: 'ReturnRequest',
        entityId: id,
        data: { number, amount: request.refundAmount, method: request.refundMethod },
      })
    }, txOptions)
  }

  async function staffRefundTask(
    tx: Tx,
    request: {
      number: string
      customerId: string
      refundAmount: number | null
      refundBank: string | null
      refundAccount: string | null
      refundHolder: string | null
      order: { orderNumber: string }
    },
  ) {
    await tx.notification.create({
      data: {
        audience: 'admin',
        kind: 'return_refund_task',
        payload: {
          returnNumber: request.number,
          orderNumber: request.order.orderNumber,
          amount: request.refundAmount ?? 0,
          account: maskAccount(request),
        },
      },
    })
  }

  return {
    policy,

    /**
     * Checks a return the customer asks for, writing nothing (the staging half of `request_return`).
     * @throws OrderNotFound (missing or someone else's), ReturnNotAllowed, InvalidInput
     */
    async check(customerId: string, input: ReturnInput): Promise<ReturnDraft> {
      const reason = validReason(input.reason)
      const order = await ownOrder(prisma, customerId, input.orderNumber)
      return draftReturn(prisma, order, { ...input, reason }, policy, deps.now())
    },

    /**
     * Stores the request on the customer's press: checked again under the order's lock, the exchange's sizes taken
     * from stock at once, staff told, audited, with the photos the customer sent in this conversation.
     */
    async create(
      customerId: string,
      input: ReturnInput,
      meta: { actor: string; conversationId?: string | null },
    ): Promise<ReturnView> {
      const reason = validReason(input.reason)
      const created = await prisma.$transaction(async (tx) => {
        const canonical = customerOrderNumber(input.orderNumber) ?? ''
        // One request at a time per order: the row lock makes a second press wait and then see the first.
        await tx.$queryRaw`SELECT "id" FROM "Order" WHERE "orderNumber" = ${canonical} AND "customerId" = ${customerId} FOR UPDATE`
        const order = await ownOrder(tx, customerId, input.orderNumber)
        const draft = await draftReturn(tx, order, { ...input, reason }, policy, deps.now())
        const count = await tx.returnRequest.count({ where: { orderId: order.id } })
        const number = `${order.orderNumber}-R${count + 1}`
        const request = await tx.returnRequest.create({
          data: {
            number,
            orderId: order.id,
            customerId,
            resolution: draft.resolution,
            reason,
            conversationId: meta.conversationId ?? null,
            refundAmount: draft.refundAmount,
            refundMethod: draft.refundMethod,
            refundBank: draft.refundAccount?.bank ?? null,
            refundAccount: draft.refundAccount?.number ?? null,
            refundHolder: draft.refundAccount?.holder ?? null,
            items: { create: draft.items.map((i: DraftItem) => ({ ...i })) },
          },
        })
        for (const item of draft.items) {
          if (!item.wantedSku) continue
          await applyStockDelta(tx, {
            sku: item.wantedSku,
            delta: -item.quantity,
            reason: `return ${number} reserved`,
            actor: meta.actor,
            orderId: order.id,
          })
        }
        if (meta.conversationId) {
          await tx.attachment.updateMany({
            where: { conversationId: meta.conversationId, customerId, returnId: null },
            data: { returnId: request.id },
          })
        }
        const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { name: true } })
        await tx.notification.create({
          data: {
            audience: 'admin',
            kind: 'return_requested',
            payload: {
              returnNumber: number,
              orderNumber: order.orderNumber,
              customerName: customer?.name ?? '-',
              resolution: draft.resolution,
              reason,
              items: draft.items.map((i) => ({ sku: i.sku, quantity: i.quantity, wantedSku: i.wantedSku })),
              refundAmount: draft.refundAmount,
            },
          },
        })
        await writeAudit(tx, {
          actor: meta.actor,
          action: 'return.requested',
          entity: 'ReturnRequest',
          entityId: request.id,
          data: {
            number,
            orderNumber: order.orderNumber,
            resolution: draft.resolution,
            items: draft.items.map((i) => ({ sku: i.sku, quantity: i.quantity, wantedSku: i.wantedSku })),
            refundAmount: draft.refundAmount,
          },
        })
        return request.id
      }, txOptions)
      return toReturnView(
        await prisma.returnRequest.findUniqueOrThrow({ where: { id: created }, include: returnViewInclude }),
      )
    },

    /** The customer's requests, newest first; of one order when a number is given (someone else's: not found). */
    async statusFor(customerId: string, orderNumber?: string): Promise<ReturnView[]> {
      let orderId: string | undefined
      if (orderNumber) {
        const canonical = customerOrderNumber(orderNumber.replace(/-R\d+$/i, ''))
        const order = canonical
          ? await prisma.order.findFirst({ where: { orderNumber: canonical, customerId }, select: { id: true } })
          : null
        if (!order) throw new OrderNotFound(canonical ?? String(orderNumber).slice(0, 64))
        orderId = order.id
      }
      const rows = await prisma.returnRequest.findMany({
        where: { customerId, ...(orderId ? { orderId } : {}) },
        include: returnViewInclude,
        orderBy: { createdAt: 'desc' },
        take: 10,
      })
      return rows.map(toReturnView)
    },

    // ---- staff (not customer-scoped: admin surfaces only) ----

    /** Requests for staff, newest first, optionally of some states. */
    async list(filter: { status?: ReturnStatus[] } = {}): Promise<ReturnView[]> {
      const rows = await prisma.returnRequest.findMany({
        where: filter.status ? { status: { in: filter.status } } : {},
        include: returnViewInclude,
        orderBy: { createdAt: 'desc' },
        take: 100,
      })
      return rows.map(toReturnView)
    },

    async get(number: string): Promise<ReturnView> {
      return toReturnView(await byNumber(prisma, number))
    },

    /** The refund account in clear, for the owner only (the route checks the role); the reveal is audited. */
    async revealAccount(number: string, actor: string) {
      const request = await byNumber(prisma, number)
      await writeAudit(prisma, {
        actor,
        action: 'return.account_revealed',
        entity: 'ReturnRequest',
        entityId: request.id,
        data: { number: request.number },
      })
      return { bank: request.refundBank, number: request.refundAccount, holder: request.refundHolder }
    },

    /** A stored photo of a request, for staff. */
    async photo(number: string, photoId: string) {
      const request = await byNumber(prisma, number)
      const photo = await prisma.attachment.findFirst({ where: { id: photoId, returnId: request.id } })
      if (!photo) throw new ReturnNotFound(`${number}/${photoId}`)
      return { mime: photo.mime, data: photo.data }
    },

    /** REQUESTED → APPROVED: the customer is told where to send the parcel and by when. */
    async approve(number: string, actor: string): Promise<ReturnView> {
      await prisma.$transaction(async (tx) => {
        const request = await byNumber(tx, number)
        const parcelDueAt = new Date(deps.now().getTime() + policy.parcelDays * 86_400_000)
        await move(tx, request.id, request.number, request.status, ['REQUESTED'], 'approve', {
          status: 'APPROVED',
          decidedBy: actor,
          decidedAt: deps.now(),
          parcelDueAt,
        })
        await notifyCustomer(tx, request.customerId, {
          returnNumber: request.number,
          orderNumber: request.order.orderNumber,
          step: 'approved',
          address: policy.address,
          dueAt: parcelDueAt.toISOString(),
          shippingPaidBy: policy.shippingPaidBy,
        })
        await writeAudit(tx, {
          actor,
          action: 'return.approved',
          entity: 'ReturnRequest',
          entityId: request.id,
          data: { number: request.number },
        })
      }, txOptions)
      return this.get(number)
    },

    /** REQUESTED or APPROVED → REJECTED with staff's reason; an exchange's reserved size goes back to stock. */
    async reject(number: string, reason: string, actor: string): Promise<ReturnView> {
      const text = typeof reason === 'string' ? reason.trim() : ''
      if (text.length < 2 || text.length > 500) throw new InvalidInput('reason', 'must be 2-500 characters')
      await prisma.$transaction(async (tx) => {
        const request = await byNumber(tx, number)
        await move(tx, request.id, request.number, request.status, ['REQUESTED', 'APPROVED'], 'reject', {
          status: 'REJECTED',
          rejectReason: text,
          decidedBy: actor,
          decidedAt: deps.now(),
        })
        await releaseReservations(tx, request, actor)
        await notifyCustomer(tx, request.customerId, {
          returnNumber: request.number,
          orderNumber: request.order.orderNumber,
          step: 'rejected',
          reason: text,
        })
        await writeAudit(tx, {
          actor,
          action: 'return.rejected',
          entity: 'ReturnRequest',
          entityId: request.id,
          data: { number: request.number, reason: text },
        })
      }, txOptions)
      return this.get(number)
    },

    /**
     * APPROVED → RECEIVED: the returned items go back to stock; a refund then starts (the gateway after the commit,
     * retried by the outbox; or a staff task for a transfer), an exchange waits for its replacement's waybill.
     */
    async receive(number: string, actor: string): Promise<ReturnView> {
      const route = await prisma.$transaction(async (tx) => {
        const request = await byNumber(tx, number)
        await move(tx, request.id, request.number, request.status, ['APPROVED'], 'mark received', {
          status: 'RECEIVED',
          receivedAt: deps.now(),
        })
        for (const item of request.items) {
          const known = await tx.inventory.findUnique({ where: { sku: item.sku }, select: { sku: true } })
          if (known)
            await applyStockDelta(tx, {
              sku: item.sku,
              delta: item.quantity,
              reason: `return ${request.number} received`,
              actor,
              orderId: request.orderId,
            })
        }
        await writeAudit(tx, {
          actor,
          action: 'return.received',
          entity: 'ReturnRequest',
          entityId: request.id,
          data: { number: request.number },
        })
        const base = { returnNumber: request.number, orderNumber: request.order.orderNumber }
        if (request.resolution === 'exchange') {
          await notifyCustomer(tx, request.customerId, { ...base, step: 'received', resolution: 'exchange' })
          return 'exchange' as const
        }
        const refundKey = `${request.number}-refund`
        await tx.returnRequest.update({ where: { id: request.id }, data: { status: 'REFUND_PENDING', refundKey } })
        if (request.refundMethod === 'gateway') {
          await notifyCustomer(tx, request.customerId, {
            ...base,
            step: 'received',
            resolution: 'refund',
            amount: request.refundAmount ?? 0,
          })
          await tx.notification.create({
            data: {
              customerId: request.customerId,
              audience: 'task',
              kind: returnRefundTaskKind,
              payload: { returnNumber: request.number, amount: request.refundAmount ?? 0 },
              nextAttemptAt: new Date(deps.now().getTime() + refundFirstRetryMs),
            },
          })
          return 'gateway' as const
        }
        await staffRefundTask(tx, request)
        await notifyCustomer(tx, request.customerId, {
          ...base,
          step: 'refund_manual',
          amount: request.refundAmount ?? 0,
          account: maskAccount(request),
        })
        return 'manual' as const
      }, txOptions)
      if (route === 'gateway') {
        await requestGatewayRefund(number.trim().toUpperCase()).catch(async (error: unknown) => {
          log.warn({ err: error, returnNumber: number }, 'return refund request failed; the outbox retries it')
          await prisma.notification.updateMany({
            where: {
              kind: returnRefundTaskKind,
              status: 'PENDING',
              payload: { path: ['returnNumber'], equals: number.trim().toUpperCase() },
            },
            data: { attempts: { increment: 1 }, lastError: String((error as Error).message ?? error).slice(0, 500) },
          })
        })
      }
      return this.get(number)
    },

    /** A manual refund (bank transfer, COD) paid by staff: REFUND_PENDING → REFUNDED, the customer told. */
    async markRefunded(number: string, actor: string): Promise<ReturnView> {
      const request = await byNumber(prisma, number)
      if (request.refundMethod !== 'manual')
        throw new ReturnWrongState(request.number, request.status, 'mark refunded by hand')
      await finishRefunded(request.id, request.number, actor)
      return this.get(number)
    },

    /** The outbox's retry of a gateway refund: the same refund key every time, so the gateway refunds once. */
    retryRefund: (number: string) => requestGatewayRefund(number),

    /** RECEIVED exchange → REPLACEMENT_SHIPPED: the replacement is a second shipment of the same order. */
    async shipReplacement(
      number: string,
      shipment: { carrier: Carrier; trackingNumber: string },
      actor: string,
    ): Promise<ReturnView> {
      const waybill = typeof shipment.trackingNumber === 'string' ? shipment.trackingNumber.trim().toUpperCase() : ''
      if (!waybillPattern.test(waybill))
        throw new InvalidInput('trackingNumber', 'must be 4-40 letters, digits or dashes')
      await prisma.$transaction(async (tx) => {
        const request = await byNumber(tx, number)
        if (request.resolution !== 'exchange')
          throw new ReturnWrongState(request.number, request.status, 'ship a replacement')
        if (await tx.shippingTracking.findUnique({ where: { trackingNumber: waybill }, select: { id: true } })) {
          throw new InvalidInput('trackingNumber', 'already used by another shipment')
        }
        const tracking = await tx.shippingTracking.create({
          data: {
            orderId: request.orderId,
            trackingNumber: waybill,
            carrier: shipment.carrier,
            currentStatus: 'IN_TRANSIT',
            shippedAt: deps.now(),
          },
        })
        await move(tx, request.id, request.number, request.status, ['RECEIVED'], 'ship a replacement', {
          status: 'REPLACEMENT_SHIPPED',
          replacementShipmentId: tracking.id,
        })
        // The reserved size leaves as the replacement: it was taken from stock when the request was made.
        await notifyCustomer(tx, request.customerId, {
          returnNumber: request.number,
          orderNumber: request.order.orderNumber,
          step: 'replacement_shipped',
          carrier: shipment.carrier,
          trackingNumber: waybill,
          items: request.items.map((i) => ({ productName: i.productName, size: i.wantedSize ?? '' })),
        })
        await writeAudit(tx, {
          actor,
          action: 'return.replacement_shipped',
          entity: 'ReturnRequest',
          entityId: request.id,
          data: { number: request.number, carrier: shipment.carrier, trackingNumber: waybill },
        })
      }, txOptions)
      return this.get(number)
    },

    /** Approved requests whose parcel never came expire; their reserved sizes go back to stock. Returns how many. */
    async expireOverdue(): Promise<number> {
      const due = await prisma.returnRequest.findMany({
        where: { status: 'APPROVED', parcelDueAt: { lt: deps.now() } },
        select: { number: true },
      })
      let expired = 0
      for (const { number } of due) {
        const done = await prisma.$transaction(async (tx) => {
          const request = await byNumber(tx, number)
          const { count } = await tx.returnRequest.updateMany({
            where: { id: request.id, status: 'APPROVED' },
            data: { status: 'EXPIRED' },
          })
          if (count === 0) return false
          await releaseReservations(tx, request, 'system:return_expiry')
          await notifyCustomer(tx, request.customerId, {
            returnNumber: request.number,
            orderNumber: request.order.orderNumber,
            step: 'expired',
          })
          await writeAudit(tx, {
            actor: 'system:return_expiry',
            action: 'return.expired',
            entity: 'ReturnRequest',
            entityId: request.id,
            data: { number },
          })
          return true
        }, txOptions)
        if (done) expired++
      }
      return expired
    },
  }
}

export type ReturnService = ReturnType<typeof createReturnService>
