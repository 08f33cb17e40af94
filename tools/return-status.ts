/**
 * return_status: where the verified customer's return and exchange requests stand (of one order, or all of
 * theirs). Someone else's order number is "not found", as everywhere.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import { formatDate, formatRupiah, type Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import type { ReturnView } from '../src/services/returns/view.ts'
import { commonErrorReply, customerOf, lines } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({
  orderNumber: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe(
      'The order (or return number "ORD-2025-006-R1") asked about; leave out for all the customer\'s requests.',
    ),
})

export interface ReturnStatusData {
  orderNumber: string | null
  returns: Omit<ReturnView, 'customerId' | 'conversationId'>[]
}

function render(result: ToolResult<ReturnStatusData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  const d = result.data
  if (d.returns.length === 0) {
    return {
      text: d.orderNumber
        ? t(locale, 'return.statusNone', { orderNumber: d.orderNumber })
        : t(locale, 'return.statusNoneAll'),
    }
  }
  const rows = d.returns.flatMap((r) => {
    const kind =
      r.resolution === 'refund'
        ? t(locale, 'return.statusRefund', { amount: formatRupiah(r.refundAmount ?? 0) })
        : t(locale, 'return.statusExchange', { sizes: r.items.map((i) => i.wantedSize ?? '-').join(', ') })
    return [
      t(locale, 'return.statusLine', {
        returnNumber: r.number,
        orderNumber: r.orderNumber,
        kind,
        status: t(locale, `return.status.${r.status}`),
      }),
      r.status === 'REJECTED' && r.rejectReason ? t(locale, 'return.statusRejected', { reason: r.rejectReason }) : null,
      r.status === 'APPROVED' && r.parcelDueAt
        ? t(locale, 'return.statusDue', { date: formatDate(new Date(r.parcelDueAt), locale) })
        : null,
    ]
  })
  return { text: lines(t(locale, 'return.statusTitle'), '', ...rows) }
}

export const returnStatus = {
  name: 'return_status',
  description:
    'Show where the verified customer\'s return and size-exchange requests stand ("status retur ORD-2025-006", "how is my exchange going?"): waiting for approval, approved (send the parcel), received, refunded, replacement shipped, rejected with the reason. Read only.',
  input,
  needsCustomer: true,
  effect: { kind: 'read' },
  async run(ctx, { orderNumber }) {
    const customer = customerOf(ctx)
    const views = await ctx.services.returns.statusFor(customer.id, orderNumber)
    return ok<ReturnStatusData>({
      orderNumber: orderNumber ? (views[0]?.orderNumber ?? orderNumber.replace(/-R\d+$/i, '').toUpperCase()) : null,
      returns: views.map(({ customerId: _c, conversationId: _v, ...rest }) => rest),
    })
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, ReturnStatusData>
