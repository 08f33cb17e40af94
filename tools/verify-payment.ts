/** verify_payment: whether an order is paid; when it is not, how to pay it. */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { OrderStatus, PaymentMethod, PaymentStatus } from '../src/generated/prisma/enums.ts'
import {
  formatDate,
  formatDateTime,
  formatRupiah,
  type Locale,
  paymentMethodLabels,
  paymentStatusEmoji,
  paymentStatusLabels,
} from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { commonErrorReply, customerOf, lines, orderNumberInput, orderNumberOf } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({ orderNumber: orderNumberInput })

export interface PaymentInstructionsData {
  amount: number
  method: PaymentMethod
  provider: string | null
  vaNumber: string | null
  /** ISO time. */
  expiresAt: string | null
  bankAccounts: { bank: string; number: string; holder: string }[]
}

export interface VerifyPaymentData {
  orderNumber: string
  orderStatus: OrderStatus
  isPaid: boolean
  status: PaymentStatus
  method: PaymentMethod
  provider: string | null
  amount: number
  /** ISO time. */
  paidAt: string | null
  /** True when the payment gateway could not be asked and this is our stored status. */
  stale: boolean
  /** How to pay, while the payment is still open and its deadline has not passed. */
  instructions: PaymentInstructionsData | null
  /** ISO time of a deadline that has passed on an unpaid payment: the customer is not asked to pay it. */
  expiredAt: string | null
}

/** "8808123456789012" → "8808 1234 5678 9012"; anything not purely digits is left alone. */
export function formatVaNumber(va: string): string {
  return /^\d+$/.test(va) ? (va.match(/\d{1,4}/g) ?? [va]).join(' ') : va
}

function methodLabel(method: PaymentMethod, provider: string | null, locale: Locale): string {
  const label = paymentMethodLabels[method][locale]
  return method === 'e_wallet' && provider ? `${label} (${provider})` : label
}

function instructionLines(orderNumber: string, ins: PaymentInstructionsData, locale: Locale): string[] {
  const amount = formatRupiah(ins.amount)
  const deadline =
    ins.expiresAt && t(locale, 'payment.deadline', { dateTime: formatDateTime(new Date(ins.expiresAt), locale) })
  switch (ins.method) {
    case 'bank_transfer':
      return [
        t(locale, 'payment.bankTitle'),
        t(locale, 'payment.amount', { amount }),
        t(locale, 'payment.reference', { orderNumber }),
        ...(ins.bankAccounts.length > 0
          ? ['', t(locale, 'payment.bankAccounts'), ...ins.bankAccounts.map((a) => t(locale, 'payment.bankAccount', a))]
          : ins.vaNumber
            ? []
            : ['', t(locale, 'payment.noBankAccounts')]),
        ...(ins.vaNumber || deadline ? [''] : []),
        ...(ins.vaNumber
          ? [
              t(locale, 'payment.virtualAccount', {
                provider: ins.provider ?? '',
                vaNumber: formatVaNumber(ins.vaNumber),
              }),
            ]
          : []),
        ...(deadline ? [deadline] : []),
      ]
    case 'e_wallet':
      return [
        t(locale, 'payment.ewalletTitle'),
        t(locale, 'payment.amount', { amount }),
        t(locale, 'payment.ewalletBody', { provider: ins.provider ?? 'e-wallet' }),
        ...(deadline ? [deadline] : []),
      ]
    case 'credit_card':
      return [
        t(locale, 'payment.cardTitle'),
        t(locale, 'payment.amount', { amount }),
        t(locale, 'payment.cardBody'),
        ...(deadline ? [deadline] : []),
      ]
    case 'cod':
      return [t(locale, 'payment.codTitle'), t(locale, 'payment.codBody', { amount })]
  }
}

/** How to pay an open payment, on its own (the server-to-server API answers it as text). */
export function paymentInstructionsText(orderNumber: string, ins: PaymentInstructionsData, locale: Locale): string {
  return instructionLines(orderNumber, ins, locale).join('\n')
}

function render(result: ToolResult<VerifyPaymentData>, locale: Locale): Reply {
  if (!result.ok) {
    if (result.error.code === 'payment_not_found') {
      const orderNumber = orderNumberOf(result.error.details)
      if (orderNumber) return { text: t(locale, 'payment.notFound', { orderNumber }) }
    }
    return commonErrorReply(result.error, locale)
  }
  const d = result.data
  const ins = d.instructions
  const text = lines(
    t(locale, 'payment.status', { emoji: paymentStatusEmoji[d.status], label: paymentStatusLabels[d.status][locale] }),
    '',
    ...(ins
      ? [
          t(locale, 'payment.unpaid', { orderNumber: d.orderNumber }),
          '',
          ...instructionLines(d.orderNumber, ins, locale),
          '',
          t(locale, 'payment.afterPay'),
        ]
      : [
          t(locale, 'payment.method', { method: methodLabel(d.method, d.provider, locale) }),
          t(locale, 'payment.amount', { amount: formatRupiah(d.amount) }),
          ...(d.paidAt ? [t(locale, 'payment.paidAt', { date: formatDate(new Date(d.paidAt), locale) })] : []),
        ]),
    d.expiredAt && '',
    d.expiredAt &&
      t(locale, 'payment.expired', {
        orderNumber: d.orderNumber,
        dateTime: formatDateTime(new Date(d.expiredAt), locale),
      }),
    d.stale && '',
    d.stale && t(locale, 'payment.stale'),
  )
  return { text }
}

export const verifyPayment = {
  name: 'verify_payment',
  description:
    'Payment status of one of the verified customer\'s orders (paid or not, method, amount, paid date) and, when it is still unpaid and its deadline (in WIB) has not passed, the payment instructions (bank accounts, virtual account, deadline, COD); a paid or expired payment is never asked for. Use for "sudah dibayar?", "cara bayar", "how do I pay". Needs the order number. Not for shipping questions (track_order).',
  input,
  needsCustomer: true,
  effect: { kind: 'read' },
  async run(ctx, { orderNumber }) {
    const customerId = customerOf(ctx).id
    const verified = await ctx.services.payments.verifyPayment(customerId, orderNumber)
    const payment = verified.payment
    let instructions: PaymentInstructionsData | null = null
    const expired = payment.status === 'PENDING' && payment.expiresAt !== null && payment.expiresAt <= ctx.now()
    if (!verified.isPaid && payment.status === 'PENDING' && !expired) {
      const ins = await ctx.services.payments.getPaymentInstructions(customerId, verified.orderNumber, ctx.locale)
      instructions = {
        amount: ins.amount,
        method: ins.method,
        provider: ins.provider,
        vaNumber: ins.vaNumber,
        expiresAt: ins.expiresAt ? ins.expiresAt.toISOString() : null,
        bankAccounts: ins.bankAccounts.map((a) => ({ bank: a.bank, number: a.number, holder: a.holder })),
      }
    }
    return ok<VerifyPaymentData>({
      orderNumber: verified.orderNumber,
      orderStatus: verified.orderStatus,
      isPaid: verified.isPaid,
      status: payment.status,
      method: payment.method,
      provider: payment.provider,
      amount: payment.amount,
      paidAt: payment.paidAt ? payment.paidAt.toISOString() : null,
      stale: Boolean(verified.gatewayError),
      instructions,
      expiredAt: expired && payment.expiresAt ? payment.expiresAt.toISOString() : null,
    })
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, VerifyPaymentData>
