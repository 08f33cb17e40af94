/**
 * The sentences the Discord adapter says itself (messages, buttons and slash commands), in Indonesian and
 * English. Same conventions as messages.ts: `id` is the source of truth for keys and placeholders, and
 * `discordText` checks placeholder names at compile time.
 *
 * @example discordText('en', 'stock.setDone', { sku: 'KAOS-001-M', before: 15, after: 20 })
 */
import type { Locale } from './format.ts'
import { interpolate } from './messages.ts'

const id = {
  // Messages and buttons
  textOnly: 'Maaf, saya hanya bisa membaca pesan teks. Silakan tulis pertanyaan Anda ya.',
  somethingWrong: 'Maaf, terjadi kendala di sistem kami. Silakan coba lagi sebentar lagi.',
  buttonNotYours: 'Tombol ini bukan untuk Anda: hanya pelanggan yang meminta yang bisa memakainya.',
  buttonUnknown: 'Tombol ini tidak dikenali lagi. Silakan ulangi permintaan Anda.',
  ratingThanks: 'Terima kasih atas penilaian {rating}/5 Anda! 🙏',
  ratingAlready: 'Penilaian untuk percakapan ini sudah tersimpan. Terima kasih!',

  // Permissions and validation
  adminOnly: '⛔ Perintah ini hanya untuk admin toko. Tidak ada yang diubah.',
  unknownCommand: 'Perintah ini tidak dikenal.',
  missingOption: 'Opsi "{option}" wajib diisi.',
  invalidOption: 'Opsi "{option}" tidak valid: {reason}.',

  // /verify and /order
  verifyBadOrder: 'Nomor pesanan tidak valid. Contoh yang benar: ORD-2025-001.',
  verifyBadDigits: 'Isi phone_last4 dengan tepat 4 angka terakhir nomor HP Anda, misalnya 7890.',
  orderNeedsVerify:
    'Untuk melihat pesanan, verifikasi dulu dengan /verify order:<nomor pesanan> phone_last4:<4 digit terakhir HP>.',

  // /stock and /lowstock
  'stock.title': '📦 **{name}** ({productId}) · {price}',
  'stock.sku': 'SKU {sku} (ukuran {size}): {quantity} unit',
  'stock.total': 'Total: {quantity} unit · Gudang: {location}',
  'stock.size': '- {size} ({sku}): {quantity}',
  'stock.low': '⚠️ Stok menipis.',
  'stock.out': '❌ Stok habis.',
  'stock.setDone': '✅ Stok {sku} diubah: {before} → {after}.',
  'stock.adjustDone': '✅ Stok {sku} disesuaikan {delta}: sekarang {after}.',
  'stock.notFound': 'Produk atau SKU {sku} tidak ditemukan.',
  'stock.insufficient': 'Stok {sku} hanya {available}; tidak bisa dikurangi {requested}.',
  'lowstock.title': '⚠️ **Stok menipis**',
  'lowstock.outTitle': '❌ **Stok habis**',
  'lowstock.line': '- {name} ({productId}): {quantity} unit',
  'lowstock.none': '✅ Tidak ada produk yang stoknya menipis atau habis.',

  // /shipping
  'shipping.done': '✅ Pengiriman {orderNumber}: {status}{location}. Pelanggan akan diberi tahu.',
  'shipping.orderNotFound': 'Pesanan {orderNumber} tidak ditemukan.',
  'shipping.needWaybill': 'Pesanan {orderNumber} belum punya resi: isi juga opsi waybill dan carrier.',

  // /handoff
  'handoff.listTitle': '🙋 **Hand-off terbuka ({count})**',
  'handoff.listLine': '- **{id}** · {channel} · {customer} · {reason} · {openedAt}',
  'handoff.listLast': '  ↳ {text}',
  'handoff.listNone': 'Tidak ada hand-off yang terbuka.',
  'handoff.notFound': 'Hand-off {id} tidak ditemukan atau sudah ditutup.',
  'handoff.replyQueued': '✅ Balasan diteruskan ke pelanggan (kanal {channel}) dan disimpan di percakapan.',
  'handoff.closed':
    '✅ Hand-off {id} ditutup: bot kembali menjawab pelanggan ini, dan pelanggan diminta memberi penilaian 1–5.',
  'handoff.unknownCustomer': 'pelanggan belum terverifikasi',

  // /unlock
  'unlock.done': '🔓 Kunci verifikasi {orderNumber} dan pelanggan {customer} dibuka. Pelanggan bisa verifikasi lagi.',
  'unlock.nothing': 'Verifikasi {orderNumber} ({customer}) tidak sedang dikunci; tidak ada yang diubah.',
  'unlock.orderNotFound': 'Pesanan {orderNumber} tidak ditemukan.',
} as const satisfies Record<string, string>

/** Every key of the Discord adapter's sentences. */
export type DiscordMessageKey = keyof typeof id

const en: { readonly [K in DiscordMessageKey]: string } = {
  textOnly: 'Sorry, I can only read text messages. Please type your question.',
  somethingWrong: 'Sorry, something went wrong on our side. Please try again in a moment.',
  buttonNotYours: 'This button is not for you: only the customer who asked can use it.',
  buttonUnknown: 'This button is no longer recognised. Please make your request again.',
  ratingThanks: 'Thank you for your rating of {rating}/5! 🙏',
  ratingAlready: 'A rating for this conversation is already saved. Thank you!',

  adminOnly: '⛔ This command is for shop admins only. Nothing was changed.',
  unknownCommand: 'This command is not known.',
  missingOption: 'The option "{option}" is required.',
  invalidOption: 'The option "{option}" is not valid: {reason}.',

  verifyBadOrder: 'That is not a valid order number. A correct one looks like ORD-2025-001.',
  verifyBadDigits: 'Fill phone_last4 with exactly the last 4 digits of your phone number, for example 7890.',
  orderNeedsVerify:
    'To see an order, please verify first with /verify order:<order number> phone_last4:<last 4 phone digits>.',

  'stock.title': '📦 **{name}** ({productId}) · {price}',
  'stock.sku': 'SKU {sku} (size {size}): {quantity} units',
  'stock.total': 'Total: {quantity} units · Warehouse: {location}',
  'stock.size': '- {size} ({sku}): {quantity}',
  'stock.low': '⚠️ Low stock.',
  'stock.out': '❌ Out of stock.',
  'stock.setDone': '✅ Stock of {sku} set: {before} → {after}.',
  'stock.adjustDone': '✅ Stock of {sku} adjusted by {delta}: now {after}.',
  'stock.notFound': 'Product or SKU {sku} was not found.',
  'stock.insufficient': 'Only {available} of {sku} in stock; cannot remove {requested}.',
  'lowstock.title': '⚠️ **Low stock**',
  'lowstock.outTitle': '❌ **Out of stock**',
  'lowstock.line': '- {name} ({productId}): {quantity} units',
  'lowstock.none': '✅ No product is low on stock or out of stock.',

  'shipping.done': '✅ Shipment of {orderNumber}: {status}{location}. The customer will be notified.',
  'shipping.orderNotFound': 'Order {orderNumber} was not found.',
  'shipping.needWaybill': 'Order {orderNumber} has no waybill yet: fill in the waybill and carrier options too.',

  'handoff.listTitle': '🙋 **Open hand-offs ({count})**',
  'handoff.listLine': '- **{id}** · {channel} · {customer} · {reason} · {openedAt}',
  'handoff.listLast': '  ↳ {text}',
  'handoff.listNone': 'There are no open hand-offs.',
  'handoff.notFound': 'Hand-off {id} was not found or is already closed.',
  'handoff.replyQueued': '✅ Reply on its way to the customer ({channel} channel) and kept in the conversation.',
  'handoff.closed':
    '✅ Hand-off {id} closed: the bot answers this customer again, and they were asked for a 1–5 rating.',
  'handoff.unknownCustomer': 'customer not verified',

  // /unlock
  'unlock.done':
    '🔓 Verification lock of {orderNumber} and of customer {customer} lifted. The customer can verify again.',
  'unlock.nothing': 'Verification of {orderNumber} ({customer}) is not locked; nothing was changed.',
  'unlock.orderNotFound': 'Order {orderNumber} was not found.',
}

/** Both dictionaries, for tests. */
export const discordMessages: { readonly [L in Locale]: { readonly [K in DiscordMessageKey]: string } } = { id, en }

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never
type ParamsArg<K extends DiscordMessageKey> = [Placeholders<(typeof id)[K]>] extends [never]
  ? []
  : [Record<Placeholders<(typeof id)[K]>, string | number>]

/** The Discord sentence `key` in `locale` with its `{placeholders}` filled. */
export function discordText<K extends DiscordMessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  return interpolate(discordMessages[locale][key], params[0])
}
