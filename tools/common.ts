/**
 * Pieces several tools share: the replies for the runner's own errors and for "order not found", the input
 * field for an order number, and item lines.
 */
import { z } from 'zod'
import type { Identity, Reply, ReplyButton } from '../src/core/types.ts'
import type { Customer } from '../src/generated/prisma/client.ts'
import type { Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { customerOrderNumber } from '../src/services/order-number.ts'
import type { PendingConfirmation, ToolContext, ToolError } from './types.ts'

/**
 * The order number as the customer wrote it: Layan's own ("ORD-2025-001", loose forms like "ord 2025 001") or the
 * shop's own from its platform ("5001", "#1001", "INV/2026/001"); the services read both (order-number.ts).
 */
export const orderNumberInput = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .describe(
    'The order number the customer mentioned, as written: "ORD-2025-001" (loose forms like "ord2025001" are fine) or the shop\'s own number such as "5001" or "#1001". A bare number is an order number only when the customer calls it one ("pesanan 5001", "#5001") or it is one of their orders; never a postal code, a quantity or phone digits.',
  )

/** The verified customer; tools with `needsCustomer` only run when there is one (run-tool.ts checks). */
export function customerOf(ctx: ToolContext): Customer {
  if (!ctx.customer) throw new Error('tool needs a customer but the context has none')
  return ctx.customer
}

/** An order number from error details, only when it is a real one (never echo arbitrary text). */
/** The sender's identity, which a write stages its confirmation for (writes only run in a chat). */
export function identityOf(ctx: ToolContext): Identity {
  if (!ctx.identity) throw new Error('a write tool needs the sender identity but the context has none')
  return ctx.identity
}

export function orderNumberOf(details: Record<string, unknown> | undefined): string | null {
  const raw = details?.orderNumber
  return typeof raw === 'string' ? customerOrderNumber(raw) : null
}

/** "Pesanan ORD-2099-999 tidak ditemukan. ..." whatever the reason (missing or someone else's). */
export function orderNotFoundText(details: Record<string, unknown> | undefined, locale: Locale): string {
  const orderNumber = orderNumberOf(details)
  return orderNumber ? t(locale, 'common.orderNotFound', { orderNumber }) : t(locale, 'common.orderNotFoundNoNumber')
}

/**
 * The reply for errors every tool can meet: the runner's codes, an unknown order, a gateway outage. Tools
 * handle their own codes first and fall back to this.
 */
export function commonErrorReply(error: ToolError, locale: Locale): Reply {
  switch (error.code) {
    case 'verification_required':
      return { text: t(locale, 'common.verificationRequired'), requestContact: true }
    case 'order_not_found':
      return { text: orderNotFoundText(error.details, locale) }
    case 'invalid_input': {
      const field = typeof error.details?.field === 'string' ? error.details.field : 'input'
      if (field === 'orderNumber') return { text: t(locale, 'common.orderNumberMissing') }
      if (field === 'address' || field === 'newAddress') return { text: t(locale, 'address.invalid') }
      return { text: t(locale, 'common.invalidInput', { field }) }
    }
    case 'service_unavailable':
      return { text: t(locale, 'common.serviceUnavailable') }
    default:
      return { text: t(locale, 'common.internalError') }
  }
}

export interface ItemSummary {
  name: string
  size: string | null
  quantity: number
}

/** "- Jaket Denim Oversize (L) x1" lines. */
export function itemLines(items: ItemSummary[], locale: Locale): string[] {
  return items.map((item) =>
    item.size
      ? t(locale, 'common.itemLineSized', { name: item.name, size: item.size, quantity: item.quantity })
      : t(locale, 'common.itemLine', { name: item.name, quantity: item.quantity }),
  )
}

/** Lines joined into a reply text, dropping empty ones (optional lines are written as `cond && text`). */
export function lines(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n')
}

/** The catalog name; in English followed by the English name: "Jaket Denim Oversize (Oversized Denim Jacket)". */
export function productName(name: string, nameEn: string | null, locale: Locale): string {
  return locale === 'en' && nameEn && nameEn !== name ? `${name} (${nameEn})` : name
}

/** What the customer typed, made safe to echo: no markup characters, at most 60 characters. */
export function quoted(text: string): string {
  const clean = text
    .replace(/[\r\n*_`<>[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean
}

/** The confirm / reject pair for a pending action. */
export function confirmButtons(confirmation: PendingConfirmation | undefined, yes: string, no: string): ReplyButton[] {
  if (!confirmation) return []
  return [
    { label: yes, action: { kind: 'confirm', token: confirmation.token } },
    { label: no, action: { kind: 'reject', token: confirmation.token } },
  ]
}
