/**
 * Payments: their status (from our database, confirmed with the payment gateway while unpaid), how to pay, and
 * the one place a gateway's report changes a payment (webhooks and verifyPayment both go through
 * recordGatewayStatus, which never moves a payment backwards).
 */
import { isGatewayError } from '../gateways/errors.ts'
import type { GatewayPaymentStatus } from '../gateways/payment.ts'
import type { Payment } from '../generated/prisma/client.ts'
import type { OrderStatus, PaymentMethod, PaymentStatus } from '../generated/prisma/enums.ts'
import type { Locale } from '../i18n/format.ts'
import { writeAudit } from './audit.ts'
import type { Tx } from './db-types.ts'
import { OrderNotFound, PaymentNotFound } from './errors.ts'
import type { ServiceDeps } from './index.ts'
import { requireCustomerOrder } from './order.ts'
import { customerOrderNumber } from './order-number.ts'
import {
  type BankAccount,
  formatPaymentForChat,
  paymentExpired,
  paymentInstructionsText,
} from './payment-instructions.ts'
import { claimReceipt, type Receipt } from './receipts.ts'

/** The payment of one order, with the order's number and status. */
export interface PaymentStatusInfo {
  orderNumber: string
  orderStatus: OrderStatus
  payment: Payment
}

/** verifyPayment's answer. */
export interface VerifyPaymentResult extends PaymentStatusInfo {
  isPaid: boolean
  /** 'gateway' when the gateway was asked just now. */
  source: 'database' | 'gateway'
  /** Why asking the gateway failed; the answer is then our stored status. */
  gatewayError?: string
}

/** How to pay one order, as data and as chat text. */
export interface PaymentInstructions {
  orderNumber: string
  amount: number
  method: PaymentMethod
  provider: string | null
  vaNumber: string | null
  expiresAt: Date | null
  /** The shop's accounts for a bank transfer that is still open; empty otherwise. */
  bankAccounts: readonly BankAccount[]
  text: string
}

/** What recordGatewayStatus did: whether the payment changed, and from which status. */
export interface GatewayStatusResult {
  changed: boolean
  payment: Payment
  previousStatus: PaymentStatus
  /** True when the report's receipt was already recorded: nothing was done. */
  duplicate: boolean
  /** True when the gateway reported money of another amount than ours: nothing changed, staff were alerted. */
  amountMismatch: boolean
}

/** Options of recordGatewayStatus. */
export interface RecordGatewayStatusOptions {
  /** The delivery that carried the report (a webhook), recorded in the same transaction as its effect. */
  receipt?: Receipt
}

const failed: readonly PaymentStatus[] = ['FAILED', 'EXPIRED', 'CANCELLED']

// PGlite runs one transaction at a time, so concurrent writers queue: give them room to wait.
const txOptions = { maxWait: 10_000, timeout: 15_000 }

/**
 * Where a payment goes when the gateway reports `incoming`, or null to leave it: reports arrive late, twice and
 * out of order, so a payment never moves backwards. Money received (COMPLETED) wins over an earlier failure or
 * cancel; nothing but a refund follows COMPLETED; a late 'pending' changes nothing.
 */
export function nextPaymentStatus(current: PaymentStatus, incoming: PaymentStatus): PaymentStatus | null {
  if (current === incoming) return null
  switch (incoming) {
    case 'PENDING':
      return null
    case 'COMPLETED':
      return current === 'PENDING' || failed.includes(current) ? 'COMPLETED' : null
    case 'FAILED':
    case 'EXPIRED':
    case 'CANCELLED':
      return current === 'PENDING' ? incoming : null
    case 'REFUND_PENDING':
      return current === 'COMPLETED' ? 'REFUND_PENDING' : null
    case 'REFUNDED':
      return current === 'COMPLETED' || current === 'REFUND_PENDING' ? 'REFUNDED' : null
  }
}

/** The payment service (`services.payments`): status, verification, instructions, gateway reports. */
export function createPaymentService(deps: ServiceDeps) {
  const { prisma, log } = deps

  /** The customer's order with its payment, or OrderNotFound / PaymentNotFound. One SQL statement. */
  async function requirePayment(customerId: string, orderNumber: string) {
    const order = await requireCustomerOrder(prisma, customerId, orderNumber)
    if (!order.payment) throw new PaymentNotFound(order.orderNumber)
    return { order, payment: order.payment }
  }

  async function applyGatewayStatus(
    tx: Tx,
    orderNumber: string,
    report: GatewayPaymentStatus,
    actor: string,
    options: RecordGatewayStatusOptions,
  ): Promise<GatewayStatusResult & { orderStatus: OrderStatus }> {
    const fresh = options.receipt ? await claimReceipt(tx, options.receipt) : true
    // Lock the order row first (as cancelOrder does), so concurrent reports and cancels take turns.
    const [order] = await tx.$queryRaw<{ id: string; status: OrderStatus; customerId: string }[]>`
      SELECT "id", "status"::text AS "status", "customerId" FROM "Order" WHERE "orderNumber" = ${orderNumber} FOR UPDATE`
    if (!order) throw new OrderNotFound(orderNumber)
    const payment = await tx.payment.findUnique({ where: { orderId: order.id } })
    if (!payment) throw new PaymentNotFound(orderNumber)
    const previousStatus = payment.status
    const unchanged = {
      changed: false,
      payment,
      previousStatus,
      orderStatus: order.status,
      duplicate: !fresh,
      amountMismatch: false,
    }
    if (!fresh) return unchanged

    const next = nextPaymentStatus(payment.status, report.status)
    if (!next) return unchanged
    // Money counts only when the gateway's amount is exactly ours in whole Rupiah: "264000.50", a missing or an
    // unreadable amount is a mismatch, never a payment.
    if (next === 'COMPLETED' && report.grossAmount !== payment.amount) {
      await alertAmountMismatch(tx, orderNumber, payment, report, actor)
      return { ...unchanged, amountMismatch: true }
    }

    const updated = await tx.payment.update({
      where: { id: payment.id },
      data: {
        status: next,
        gatewayStatus: report.rawStatus.slice(0, 64),
        ...(next === 'COMPLETED' ? { paidAt: report.paidAt ?? deps.now() } : {}),
        ...(report.transactionId && !payment.transactionId ? { transactionId: report.transactionId } : {}),
        ...(report.vaNumber && !payment.vaNumber ? { vaNumber: report.vaNumber } : {}),
      },
    })

    let orderStatus = order.status
    if (next === 'COMPLETED') {
      const payload = { orderNumber, amount: payment.amount }
      if (order.status === 'PENDING') {
        await tx.order.updateMany({ where: { id: order.id, status: 'PENDING' }, data: { status: 'PROCESSING' } })
        orderStatus = 'PROCESSING'
      }
      if (order.status === 'CANCELLED') {
        // Money arrived for an order that no longer exists: a person must refund it.
        await tx.notification.create({ data: { audience: 'admin', kind: 'payment_after_cancel', payload } })
      } else {
        await tx.notification.create({
          data: { customerId: order.customerId, audience: 'customer', kind: 'payment_completed', payload },
        })
      }
    }
    await writeAudit(tx, {
      actor,
      action: 'payment.status',
      entity: 'Payment',
      entityId: payment.id,
      data: { orderNumber, from: previousStatus, to: next, rawStatus: report.rawStatus.slice(0, 64) },
    })
    return { changed: true, payment: updated, previousStatus, orderStatus, duplicate: false, amountMismatch: false }
  }

  /** Staff hear once per order and reported amount (a gateway repeats itself); every sighting is audited. */
  async function alertAmountMismatch(
    tx: Tx,
    orderNumber: string,
    payment: Payment,
    report: GatewayPaymentStatus,
    actor: string,
  ): Promise<void> {
    const reported = (report.grossAmountText ?? String(report.grossAmount ?? 'none')).slice(0, 32)
    log.warn({ orderNumber, expected: payment.amount, reported }, 'gateway reported a payment of another amount')
    await writeAudit(tx, {
      actor,
      action: 'payment.amount_mismatch',
      entity: 'Payment',
      entityId: payment.id,
      data: { orderNumber, expected: payment.amount, reported, rawStatus: report.rawStatus.slice(0, 64) },
    })
    const first = await claimReceipt(tx, {
      source: 'alert',
      eventKey: `payment_amount_mismatch:${orderNumber}:${reported}`,
    })
    if (!first) return
    await tx.notification.create({
      data: {
        audience: 'admin',
        kind: 'payment_amount_mismatch',
        payload: { orderNumber, expected: payment.amount, reported },
      },
    })
  }

  function recordInTransaction(
    orderNumber: string,
    report: GatewayPaymentStatus,
    actor: string,
    options: RecordGatewayStatusOptions = {},
  ) {
    const canonical = customerOrderNumber(orderNumber)
    if (!canonical) throw new OrderNotFound('unknown')
    return prisma.$transaction((tx) => applyGatewayStatus(tx, canonical, report, actor, options), txOptions)
  }

  return {
    /** The payment of one of the customer's orders. OrderNotFound | PaymentNotFound. */
    async getPaymentStatus(customerId: string, orderNumber: string): Promise<PaymentStatusInfo> {
      const { order, payment } = await requirePayment(customerId, orderNumber)
      return { orderNumber: order.orderNumber, orderStatus: order.status, payment }
    },

    /**
     * Whether the order is paid. While our record says PENDING and a real gateway is configured, the gateway is
     * asked and its answer stored (recordGatewayStatus); when it cannot be reached the stored status is the
     * answer, with `gatewayError` saying why.
     */
    async verifyPayment(customerId: string, orderNumber: string): Promise<VerifyPaymentResult> {
      const { order, payment } = await requirePayment(customerId, orderNumber)
      const fromDatabase = {
        orderNumber: order.orderNumber,
        orderStatus: order.status,
        payment,
        isPaid: payment.status === 'COMPLETED',
        source: 'database' as const,
      }
      const gateway = deps.paymentGateway
      if (gateway.name === 'offline' || payment.status !== 'PENDING' || payment.method === 'cod') return fromDatabase
      let report: GatewayPaymentStatus
      try {
        report = await gateway.getStatus(order.orderNumber)
      } catch (error) {
        if (!isGatewayError(error)) throw error
        log.warn({ err: error, orderNumber: order.orderNumber }, 'payment gateway unavailable; answering from database')
        return { ...fromDatabase, gatewayError: error.message }
      }
      const result = await recordInTransaction(order.orderNumber, report, `gateway:${gateway.name}`)
      return {
        orderNumber: order.orderNumber,
        orderStatus: result.orderStatus,
        payment: result.payment,
        isPaid: result.payment.status === 'COMPLETED',
        source: 'gateway',
      }
    },

    /**
     * How to pay one of the customer's orders: amount, reference, the shop's accounts and virtual account for a
     * bank transfer, the deadline in WIB; e-wallet, card and COD variants. A payment that is no longer open gets its
     * status text instead, and one past its deadline only says so (nobody is told to pay twice, or too late).
     */
    async getPaymentInstructions(
      customerId: string,
      orderNumber: string,
      locale: Locale = 'id',
    ): Promise<PaymentInstructions> {
      const { order, payment } = await requirePayment(customerId, orderNumber)
      const open = payment.status === 'PENDING'
      const expired = paymentExpired(payment, deps.now())
      const bankAccounts = open && !expired && payment.method === 'bank_transfer' ? await deps.shop.bankAccounts() : []
      const facts = {
        orderNumber: order.orderNumber,
        amount: payment.amount,
        method: payment.method,
        status: payment.status,
        provider: payment.provider,
        vaNumber: payment.vaNumber,
        expiresAt: payment.expiresAt,
        bankAccounts,
      }
      const text = open ? paymentInstructionsText(facts, locale, deps.now()) : formatPaymentForChat(payment, locale)
      return {
        orderNumber: facts.orderNumber,
        amount: facts.amount,
        method: facts.method,
        provider: facts.provider,
        vaNumber: facts.vaNumber,
        expiresAt: facts.expiresAt,
        bankAccounts,
        text,
      }
    },

    formatPaymentForChat,

    /**
     * Whether the order exists and has a payment (webhooks check this before asking the gateway about it).
     * @throws OrderNotFound for anything else, a malformed number included
     */
    async requireGatewayPayment(orderNumber: string): Promise<void> {
      const canonical = customerOrderNumber(orderNumber)
      if (!canonical) throw new OrderNotFound(String(orderNumber).slice(0, 64))
      const payment = await prisma.payment.findFirst({
        where: { order: { orderNumber: canonical } },
        select: { id: true },
      })
      if (!payment) throw new OrderNotFound(canonical)
    },

    /**
     * Stores what the gateway reports about an order's payment (webhooks, verifyPayment), in one transaction
     * with an audit row and, when given, the receipt of the delivery that carried it (a repeat is `duplicate`
     * and changes nothing). Never moves backwards (see nextPaymentStatus). On becoming COMPLETED: paidAt, the
     * order PENDING → PROCESSING and a 'payment_completed' notification for the customer (or
     * 'payment_after_cancel' for staff when the order was cancelled). A settlement whose amount is not exactly
     * ours changes nothing and alerts staff ('payment_amount_mismatch'). Not customer-scoped: the caller must
     * have authenticated the report.
     */
    async recordGatewayStatus(
      orderNumber: string,
      status: GatewayPaymentStatus,
      actor: string,
      options: RecordGatewayStatusOptions = {},
    ): Promise<GatewayStatusResult> {
      const { orderStatus: _orderStatus, ...result } = await recordInTransaction(orderNumber, status, actor, options)
      return result
    },
  }
}

/** What createPaymentService returns. */
export type PaymentService = ReturnType<typeof createPaymentService>
