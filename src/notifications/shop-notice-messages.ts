/**
 * The staff sentences of notices about the shop's own data (src/services/shop-sync/): a customer record whose email
 * or phone does not agree with the customer Layan holds. Indonesian and English, `id` the source of keys and
 * placeholders; kept beside the renderer until the message catalog takes them in.
 *
 * @example shopNoticeText('en', 'conflictEmail', { ... })
 */
import type { Locale } from '../i18n/format.ts'
import { interpolate } from '../i18n/messages.ts'

const id = {
  conflictEmail:
    '🪪 **Data pelanggan tidak cocok** ({source}): {name} datang dengan email {email} dan nomor {phone}, padahal pelanggan {existingName} dengan email itu memakai nomor {existingPhone}. Nomor yang dipakai untuk verifikasi tidak diubah; data baru disimpan sebagai pelanggan terpisah. Periksa dan gabungkan bila memang orang yang sama.',
  conflictPhone:
    '🪪 **Nomor HP dipakai dua pelanggan** ({source}): {name} (ID toko {externalId}) datang dengan nomor {phone}, yang sudah milik {existingName}. Nomor itu tidak dipindahkan; periksa data di toko.',
  syncStale:
    '🔄 **Sinkronisasi {source} tertinggal**: terakhir berhasil {since}; {errors} kegagalan berturut-turut (terakhir: {error}). Data pesanan dan stok di bot bisa sudah usang. Periksa kunci API dan webhook toko; Layan terus mencoba.',
  none: '-',
}

const en: Record<keyof typeof id, string> = {
  conflictEmail:
    '🪪 **Customer data does not agree** ({source}): {name} came with email {email} and number {phone}, but the customer {existingName} with that email uses {existingPhone}. The number used for verification was not changed; the new data is kept as a separate customer. Check and merge them if they are the same person.',
  conflictPhone:
    '🪪 **One phone number, two customers** ({source}): {name} (shop ID {externalId}) came with {phone}, which already belongs to {existingName}. The number was not moved; check the data in the shop.',
  syncStale:
    "🔄 **{source} sync is behind**: last success {since}; {errors} failures in a row (last: {error}). Orders and stock in the bot may be out of date. Check the shop's API keys and webhooks; Layan keeps retrying.",
  none: '-',
}

export type ShopNoticeKey = keyof typeof id

export function shopNoticeText(
  locale: Locale,
  key: ShopNoticeKey,
  values: Record<string, string | number> = {},
): string {
  return interpolate((locale === 'en' ? en : id)[key], values)
}
