/**
 * The sentences of proactive messages (the outbox): what customers read when their payment arrives, their
 * parcel moves, staff answer a hand-off or ask for a rating, and what staff read about low stock and hand-offs.
 * Indonesian and English; `id` is the source of truth for keys and placeholders.
 *
 * @example notificationText('en', 'paymentCompleted', { orderNumber: 'ORD-2025-002', amount: 'Rp264.000' })
 */
import type { Locale } from './format.ts'
import { interpolate } from './messages.ts'

const id = {
  paymentCompleted:
    '✅ Pembayaran pesanan {orderNumber} sebesar {amount} sudah kami terima. Pesanan Anda segera kami proses. Terima kasih!',
  shippingStatus: '{emoji} Update pengiriman pesanan {orderNumber}: **{status}**',
  shippingLocation: 'Lokasi: {location}',
  shippingDelivered: 'Paket Anda sudah sampai. Terima kasih telah berbelanja di {shop}!',
  shippingHint: 'Balas "lacak {orderNumber}" untuk melihat detail pengiriman.',
  handoffReply: '💬 **Tim CS {shop}:**\n{text}',
  ratingRequest:
    'Percakapan dengan tim CS kami sudah selesai, dan saya kembali membantu Anda. Bagaimana penilaian Anda atas bantuan tim kami? Pilih 1 (buruk) sampai 5 (sangat baik).',
  lowStock: '⚠️ **Stok menipis**: {name} ({productId}) tinggal {quantity} unit (batas {threshold}).',
  outOfStock: '⛔ **Stok habis**: {name} ({productId}).',
  stockSizes: 'Per ukuran: {sizes}',
  handoffOpened: '🙋 **Permintaan bantuan CS** #{handoffId}\nPelanggan: {customer}\nKanal: {channel}\nAlasan: {reason}',
  handoffRecent: 'Pesan terakhir:',
  handoffHowTo: 'Balas: `/reply {handoffId} <pesan>` · Tutup: `/close {handoffId}`',
  handoffMessage: '💬 Pesan baru di hand-off #{handoffId} dari {customer} ({channel}):\n{text}',
  unverifiedCustomer: 'belum terverifikasi',
  claudeSetupFault:
    '🛠️ **Claude belum bisa dipakai** (model {model}): {problem}\nSampai diperbaiki, bot menjawab dengan asisten offline (mode terbatas). Periksa ANTHROPIC_API_KEY dan ANTHROPIC_MODEL, lalu jalankan `npm run doctor`.',
  roleCustomer: 'Pelanggan',
  roleBot: 'Bot',
  roleStaff: 'CS',
  customerUnreachable: '📭 **Pesan untuk {customer} tidak terkirim** ({channel}): {reason}. Isi pesannya:',
  customerUnreachableContact: 'Mohon sampaikan lewat cara lain, misalnya telepon {contact}.',
  customerUnreachableNoContact: 'Mohon sampaikan lewat cara lain.',
  reasonWindowClosed:
    'sudah lebih dari 24 jam sejak pesan terakhir pelanggan di WhatsApp, dan belum ada template yang disetujui untuk pesan ini',
  paymentAfterCancel:
    '💸 **Uang masuk untuk pesanan yang sudah dibatalkan**: {orderNumber}, {amount}. Kembalikan dana ke pelanggan secara manual.',
  paymentAmountMismatch:
    '⚠️ **Jumlah pembayaran tidak cocok** untuk pesanan {orderNumber}: tagihan {expected}, Midtrans melaporkan {reported}. Pembayaran TIDAK ditandai lunas; periksa di dasbor Midtrans.',
  refundFailed:
    '⛔ **Refund gagal** untuk pesanan {orderNumber} ({amount}) setelah {attempts} percobaan: {error}. Proses refund secara manual di dasbor Midtrans.',
  verificationLockedOrder:
    '🔒 **Verifikasi dikunci** untuk pesanan {orderNumber} ({customer}) setelah {failures} percobaan gagal, sampai {until}. Jika pelanggan asli butuh akses: `/unlock {orderNumber}`.',
  verificationLockedCustomer:
    '🔒 **Verifikasi dikunci** untuk semua pesanan {customer} (terakhir dicoba: {orderNumber}) setelah {failures} percobaan gagal, sampai {until}. Jika pelanggan asli butuh akses: `/unlock {orderNumber}`.',
} as const satisfies Record<string, string>

/** Every key of the notification sentences. */
export type NotificationMessageKey = keyof typeof id

const en: { readonly [K in NotificationMessageKey]: string } = {
  paymentCompleted:
    '✅ We have received the payment of {amount} for order {orderNumber}. We will process your order right away. Thank you!',
  shippingStatus: '{emoji} Shipping update for order {orderNumber}: **{status}**',
  shippingLocation: 'Location: {location}',
  shippingDelivered: 'Your parcel has arrived. Thank you for shopping at {shop}!',
  shippingHint: 'Reply "track {orderNumber}" to see the shipping details.',
  handoffReply: '💬 **{shop} support team:**\n{text}',
  ratingRequest:
    'Your conversation with our support team is finished and I am back to help you. How would you rate the help from our team? Choose 1 (poor) to 5 (excellent).',
  lowStock: '⚠️ **Running low**: {name} ({productId}) has only {quantity} units left (threshold {threshold}).',
  outOfStock: '⛔ **Sold out**: {name} ({productId}).',
  stockSizes: 'By size: {sizes}',
  handoffOpened:
    '🙋 **Customer asks for support** #{handoffId}\nCustomer: {customer}\nChannel: {channel}\nReason: {reason}',
  handoffRecent: 'Last messages:',
  handoffHowTo: 'Reply: `/reply {handoffId} <message>` · Close: `/close {handoffId}`',
  handoffMessage: '💬 New message in hand-off #{handoffId} from {customer} ({channel}):\n{text}',
  unverifiedCustomer: 'not verified',
  claudeSetupFault:
    '🛠️ **Claude cannot be used** (model {model}): {problem}\nUntil this is fixed the bot answers with the offline assistant (limited mode). Check ANTHROPIC_API_KEY and ANTHROPIC_MODEL, then run `npm run doctor`.',
  roleCustomer: 'Customer',
  roleBot: 'Bot',
  roleStaff: 'Staff',
  customerUnreachable: '📭 **Message for {customer} not delivered** ({channel}): {reason}. The message:',
  customerUnreachableContact: 'Please pass it on another way, for example by phone: {contact}.',
  customerUnreachableNoContact: 'Please pass it on another way.',
  reasonWindowClosed:
    "more than 24 hours have passed since the customer's last WhatsApp message, and no approved template is set for this message",
  paymentAfterCancel:
    '💸 **Money arrived for a cancelled order**: {orderNumber}, {amount}. Refund the customer by hand.',
  paymentAmountMismatch:
    '⚠️ **Payment amount does not match** for order {orderNumber}: billed {expected}, Midtrans reports {reported}. The payment was NOT marked paid; check the Midtrans dashboard.',
  refundFailed:
    '⛔ **Refund failed** for order {orderNumber} ({amount}) after {attempts} tries: {error}. Refund it by hand in the Midtrans dashboard.',
  verificationLockedOrder:
    '🔒 **Verification locked** for order {orderNumber} ({customer}) after {failures} failed tries, until {until}. If the real customer needs in: `/unlock {orderNumber}`.',
  verificationLockedCustomer:
    '🔒 **Verification locked** for every order of {customer} (last tried: {orderNumber}) after {failures} failed tries, until {until}. If the real customer needs in: `/unlock {orderNumber}`.',
}

/** Both dictionaries, for tests. */
export const notificationMessages: {
  readonly [L in Locale]: { readonly [K in NotificationMessageKey]: string }
} = { id, en }

/** The notification sentence `key` in `locale` with its `{placeholders}` filled. */
export function notificationText(
  locale: Locale,
  key: NotificationMessageKey,
  params?: Record<string, string | number>,
): string {
  return interpolate(notificationMessages[locale][key], params)
}
