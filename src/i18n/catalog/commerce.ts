/** What the commerce tools say (shipping quotes, alternatives and back-in-stock requests, payment links). Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const commerceId = {
  // quote_shipping
  'quote.title': '🚚 Ongkir ke {destination}',
  'quote.weightItems': 'Berat paket: {weight} (dihitung {kg} kg)',
  'quote.weightGiven': 'Berat paket: {weight} (dihitung {kg} kg)',
  'quote.weightDefault': 'Berat paket dianggap 1 kg karena produk atau beratnya belum disebutkan.',
  'quote.cheapest': '💸 Termurah: {courier} {service}: {price} ({days})',
  'quote.fastest': '⚡ Tercepat: {courier} {service}: {price} ({days})',
  'quote.others': 'Pilihan lain:',
  'quote.option': '- {courier} {service}: {price} ({days})',
  'quote.days': '{min}–{max} hari',
  'quote.day': '{days} hari',
  'quote.estimates': 'ℹ️ Ini perkiraan ongkir dari gudang kami di Jakarta; jumlah pastinya terlihat saat checkout.',
  'quote.free': '🎁 Belanja {value} sudah di atas {threshold}: gratis ongkir!',
  'quote.freeRule': '🎁 Gratis ongkir untuk belanja di atas {threshold}.',
  'quote.freeShort': '🎁 Belanja {value}; gratis ongkir mulai di atas {threshold}.',
  'quote.ambiguous': '📍 Ada beberapa tempat bernama "{query}". Maksudnya yang mana?',
  'quote.choice': '{n}. {label}',
  'quote.ambiguousHint': 'Balas dengan nama lengkapnya, misalnya "ongkir ke {example}".',
  'quote.unknown':
    '📍 Maaf, saya belum menemukan tempat "{query}". Sebutkan kota/kabupaten, kecamatan, atau kode pos tujuannya (contoh: "ongkir ke Surabaya" atau "ongkir ke 60111").',
  'quote.noService':
    'Maaf, belum ada kurir yang melayani pengiriman ke {destination}. Balas "bicara dengan CS" agar tim kami membantu.',
  'quote.productNotFound': 'Maaf, produk "{query}" tidak ada di katalog kami, jadi beratnya belum bisa saya hitung.',
  'quote.askDestination': 'Mau dikirim ke mana? Sebutkan kota/kabupaten, kecamatan, atau kode posnya, ya.',

  // Back in stock (notify_back_in_stock, check_inventory's alternatives, the notice)
  'notice.backInStock':
    '🔔 Kabar baik! {name} ukuran {size} sudah tersedia lagi ({price}). Stok bisa cepat habis; ketik "stok {sku}" untuk cek.',
  'restock.waiting': '🔔 Siap! Kami kabari sekali lewat chat ini saat {name} ukuran {size} tersedia lagi.',
  'restock.already': '🔔 Permintaan Anda sudah tercatat: kami kabari saat {name} ukuran {size} tersedia lagi.',
  'restock.inStock': '✅ {name} ukuran {size} sedang tersedia ({quantity} unit), jadi tidak perlu menunggu.',
  'restock.askSize': 'Ukuran berapa yang ingin dikabari? Contoh: "kabari {productId}-M".',
  'restock.notFound': 'Maaf, produk "{query}" tidak ada di katalog kami.',
  'stock.alternatives': 'Pilihan lain yang tersedia{size}:',
  'stock.alternativesSize': ' di ukuran {size}',
  'stock.alternative': '- {name} ({sizes}): {price}',
  'stock.notifyOffer': '🔔 Mau dikabari saat ukuran {size} tersedia lagi? Balas "kabari {sku}".',
  'stock.notifyOfferNoSize':
    '🔔 Mau dikabari saat tersedia lagi? Balas "kabari {productId}-<ukuran>" (ukuran: {sizes}).',

  // payment_link
  'paylink.title': '💳 Link pembayaran pesanan {orderNumber}',
  'paylink.amount': 'Total: {amount}',
  'paylink.link': 'Bayar di sini: {url}',
  'paylink.expires': 'Berlaku sampai {expiresAt}.',
  'paylink.methods': 'Metode: {methods}.',
  'paylink.reused': 'Ini link yang sama dengan sebelumnya, masih berlaku: tidak ada tagihan baru.',
  'paylink.after': 'Kami kabari di chat ini begitu pembayaran diterima.',
  'paylink.button': '💳 Bayar sekarang',
  'paylink.paid': '✅ Pesanan {orderNumber} sudah dibayar, jadi tidak perlu link pembayaran lagi.',
  'paylink.cancelled': 'Pesanan {orderNumber} sudah dibatalkan, jadi tidak bisa dibayar.',
  'paylink.expired':
    'Batas pembayaran pesanan {orderNumber} sudah lewat. Balas "bicara dengan CS" bila ingin memesan ulang.',
  'paylink.cod': 'Pesanan {orderNumber} dibayar di tempat (COD) saat paket tiba, jadi tidak perlu link pembayaran.',
  'paylink.unavailable':
    'Maaf, link pembayaran untuk pesanan {orderNumber} belum bisa dibuat. Balas "bicara dengan CS" agar dibantu.',
} as const satisfies Record<string, string>

export const commerceEn: { readonly [K in keyof typeof commerceId]: string } = {
  'quote.title': '🚚 Shipping to {destination}',
  'quote.weightItems': 'Parcel weight: {weight} (charged as {kg} kg)',
  'quote.weightGiven': 'Parcel weight: {weight} (charged as {kg} kg)',
  'quote.weightDefault': 'The parcel is taken as 1 kg because no product or weight was given.',
  'quote.cheapest': '💸 Cheapest: {courier} {service}: {price} ({days})',
  'quote.fastest': '⚡ Fastest: {courier} {service}: {price} ({days})',
  'quote.others': 'Other options:',
  'quote.option': '- {courier} {service}: {price} ({days})',
  'quote.days': '{min}–{max} days',
  'quote.day': '{days} day(s)',
  'quote.estimates': 'ℹ️ These are estimates from our Jakarta warehouse; the exact amount is shown at checkout.',
  'quote.free': '🎁 Your {value} is over {threshold}: free shipping!',
  'quote.freeRule': '🎁 Free shipping on orders over {threshold}.',
  'quote.freeShort': '🎁 Your goods come to {value}; free shipping starts above {threshold}.',
  'quote.ambiguous': '📍 Several places are called "{query}". Which one do you mean?',
  'quote.choice': '{n}. {label}',
  'quote.ambiguousHint': 'Reply with the full name, for example "shipping to {example}".',
  'quote.unknown':
    '📍 Sorry, I could not find the place "{query}". Please name the city or regency, the district, or the postal code (for example "shipping to Surabaya" or "shipping to 60111").',
  'quote.noService':
    'Sorry, none of our couriers delivers to {destination} yet. Reply "talk to a human" and our team will help.',
  'quote.productNotFound': 'Sorry, "{query}" is not in our catalogue, so I cannot weigh it.',
  'quote.askDestination': 'Where should it go? Please name the city or regency, the district, or the postal code.',
  'notice.backInStock':
    '🔔 Good news! {name} in size {size} is back in stock ({price}). It may sell out fast; type "stock {sku}" to check.',
  'restock.waiting': '🔔 Done! We will tell you once, in this chat, when {name} in size {size} is back.',
  'restock.already': 'Your request is already noted: we will tell you when {name} in size {size} is back.',
  'restock.inStock': '✅ {name} in size {size} is in stock right now ({quantity} pcs), no need to wait.',
  'restock.askSize': 'Which size should we tell you about? For example "notify me {productId}-M".',
  'restock.notFound': 'Sorry, "{query}" is not in our catalogue.',
  'stock.alternatives': 'In stock instead{size}:',
  'stock.alternativesSize': ' in size {size}',
  'stock.alternative': '- {name} ({sizes}): {price}',
  'stock.notifyOffer': '🔔 Want to hear when size {size} is back? Reply "notify me {sku}".',
  'stock.notifyOfferNoSize': '🔔 Want to hear when it is back? Reply "notify me {productId}-<size>" (sizes: {sizes}).',
  'paylink.title': '💳 Payment link for order {orderNumber}',
  'paylink.amount': 'Total: {amount}',
  'paylink.link': 'Pay here: {url}',
  'paylink.expires': 'Valid until {expiresAt}.',
  'paylink.methods': 'Methods: {methods}.',
  'paylink.reused': 'This is the same link as before and still valid: no new charge.',
  'paylink.after': 'We will tell you in this chat as soon as the payment arrives.',
  'paylink.button': '💳 Pay now',
  'paylink.paid': '✅ Order {orderNumber} is already paid, so no payment link is needed.',
  'paylink.cancelled': 'Order {orderNumber} was cancelled, so it cannot be paid.',
  'paylink.expired': 'The payment deadline of order {orderNumber} has passed. Reply "talk to a human" to order again.',
  'paylink.cod': 'Order {orderNumber} is cash on delivery: you pay when the parcel arrives, so no link is needed.',
  'paylink.unavailable':
    'Sorry, a payment link for order {orderNumber} cannot be made right now. Reply "talk to a human" for help.',
}
