/**
 * The sentences only the Telegram adapter says: the /start greeting, the "text only" answer to media, the
 * apology of the error boundary, hand-off ratings, and every admin command's answers and usage lines, in
 * Indonesian and English. `id` is the source of truth for keys and placeholders (a unit test compares them).
 *
 * @example telegramText('en', 'admin.notAllowed')
 */
import type { Locale } from './format.ts'
import { interpolate } from './messages.ts'

const id = {
  start:
    '👋 Halo{name}! Saya Layan, asisten virtual {shop}. Saya bisa bantu cek pesanan, pembayaran, pengiriman, dan stok produk.\n\nAgar saya bisa membantu soal pesanan Anda, tekan tombol **Bagikan nomor HP** di bawah untuk verifikasi. Bisa juga dengan mengirim "verifikasi <nomor pesanan> <4 digit terakhir HP>".',
  shareContactButton: '📱 Bagikan nomor HP',
  textOnly: 'Maaf, saat ini saya hanya bisa membaca pesan teks. Silakan tulis pertanyaan Anda ya 🙏',
  updateFailed:
    'Maaf, terjadi kendala saat memproses pesan Anda. Silakan coba lagi sebentar lagi, atau balas "bicara dengan CS".',
  buttonUnknown: 'Tombol ini sudah tidak berlaku.',
  buttonDone: 'Diproses ✔',
  ratingThanks: '🙏 Terima kasih atas penilaian {score}/5! Ada lagi yang bisa saya bantu?',
  ratingAlready: 'Penilaian untuk percakapan ini sudah kami terima sebelumnya. Terima kasih!',
  ratingRefused: 'Penilaian ini tidak berlaku untuk akun Anda.',

  'admin.notAllowed': '⛔ Maaf, perintah ini hanya untuk admin toko. Tidak ada yang diubah.',
  'admin.failed': '⚠️ Perintah gagal karena kendala sistem. Tidak ada yang diubah; coba lagi.',
  'admin.usage.stock': 'Cara pakai: /stock <SKU|ID produk> [jumlah] [alasan]\nContoh: /stock KAOS-001-M 12 stok opname',
  'admin.usage.ship':
    'Cara pakai: /ship <nomor pesanan> <status> [lokasi]\nStatus: {statuses}\nContoh: /ship ORD-2025-001 OUT_FOR_DELIVERY Jakarta Selatan',
  'admin.usage.order': 'Cara pakai: /order <nomor pesanan>\nContoh: /order ORD-2025-001',
  'admin.usage.reply': 'Cara pakai: /reply <ID hand-off> <pesan untuk pelanggan>',
  'admin.usage.close': 'Cara pakai: /close <ID hand-off>',
  'admin.productNotFound': 'Produk atau SKU {id} tidak ditemukan.',
  'admin.stockNeedsSku': 'Untuk mengubah stok, sebutkan SKU per ukuran, misalnya {example}.',
  'admin.stockView': '📦 **{name}** ({id})\nTotal: {quantity} unit{low}\nPer ukuran: {sizes}\nGudang: {warehouse}',
  'admin.stockLowMark': ' ⚠️ menipis',
  'admin.stockOutMark': ' ⛔ habis',
  'admin.stockSet': '✅ Stok {sku} diubah: {before} → {after} (alasan: {reason}).',
  'admin.stockReason': 'diubah lewat Telegram',
  'admin.lowStockTitle': '⚠️ **Stok menipis**',
  'admin.lowStockLine': '- {name} ({id}): {quantity} unit ({sizes})',
  'admin.outOfStockTitle': '⛔ **Stok habis**',
  'admin.outOfStockLine': '- {name} ({id})',
  'admin.lowStockNone': '✅ Tidak ada produk yang stoknya menipis atau habis.',
  'admin.orderNotFound': 'Pesanan {orderNumber} tidak ditemukan.',
  'admin.badStatus': 'Status "{status}" tidak dikenal. Pilihan: {statuses}',
  'admin.noShipment': 'Pesanan {orderNumber} belum punya nomor resi, jadi status pengirimannya belum bisa diubah.',
  'admin.shipRefused': 'Status pengiriman {orderNumber} tidak bisa diubah: {reason}.',
  'admin.shipDone': '✅ {orderNumber}: {emoji} {status}{location}. Pelanggan akan diberi tahu.',
  'admin.orderCustomer': '👤 Pelanggan: {name} · {phone}{email}',
  'admin.orderCreated': 'Dibuat: {date}',
  'admin.orderPayment': '💳 Pembayaran: {status} · {method}{provider} · {amount}{paid}',
  'admin.orderNoPayment': '💳 Pembayaran: belum ada',
  'admin.orderShipment': '🚚 Pengiriman: {carrier} {waybill} · {status}{location}',
  'admin.orderEvent': '- {date}: {status}{location}',
  'admin.orderCancelReason': 'Alasan batal: {reason}',
  'admin.handoffsTitle': '🙋 **Hand-off terbuka** ({count})',
  'admin.handoffLine': '- #{id} · {customer} · {channel} · {reason} · sejak {since}',
  'admin.handoffsNone': '✅ Tidak ada hand-off yang terbuka.',
  'admin.unverified': 'belum terverifikasi',
  'admin.handoffNotFound': 'Hand-off #{id} tidak ditemukan atau sudah ditutup.',
  'admin.replySent': '✅ Balasan untuk hand-off #{id} dikirim ke pelanggan ({channel}).',
  'admin.closed': '✅ Hand-off #{id} ditutup. Bot kembali melayani, dan pelanggan diminta memberi nilai 1–5.',
  'admin.commands.stock': 'Lihat atau ubah stok: /stock <SKU|ID> [jumlah] [alasan]',
  'admin.commands.lowstock': 'Produk yang stoknya menipis atau habis',
  'admin.commands.ship': 'Ubah status pengiriman: /ship <pesanan> <status> [lokasi]',
  'admin.commands.order': 'Detail lengkap pesanan: /order <pesanan>',
  'admin.commands.handoffs': 'Daftar hand-off yang terbuka',
  'admin.commands.reply': 'Balas pelanggan: /reply <ID hand-off> <pesan>',
  'admin.commands.close': 'Tutup hand-off: /close <ID hand-off>',
  'admin.commands.unlock': 'Buka kunci verifikasi pesanan dan pelanggannya: /unlock <pesanan>',
  'admin.usage.unlock': 'Cara pakai: /unlock <nomor pesanan>\nContoh: /unlock ORD-2025-001',
  'admin.unlockDone':
    '🔓 Kunci verifikasi {orderNumber} dan pelanggan {customer} dibuka. Pelanggan bisa verifikasi lagi sekarang.',
  'admin.unlockNothing': 'Verifikasi {orderNumber} ({customer}) tidak sedang dikunci; tidak ada yang diubah.',
  'commands.start': 'Mulai dan verifikasi nomor HP',
} as const satisfies Record<string, string>

/** Every key of the Telegram adapter's sentences. */
export type TelegramMessageKey = keyof typeof id

const en: { readonly [K in TelegramMessageKey]: string } = {
  start:
    '👋 Hello{name}! I am Layan, the virtual assistant of {shop}. I can help you check orders, payments, shipping and product stock.\n\nSo that I can help with your orders, press **Share phone number** below to verify. You can also send "verify <order number> <last 4 digits of your phone>".',
  shareContactButton: '📱 Share phone number',
  textOnly: 'Sorry, for now I can only read text messages. Please type your question 🙏',
  updateFailed:
    'Sorry, something went wrong while handling your message. Please try again in a moment, or reply "talk to a human".',
  buttonUnknown: 'This button is no longer valid.',
  buttonDone: 'Done ✔',
  ratingThanks: '🙏 Thank you for rating us {score}/5! Is there anything else I can help with?',
  ratingAlready: 'We have already received your rating for this conversation. Thank you!',
  ratingRefused: 'This rating does not belong to your account.',

  'admin.notAllowed': '⛔ Sorry, this command is for shop admins only. Nothing was changed.',
  'admin.failed': '⚠️ The command failed because of a system problem. Nothing was changed; please try again.',
  'admin.usage.stock': 'Usage: /stock <SKU|product id> [quantity] [reason]\nExample: /stock KAOS-001-M 12 stock count',
  'admin.usage.ship':
    'Usage: /ship <order number> <status> [location]\nStatuses: {statuses}\nExample: /ship ORD-2025-001 OUT_FOR_DELIVERY Jakarta Selatan',
  'admin.usage.order': 'Usage: /order <order number>\nExample: /order ORD-2025-001',
  'admin.usage.reply': 'Usage: /reply <hand-off id> <message for the customer>',
  'admin.usage.close': 'Usage: /close <hand-off id>',
  'admin.productNotFound': 'Product or SKU {id} was not found.',
  'admin.stockNeedsSku': 'To change stock, name one size by its SKU, for example {example}.',
  'admin.stockView': '📦 **{name}** ({id})\nTotal: {quantity} units{low}\nBy size: {sizes}\nWarehouse: {warehouse}',
  'admin.stockLowMark': ' ⚠️ running low',
  'admin.stockOutMark': ' ⛔ sold out',
  'admin.stockSet': '✅ Stock of {sku} changed: {before} → {after} (reason: {reason}).',
  'admin.stockReason': 'changed via Telegram',
  'admin.lowStockTitle': '⚠️ **Running low**',
  'admin.lowStockLine': '- {name} ({id}): {quantity} units ({sizes})',
  'admin.outOfStockTitle': '⛔ **Sold out**',
  'admin.outOfStockLine': '- {name} ({id})',
  'admin.lowStockNone': '✅ No product is running low or sold out.',
  'admin.orderNotFound': 'Order {orderNumber} was not found.',
  'admin.badStatus': 'Unknown status "{status}". Choose one of: {statuses}',
  'admin.noShipment': 'Order {orderNumber} has no waybill yet, so its shipping status cannot be changed.',
  'admin.shipRefused': 'The shipping status of {orderNumber} cannot be changed: {reason}.',
  'admin.shipDone': '✅ {orderNumber}: {emoji} {status}{location}. The customer will be notified.',
  'admin.orderCustomer': '👤 Customer: {name} · {phone}{email}',
  'admin.orderCreated': 'Created: {date}',
  'admin.orderPayment': '💳 Payment: {status} · {method}{provider} · {amount}{paid}',
  'admin.orderNoPayment': '💳 Payment: none yet',
  'admin.orderShipment': '🚚 Shipment: {carrier} {waybill} · {status}{location}',
  'admin.orderEvent': '- {date}: {status}{location}',
  'admin.orderCancelReason': 'Cancel reason: {reason}',
  'admin.handoffsTitle': '🙋 **Open hand-offs** ({count})',
  'admin.handoffLine': '- #{id} · {customer} · {channel} · {reason} · since {since}',
  'admin.handoffsNone': '✅ There are no open hand-offs.',
  'admin.unverified': 'not verified',
  'admin.handoffNotFound': 'Hand-off #{id} was not found or is already closed.',
  'admin.replySent': '✅ Your reply to hand-off #{id} was sent to the customer ({channel}).',
  'admin.closed': '✅ Hand-off #{id} is closed. The bot takes over again and the customer is asked for a 1–5 rating.',
  'admin.commands.stock': 'Show or set stock: /stock <SKU|id> [quantity] [reason]',
  'admin.commands.lowstock': 'Products running low or sold out',
  'admin.commands.ship': 'Set a shipping status: /ship <order> <status> [location]',
  'admin.commands.order': 'Full order view: /order <order>',
  'admin.commands.handoffs': 'Open hand-offs',
  'admin.commands.reply': 'Reply to a customer: /reply <hand-off id> <message>',
  'admin.commands.close': 'Close a hand-off: /close <hand-off id>',
  'admin.commands.unlock': 'Lift the verification lock of an order and its customer: /unlock <order>',
  'admin.usage.unlock': 'Usage: /unlock <order number>\nExample: /unlock ORD-2025-001',
  'admin.unlockDone':
    '🔓 Verification lock of {orderNumber} and of customer {customer} lifted. The customer can verify again now.',
  'admin.unlockNothing': 'Verification of {orderNumber} ({customer}) is not locked; nothing was changed.',
  'commands.start': 'Start and verify your phone number',
}

/** Both dictionaries, for tests. */
export const telegramMessages: { readonly [L in Locale]: { readonly [K in TelegramMessageKey]: string } } = { id, en }

/** The Telegram sentence `key` in `locale` with its `{placeholders}` filled. */
export function telegramText(
  locale: Locale,
  key: TelegramMessageKey,
  params?: Record<string, string | number>,
): string {
  return interpolate(telegramMessages[locale][key], params)
}
