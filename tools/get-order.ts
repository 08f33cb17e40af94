/**
 * get_order: one of the verified customer's orders in full: items with sizes and prices, shipping cost, total,
 * address, payment status and waybill, with a tracking-page button once shipped. Another customer's order reads
 * as "not found", like every order tool.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { type OrderCard, orderCardOf, orderCardText } from '../src/services/order-card.ts'
import { commonErrorReply, customerOf, orderNumberInput } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({ orderNumber: orderNumberInput })

export type OrderDetailsData = OrderCard & { trackingUrl: string | null }

function render(result: ToolResult<OrderDetailsData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  const text = orderCardText(result.data, locale)
  const url = result.data.trackingUrl
  return url ? { text, buttons: [{ label: t(locale, 'track.button'), action: { url } }] } : { text }
}

export const getOrder = {
  name: 'get_order',
  description:
    'One of the verified customer\'s orders in full: the items with sizes, quantities and prices, shipping cost, total, shipping address, payment status and waybill. Use for "pesanan saya isinya apa?", "what did I order", "berapa totalnya". Needs the order number. For where the parcel is now use track_order; for how to pay use verify_payment.',
  input,
  needsCustomer: true,
  effect: { kind: 'read' },
  async run(ctx, { orderNumber }) {
    const order = await ctx.services.orders.getOrderByNumber(customerOf(ctx).id, orderNumber)
    let trackingUrl: string | null = null
    if (order.shipping) {
      try {
        trackingUrl = ctx.services.shipping.getTrackingUrl(order.shipping.trackingNumber, order.shipping.carrier)
      } catch (error) {
        ctx.log.debug({ err: error }, 'no tracking page for this carrier')
      }
    }
    return ok<OrderDetailsData>({ ...orderCardOf(order), trackingUrl })
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, OrderDetailsData>
