/**
 * Lookups over the customer's own orders that start from no order number: by waybill ("resi JNE123456789
 * posisinya dimana?"), the latest order, the unpaid ones. Each is a `find_orders` call; the order found is then
 * tracked with `track_order`, so both lookups are recorded and the identity rules of the tools apply (an
 * unverified sender gets the tools' own "please verify" answer).
 */
import type { Reply } from '../../core/types.ts'
import type { AgentContext } from '../types.ts'
import type { DetectedIntent } from './detect.ts'

interface FoundOrders {
  orders?: { orderNumber: string }[]
}

export async function orderLookup(ctx: AgentContext, detected: DetectedIntent): Promise<Reply[]> {
  const input =
    detected.intent === 'waybill' && detected.waybill
      ? { waybill: detected.waybill }
      : { which: detected.intent === 'unpaid' ? 'unpaid' : 'latest' }
  const found = await ctx.callTool('find_orders', input)
  if (detected.intent === 'unpaid') return [found.reply]
  const [order] = ((found.result as { data?: FoundOrders } | null)?.data?.orders ?? []) as { orderNumber: string }[]
  if (!found.ok || !order) return [found.reply]
  return [(await ctx.callTool('track_order', { orderNumber: order.orderNumber })).reply]
}
