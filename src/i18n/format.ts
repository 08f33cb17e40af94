/**
 * Formatting for people: Rupiah, dates in the shop's time zone, and the labels of every status, method and
 * carrier, in Indonesian and English. Pure functions over `Intl`.
 */
import type { Carrier, OrderStatus, PaymentMethod, PaymentStatus, ShippingStatus } from '../generated/prisma/enums.ts'

export type Locale = 'id' | 'en'
export const shopTimeZone = 'Asia/Jakarta'

const rupiahNumber = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 })

/** 150000 → "Rp150.000" (integer Rupiah, no space, dots for thousands). */
export function formatRupiah(amount: number): string {
  const sign = amount < 0 ? '-' : ''
  return `${sign}Rp${rupiahNumber.format(Math.abs(Math.round(amount)))}`
}

const dateFormats = {
  id: new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: shopTimeZone }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: shopTimeZone }),
}
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: shopTimeZone,
})

/** A date as the shop's customers read it: "26 November 2025" (id) or "26 November 2025" (en), in WIB. */
export function formatDate(date: Date, locale: Locale = 'id'): string {
  return dateFormats[locale].format(date)
}

/** "20 November 2025 15.30 WIB" (id) or "20 November 2025 15:30 WIB" (en). */
export function formatDateTime(date: Date, locale: Locale = 'id'): string {
  const time = timeFormat.format(date)
  return `${formatDate(date, locale)} ${locale === 'id' ? time.replace(':', '.') : time} WIB`
}

export const orderStatusLabels: Record<OrderStatus, Record<Locale, string>> = {
  PENDING: { id: 'Menunggu Pembayaran', en: 'Awaiting Payment' },
  PROCESSING: { id: 'Sedang Diproses', en: 'Processing' },
  SHIPPED: { id: 'Dikirim', en: 'Shipped' },
  DELIVERED: { id: 'Terkirim', en: 'Delivered' },
  CANCELLED: { id: 'Dibatalkan', en: 'Cancelled' },
}

export const orderStatusEmoji: Record<OrderStatus, string> = {
  PENDING: '⏳',
  PROCESSING: '🔄',
  SHIPPED: '🚚',
  DELIVERED: '✅',
  CANCELLED: '❌',
}

export const paymentStatusLabels: Record<PaymentStatus, Record<Locale, string>> = {
  PENDING: { id: 'Menunggu Pembayaran', en: 'Awaiting Payment' },
  COMPLETED: { id: 'Pembayaran Berhasil', en: 'Payment Successful' },
  FAILED: { id: 'Pembayaran Gagal', en: 'Payment Failed' },
  EXPIRED: { id: 'Pembayaran Kedaluwarsa', en: 'Payment Expired' },
  CANCELLED: { id: 'Pembayaran Dibatalkan', en: 'Payment Cancelled' },
  REFUND_PENDING: { id: 'Pengembalian Dana Diproses', en: 'Refund in Progress' },
  REFUNDED: { id: 'Dana Telah Dikembalikan', en: 'Refunded' },
}

export const paymentStatusEmoji: Record<PaymentStatus, string> = {
  PENDING: '⏳',
  COMPLETED: '✅',
  FAILED: '❌',
  EXPIRED: '⌛',
  CANCELLED: '❌',
  REFUND_PENDING: '↩️',
  REFUNDED: '↩️',
}

export const paymentMethodLabels: Record<PaymentMethod, Record<Locale, string>> = {
  bank_transfer: { id: 'Transfer Bank', en: 'Bank Transfer' },
  e_wallet: { id: 'E-Wallet', en: 'E-Wallet' },
  credit_card: { id: 'Kartu Kredit', en: 'Credit Card' },
  cod: { id: 'Bayar di Tempat (COD)', en: 'Cash on Delivery (COD)' },
}

export const shippingStatusLabels: Record<ShippingStatus, Record<Locale, string>> = {
  PROCESSING: { id: 'Sedang Diproses', en: 'Processing' },
  PENDING_PICKUP: { id: 'Menunggu Pengambilan', en: 'Awaiting Pickup' },
  IN_TRANSIT: { id: 'Dalam Perjalanan', en: 'In Transit' },
  OUT_FOR_DELIVERY: { id: 'Sedang Diantar', en: 'Out for Delivery' },
  DELIVERED: { id: 'Terkirim', en: 'Delivered' },
  FAILED: { id: 'Pengiriman Gagal', en: 'Delivery Failed' },
  RETURNED: { id: 'Dikembalikan', en: 'Returned' },
}

export const shippingStatusEmoji: Record<ShippingStatus, string> = {
  PROCESSING: '📦',
  PENDING_PICKUP: '🕒',
  IN_TRANSIT: '🚚',
  OUT_FOR_DELIVERY: '🛵',
  DELIVERED: '✅',
  FAILED: '⚠️',
  RETURNED: '↩️',
}

export const carrierNames: Record<Carrier, string> = {
  jne: 'JNE',
  sicepat: 'SiCepat',
  tiki: 'TIKI',
  pos: 'POS Indonesia',
  gofresh: 'GoFresh',
  jnt: 'J&T Express',
  anteraja: 'AnterAja',
}

/** "+6281234567890" → "+62812****7890": enough for the customer to recognise, not enough to misuse. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '****'
  return `${phone.slice(0, 6)}${'*'.repeat(Math.max(phone.length - 10, 2))}${phone.slice(-4)}`
}

/** "adi.mulyana@example.com" → "ad***@example.com": the customer recognises it; a reader learns little. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '***'
  const local = email.slice(0, at)
  return `${local.slice(0, local.length > 3 ? 2 : 1)}***${email.slice(at)}`
}
