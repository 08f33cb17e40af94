/** What only the Discord adapter says: messages, buttons and slash commands. Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const discordId = {
  // Messages and buttons
  'discord.textOnly': 'Maaf, saya hanya bisa membaca pesan teks. Silakan tulis pertanyaan Anda ya.',
  'discord.somethingWrong': 'Maaf, terjadi kendala di sistem kami. Silakan coba lagi sebentar lagi.',
  'discord.buttonNotYours': 'Tombol ini bukan untuk Anda: hanya pelanggan yang meminta yang bisa memakainya.',
  'discord.buttonUnknown': 'Tombol ini tidak dikenali lagi. Silakan ulangi permintaan Anda.',
  'discord.ratingThanks': 'Terima kasih atas penilaian {rating}/5 Anda! 🙏',
  'discord.ratingAlready': 'Penilaian untuk percakapan ini sudah tersimpan. Terima kasih!',

  // Permissions and validation
  'discord.adminOnly': '⛔ Perintah ini hanya untuk admin toko. Tidak ada yang diubah.',
  'discord.unknownCommand': 'Perintah ini tidak dikenal.',
  'discord.missingOption': 'Opsi "{option}" wajib diisi.',
  'discord.invalidOption': 'Opsi "{option}" tidak valid: {reason}.',

  // /verify and /order
  'discord.verifyBadOrder':
    'Nomor pesanan tidak valid. Tulis seperti di nota toko, misalnya ORD-2025-001, 5001 atau #1001.',
  'discord.verifyBadDigits': 'Isi phone_last4 dengan tepat 4 angka terakhir nomor HP Anda, misalnya 7890.',
  'discord.orderNeedsVerify':
    'Untuk melihat pesanan, verifikasi dulu dengan /verify order:<nomor pesanan> phone_last4:<4 digit terakhir HP>.',

  // /stock and /lowstock
  'discord.stock.title': '📦 **{name}** ({productId}) · {price}',
  'discord.stock.sku': 'SKU {sku} (ukuran {size}): {quantity} unit',
  'discord.stock.total': 'Total: {quantity} unit · Gudang: {location}',
  'discord.stock.size': '- {size} ({sku}): {quantity}',
  'discord.stock.low': '⚠️ Stok menipis.',
  'discord.stock.out': '❌ Stok habis.',
  'discord.stock.setDone': '✅ Stok {sku} diubah: {before} → {after}.',
  'discord.stock.adjustDone': '✅ Stok {sku} disesuaikan {delta}: sekarang {after}.',
  'discord.stock.notFound': 'Produk atau SKU {sku} tidak ditemukan.',
  'discord.stock.insufficient': 'Stok {sku} hanya {available}; tidak bisa dikurangi {requested}.',
  'discord.lowstock.title': '⚠️ **Stok menipis**',
  'discord.lowstock.outTitle': '❌ **Stok habis**',
  'discord.lowstock.line': '- {name} ({productId}): {quantity} unit',
  'discord.lowstock.none': '✅ Tidak ada produk yang stoknya menipis atau habis.',

  // /shipping
  'discord.shipping.done': '✅ Pengiriman {orderNumber}: {status}{location}. Pelanggan akan diberi tahu.',
  'discord.shipping.orderNotFound': 'Pesanan {orderNumber} tidak ditemukan.',
  'discord.shipping.needWaybill': 'Pesanan {orderNumber} belum punya resi: isi juga opsi waybill dan carrier.',

  // /handoff
  'discord.handoff.listTitle': '🙋 **Hand-off terbuka ({count})**',
  'discord.handoff.listLine': '- **{id}** · {channel} · {customer} · {reason} · {openedAt}',
  'discord.handoff.listLast': '  ↳ {text}',
  'discord.handoff.listNone': 'Tidak ada hand-off yang terbuka.',
  'discord.handoff.notFound': 'Hand-off {id} tidak ditemukan atau sudah ditutup.',
  'discord.handoff.replyQueued': '✅ Balasan diteruskan ke pelanggan (kanal {channel}) dan disimpan di percakapan.',
  'discord.handoff.closed':
    '✅ Hand-off {id} ditutup: bot kembali menjawab pelanggan ini, dan pelanggan diminta memberi penilaian 1–5.',
  'discord.handoff.unknownCustomer': 'pelanggan belum terverifikasi',

  // /unlock
  'discord.unlock.done':
    '🔓 Kunci verifikasi {orderNumber} dan pelanggan {customer} dibuka. Pelanggan bisa verifikasi lagi.',
  'discord.unlock.nothing': 'Verifikasi {orderNumber} ({customer}) tidak sedang dikunci; tidak ada yang diubah.',
  'discord.unlock.orderNotFound': 'Pesanan {orderNumber} tidak ditemukan.',
} as const satisfies Record<string, string>

export const discordEn: { readonly [K in keyof typeof discordId]: string } = {
  'discord.textOnly': 'Sorry, I can only read text messages. Please type your question.',
  'discord.somethingWrong': 'Sorry, something went wrong on our side. Please try again in a moment.',
  'discord.buttonNotYours': 'This button is not for you: only the customer who asked can use it.',
  'discord.buttonUnknown': 'This button is no longer recognised. Please make your request again.',
  'discord.ratingThanks': 'Thank you for your rating of {rating}/5! 🙏',
  'discord.ratingAlready': 'A rating for this conversation is already saved. Thank you!',

  'discord.adminOnly': '⛔ This command is for shop admins only. Nothing was changed.',
  'discord.unknownCommand': 'This command is not known.',
  'discord.missingOption': 'The option "{option}" is required.',
  'discord.invalidOption': 'The option "{option}" is not valid: {reason}.',

  'discord.verifyBadOrder':
    'That is not a valid order number. Write it as on the shop’s receipt, for example ORD-2025-001, 5001 or #1001.',
  'discord.verifyBadDigits': 'Fill phone_last4 with exactly the last 4 digits of your phone number, for example 7890.',
  'discord.orderNeedsVerify':
    'To see an order, please verify first with /verify order:<order number> phone_last4:<last 4 phone digits>.',

  'discord.stock.title': '📦 **{name}** ({productId}) · {price}',
  'discord.stock.sku': 'SKU {sku} (size {size}): {quantity} units',
  'discord.stock.total': 'Total: {quantity} units · Warehouse: {location}',
  'discord.stock.size': '- {size} ({sku}): {quantity}',
  'discord.stock.low': '⚠️ Low stock.',
  'discord.stock.out': '❌ Out of stock.',
  'discord.stock.setDone': '✅ Stock of {sku} set: {before} → {after}.',
  'discord.stock.adjustDone': '✅ Stock of {sku} adjusted by {delta}: now {after}.',
  'discord.stock.notFound': 'Product or SKU {sku} was not found.',
  'discord.stock.insufficient': 'Only {available} of {sku} in stock; cannot remove {requested}.',
  'discord.lowstock.title': '⚠️ **Low stock**',
  'discord.lowstock.outTitle': '❌ **Out of stock**',
  'discord.lowstock.line': '- {name} ({productId}): {quantity} units',
  'discord.lowstock.none': '✅ No product is low on stock or out of stock.',

  'discord.shipping.done': '✅ Shipment of {orderNumber}: {status}{location}. The customer will be notified.',
  'discord.shipping.orderNotFound': 'Order {orderNumber} was not found.',
  'discord.shipping.needWaybill':
    'Order {orderNumber} has no waybill yet: fill in the waybill and carrier options too.',

  'discord.handoff.listTitle': '🙋 **Open hand-offs ({count})**',
  'discord.handoff.listLine': '- **{id}** · {channel} · {customer} · {reason} · {openedAt}',
  'discord.handoff.listLast': '  ↳ {text}',
  'discord.handoff.listNone': 'There are no open hand-offs.',
  'discord.handoff.notFound': 'Hand-off {id} was not found or is already closed.',
  'discord.handoff.replyQueued':
    '✅ Reply on its way to the customer ({channel} channel) and kept in the conversation.',
  'discord.handoff.closed':
    '✅ Hand-off {id} closed: the bot answers this customer again, and they were asked for a 1–5 rating.',
  'discord.handoff.unknownCustomer': 'customer not verified',

  // /unlock
  'discord.unlock.done':
    '🔓 Verification lock of {orderNumber} and of customer {customer} lifted. The customer can verify again.',
  'discord.unlock.nothing': 'Verification of {orderNumber} ({customer}) is not locked; nothing was changed.',
  'discord.unlock.orderNotFound': 'Order {orderNumber} was not found.',
}
