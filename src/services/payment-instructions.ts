/**
 * The payment texts a customer reads: how to pay an open payment (bank transfer, e-wallet, card, COD) and the
 * status of a payment. Pure functions; the sentences come from src/i18n/messages.ts so tools and services say
 * the same thing.
 */
import type { Payment } from '../generated/prisma/client.ts'
import type { PaymentMethod, PaymentStatus } from '../generated/prisma/enums.ts'
import {
  formatDate,
  formatDateTime,
  formatRupiah,
  type Locale,
  paymentMethodLabels,
  paymentStatusEmoji,
  paymentStatusLabels,
} from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { BankAccount } from './knowledge/parse.ts'

export type { BankAccount }

/** What the instruction text is made of. */
export interface InstructionFacts {
  orderNumber: string
  amount: number
  method: PaymentMethod
  status: PaymentStatus
  provider: string | null
  vaNumber: string | null
  expiresAt: Date | null
  /** The shop's accounts to show (bank transfers only). */
  bankAccounts: readonly BankAccount[]
}

/** Whether an open payment's deadline has passed: nobody is asked to pay it any more. */
export function paymentExpired(payment: { status: string; expiresAt: Date | null }, now: Date): boolean {
  return payment.status === 'PENDING' && payment.expiresAt !== null && payment.expiresAt.getTime() <= now.getTime()
}

/**
 * A virtual account number in groups of four, as banking apps show it; anything not all digits is left alone.
 * @example formatVaNumber('8808123456789012') // '8808 1234 5678 9012'
 */
export function formatVaNumber(vaNumber: string): string {
  const digits = vaNumber.replace(/\s+/g, '')
  return /^\d+$/.test(digits) ? (digits.match(/\d{1,4}/g) ?? [digits]).join(' ') : vaNumber
}

/** "Transfer Bank (BCA)", "E-Wallet (OVO)", "Bayar di Tempat (COD)". */
export function paymentMethodText(method: PaymentMethod, provider: string | null, locale: Locale): string {
  const label = paymentMethodLabels[method][locale]
  return provider && method !== 'cod' ? `${label} (${provider})` : label
}

function deadlineLines(expiresAt: Date | null, locale: Locale): string[] {
  return expiresAt ? [t(locale, 'payment.deadline', { dateTime: formatDateTime(expiresAt, locale) })] : []
}

/**
 * How to pay an open payment, as light-markdown chat text, its deadline in WIB. A payment whose deadline has passed
 * gets no instructions, only the sentence that it expired (nobody is asked to pay what can no longer be paid).
 * @example paymentInstructionsText(facts, 'id', now) // "💳 **Instruksi Transfer Bank**\n\nJumlah: Rp264.000\n..."
 */
export function paymentInstructionsText(facts: InstructionFacts, locale: Locale, now: Date): string {
  if (facts.expiresAt && paymentExpired(facts, now)) {
    const dateTime = formatDateTime(facts.expiresAt, locale)
    return t(locale, 'payment.expired', { orderNumber: facts.orderNumber, dateTime })
  }
  const amount = formatRupiah(facts.amount)
  const head = [
    t(locale, 'payment.amount', { amount }),
    t(locale, 'payment.reference', { orderNumber: facts.orderNumber }),
  ]
  const deadline = deadlineLines(facts.expiresAt, locale)
  let lines: string[]
  switch (facts.method) {
    case 'bank_transfer': {
      const accounts = facts.bankAccounts.map((a) => t(locale, 'payment.bankAccount', a))
      const va = facts.vaNumber
        ? [
            t(locale, 'payment.virtualAccount', {
              provider: facts.provider ?? '',
              vaNumber: formatVaNumber(facts.vaNumber),
            }),
          ]
        : []
      lines = [t(locale, 'payment.bankTitle'), '', ...head]
      if (accounts.length > 0) lines.push('', t(locale, 'payment.bankAccounts'), ...accounts)
      // A shop whose knowledge names no account: say so rather than leave the customer without a destination.
      else if (!facts.vaNumber) lines.push('', t(locale, 'payment.noBankAccounts'))
      if (va.length + deadline.length > 0) lines.push('', ...va, ...deadline)
      break
    }
    case 'e_wallet':
      lines = [
        t(locale, 'payment.ewalletTitle'),
        '',
        ...head,
        '',
        t(locale, 'payment.ewalletBody', { provider: facts.provider ?? 'e-wallet' }),
        ...deadline,
      ]
      break
    case 'credit_card':
      lines = [t(locale, 'payment.cardTitle'), '', ...head, '', t(locale, 'payment.cardBody'), ...deadline]
      break
    case 'cod':
      lines = [t(locale, 'payment.codTitle'), '', ...head, '', t(locale, 'payment.codBody', { amount })]
      break
  }
  return lines.join('\n')
}

/**
 * A payment's status as chat text.
 * @example formatPaymentForChat(payment) // "✅ Status Pembayaran: Pembayaran Berhasil\n\nMetode: Transfer Bank (BCA)\nJumlah: Rp150.000\nDibayar: 20 November 2025"
 */
export function formatPaymentForChat(payment: Payment, locale: Locale = 'id'): string {
  const lines = [
    t(locale, 'payment.status', {
      emoji: paymentStatusEmoji[payment.status],
      label: paymentStatusLabels[payment.status][locale],
    }),
    '',
    t(locale, 'payment.method', { method: paymentMethodText(payment.method, payment.provider, locale) }),
    t(locale, 'payment.amount', { amount: formatRupiah(payment.amount) }),
  ]
  if (payment.paidAt) lines.push(t(locale, 'payment.paidAt', { date: formatDate(payment.paidAt, locale) }))
  if (payment.status === 'PENDING' && payment.expiresAt) {
    lines.push(t(locale, 'payment.deadline', { dateTime: formatDateTime(payment.expiresAt, locale) }))
  }
  return lines.join('\n')
}
