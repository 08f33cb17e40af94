/**
 * find_orders: the verified customer's own orders found without an order number: by a courier's waybill
 * number, the latest one, or the ones still waiting for payment. Scoped to the customer like every order tool,
 * so another customer's waybill is simply "not found".
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { OrderStatus, PaymentStatus } from '../src/generated/prisma/enums.ts'
import { formatDate, formatRupiah, type Locale, orderStatusLabels } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { commonErrorReply, customerOf, lines } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z
  .object({
    waybill: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,40}$/, 'a waybill number: 4-40 letters, digits or dashes')
      .optional()
      .describe('The courier waybill (resi) number the customer gave, e.g. "JNE123456789".'),
    which: z
      .enum(['latest', 'unpaid', 'delivered'])
      .optional()
      .describe(
        'Without a waybill: "latest" for the newest order, "unpaid" for every order still waiting for payment, "delivered" for the delivered ones (a return or exchange).',
      ),
  })
  .refine((v) => (v.waybill === undefined) !== (v.which === undefined), {
    message: 'give either waybill or which',
    path: ['which'],
  })

type FindOrdersInput = z.infer<typeof input>

export interface FoundOrder {
  orderNumber: string
  status: OrderStatus
  paymentStatus: PaymentStatus | null
  totalAmount: number
  /** ISO time. */
  createdAt: string
  trackingNumber: string | null
}

export interface FindOrdersData {
  /** What was asked: the waybill, or "latest" / "unpaid". */
  query: string
  orders: FoundOrder[]
}

// Orders a customer could still pay: not cancelled, payment not completed.
const unpaidPayments: ReadonlySet<string> = new Set(['PENDING', 'FAILED', 'EXPIRED'])
const scannedOrders = 100

function render(result: ToolResult<FindOrdersData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  const { query, orders } = result.data
  if (query === 'unpaid') {
    if (orders.length === 0) return { text: t(locale, 'find.noUnpaid') }
    const list = orders.map((o) =>
      t(locale, 'find.unpaidLine', {
        orderNumber: o.orderNumber,
        total: formatRupiah(o.totalAmount),
        status: orderStatusLabels[o.status][locale],
        date: formatDate(new Date(o.createdAt), locale),
      }),
    )
    return {
      text: lines(
        t(locale, 'find.unpaidTitle'),
        ...list,
        '',
        t(locale, 'find.unpaidHint', { orderNumber: orders[0]!.orderNumber }),
      ),
    }
  }
  if (query === 'delivered' && orders.length > 0) return { text: orders.map((o) => o.orderNumber).join(', ') }
  const [order] = orders
  if (!order) {
    return {
      text: query === 'latest' ? t(locale, 'find.noOrders') : t(locale, 'find.waybillNotFound', { waybill: query }),
    }
  }
  return { text: order.orderNumber }
}

export const findOrders = {
  name: 'find_orders',
  description:
    "Finds the verified customer's own orders without an order number: by the courier waybill (resi) number they quote, their latest order, all orders still waiting for payment, or their delivered orders. Then use track_order or verify_payment with the order number found. Not for an order number the customer already gave.",
  input,
  needsCustomer: true,
  effect: { kind: 'read' },
  async run(ctx, request: FindOrdersInput) {
    const all = await ctx.services.orders.getCustomerOrders(customerOf(ctx).id, { limit: scannedOrders })
    const view = (o: (typeof all)[number]): FoundOrder => ({
      orderNumber: o.orderNumber,
      status: o.status,
      paymentStatus: o.payment?.status ?? null,
      totalAmount: o.totalAmount,
      createdAt: o.createdAt.toISOString(),
      trackingNumber: o.shipping?.trackingNumber ?? null,
    })
    if (request.waybill) {
      const wanted = request.waybill.toUpperCase().replaceAll('-', '')
      const match = all.filter((o) => o.shipping?.trackingNumber.toUpperCase().replaceAll('-', '') === wanted)
      return ok<FindOrdersData>({ query: request.waybill.toUpperCase(), orders: match.map(view) })
    }
    if (request.which === 'latest') return ok<FindOrdersData>({ query: 'latest', orders: all.slice(0, 1).map(view) })
    if (request.which === 'delivered') {
      const delivered = all.filter((o) => o.status === 'DELIVERED')
      return ok<FindOrdersData>({ query: 'delivered', orders: delivered.map(view) })
    }
    const unpaid = all.filter((o) => o.status !== 'CANCELLED' && unpaidPayments.has(o.payment?.status ?? 'PENDING'))
    return ok<FindOrdersData>({ query: 'unpaid', orders: unpaid.map(view) })
  },
  render,
} satisfies ToolPlugin<FindOrdersInput, FindOrdersData>
