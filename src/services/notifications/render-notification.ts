/**
 * Notification rows → Reply blocks, in the reader's language. Each kind's payload is checked with zod; a payload
 * that does not fit (or an unknown kind) renders as null and the outbox marks the row FAILED instead of sending
 * something half-filled.
 *
 * Customer kinds: payment_completed, back_in_stock, shipping_status, handoff_reply, rating_request,
 * cod_confirmation_request (with the confirm/reject buttons of its own pending action), return_update (each step of
 * a return or exchange).
 * Staff kinds: return_requested, return_refund_task, cod_unconfirmed, low_stock, handoff_opened, handoff_message, claude_setup_fault, customer_unreachable,
 * payment_after_cancel, payment_amount_mismatch, refund_failed, verification_locked, customer_identity_conflict.
 * `notificationKinds` lists them
 * all with their audience; every kind a service queues must be in it (a test enumerates them and renders each in
 * every channel).
 */
import { z } from 'zod'
import type { Reply } from '../../core/types.ts'
import { Carrier, Channel, ShippingStatus } from '../../generated/prisma/enums.ts'
import {
  carrierNames,
  formatDate,
  formatDateTime,
  formatRupiah,
  type Locale,
  shippingStatusEmoji,
  shippingStatusLabels,
} from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
import { ratingToken } from '../handoff-desk.ts'

const channel = z.enum(Channel)

/** Where a hand-off's messages go: the conversation's own chat (set by src/services/handoff-desk.ts). */
export const explicitTarget = z.object({
  channel,
  externalChatId: z.string().min(1),
  externalUserId: z.string().optional(),
  locale: z.enum(['id', 'en']).optional(),
})

const money = z.number().int().nonnegative()

/** One step of a return as the customer is told it (src/services/returns/service.ts queues them). */
const returnUpdate = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('approved'),
    returnNumber: z.string(),
    orderNumber: z.string(),
    address: z.string().nullish(),
    dueAt: z.iso.datetime(),
    shippingPaidBy: z.enum(['customer', 'shop', 'customer_unless_faulty']),
  }),
  z.object({ step: z.literal('rejected'), returnNumber: z.string(), orderNumber: z.string(), reason: z.string() }),
  z.object({
    step: z.literal('received'),
    returnNumber: z.string(),
    orderNumber: z.string(),
    resolution: z.enum(['refund', 'exchange']),
    amount: money.optional(),
  }),
  z.object({
    step: z.literal('refunded'),
    returnNumber: z.string(),
    orderNumber: z.string(),
    amount: money,
    method: z.string().nullish(),
    account: z.string().nullish(),
  }),
  z.object({
    step: z.literal('refund_manual'),
    returnNumber: z.string(),
    orderNumber: z.string(),
    amount: money,
    account: z.string().nullish(),
  }),
  z.object({
    step: z.literal('replacement_shipped'),
    returnNumber: z.string(),
    orderNumber: z.string(),
    carrier: z.enum(Carrier),
    trackingNumber: z.string(),
    items: z.array(z.object({ productName: z.string(), size: z.string() })),
  }),
  z.object({ step: z.literal('expired'), returnNumber: z.string(), orderNumber: z.string() }),
])

const payloads = {
  return_update: returnUpdate,
  return_requested: z.object({
    returnNumber: z.string(),
    orderNumber: z.string(),
    customerName: z.string(),
    resolution: z.enum(['refund', 'exchange']),
    reason: z.string(),
    items: z.array(z.object({ sku: z.string(), quantity: z.number().int(), wantedSku: z.string().nullish() })),
    refundAmount: money.nullish(),
  }),
  return_refund_task: z.object({
    returnNumber: z.string(),
    orderNumber: z.string(),
    amount: money,
    account: z.string().nullish(),
  }),
  return_refund_failed: z.object({
    returnNumber: z.string(),
    amount: money,
    attempts: z.number().int(),
    error: z.string().default('-'),
  }),
  payment_completed: z.object({ orderNumber: z.string(), amount: z.number() }),
  back_in_stock: z.object({
    sku: z.string(),
    productName: z.string(),
    productNameEn: z.string().nullish(),
    size: z.string(),
    price: z.number().int(),
  }),
  shipping_status: z.object({
    orderNumber: z.string(),
    status: z.enum(ShippingStatus),
    location: z.string().nullish(),
  }),
  handoff_reply: explicitTarget.extend({ handoffId: z.string(), text: z.string().min(1) }),
  rating_request: explicitTarget.extend({ handoffId: z.string() }),
  cod_confirmation_request: z.object({
    orderNumber: z.string(),
    amount: z.number().int(),
    token: z.string().min(1),
    expiresAt: z.iso.datetime(),
  }),
  cod_unconfirmed: z.object({
    orderNumber: z.string(),
    customerName: z.string(),
    amount: z.number().int(),
    placedAt: z.iso.datetime(),
    hours: z.number().int(),
  }),
  low_stock: z.object({
    productId: z.string(),
    productName: z.string(),
    quantity: z.number().int(),
    threshold: z.number().int(),
    sizes: z.array(z.object({ size: z.string(), quantity: z.number().int() })).default([]),
  }),
  handoff_opened: z.object({
    handoffId: z.string(),
    reason: z.string(),
    channel,
    customerName: z.string().nullish(),
    displayName: z.string().nullish(),
    messages: z.array(z.object({ role: z.string(), text: z.string() })).default([]),
  }),
  handoff_message: z.object({
    handoffId: z.string(),
    channel,
    customerName: z.string().nullish(),
    displayName: z.string().nullish(),
    text: z.string(),
  }),
  claude_setup_fault: z.object({
    model: z.string(),
    status: z.number().int().nullish(),
    type: z.string(),
    message: z.string(),
  }),
  customer_unreachable: z.object({
    channel,
    reason: z.string(),
    notificationKind: z.string(),
    customerName: z.string().nullish(),
    contact: z.string().nullish(),
    text: z.string(),
  }),
  payment_after_cancel: z.object({ orderNumber: z.string(), amount: z.number() }),
  payment_amount_mismatch: z.object({ orderNumber: z.string(), expected: z.number(), reported: z.string() }),
  refund_failed: z.object({
    orderNumber: z.string(),
    amount: z.number(),
    attempts: z.number().int(),
    error: z.string().default('-'),
  }),
  bot_alert: z.object({
    condition: z.enum([
      'tool_failures',
      'claude_unusable',
      'gateway_unreachable',
      'outbox_stuck',
      'backup_failed',
      'database_unreachable',
    ]),
    state: z.enum(['firing', 'resolved']),
    detail: z.string().max(500).default(''),
  }),
  verification_locked: z.object({
    scope: z.enum(['order', 'customer']),
    orderNumber: z.string(),
    customerName: z.string(),
    failures: z.number().int(),
    lockedUntil: z.iso.datetime(),
  }),
  customer_identity_conflict: z.object({
    source: z.string(),
    externalId: z.string().nullish(),
    name: z.string(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    existingCustomerId: z.string(),
    existingName: z.string(),
    existingPhone: z.string().nullish(),
    reason: z.enum(['email_other_phone', 'phone_taken']),
  }),
  shop_sync_stale: z.object({
    source: z.string(),
    lastSuccessAt: z.iso.datetime().nullish(),
    lastError: z.string().nullish(),
    errorCount: z.number().int().default(0),
  }),
}

export type NotificationKind = keyof typeof payloads

/** Every notification kind and who reads it. */
export const notificationKinds = {
  payment_completed: 'customer',
  back_in_stock: 'customer',
  shipping_status: 'customer',
  handoff_reply: 'customer',
  rating_request: 'customer',
  cod_confirmation_request: 'customer',
  return_update: 'customer',
  return_requested: 'admin',
  return_refund_task: 'admin',
  return_refund_failed: 'admin',
  cod_unconfirmed: 'admin',
  low_stock: 'admin',
  handoff_opened: 'admin',
  handoff_message: 'admin',
  claude_setup_fault: 'admin',
  customer_unreachable: 'admin',
  payment_after_cancel: 'admin',
  payment_amount_mismatch: 'admin',
  refund_failed: 'admin',
  verification_locked: 'admin',
  customer_identity_conflict: 'admin',
  shop_sync_stale: 'admin',
  bot_alert: 'admin',
} as const satisfies Record<NotificationKind, 'customer' | 'admin'>
export type NotificationPayload<K extends NotificationKind> = z.infer<(typeof payloads)[K]>

export interface RenderContext {
  shopName: string
}

function parse<K extends NotificationKind>(kind: K, payload: unknown): NotificationPayload<K> | null {
  const result = payloads[kind].safeParse(payload)
  return result.success ? (result.data as NotificationPayload<K>) : null
}

function isKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(payloads, kind)
}

/** The explicit chat a customer notification must go to (hand-off answers), or null for "wherever they are". */
export function explicitTargetOf(payload: unknown): z.infer<typeof explicitTarget> | null {
  const result = explicitTarget.safeParse(payload)
  return result.success ? result.data : null
}

/** A customer-facing notification as a Reply, or null when the kind or payload is not one we can show. */
export function renderCustomerNotification(
  kind: string,
  payload: unknown,
  locale: Locale,
  context: RenderContext,
): Reply | null {
  if (!isKind(kind)) return null
  switch (kind) {
    case 'payment_completed': {
      const p = parse(kind, payload)
      if (!p) return null
      return {
        text: t(locale, 'notice.paymentCompleted', {
          orderNumber: p.orderNumber,
          amount: formatRupiah(p.amount),
        }),
      }
    }
    case 'shipping_status': {
      const p = parse(kind, payload)
      if (!p) return null
      const lines = [
        t(locale, 'notice.shippingStatus', {
          emoji: shippingStatusEmoji[p.status],
          orderNumber: p.orderNumber,
          status: shippingStatusLabels[p.status][locale],
        }),
      ]
      if (p.location) lines.push(t(locale, 'notice.shippingLocation', { location: p.location }))
      lines.push(
        p.status === 'DELIVERED'
          ? t(locale, 'notice.shippingDelivered', { shop: context.shopName })
          : t(locale, 'notice.shippingHint', { orderNumber: p.orderNumber }),
      )
      return { text: lines.join('\n') }
    }
    case 'handoff_reply': {
      const p = parse(kind, payload)
      if (!p) return null
      return { text: t(locale, 'notice.handoffReply', { shop: context.shopName, text: p.text }) }
    }
    case 'back_in_stock': {
      const p = parse(kind, payload)
      if (!p) return null
      const name = locale === 'en' && p.productNameEn ? p.productNameEn : p.productName
      return { text: t(locale, 'notice.backInStock', { name, size: p.size, price: formatRupiah(p.price), sku: p.sku }) }
    }
    case 'rating_request': {
      const p = parse(kind, payload)
      if (!p) return null
      return {
        text: t(locale, 'notice.ratingRequest'),
        buttons: [1, 2, 3, 4, 5].map((score) => ({
          label: score === 5 ? '5 ⭐' : String(score),
          action: { kind: 'confirm' as const, token: ratingToken(p.handoffId, score) },
        })),
      }
    }
    case 'cod_confirmation_request': {
      const p = parse(kind, payload)
      if (!p) return null
      const amount = formatRupiah(p.amount)
      return {
        text: [
          t(locale, 'cod.requestTitle', { orderNumber: p.orderNumber }),
          '',
          t(locale, 'cod.requestBody', { orderNumber: p.orderNumber, amount }),
          t(locale, 'cod.requestUntil', {
            orderNumber: p.orderNumber,
            expiresAt: formatDateTime(new Date(p.expiresAt), locale),
          }),
        ].join('\n'),
        buttons: [
          { label: t(locale, 'cod.yes'), action: { kind: 'confirm', token: p.token } },
          { label: t(locale, 'cod.no'), action: { kind: 'reject', token: p.token } },
        ],
      }
    }
    case 'return_update': {
      const p = parse(kind, payload)
      return p ? { text: renderReturnUpdate(p, locale) } : null
    }
    default:
      return null
  }
}

/** The customer's notice of one step of their return, with the amount where money moves. */
function renderReturnUpdate(p: NotificationPayload<'return_update'>, locale: Locale): string {
  const base = { returnNumber: p.returnNumber, orderNumber: p.orderNumber }
  switch (p.step) {
    case 'approved':
      return [
        t(locale, 'notice.return.approved', base),
        p.address ? t(locale, 'notice.return.sendTo', { address: p.address }) : t(locale, 'notice.return.sendLater'),
        t(locale, 'notice.return.due', { ...base, date: formatDate(new Date(p.dueAt), locale) }),
        t(locale, `policy.shipping.${p.shippingPaidBy}`),
      ].join('\n')
    case 'rejected':
      return t(locale, 'notice.return.rejected', { ...base, reason: p.reason })
    case 'received':
      return p.resolution === 'exchange'
        ? t(locale, 'notice.return.receivedExchange', base)
        : t(locale, 'notice.return.receivedRefund', { ...base, amount: formatRupiah(p.amount ?? 0) })
    case 'refunded':
      return p.account
        ? t(locale, 'notice.return.refundedTo', { ...base, amount: formatRupiah(p.amount), account: p.account })
        : t(locale, 'notice.return.refunded', { ...base, amount: formatRupiah(p.amount) })
    case 'refund_manual':
      return p.account
        ? t(locale, 'notice.return.refundManual', { ...base, amount: formatRupiah(p.amount), account: p.account })
        : t(locale, 'notice.return.refundManualNoAccount', { ...base, amount: formatRupiah(p.amount) })
    case 'replacement_shipped':
      return t(locale, 'notice.return.replacementShipped', {
        ...base,
        items: p.items.map((i) => `${i.productName} (${i.size})`).join(', '),
        carrier: carrierNames[p.carrier],
        trackingNumber: p.trackingNumber,
      })
    case 'expired':
      return t(locale, 'notice.return.expired', base)
  }
}

function customerLabel(p: { customerName?: string | null; displayName?: string | null }, locale: Locale): string {
  if (p.customerName) return p.customerName
  const unverified = t(locale, 'notice.unverifiedCustomer')
  return p.displayName ? `${p.displayName} (${unverified})` : unverified
}

const roleKeys = { user: 'notice.roleCustomer', assistant: 'notice.roleBot', admin: 'notice.roleStaff' } as const

/** A staff-facing notification as a Reply, or null when the kind or payload is not one we can show. */
export function renderStaffNotification(kind: string, payload: unknown, locale: Locale): Reply | null {
  if (!isKind(kind)) return null
  switch (kind) {
    case 'return_requested': {
      const p = parse(kind, payload)
      if (!p) return null
      const lines = [
        t(locale, 'staff.return.requested', {
          kind: t(locale, p.resolution === 'exchange' ? 'staff.return.kindExchange' : 'staff.return.kindRefund'),
          returnNumber: p.returnNumber,
        }),
        t(locale, 'staff.return.order', { orderNumber: p.orderNumber, customer: p.customerName }),
        ...p.items.map((i) =>
          i.wantedSku
            ? t(locale, 'staff.return.itemExchange', { sku: i.sku, quantity: i.quantity, wanted: i.wantedSku })
            : t(locale, 'staff.return.item', { sku: i.sku, quantity: i.quantity }),
        ),
        t(locale, 'staff.return.reason', { reason: p.reason }),
        ...(p.refundAmount != null ? [t(locale, 'staff.return.refund', { amount: formatRupiah(p.refundAmount) })] : []),
        '',
        t(locale, 'staff.return.actions', { returnNumber: p.returnNumber }),
      ]
      return { text: lines.join('\n') }
    }
    case 'return_refund_task': {
      const p = parse(kind, payload)
      if (!p) return null
      const params = { returnNumber: p.returnNumber, orderNumber: p.orderNumber, amount: formatRupiah(p.amount) }
      return {
        text: p.account
          ? t(locale, 'staff.return.refundTask', { ...params, account: p.account })
          : t(locale, 'staff.return.refundTaskNoAccount', params),
      }
    }
    case 'return_refund_failed': {
      const p = parse(kind, payload)
      if (!p) return null
      return {
        text: t(locale, 'staff.return.refundFailed', {
          returnNumber: p.returnNumber,
          amount: formatRupiah(p.amount),
          attempts: p.attempts,
          error: p.error,
        }),
      }
    }
    case 'low_stock': {
      const p = parse(kind, payload)
      if (!p) return null
      const head =
        p.quantity <= 0
          ? t(locale, 'notice.outOfStock', { name: p.productName, productId: p.productId })
          : t(locale, 'notice.lowStock', {
              name: p.productName,
              productId: p.productId,
              quantity: p.quantity,
              threshold: p.threshold,
            })
      const sizes = p.sizes.map((s) => `${s.size} ${s.quantity}`).join(' · ')
      return { text: sizes ? `${head}\n${t(locale, 'notice.stockSizes', { sizes })}` : head }
    }
    case 'handoff_opened': {
      const p = parse(kind, payload)
      if (!p) return null
      const recent = p.messages.map((m) => {
        const role = roleKeys[m.role as keyof typeof roleKeys]
        return `- ${role ? t(locale, role) : m.role}: ${m.text}`
      })
      const parts = [
        t(locale, 'notice.handoffOpened', {
          handoffId: p.handoffId,
          customer: customerLabel(p, locale),
          channel: p.channel,
          reason: p.reason,
        }),
        ...(recent.length > 0 ? [[t(locale, 'notice.handoffRecent'), ...recent].join('\n')] : []),
        t(locale, 'notice.handoffHowTo', { handoffId: p.handoffId }),
      ]
      return { text: parts.join('\n\n') }
    }
    case 'cod_unconfirmed': {
      const p = parse(kind, payload)
      if (!p) return null
      return {
        text: t(locale, 'notice.codUnconfirmed', {
          orderNumber: p.orderNumber,
          customer: p.customerName,
          amount: formatRupiah(p.amount),
          placedAt: formatDateTime(new Date(p.placedAt), locale),
          hours: p.hours,
        }),
      }
    }
    case 'handoff_message': {
      const p = parse(kind, payload)
      if (!p) return null
      return {
        text: t(locale, 'notice.handoffMessage', {
          handoffId: p.handoffId,
          customer: customerLabel(p, locale),
          channel: p.channel,
          text: p.text,
        }),
      }
    }
    case 'bot_alert': {
      const p = parse(kind, payload)
      if (!p) return null
      return { text: renderBotAlert(p, locale) }
    }
    case 'claude_setup_fault': {
      const p = parse(kind, payload)
      if (!p) return null
      const problem = `${p.status ? `HTTP ${p.status} ` : ''}${p.type}: ${p.message}`
      return { text: t(locale, 'notice.claudeSetupFault', { model: p.model, problem }) }
    }
    case 'customer_unreachable': {
      const p = parse(kind, payload)
      if (!p) return null
      const reason = p.reason === 'window_closed' ? t(locale, 'notice.reasonWindowClosed') : p.reason
      return {
        text: [
          t(locale, 'notice.customerUnreachable', {
            customer: p.customerName ?? t(locale, 'notice.unverifiedCustomer'),
            channel: p.channel,
            reason,
          }),
          p.text,
          p.contact
            ? t(locale, 'notice.customerUnreachableContact', { contact: p.contact })
            : t(locale, 'notice.customerUnreachableNoContact'),
        ].join('\n\n'),
      }
    }
    case 'payment_after_cancel': {
      const p = parse(kind, payload)
      if (!p) return null
      const amount = formatRupiah(p.amount)
      return { text: t(locale, 'notice.paymentAfterCancel', { orderNumber: p.orderNumber, amount }) }
    }
    case 'payment_amount_mismatch': {
      const p = parse(kind, payload)
      if (!p) return null
      return {
        text: t(locale, 'notice.paymentAmountMismatch', {
          orderNumber: p.orderNumber,
          expected: formatRupiah(p.expected),
          reported: p.reported,
        }),
      }
    }
    case 'refund_failed': {
      const p = parse(kind, payload)
      if (!p) return null
      return {
        text: t(locale, 'notice.refundFailed', {
          orderNumber: p.orderNumber,
          amount: formatRupiah(p.amount),
          attempts: p.attempts,
          error: p.error,
        }),
      }
    }
    case 'verification_locked': {
      const p = parse(kind, payload)
      if (!p) return null
      const key = p.scope === 'order' ? 'notice.verificationLockedOrder' : 'notice.verificationLockedCustomer'
      return {
        text: t(locale, key, {
          orderNumber: p.orderNumber,
          customer: p.customerName,
          failures: p.failures,
          until: formatDateTime(new Date(p.lockedUntil), locale),
        }),
      }
    }
    case 'customer_identity_conflict': {
      const p = parse(kind, payload)
      if (!p) return null
      const none = t(locale, 'notice.none')
      return {
        text: t(
          locale,
          p.reason === 'email_other_phone' ? 'notice.identityConflictEmail' : 'notice.identityConflictPhone',
          {
            source: p.source,
            name: p.name,
            externalId: p.externalId ?? none,
            email: p.email ?? none,
            phone: p.phone ?? none,
            existingName: p.existingName,
            existingPhone: p.existingPhone ?? none,
          },
        ),
      }
    }
    case 'shop_sync_stale': {
      const p = parse(kind, payload)
      if (!p) return null
      const none = t(locale, 'notice.none')
      return {
        text: t(locale, 'notice.shopSyncStale', {
          source: p.source,
          since: p.lastSuccessAt ? formatDateTime(new Date(p.lastSuccessAt), locale) : none,
          errors: p.errorCount,
          error: p.lastError ?? none,
        }),
      }
    }
    default:
      return null
  }
}

const alertTitles = {
  tool_failures: 'notice.alertToolFailures',
  claude_unusable: 'notice.alertClaudeUnusable',
  gateway_unreachable: 'notice.alertGatewayUnreachable',
  outbox_stuck: 'notice.alertOutboxStuck',
  backup_failed: 'notice.alertBackupFailed',
  database_unreachable: 'notice.alertDatabaseUnreachable',
} as const
const alertRunbooks = {
  tool_failures: 'notice.runbookToolFailures',
  claude_unusable: 'notice.runbookClaudeUnusable',
  gateway_unreachable: 'notice.runbookGatewayUnreachable',
  outbox_stuck: 'notice.runbookOutboxStuck',
  backup_failed: 'notice.runbookBackupFailed',
  database_unreachable: 'notice.runbookDatabaseUnreachable',
} as const

/** An alert about the bot itself: what is wrong (or fine again), the detail, and what to check first. */
export function renderBotAlert(p: NotificationPayload<'bot_alert'>, locale: Locale): string {
  const title = t(locale, alertTitles[p.condition])
  if (p.state === 'resolved') return t(locale, 'notice.alertResolved', { title })
  return [
    t(locale, 'notice.alertFiring', { title }),
    ...(p.detail ? [p.detail] : []),
    t(locale, 'notice.alertRunbook', { step: t(locale, alertRunbooks[p.condition]) }),
  ].join('\n')
}
