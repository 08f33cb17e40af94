/**
 * cancel_order: never cancels by itself. It checks that the order can be cancelled and asks the customer to
 * press "Ya, batalkan"; only that press cancels (`confirmed` below, run by src/core/confirmations.ts), so no
 * text, and no prompt injection, can cancel an order.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { OrderStatus, PaymentMethod, PaymentStatus } from '../src/generated/prisma/enums.ts'
import { formatRupiah, type Locale, orderStatusLabels } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { OrderNotCancellable } from '../src/services/errors.ts'
import { pendingActionTtlMinutes } from '../src/services/pending-actions.ts'
import {
  commonErrorReply,
  confirmButtons,
  customerOf,
  type ItemSummary,
  itemLines,
  lines,
  orderNumberInput,
  orderNumberOf,
} from './common.ts'
import { type ConfirmedWrite, ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({
  orderNumber: orderNumberInput,
  reason: z
    .string()
    .trim()
    .max(500)
    .optional()
    .describe('Why the customer wants to cancel, in their words, if they said.'),
})

export interface CancelOrderData {
  /** Always true: nothing is cancelled until the customer presses the confirm button. */
  awaitingConfirmation: true
  orderNumber: string
  status: OrderStatus
  totalAmount: number
  items: ItemSummary[]
  paymentStatus: PaymentStatus | null
  paymentMethod: PaymentMethod | null
  /** Set when the order was paid: that amount goes back to the customer (by hand for bank transfers). */
  refund: { amount: number; manual: boolean } | null
  /** ISO time after which the button no longer works. */
  expiresAt: string
}

function notCancellableReply(details: Record<string, unknown> | undefined, locale: Locale): Reply {
  const orderNumber = orderNumberOf(details) ?? ''
  const status = typeof details?.status === 'string' ? details.status : ''
  switch (status) {
    case 'SHIPPED':
      return { text: lines(t(locale, 'cancel.alreadyShipped', { orderNumber }), t(locale, 'cancel.humanOffer')) }
    case 'DELIVERED':
      return { text: lines(t(locale, 'cancel.alreadyDelivered', { orderNumber }), t(locale, 'cancel.humanOffer')) }
    case 'CANCELLED':
      return { text: t(locale, 'cancel.alreadyCancelled', { orderNumber }) }
    default: {
      const label = orderStatusLabels[status as OrderStatus]?.[locale] ?? status
      return {
        text: lines(t(locale, 'cancel.notCancellable', { orderNumber, status: label }), t(locale, 'cancel.humanOffer')),
      }
    }
  }
}

function render(result: ToolResult<CancelOrderData>, locale: Locale): Reply {
  if (!result.ok) {
    const { code, details } = result.error
    if (code === 'not_cancellable') return notCancellableReply(details, locale)
    if (code === 'invalid_input' && details?.field === 'reason') return { text: t(locale, 'cancel.invalidReason') }
    return commonErrorReply(result.error, locale)
  }
  const d = result.data
  const refund = d.refund && formatRupiah(d.refund.amount)
  const text = lines(
    t(locale, 'cancel.confirmTitle'),
    '',
    t(locale, 'cancel.confirmBody', {
      orderNumber: d.orderNumber,
      status: orderStatusLabels[d.status][locale],
      amount: formatRupiah(d.totalAmount),
    }),
    ...itemLines(d.items, locale),
    refund && '',
    refund && t(locale, d.refund?.manual ? 'cancel.manualRefundNote' : 'cancel.refundNote', { amount: refund }),
    '',
    t(locale, 'cancel.confirmPrompt', { minutes: pendingActionTtlMinutes }),
  )
  return { text, buttons: confirmButtons(result.confirmation, t(locale, 'cancel.yes'), t(locale, 'cancel.no')) }
}

const confirmedArgs = z.object({ orderNumber: z.string(), reason: z.string().optional() })

/** The press on "Ya, batalkan": the cancellation in one transaction (status, stock, payment, audit). */
const confirmed: ConfirmedWrite<z.infer<typeof confirmedArgs>> = {
  args: confirmedArgs,
  async execute({ services, customerId, actor, locale }, args) {
    const { order, paymentStatus, refund } = await services.orders.cancelOrder(
      customerId,
      args.orderNumber,
      args.reason,
      actor,
    )
    const refunding = paymentStatus === 'REFUND_PENDING' || paymentStatus === 'REFUNDED'
    const amount = formatRupiah(order.payment?.amount ?? order.totalAmount)
    const refundLine = refunding
      ? t(locale, refund?.manual ? 'pending.refundManual' : 'pending.refundStarted', { amount })
      : null
    const done = t(locale, 'pending.cancelDone', { orderNumber: order.orderNumber })
    return { text: refundLine ? `${done}\n${refundLine}` : done }
  },
  failed(error, locale) {
    if (!(error instanceof OrderNotCancellable)) return null
    const status = orderStatusLabels[error.status as OrderStatus]?.[locale] ?? error.status
    return { text: t(locale, 'pending.cancelFailed', { orderNumber: error.orderNumber, status }) }
  },
  rejected({ orderNumber }, locale) {
    return { text: t(locale, 'pending.cancelRejected', { orderNumber }) }
  },
}

export const cancelOrder = {
  name: 'cancel_order',
  description:
    'Start cancelling one of the verified customer\'s orders. It does NOT cancel: it checks the order can still be cancelled (only while "Menunggu Pembayaran" or "Sedang Diproses") and shows the customer "Ya, batalkan" / "Tidak" buttons; the order is cancelled only when the customer presses "Ya, batalkan" themselves. Use only when the customer clearly asks to cancel that order. If it fails with not_cancellable (already shipped or delivered), explain and offer a human (request_human).',
  input,
  needsCustomer: true,
  effect: { kind: 'write', request: 'cancel', confirmed },
  async run(ctx, { orderNumber, reason }) {
    const customer = customerOf(ctx)
    const order = await ctx.services.orders.checkCancellable(customer.id, orderNumber)
    const pending = await ctx.pendingActions.create({
      customerId: customer.id,
      identityId: ctx.identity.id,
      conversationId: ctx.conversationId,
      action: 'cancel_order',
      args: reason ? { orderNumber: order.orderNumber, reason } : { orderNumber: order.orderNumber },
    })
    const paid = order.payment?.status === 'COMPLETED'
    return ok<CancelOrderData>(
      {
        awaitingConfirmation: true,
        orderNumber: order.orderNumber,
        status: order.status,
        totalAmount: order.totalAmount,
        items: order.items.map((i) => ({ name: i.productName, size: i.size, quantity: i.quantity })),
        paymentStatus: order.payment?.status ?? null,
        paymentMethod: order.payment?.method ?? null,
        refund:
          paid && order.payment
            ? { amount: order.payment.amount, manual: order.payment.method === 'bank_transfer' }
            : null,
        expiresAt: pending.expiresAt.toISOString(),
      },
      { token: pending.token, expiresAt: pending.expiresAt.toISOString() },
    )
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, CancelOrderData>
