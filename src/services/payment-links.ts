/**
 * Payment links for an unpaid order of the verified customer: one hosted-page attempt per link under an order
 * id of its own ("ORD-2025-002-2"), reused while it is valid; whichever attempt settles first pays the order
 * (through payments.recordGatewayStatus, the path every gateway report takes) and the others are cancelled. A
 * paid, cancelled, expired or COD order never gets a link; someone else's order is simply not found.
 */
import type { Db } from '../db/client.ts'
import { demoOrders } from '../db/demo-shop.ts'
import type { GatewayPaymentStatus, PaymentGateway } from '../gateways/payment.ts'
import type { PaymentLinkGateway } from '../gateways/payment-links.ts'
import type { Logger } from '../logger.ts'
import { DomainError, OrderNotFound } from './errors.ts'
import { requireCustomerOrder } from './order.ts'
import type { PaymentService, RecordGatewayStatusOptions } from './payment.ts'

export interface PaymentLinkSettings {
  /** Longest life of a link; never beyond the payment's own expiry. */
  expiryMinutes: number
}

export const defaultPaymentLinkSettings: PaymentLinkSettings = { expiryMinutes: 24 * 60 }

/** Why an order gets no link: paid, cancelled, expired, cod, or unavailable (the demo page and a shop's own order). */
export class PaymentLinkRefused extends DomainError {
  readonly code = 'payment_link_refused'
  constructor(orderNumber: string, reason: 'paid' | 'cancelled' | 'expired' | 'cod' | 'unavailable') {
    super(`order ${orderNumber}: no payment link (${reason})`, { orderNumber, reason })
  }
}

export interface PaymentLinkResult {
  orderNumber: string
  amount: number
  url: string
  expiresAt: Date
  methods: string[]
  reused: boolean
}

export interface PaymentLinkDeps {
  prisma: Db
  links: PaymentLinkGateway
  paymentGateway: PaymentGateway
  payments: PaymentService
  settings: PaymentLinkSettings
  log: Logger
  now: () => Date
}

// A link that runs out within this is not handed out again: a new attempt is opened.
const minRemainingMs = 5 * 60_000

/** The demo shop's orders: the only ones the demo payment page may mark paid. */
const demoOrderIds = new Set(demoOrders(new Date(0)).map((o) => o.id))

export function createPaymentLinkService(deps: PaymentLinkDeps) {
  const { prisma } = deps

  async function openLink(customerId: string, orderNumber: string): Promise<PaymentLinkResult> {
    const order = await requireCustomerOrder(prisma, customerId, orderNumber)
    const now = deps.now()
    const payment = order.payment
    const refuse = (reason: ConstructorParameters<typeof PaymentLinkRefused>[1]) =>
      new PaymentLinkRefused(order.orderNumber, reason)
    if (order.status === 'CANCELLED') throw refuse('cancelled')
    if (!payment || ['COMPLETED', 'REFUND_PENDING', 'REFUNDED'].includes(payment.status)) throw refuse('paid')
    if (payment.method === 'cod') throw refuse('cod')
    if (payment.status !== 'PENDING' || order.status !== 'PENDING') throw refuse('expired')
    if (payment.expiresAt && payment.expiresAt.getTime() <= now.getTime() + minRemainingMs) throw refuse('expired')
    if (deps.links.name === 'demo' && !demoOrderIds.has(order.id)) throw refuse('unavailable')
    const methods = [...deps.links.enabledPayments]

    const valid = await prisma.paymentLink.findFirst({
      where: { orderId: order.id, status: 'ACTIVE', expiresAt: { gt: new Date(now.getTime() + minRemainingMs) } },
      orderBy: { attempt: 'desc' },
    })
    if (valid) {
      return {
        orderNumber: order.orderNumber,
        amount: valid.amount,
        url: valid.url,
        expiresAt: valid.expiresAt,
        methods,
        reused: true,
      }
    }

    const last = await prisma.paymentLink.findFirst({ where: { orderId: order.id }, orderBy: { attempt: 'desc' } })
    const attempt = (last?.attempt ?? 0) + 1
    const gatewayOrderId = `${order.orderNumber}-${attempt}`
    const longest = now.getTime() + deps.settings.expiryMinutes * 60_000
    const expiresAt = new Date(Math.min(longest, payment.expiresAt?.getTime() ?? longest))
    const amount = order.totalAmount
    const items = [
      ...order.items.map((i) => ({
        id: i.sku ?? i.productId,
        name: i.productName,
        price: i.price,
        quantity: i.quantity,
      })),
      ...(order.shippingCost > 0
        ? [{ id: 'SHIPPING', name: 'Ongkos kirim', price: order.shippingCost, quantity: 1 }]
        : []),
    ]
    // Snap refuses items that do not add up to the amount (a discount, say): then the amount alone is sent.
    const itemsTotal = items.reduce((sum, i) => sum + i.price * i.quantity, 0)
    const customer = await prisma.customer.findUnique({ where: { id: customerId } })
    const created = await deps.links.create({
      gatewayOrderId,
      amount,
      items:
        itemsTotal === amount
          ? items
          : [{ id: order.orderNumber, name: order.orderNumber, price: amount, quantity: 1 }],
      customer: {
        firstName: customer?.name ?? 'Pelanggan',
        ...(customer?.phoneNumber ? { phone: customer.phoneNumber } : {}),
        ...(customer?.email ? { email: customer.email } : {}),
      },
      expiresAt,
    })
    await prisma.paymentLink.create({
      data: {
        orderId: order.id,
        attempt,
        gatewayOrderId,
        provider: deps.links.name,
        token: created.token,
        url: created.url,
        amount,
        expiresAt,
        createdAt: now,
      },
    })
    await prisma.auditLog.create({
      data: {
        actor: `customer:${customerId}`,
        action: 'payment_link_created',
        entity: 'order',
        entityId: order.id,
        data: { gatewayOrderId, provider: deps.links.name, amount },
      },
    })
    return { orderNumber: order.orderNumber, amount, url: created.url, expiresAt, methods, reused: false }
  }

  async function demoLinkOf(token: string) {
    const link = await prisma.paymentLink.findUnique({ where: { token }, include: { order: true } })
    return link?.provider === 'demo' && demoOrderIds.has(link.orderId) ? link : null
  }

  return {
    /**
     * The order's valid link, or a new attempt.
     * @throws OrderNotFound (missing or someone else's), PaymentLinkRefused
     */
    openLink,

    /** The order number behind a provider order id ("ORD-2025-002-2"), or null when it is no link of ours. */
    async orderNumberFor(gatewayOrderId: string): Promise<string | null> {
      const link = await prisma.paymentLink.findUnique({
        where: { gatewayOrderId },
        select: { order: { select: { orderNumber: true } } },
      })
      return link?.order.orderNumber ?? null
    },

    /**
     * Applies a provider's report about one attempt through payments.recordGatewayStatus; on settlement this
     * attempt is PAID and every other open attempt of the order is cancelled (at Midtrans too, best effort).
     */
    async recordAttemptStatus(
      gatewayOrderId: string,
      status: GatewayPaymentStatus,
      actor: string,
      options: RecordGatewayStatusOptions = {},
    ) {
      const link = await prisma.paymentLink.findUnique({ where: { gatewayOrderId }, include: { order: true } })
      if (!link) throw new OrderNotFound(gatewayOrderId.slice(0, 64))
      const result = await deps.payments.recordGatewayStatus(link.order.orderNumber, status, actor, options)
      if (result.payment.status !== 'COMPLETED' || status.status !== 'COMPLETED') return result
      await prisma.paymentLink.updateMany({ where: { id: link.id, status: 'ACTIVE' }, data: { status: 'PAID' } })
      const others = await prisma.paymentLink.findMany({
        where: { orderId: link.orderId, status: 'ACTIVE', id: { not: link.id } },
      })
      for (const other of others) {
        await prisma.paymentLink.update({ where: { id: other.id }, data: { status: 'CANCELLED' } })
        if (other.provider !== 'midtrans') continue
        // Until a method is chosen Snap has no transaction to cancel (404): nothing can be paid there then either.
        await deps.paymentGateway.cancel(other.gatewayOrderId).catch((error: unknown) => {
          deps.log.info({ err: error, gatewayOrderId: other.gatewayOrderId }, 'other payment attempt not cancelled')
        })
      }
      return result
    },

    /**
     * The demo page's "pay" button: settles the attempt exactly as a gateway's settlement report would. Only
     * for demo links (the demo gateway makes them only for the demo shop's orders).
     */
    async settleDemo(token: string) {
      const link = await demoLinkOf(token)
      if (!link) return null
      const now = deps.now()
      // A lapsed link, or an order no longer waiting for money (cancelled, paid otherwise): nothing is settled.
      if (link.status !== 'ACTIVE' || link.expiresAt <= now || link.order.status !== 'PENDING') {
        return { link, result: null }
      }
      const result = await this.recordAttemptStatus(
        link.gatewayOrderId,
        {
          status: 'COMPLETED',
          rawStatus: 'settlement',
          transactionId: `DEMO-${link.gatewayOrderId}`,
          paymentType: 'demo',
          grossAmount: link.amount,
          grossAmountText: `${link.amount}.00`,
          paidAt: now,
        },
        'demo_payment_page',
      )
      return { link, result }
    },

    /** The demo page's view of a link. */
    demoLink: demoLinkOf,
  }
}
