/**
 * confirm_cod: the customer confirms a cash-on-delivery order. Like every write it only stages a pending action;
 * the customer's press on "Ya, konfirmasi" stores the confirmation (time and who, audited, once). The confirmation
 * request the shop sends when a COD order arrives carries buttons of the same confirmed write.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import { formatDateTime, formatRupiah, type Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { CodNotConfirmable } from '../src/services/cod-confirmations.ts'
import { pendingActionTtlMinutes } from '../src/services/pending-actions.ts'
import {
  commonErrorReply,
  confirmButtons,
  customerOf,
  identityOf,
  lines,
  orderNumberInput,
  orderNumberOf,
} from './common.ts'
import { type ConfirmedWrite, ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({ orderNumber: orderNumberInput })

export interface ConfirmCodData {
  orderNumber: string
  amount: number
  /** ISO time of an earlier confirmation: nothing is staged then. */
  confirmedAt: string | null
  /** True while the customer's press is awaited. */
  awaitingConfirmation: boolean
}

function render(result: ToolResult<ConfirmCodData>, locale: Locale): Reply {
  if (!result.ok) {
    if (result.error.code === 'cod_not_confirmable') {
      return { text: t(locale, 'cod.notConfirmable', { orderNumber: orderNumberOf(result.error.details) ?? '' }) }
    }
    return commonErrorReply(result.error, locale)
  }
  const d = result.data
  const amount = formatRupiah(d.amount)
  if (d.confirmedAt) {
    const dateTime = formatDateTime(new Date(d.confirmedAt), locale)
    return { text: t(locale, 'cod.already', { orderNumber: d.orderNumber, dateTime, amount }) }
  }
  return {
    text: lines(
      t(locale, 'cod.confirmTitle', { orderNumber: d.orderNumber }),
      '',
      t(locale, 'cod.confirmBody', { amount }),
      t(locale, 'cod.confirmPrompt', { minutes: pendingActionTtlMinutes }),
    ),
    buttons: confirmButtons(result.confirmation, t(locale, 'cod.yes'), t(locale, 'cod.no')),
  }
}

const confirmedArgs = z.object({ orderNumber: z.string() })

/** The press on "Ya, konfirmasi" (in a chat, or on the shop's confirmation request). */
const confirmed: ConfirmedWrite<z.infer<typeof confirmedArgs>> = {
  args: confirmedArgs,
  async execute({ services, customerId, actor, locale }, args) {
    const done = await services.cod.confirm(customerId, args.orderNumber, actor)
    const amount = formatRupiah(done.amount)
    if (done.already) {
      const dateTime = formatDateTime(done.confirmedAt, locale)
      return { text: t(locale, 'cod.already', { orderNumber: done.orderNumber, dateTime, amount }) }
    }
    return { text: t(locale, 'cod.done', { orderNumber: done.orderNumber, amount }) }
  },
  failed(error, locale) {
    if (!(error instanceof CodNotConfirmable)) return null
    return { text: t(locale, 'cod.notConfirmable', { orderNumber: error.orderNumber }) }
  },
  rejected({ orderNumber }, locale) {
    return { text: t(locale, 'cod.rejected', { orderNumber }) }
  },
}

export const confirmCod = {
  name: 'confirm_cod',
  description:
    'Start confirming one of the verified customer\'s cash-on-delivery (COD) orders, when the customer says they confirm it ("konfirmasi COD ORD-2025-007", "yes I confirm my COD order"). It does NOT confirm by itself: it shows "Ya, konfirmasi" / "Tidak" buttons and the order is confirmed only when the customer presses "Ya, konfirmasi". An order already confirmed is answered as such; an order that is not COD, cancelled or shipped is refused (cod_not_confirmable).',
  input,
  needsCustomer: true,
  effect: { kind: 'write', request: 'cod', confirmed },
  async run(ctx, { orderNumber }) {
    const customer = customerOf(ctx)
    const order = await ctx.services.cod.check(customer.id, orderNumber)
    const data = { orderNumber: order.orderNumber, amount: order.amount }
    if (order.confirmedAt) {
      return ok<ConfirmCodData>({ ...data, confirmedAt: order.confirmedAt.toISOString(), awaitingConfirmation: false })
    }
    const pending = await ctx.pendingActions.create({
      customerId: customer.id,
      identityId: identityOf(ctx).id,
      conversationId: ctx.conversationId,
      action: 'confirm_cod',
      args: { orderNumber: order.orderNumber },
    })
    return ok<ConfirmCodData>(
      { ...data, confirmedAt: null, awaitingConfirmation: true },
      { token: pending.token, expiresAt: pending.expiresAt.toISOString() },
    )
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, ConfirmCodData>
