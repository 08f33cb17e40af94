/**
 * payment_link: a link to pay an unpaid order of the verified customer (Midtrans Snap, or the demo shop's own
 * page), in the text and on a link button, with the amount, the methods and the real expiry in WIB. The same
 * valid link is given again rather than a second charge; paid, cancelled, expired and COD orders get none.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import { formatDateTime, formatRupiah, type Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { commonErrorReply, customerOf, lines, orderNumberInput, orderNumberOf } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({ orderNumber: orderNumberInput })
type PaymentLinkInput = z.infer<typeof input>

export interface PaymentLinkData {
  orderNumber: string
  amount: number
  url: string
  /** ISO time. */
  expiresAt: string
  methods: string[]
  reused: boolean
}

const methodNames: Record<string, string> = {
  other_qris: 'QRIS',
  gopay: 'GoPay',
  shopeepay: 'ShopeePay',
  bca_va: 'BCA VA',
  bni_va: 'BNI VA',
  bri_va: 'BRI VA',
  permata_va: 'Permata VA',
  echannel: 'Mandiri Bill',
  credit_card: 'Kartu Kredit',
  cimb_va: 'CIMB VA',
  other_va: 'VA',
  indomaret: 'Indomaret',
  alfamart: 'Alfamart',
}

function render(result: ToolResult<PaymentLinkData>, locale: Locale): Reply {
  if (!result.ok) {
    if (result.error.code === 'payment_link_refused') {
      const orderNumber = orderNumberOf(result.error.details) ?? ''
      const reason = String(result.error.details?.reason ?? 'unavailable')
      const key =
        reason === 'paid'
          ? 'paylink.paid'
          : reason === 'cancelled'
            ? 'paylink.cancelled'
            : reason === 'expired'
              ? 'paylink.expired'
              : reason === 'cod'
                ? 'paylink.cod'
                : 'paylink.unavailable'
      return { text: t(locale, key, { orderNumber }) }
    }
    return commonErrorReply(result.error, locale)
  }
  const d = result.data
  return {
    text: lines(
      t(locale, 'paylink.title', { orderNumber: d.orderNumber }),
      t(locale, 'paylink.amount', { amount: formatRupiah(d.amount) }),
      t(locale, 'paylink.link', { url: d.url }),
      t(locale, 'paylink.expires', { expiresAt: formatDateTime(new Date(d.expiresAt), locale) }),
      d.methods.length > 0 &&
        t(locale, 'paylink.methods', { methods: d.methods.map((m) => methodNames[m] ?? m).join(', ') }),
      d.reused && t(locale, 'paylink.reused'),
      t(locale, 'paylink.after'),
    ),
    buttons: [{ label: t(locale, 'paylink.button'), action: { url: d.url } }],
  }
}

export const paymentLink = {
  name: 'payment_link',
  description:
    "A link to pay an unpaid order of the verified customer (QRIS, e-wallets, virtual accounts), with the amount and the link's expiry. Use when the customer asks for a payment link or how to pay online. Gives the same link again while it is valid (never a second charge); a paid, cancelled, expired or cash-on-delivery order gets no link and the answer says why.",
  input,
  needsCustomer: true,
  effect: { kind: 'record' },
  async run(ctx, input) {
    const link = await ctx.services.paymentLinks.openLink(customerOf(ctx).id, input.orderNumber)
    return ok({ ...link, expiresAt: link.expiresAt.toISOString() })
  },
  render,
} satisfies ToolPlugin<PaymentLinkInput, PaymentLinkData>
