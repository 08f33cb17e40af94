/**
 * request_return: a return for a refund or a size exchange of a delivered order, inside the shop's return window.
 * Like every write it only checks and stages: the customer's press on "Ya, ajukan" stores the request (and takes
 * an exchange's size from stock at once). A refusal offers no button, and only the order's owner learns why.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { OrderStatus, PaymentMethod } from '../src/generated/prisma/enums.ts'
import { formatDate, formatRupiah, type Locale, orderStatusLabels, paymentMethodLabels } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { pendingActionTtlMinutes } from '../src/services/pending-actions.ts'
import { ReturnNotAllowed } from '../src/services/returns/errors.ts'
import { maskAccount } from '../src/services/returns/mask.ts'
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

const sku = z.string().trim().min(1).max(64)

const input = z.object({
  orderNumber: orderNumberInput,
  items: z
    .array(
      z.object({
        sku: sku
          .optional()
          .describe('The SKU of the order line to return ("KAOS-001-M"); leave out when the order has one line.'),
        quantity: z.number().int().min(1).max(99).optional().describe('How many; default: all of that line.'),
        wantedSku: sku.optional().describe('Exchange only: the SKU wanted instead ("KAOS-001-L").'),
        wantedSize: z
          .string()
          .trim()
          .min(1)
          .max(20)
          .optional()
          .describe('Exchange only: the size wanted instead ("L"), when no SKU was said.'),
      }),
    )
    .max(20)
    .default([])
    .describe('The items to return, by SKU and quantity.'),
  reason: z.string().trim().min(2).max(500).describe('Why, in the customer\'s words ("kekecilan", "barang cacat").'),
  resolution: z
    .enum(['refund', 'exchange'])
    .describe('"refund" (money back) or "exchange" (another size or colour of the same product).'),
  refundAccount: z
    .object({
      bank: z.string().trim().min(2).max(40),
      number: z
        .string()
        .trim()
        .regex(/^[0-9][0-9 .-]{4,30}[0-9]$/, 'account number: digits'),
      holder: z.string().trim().min(2).max(80),
    })
    .optional()
    .describe('Only for orders paid by bank transfer or COD (refunds are transferred): the account the customer gave.'),
})

type Input = z.infer<typeof input>

export interface RequestReturnData {
  /** Always true: nothing is stored until the customer presses the confirm button. */
  awaitingConfirmation: true
  orderNumber: string
  resolution: 'refund' | 'exchange'
  items: {
    sku: string
    name: string
    size: string | null
    quantity: number
    price: number
    wantedSku: string | null
    wantedSize: string | null
  }[]
  reason: string
  refundAmount: number | null
  refundMethod: 'gateway' | 'manual' | null
  /** Masked: "BCA ••••7890 a.n. Siti Rahma". */
  refundAccount: string | null
  /** ISO: the last moment a return can be asked for. */
  deadline: string
  expiresAt: string
}

const sizesText = (details: Record<string, unknown> | undefined) => {
  const sizes = Array.isArray(details?.sizes) ? (details.sizes as { size?: unknown }[]) : []
  return sizes
    .map((s) => String(s.size ?? ''))
    .filter(Boolean)
    .join(', ')
}
const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 64) : '')

/** Why a return was refused, for the order's owner (anyone else got order_not_found before this). */
export function returnRefusalText(details: Record<string, unknown> | undefined, locale: Locale): string {
  const orderNumber = orderNumberOf(details) ?? ''
  const sizes = sizesText(details)
  switch (details?.reason) {
    case 'not_delivered': {
      const status = text(details.status) as OrderStatus
      return t(locale, 'return.notDelivered', { orderNumber, status: orderStatusLabels[status]?.[locale] ?? status })
    }
    case 'outside_window':
      return t(locale, 'return.outsideWindow', {
        orderNumber,
        date: formatDate(new Date(String(details.deliveredAt)), locale),
        deadline: formatDate(new Date(String(details.deadline)), locale),
        days: Number(details.windowDays) || 0,
      })
    case 'item_not_in_order':
      return t(locale, 'return.itemNotInOrder', { orderNumber, sku: text(details.sku), skus: skuList(details) })
    case 'item_not_named':
      return t(locale, 'return.itemNotNamed', { orderNumber, skus: skuList(details) })
    case 'quantity_too_high':
      return t(locale, 'return.quantityTooHigh', { sku: text(details.sku), left: Number(details.left) || 0 })
    case 'already_requested':
      return t(locale, 'return.alreadyRequested', { orderNumber, sku: text(details.sku) })
    case 'exchange_not_offered':
      return t(locale, 'return.exchangeNotOffered')
    case 'exchange_other_product':
      return sizes ? t(locale, 'return.exchangeOtherProduct', { sizes }) : t(locale, 'return.noSizes')
    case 'same_size':
      return sizes ? t(locale, 'return.sameSize', { sizes }) : t(locale, 'return.noSizes')
    case 'size_unavailable':
      if (!sizes) return t(locale, 'return.noSizes')
      return details.wanted
        ? t(locale, 'return.sizeUnavailable', { wanted: text(details.wanted), sizes })
        : t(locale, 'return.askSize', { sizes })
    case 'refund_account_needed': {
      const method = text(details.method) as PaymentMethod
      return t(locale, 'return.accountNeeded', { orderNumber, method: paymentMethodLabels[method]?.[locale] ?? method })
    }
    default:
      return t(locale, 'common.internalError')
  }
}

function skuList(details: Record<string, unknown>): string {
  return Array.isArray(details.skus) ? details.skus.map((s) => text(s)).join(', ') : ''
}

function render(result: ToolResult<RequestReturnData>, locale: Locale): Reply {
  if (!result.ok) {
    const { code, details } = result.error
    if (code === 'return_not_allowed') return { text: returnRefusalText(details, locale) }
    if (code === 'invalid_input' && details?.field === 'reason') return { text: t(locale, 'return.invalidReason') }
    return commonErrorReply(result.error, locale)
  }
  const d = result.data
  const exchange = d.resolution === 'exchange'
  const itemLines = d.items.map((i) =>
    exchange
      ? t(locale, 'return.itemExchange', {
          name: i.name,
          size: i.size ?? '-',
          wanted: i.wantedSize ?? i.wantedSku ?? '-',
          quantity: i.quantity,
        })
      : t(locale, 'return.itemRefund', {
          name: i.name,
          size: i.size ?? '-',
          quantity: i.quantity,
          amount: formatRupiah(i.price * i.quantity),
        }),
  )
  const amount = formatRupiah(d.refundAmount ?? 0)
  const wanted = d.items
    .map((i) => i.wantedSize)
    .filter(Boolean)
    .join(', ')
  return {
    text: lines(
      t(locale, exchange ? 'return.confirmExchange' : 'return.confirmRefund', { orderNumber: d.orderNumber }),
      '',
      ...itemLines,
      t(locale, 'return.reason', { reason: d.reason }),
      '',
      exchange && t(locale, 'return.reserve', { size: wanted }),
      !exchange && d.refundMethod === 'gateway' && t(locale, 'return.refundGateway', { amount }),
      !exchange &&
        d.refundMethod === 'manual' &&
        t(locale, 'return.refundManual', { amount, account: d.refundAccount ?? '-' }),
      t(locale, 'return.deadline', { date: formatDate(new Date(d.deadline), locale) }),
      '',
      t(locale, 'return.confirmPrompt', { minutes: pendingActionTtlMinutes }),
    ),
    buttons: confirmButtons(result.confirmation, t(locale, 'return.yes'), t(locale, 'return.no')),
  }
}

const confirmedArgs = z.object({ orderNumber: z.string(), request: z.string() })
/** The checked input as staged, with the conversation whose photos go with the request. */
const storedRequest = input.extend({ conversationId: z.string().optional() })

/** The press on "Ya, ajukan": the request stored (checked again), the exchange's size reserved, staff told. */
const confirmed: ConfirmedWrite<z.infer<typeof confirmedArgs>> = {
  args: confirmedArgs,
  async execute({ services, customerId, actor, locale }, args) {
    const { conversationId, ...rest } = storedRequest.parse(JSON.parse(args.request))
    const view = await services.returns.create(customerId, rest, { actor, conversationId })
    const wanted = view.items
      .map((i) => i.wantedSize)
      .filter(Boolean)
      .join(', ')
    return {
      text: lines(
        t(locale, 'return.done', { returnNumber: view.number }),
        wanted && t(locale, 'return.doneReserved', { size: wanted }),
        view.photos.length > 0
          ? t(locale, 'return.photoCount', { count: view.photos.length })
          : t(locale, 'return.photoHint'),
      ),
    }
  },
  failed(error, locale) {
    if (!(error instanceof ReturnNotAllowed)) return null
    return {
      text: t(locale, 'return.failed', {
        orderNumber: error.orderNumber,
        why: returnRefusalText(error.details, locale),
      }),
    }
  },
  rejected({ orderNumber }, locale) {
    return { text: t(locale, 'return.cancelled', { orderNumber }) }
  },
}

export const requestReturn = {
  name: 'request_return',
  description:
    'Start a return (refund) or a size exchange for a delivered order of the verified customer ("mau tukar size", "retur ORD-2025-006", "I want a refund, it is faulty"). It does NOT create the request: it checks the order (delivered, inside the return window, those items and quantities, the wanted size in stock) and shows "Ya, ajukan" / "Tidak" buttons; the request is made only when the customer presses "Ya, ajukan". Ask first for what is missing: which order, refund or exchange, which size instead, and the reason. For a size that is not in stock the error lists the sizes that are. Orders paid by bank transfer or COD need the account for the refund (refundAccount). Never promise a refund or exchange beyond what this tool accepts.',
  input,
  needsCustomer: true,
  effect: { kind: 'write', request: 'return', confirmed },
  storedInput(raw) {
    const account = (raw as { refundAccount?: { number?: unknown } } | null)?.refundAccount
    if (!account || typeof account.number !== 'string') return raw
    const last = account.number.replace(/\D/g, '').slice(-4)
    return { ...(raw as object), refundAccount: { ...account, number: `••••${last}` } }
  },
  async run(ctx, request) {
    const customer = customerOf(ctx)
    const draft = await ctx.services.returns.check(customer.id, request)
    const stored = { ...request, orderNumber: draft.orderNumber, conversationId: ctx.conversationId }
    const pending = await ctx.pendingActions.create({
      customerId: customer.id,
      identityId: identityOf(ctx).id,
      conversationId: ctx.conversationId,
      action: 'request_return',
      args: { orderNumber: draft.orderNumber, request: JSON.stringify(stored) },
    })
    return ok<RequestReturnData>(
      {
        awaitingConfirmation: true,
        orderNumber: draft.orderNumber,
        resolution: draft.resolution,
        items: draft.items.map((i) => ({
          sku: i.sku,
          name: i.productName,
          size: i.size,
          quantity: i.quantity,
          price: i.price,
          wantedSku: i.wantedSku,
          wantedSize: i.wantedSize,
        })),
        reason: draft.reason,
        refundAmount: draft.refundAmount,
        refundMethod: draft.refundMethod,
        refundAccount: draft.refundAccount
          ? maskAccount({
              refundBank: draft.refundAccount.bank,
              refundAccount: draft.refundAccount.number,
              refundHolder: draft.refundAccount.holder,
            })
          : null,
        deadline: draft.deadline.toISOString(),
        expiresAt: pending.expiresAt.toISOString(),
      },
      { token: pending.token, expiresAt: pending.expiresAt.toISOString() },
    )
  },
  render,
} satisfies ToolPlugin<Input, RequestReturnData>
