/**
 * `/return` for staff on the chat admin surfaces (Telegram's command, Discord's slash command): the open requests,
 * one request in full, and the staff steps (approve, reject with a reason, parcel received, replacement shipped,
 * manual refund paid). The service checks the state and audits each step under the admin's actor; this file only
 * reads the words and writes the answer, with every refusal as a sentence in the admin's language.
 *
 * @example await runReturnCommand(services.returns, 'ship ORD-2025-001-R1 jnt JT0099887766', 'admin:telegram:42', 'id')
 */
import { Carrier, type ReturnStatus } from '../src/generated/prisma/enums.ts'
import { carrierNames, formatDate, formatDateTime, formatRupiah, type Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { InvalidInput } from '../src/services/errors.ts'
import { ReturnNotFound, ReturnWrongState } from '../src/services/returns/errors.ts'
import type { ReturnService } from '../src/services/returns/service.ts'
import type { ReturnView } from '../src/services/returns/view.ts'

/** Requests staff still have to act on. */
export const openReturnStatuses: ReturnStatus[] = ['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUND_PENDING']

export type StaffReturns = Pick<
  ReturnService,
  'list' | 'get' | 'approve' | 'reject' | 'receive' | 'shipReplacement' | 'markRefunded'
>

export interface ReturnCommandResult {
  text: string
  /** Set when one request was shown: its number and stored photos (Telegram sends them after the text). */
  photos?: { returnNumber: string; ids: string[] }
  /** True when a step changed something (a customer notice is queued: kick the outbox). */
  changed?: boolean
}

const steps = ['approve', 'reject', 'received', 'ship', 'refunded'] as const
type Step = (typeof steps)[number]

function kindText(view: ReturnView, locale: Locale): string {
  return t(locale, view.resolution === 'exchange' ? 'staff.return.kindExchange' : 'staff.return.kindRefund')
}

function statusText(status: ReturnStatus, locale: Locale): string {
  return t(locale, `return.status.${status}`)
}

export function returnListText(views: readonly ReturnView[], locale: Locale): string {
  if (views.length === 0) return t(locale, 'staff.return.listNone')
  return [
    t(locale, 'staff.return.listTitle', { count: views.length }),
    ...views.map((v) =>
      t(locale, 'staff.return.listLine', {
        returnNumber: v.number,
        kind: kindText(v, locale),
        status: statusText(v.status, locale),
        date: formatDate(new Date(v.createdAt), locale),
      }),
    ),
    t(locale, 'staff.return.listHint'),
  ].join('\n')
}

export function returnDetailText(view: ReturnView, locale: Locale): string {
  const lines = [
    t(locale, 'staff.return.detailTitle', {
      returnNumber: view.number,
      kind: kindText(view, locale),
      orderNumber: view.orderNumber,
    }),
    t(locale, 'staff.return.detailStatus', { status: statusText(view.status, locale) }),
    t(locale, 'staff.return.detailCreated', { date: formatDateTime(new Date(view.createdAt), locale) }),
    ...view.items.map((i) =>
      i.wantedSku
        ? t(locale, 'staff.return.itemLineExchange', {
            sku: i.sku,
            name: i.productName,
            size: i.size ?? '-',
            quantity: i.quantity,
            wanted: i.wantedSku,
          })
        : t(locale, 'staff.return.itemLine', {
            sku: i.sku,
            name: i.productName,
            size: i.size ?? '-',
            quantity: i.quantity,
          }),
    ),
    t(locale, 'staff.return.reason', { reason: view.reason }),
  ]
  if (view.refundAmount != null)
    lines.push(t(locale, 'staff.return.refund', { amount: formatRupiah(view.refundAmount) }))
  if (view.refundAccount) lines.push(t(locale, 'staff.return.detailAccount', { account: view.refundAccount }))
  if (view.parcelDueAt && view.status === 'APPROVED')
    lines.push(t(locale, 'staff.return.detailDue', { date: formatDate(new Date(view.parcelDueAt), locale) }))
  if (view.rejectReason) lines.push(t(locale, 'staff.return.detailRejected', { reason: view.rejectReason }))
  lines.push(t(locale, 'staff.return.photos', { count: view.photos.length }))
  const next = nextStepText(view, locale)
  if (next) lines.push('', next)
  return lines.join('\n')
}

function nextStepText(view: ReturnView, locale: Locale): string | null {
  const params = { returnNumber: view.number }
  switch (view.status) {
    case 'REQUESTED':
    case 'APPROVED':
      return t(locale, `staff.return.next.${view.status}`, params)
    case 'RECEIVED':
      return view.resolution === 'exchange' ? t(locale, 'staff.return.next.RECEIVED', params) : null
    case 'REFUND_PENDING':
      return view.refundMethod === 'manual' ? t(locale, 'staff.return.next.REFUND_PENDING', params) : null
    default:
      return null
  }
}

function receivedText(view: ReturnView, locale: Locale): string {
  const amount = formatRupiah(view.refundAmount ?? 0)
  const next =
    view.resolution === 'exchange'
      ? t(locale, 'staff.return.receivedExchange', { returnNumber: view.number })
      : view.refundMethod === 'gateway'
        ? t(locale, 'staff.return.receivedGateway', { amount, status: statusText(view.status, locale) })
        : t(locale, 'staff.return.receivedManual', {
            amount,
            account: view.refundAccount ?? '-',
            returnNumber: view.number,
          })
  return t(locale, 'staff.return.received', { returnNumber: view.number, next })
}

/** "J&T", "jnt", "JNE" → the carrier; null when it is none we know. */
export function parseCarrier(word: string): Carrier | null {
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[^a-z]/g, '')
  if (Object.hasOwn(Carrier, key)) return key as Carrier
  const byName = key
    ? Object.entries(carrierNames).find(([, name]) =>
        name
          .toLowerCase()
          .replace(/[^a-z]/g, '')
          .startsWith(key),
      )
    : undefined
  return byName ? (byName[0] as Carrier) : null
}

/** A domain refusal as the admin's sentence; null for anything else (a bug or an outage: the caller apologises). */
export function returnErrorText(error: unknown, locale: Locale, context: { number: string; waybill?: string }) {
  if (error instanceof ReturnNotFound) return t(locale, 'staff.return.notFound', { returnNumber: context.number })
  if (error instanceof ReturnWrongState) {
    const step = stepOfService[error.step] ?? error.step
    return t(locale, 'staff.return.wrongState', {
      returnNumber: error.number,
      status: statusText(error.status as ReturnStatus, locale),
      step: stepOfService[error.step] ? t(locale, `staff.return.step.${step as Step}`) : step,
    })
  }
  if (error instanceof InvalidInput) {
    const reason = String(error.details.reason ?? error.message)
    if (error.field === 'trackingNumber')
      return t(locale, 'staff.return.badWaybill', { waybill: context.waybill ?? '', reason })
    if (error.field === 'reason') return t(locale, 'staff.return.badReason', { returnNumber: context.number })
  }
  return null
}

/** The service's step names (ReturnWrongState) → the command's. */
const stepOfService: Record<string, Step> = {
  approve: 'approve',
  reject: 'reject',
  'mark received': 'received',
  'ship a replacement': 'ship',
  'mark refunded': 'refunded',
  'mark refunded by hand': 'refunded',
}

/**
 * Runs `/return [args]`. Domain refusals come back as text; anything else is thrown for the adapter to log and
 * apologise for.
 */
export async function runReturnCommand(
  returns: StaffReturns,
  args: string,
  actor: string,
  locale: Locale,
): Promise<ReturnCommandResult> {
  const words = args.split(/\s+/).filter(Boolean)
  if (words.length === 0) return { text: returnListText(await returns.list({ status: openReturnStatuses }), locale) }
  const first = (words[0] ?? '').toLowerCase()
  const step = steps.find((s) => s === first)
  const number = (step ? words[1] : words[0]) ?? ''
  if (!number || (!step && words.length > 1)) return { text: t(locale, 'staff.return.usage') }
  const context: { number: string; waybill?: string } = { number: number.toUpperCase() }
  try {
    switch (step) {
      case undefined: {
        const view = await returns.get(number)
        return {
          text: returnDetailText(view, locale),
          photos: { returnNumber: view.number, ids: view.photos.map((p) => p.id) },
        }
      }
      case 'approve': {
        const view = await returns.approve(number, actor)
        return { text: t(locale, 'staff.return.approved', { returnNumber: view.number }), changed: true }
      }
      case 'reject': {
        const reason = words.slice(2).join(' ')
        if (reason.length < 2) return { text: t(locale, 'staff.return.badReason', { returnNumber: context.number }) }
        const view = await returns.reject(number, reason, actor)
        return { text: t(locale, 'staff.return.rejected', { returnNumber: view.number }), changed: true }
      }
      case 'received': {
        const view = await returns.receive(number, actor)
        return { text: receivedText(view, locale), changed: true }
      }
      case 'ship': {
        const [carrierWord, waybill] = words.slice(2)
        if (!carrierWord || !waybill || words.length > 4) return { text: t(locale, 'staff.return.usage') }
        const carrier = parseCarrier(carrierWord)
        if (!carrier) {
          const carriers = Object.keys(Carrier).join(', ')
          return { text: t(locale, 'staff.return.badCarrier', { carrier: carrierWord, carriers }) }
        }
        context.waybill = waybill
        const view = await returns.shipReplacement(number, { carrier, trackingNumber: waybill }, actor)
        return {
          text: t(locale, 'staff.return.shipped', {
            returnNumber: view.number,
            carrier: carrierNames[carrier],
            waybill: waybill.toUpperCase(),
          }),
          changed: true,
        }
      }
      case 'refunded': {
        const view = await returns.markRefunded(number, actor)
        return {
          text: t(locale, 'staff.return.refundedDone', {
            returnNumber: view.number,
            amount: formatRupiah(view.refundAmount ?? 0),
          }),
          changed: true,
        }
      }
    }
  } catch (error) {
    const text = returnErrorText(error, locale, context)
    if (text) return { text }
    throw error
  }
}
