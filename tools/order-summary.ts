/** get_order_summary: the verified customer's order totals and most recent orders. */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { OrderStatus } from '../src/generated/prisma/enums.ts'
import { formatDate, formatRupiah, type Locale, orderStatusEmoji, orderStatusLabels } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { commonErrorReply, customerOf, lines } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({})

export interface OrderSummaryData {
  totalOrders: number
  /** PENDING, PROCESSING or SHIPPED. */
  activeOrders: number
  /** Sum of the totals of orders that were not cancelled, in Rupiah. */
  totalSpent: number
  /** The five newest, newest first. */
  recentOrders: { orderNumber: string; status: OrderStatus; totalAmount: number; createdAt: string }[]
}

function render(result: ToolResult<OrderSummaryData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  const d = result.data
  return {
    text: lines(
      t(locale, 'summary.title'),
      '',
      t(locale, 'summary.total', { count: d.totalOrders }),
      t(locale, 'summary.active', { count: d.activeOrders }),
      t(locale, 'summary.spent', { amount: formatRupiah(d.totalSpent) }),
      '',
      ...(d.recentOrders.length === 0
        ? [t(locale, 'summary.empty')]
        : [
            t(locale, 'summary.recent'),
            ...d.recentOrders.map((o) =>
              t(locale, 'summary.item', {
                orderNumber: o.orderNumber,
                emoji: orderStatusEmoji[o.status],
                status: orderStatusLabels[o.status][locale],
                amount: formatRupiah(o.totalAmount),
                date: formatDate(new Date(o.createdAt), locale),
              }),
            ),
          ]),
    ),
  }
}

export const orderSummary = {
  name: 'get_order_summary',
  description:
    'The verified customer\'s order overview: total and active order counts, total spent, and the five most recent orders with number, status, amount and date. Use for "pesanan saya apa saja", order history, "how many orders", or when the customer refers to an order without giving its number. Takes no input.',
  input,
  needsCustomer: true,
  effect: { kind: 'read' },
  async run(ctx) {
    const summary = await ctx.services.orders.getOrderSummary(customerOf(ctx).id)
    return ok<OrderSummaryData>({
      totalOrders: summary.totalOrders,
      activeOrders: summary.activeOrders,
      totalSpent: summary.totalSpent,
      recentOrders: summary.recentOrders.map((o) => ({
        orderNumber: o.orderNumber,
        status: o.status,
        totalAmount: o.totalAmount,
        createdAt: o.createdAt.toISOString(),
      })),
    })
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, OrderSummaryData>
