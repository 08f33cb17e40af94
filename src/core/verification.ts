/**
 * The verification command, answered by the core before any agent: "verifikasi ORD-2025-001 7890",
 * "verify ORD 2025 001 7890", "/verify ord2025001 7890", and with the shop's own numbers "verifikasi 5001 7890",
 * "verify #1001 7890", "verifikasi pesanan 5001 7890". The four digits at the end are always the phone's, so an
 * order number of four digits is never taken for them. It proves ownership of an order with the last 4 digits of
 * the phone number on it (crm.verifyByOrderAndPhone, limited tries). The reply never says whether the order
 * exists: a wrong number and wrong digits read the same.
 */

import type { Locale } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { CrmService } from '../services/crm.ts'
import { isDomainError } from '../services/errors.ts'
import { customerOrderNumber } from '../services/order-number.ts'
import type { Sender } from './identity.ts'
import type { Reply } from './types.ts'

export type VerificationCommand = (
  | { kind: 'complete'; orderNumber: string; phoneLast4: string }
  /** The command word alone, or with an order number but no digits. */
  | { kind: 'incomplete' }
) & {
  /** The language of the command word ("verify" is English), null for "verif"; the rest says little. */
  locale: Locale | null
}

const commandPattern = /^\s*\/?(verifikasi|verify|verif)(?:@\w+)?(?=$|[\s:,])[\s:,-]*(.*)$/is
const phoneNumberPattern = /^(?:\+?62|0)8\d{7,11}$/
const commandLocales: Record<string, Locale> = { verifikasi: 'id', verify: 'en' }
const digitsAtEnd = /^(.*?)[\s,;:/-]+(\d{4})[.!]?$/s

/**
 * The command in `text`, or null when the text is something else: "verifikasi pembayaran ORD-2025-002" is a
 * question about a payment, not a verification, so it goes to the agent.
 *
 * @example parseVerificationCommand('verify ORD 2025 001 7890')
 * // { kind: 'complete', orderNumber: 'ORD-2025-001', phoneLast4: '7890', locale: 'en' }
 */
export function parseVerificationCommand(text: string): VerificationCommand | null {
  if (text.length > 200) return null
  const match = commandPattern.exec(text)
  if (!match) return null
  const locale = commandLocales[(match[1] ?? '').toLowerCase()] ?? null
  const rest = (match[2] ?? '').trim()
  if (rest === '') return { kind: 'incomplete', locale }
  // A whole phone number ("verifikasi 0812-3456-7890") is not an order number and its last four digits: the usage
  // is shown again and no try is counted.
  if (phoneNumberPattern.test(rest.replace(/[\s\-.()]/g, ''))) return { kind: 'incomplete', locale }
  const tail = digitsAtEnd.exec(rest)
  if (tail) {
    const orderNumber = customerOrderNumber((tail[1] ?? '').trim())
    if (orderNumber && tail[2]) return { kind: 'complete', orderNumber, phoneLast4: tail[2], locale }
  }
  return customerOrderNumber(rest) ? { kind: 'incomplete', locale } : null
}

/** "Too many tries, try again in …": minutes for a short lock, hours (and the other ways in) for a long one. */
export function verifyLockedText(locale: Locale, minutes: number): string {
  return minutes > 120
    ? t(locale, 'core.verifyLockedHours', { hours: Math.ceil(minutes / 60) })
    : t(locale, 'core.verifyLocked', { minutes })
}

/**
 * Handles a verification command, or returns null when `text` is not one (or is an incomplete one from a sender
 * who is already verified: "verifikasi ORD-2025-002" then more likely asks about that order's payment).
 */
export async function handleVerification(
  crm: Pick<CrmService, 'verifyByOrderAndPhone'>,
  sender: Sender,
  text: string,
  locale: Locale,
  clientAddress?: string,
): Promise<{ reply: Reply; sender: Sender } | null> {
  const command = parseVerificationCommand(text)
  if (!command) return null
  locale = command.locale ?? locale
  if (command.kind === 'incomplete') {
    return sender.customer ? null : { reply: { text: t(locale, 'core.verifyUsage') }, sender }
  }
  let result: Awaited<ReturnType<CrmService['verifyByOrderAndPhone']>>
  try {
    result = await crm.verifyByOrderAndPhone(sender.identity.id, command.orderNumber, command.phoneLast4, {
      address: clientAddress,
    })
  } catch (error) {
    // Malformed input reads like any other mismatch.
    if (isDomainError(error) && error.code === 'invalid_input') {
      return { reply: { text: t(locale, 'core.verifyFailed') }, sender }
    }
    throw error
  }
  if (result.ok) {
    return {
      reply: { text: t(locale, 'core.verifyOk', { name: result.customer.name }) },
      sender: { identity: { ...sender.identity, customerId: result.customer.id }, customer: result.customer },
    }
  }
  if (result.reason === 'locked') {
    return { reply: { text: verifyLockedText(locale, result.retryAfterMinutes ?? 60) }, sender }
  }
  return { reply: { text: t(locale, 'core.verifyFailed') }, sender }
}
