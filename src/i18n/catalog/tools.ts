/** What the tools say: every reply a tool renders, in Indonesian and English. Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const toolsId = {
  // Shared by every tool
  'common.verificationRequired':
    'Untuk keamanan, mohon verifikasi dulu: kirim "verifikasi <nomor pesanan> <4 digit terakhir HP>" (contoh: verifikasi ORD-2025-123 1234).',
  'common.orderNumberMissing': 'Mohon sebutkan nomor pesanannya, misalnya ORD-2025-123.',
  'common.invalidInput':
    'Maaf, permintaannya belum bisa saya proses: data "{field}" belum sesuai. Mohon periksa kembali.',
  'common.serviceUnavailable': 'Maaf, sistem kami sedang tidak bisa dihubungi. Silakan coba lagi beberapa saat lagi.',
  'common.internalError':
    'Maaf, terjadi kendala di sistem kami. Silakan coba lagi, atau balas "bicara dengan CS" untuk dibantu tim kami.',
  'common.orderNotFound': 'Pesanan {orderNumber} tidak ditemukan. Mohon periksa kembali nomor pesanannya.',
  'common.orderNotFoundNoNumber': 'Pesanan tidak ditemukan. Mohon periksa kembali nomor pesanannya.',
  'common.offerHuman': 'Jika butuh bantuan lebih lanjut, balas "bicara dengan CS" dan tim kami akan membantu.',
  'common.itemLine': '- {name} x{quantity}',
  'common.itemLineSized': '- {name} ({size}) x{quantity}',

  // get_order (and the staff's order view)
  'order.title': '📦 **Pesanan {orderNumber}**',
  'order.status': 'Status: {emoji} {label}',
  'order.date': 'Tanggal: {date}',
  'order.items': 'Barang:',
  'order.item': '- {name} x{quantity} — {amount}',
  'order.shippingCost': 'Ongkos kirim: {amount}',
  'order.total': '**Total: {amount}**',
  'order.address': 'Alamat: {address}',
  'order.payment': 'Pembayaran: {emoji} {label}',
  'order.waybill': 'Resi: {carrier} {trackingNumber} ({status})',
  'order.cancelReason': 'Alasan pembatalan: {reason}',

  // track_order
  'track.title': '📦 Status Pengiriman Pesanan {orderNumber}',
  'track.orderTitle': '📦 Status Pesanan {orderNumber}',
  'track.status': 'Status: {emoji} {label}',
  'track.carrier': 'Kurir: {carrier}',
  'track.waybill': 'Nomor Resi: {trackingNumber}',
  'track.otherShipment': '📦 Pengiriman lain: {carrier} {trackingNumber} ({status})',
  'track.location': 'Lokasi Terakhir: {location}',
  'track.eta': 'Estimasi Tiba: {date}',
  'track.deliveredAt': 'Diterima: {date}',
  'track.button': '🔗 Lacak Paket',
  'track.stale': 'ℹ️ Ini data terakhir di sistem kami; layanan kurir sedang tidak bisa dihubungi.',
  'track.hintPending': 'Pesanan akan diproses setelah pembayaran kami terima.',
  'track.hintProcessing': 'Pesanan sedang disiapkan. Nomor resi tersedia setelah paket diserahkan ke kurir.',
  'track.hintCancelled': 'Pesanan ini sudah dibatalkan.',

  // verify_payment
  'payment.status': '{emoji} Status Pembayaran: {label}',
  'payment.method': 'Metode: {method}',
  'payment.amount': 'Jumlah: {amount}',
  'payment.paidAt': 'Dibayar: {date}',
  'payment.unpaid': 'Pesanan {orderNumber} belum dibayar.',
  'payment.reference': 'Referensi: {orderNumber}',
  'payment.bankTitle': '💳 **Instruksi Transfer Bank**',
  'payment.bankAccounts': '📍 Transfer ke salah satu rekening berikut:',
  'payment.noBankAccounts':
    'Nomor rekening toko belum tercantum di sini. Balas "bicara dengan CS" agar tim kami mengirimkan nomor rekeningnya.',
  'payment.bankAccount': '- {bank}: {number} a.n. {holder}',
  'payment.virtualAccount': 'Virtual Account {provider}: {vaNumber}',
  'payment.deadline': 'Bayar sebelum: {dateTime}',
  'payment.expired':
    '⚠️ Batas waktu pembayaran pesanan {orderNumber} sudah lewat ({dateTime}), jadi jangan dibayar lagi. Balas "bicara dengan CS" untuk mendapatkan tagihan baru.',
  'payment.ewalletTitle': '📱 **Pembayaran E-Wallet**',
  'payment.ewalletBody': 'Selesaikan pembayaran lewat aplikasi {provider} Anda.',
  'payment.cardTitle': '💳 **Pembayaran Kartu Kredit**',
  'payment.cardBody': 'Selesaikan pembayaran di halaman pembayaran kartu kredit yang Anda terima saat checkout.',
  'payment.codTitle': '💵 **Bayar di Tempat (COD)**',
  'payment.codBody': 'Siapkan uang tunai {amount} untuk dibayarkan kepada kurir saat paket tiba.',
  'payment.afterPay': 'Setelah pembayaran kami terima, pesanan akan langsung diproses.',
  'payment.stale': 'ℹ️ Ini status terakhir di sistem kami; layanan pembayaran sedang tidak bisa dihubungi.',
  'payment.notFound': 'Belum ada data pembayaran untuk pesanan {orderNumber}.',

  // check_inventory
  'stock.name': '{emoji} {name}',
  'stock.status': 'Status: {label}',
  'stock.available': 'Tersedia',
  'stock.low': 'Stok terbatas',
  'stock.out': 'Stok habis',
  'stock.total': 'Stok: {quantity} unit',
  'stock.size': 'Ukuran {size}: {quantity} unit',
  'stock.sizes': 'Per ukuran: {list}',
  'stock.otherSizes': 'Ukuran lain yang masih ada: {list}',
  'stock.sizeNotOffered': 'Ukuran {size} tidak tersedia untuk produk ini. Ukuran yang ada: {sizes}.',
  'stock.colourNotOffered':
    'Maaf, kami tidak punya {name} warna {colour}: produk ini hanya tersedia dalam satu warna, seperti di katalog. Stoknya:',
  'stock.price': 'Harga: {price}',
  'stock.catalogEmpty':
    'Maaf, katalog toko kami di sini belum berisi produk, jadi stok belum bisa saya cek. Ketik "bicara dengan CS" untuk bertanya langsung ke tim kami.',
  'stock.notFound':
    'Maaf, produk "{query}" tidak kami temukan. Coba cari dengan kata lain, misalnya "cari kaos" atau "cari kemeja".',

  // search_products
  'search.title': '🔎 Hasil pencarian "{query}":',
  'search.item': '{index}. **{name}** ({productId}) — {price} · {availability}',
  'search.none': 'Tidak ada produk yang cocok dengan "{query}". Coba kata lain yang lebih umum.',
  'search.stockHint': 'Tanyakan stok per ukuran, misalnya "stok {productId} ukuran M".',

  // get_order_summary
  'summary.title': '📋 **Ringkasan Pesanan Anda**',
  'summary.total': 'Total pesanan: {count}',
  'summary.active': 'Pesanan aktif: {count}',
  'summary.spent': 'Total belanja: {amount}',
  'summary.recent': 'Pesanan terbaru:',
  'summary.item': '- {orderNumber} · {emoji} {status} · {amount} · {date}',
  'summary.empty': 'Anda belum memiliki pesanan.',

  // get_customer_profile
  'profile.title': '👤 **Profil Anda**',
  'profile.name': 'Nama: {name}',
  'profile.phone': 'No. HP: {phone}',
  'profile.email': 'Email: {email}',
  'profile.noEmail': 'Email: -',
  'profile.memberSince': 'Member sejak: {date}',
  'profile.orders': 'Jumlah pesanan: {count}',
  'profile.spent': 'Total belanja: {amount}',

  // cancel_order
  'cancel.confirmTitle': '⚠️ **Konfirmasi Pembatalan**',
  'cancel.confirmBody': 'Anda akan membatalkan pesanan {orderNumber} ({status}, total {amount}):',
  'cancel.refundNote': 'Pembayaran Anda sebesar {amount} akan dikembalikan setelah pembatalan.',
  'cancel.manualRefundNote':
    'Pembayaran transfer bank Anda sebesar {amount} akan dikembalikan secara manual oleh tim kami.',
  'cancel.confirmPrompt':
    'Tekan "Ya, batalkan" untuk melanjutkan atau "Tidak" jika tidak jadi. Konfirmasi berlaku {minutes} menit.',
  'cancel.yes': 'Ya, batalkan',
  'cancel.no': 'Tidak',
  'cancel.alreadyShipped': 'Maaf, pesanan {orderNumber} sudah dikirim sehingga tidak bisa dibatalkan lagi.',
  'cancel.alreadyDelivered': 'Maaf, pesanan {orderNumber} sudah diterima sehingga tidak bisa dibatalkan.',
  'cancel.alreadyCancelled': 'Pesanan {orderNumber} sudah dibatalkan sebelumnya.',
  'cancel.notCancellable': 'Maaf, pesanan {orderNumber} tidak bisa dibatalkan karena statusnya {status}.',
  'cancel.humanOffer': 'Jika ada kendala dengan pesanan ini, tim CS kami siap membantu: balas "bicara dengan CS".',
  'cancel.invalidReason': 'Alasan pembatalan terlalu panjang. Mohon tulis singkat saja (maksimal 500 karakter).',

  // update_shipping_address
  'address.confirmTitle': '📍 **Konfirmasi Perubahan Alamat**',
  'address.order': 'Pesanan: {orderNumber}',
  'address.old': 'Alamat lama: {address}',
  'address.new': 'Alamat baru: {address}',
  'address.confirmPrompt':
    'Tekan "Ya, ubah alamat" untuk menyimpan atau "Tidak" jika tidak jadi. Konfirmasi berlaku {minutes} menit.',
  'address.yes': 'Ya, ubah alamat',
  'address.no': 'Tidak',
  'address.notChangeable':
    'Maaf, alamat pengiriman pesanan {orderNumber} tidak bisa diubah lagi karena statusnya sudah {status}.',
  'address.invalid':
    'Alamat baru belum valid. Mohon tulis alamat lengkap (10–300 karakter), misalnya "Jl. Sudirman No. 5, Bandung 40111".',

  // request_human
  'human.handoff':
    '🙋 Baik, permintaan Anda sudah saya teruskan ke tim CS kami. Seorang staf akan membalas di percakapan ini secepatnya.',
  'human.noStaff':
    'Maaf, saat ini belum ada staf yang bisa membalas lewat chat ini, jadi permintaan Anda tidak saya teruskan ke antrean yang tidak dibaca siapa pun. Silakan hubungi toko kami langsung:',

  // find_orders
  'find.unpaidTitle': '🧾 Pesanan Anda yang belum dibayar:',
  'find.unpaidLine': '- **{orderNumber}** · {total} · {status} · dipesan {date}',
  'find.unpaidHint': 'Ketik "cara bayar {orderNumber}" untuk instruksi pembayarannya.',
  'find.noUnpaid': '✅ Tidak ada pesanan Anda yang menunggu pembayaran.',
  'find.noOrders': 'Belum ada pesanan atas nama Anda.',
  'find.waybillNotFound':
    'Nomor resi {waybill} tidak ditemukan di pesanan Anda. Mohon periksa kembali nomornya, atau sebutkan nomor pesanannya (contoh: ORD-2025-001).',

  // Button presses on pending actions (src/core/confirmations.ts)
  'pending.cancelDone': 'Pesanan {orderNumber} telah dibatalkan.',
  'pending.refundStarted': 'Pengembalian dana sebesar {amount} sedang kami proses.',
  'pending.refundManual':
    'Dana sebesar {amount} akan dikembalikan secara manual oleh tim kami; mereka akan menghubungi Anda.',
  'pending.cancelRejected': 'Baik, pesanan {orderNumber} tidak dibatalkan.',
  'pending.cancelFailed': 'Maaf, pesanan {orderNumber} tidak bisa dibatalkan lagi karena statusnya sekarang {status}.',
  'pending.addressDone': 'Alamat pengiriman pesanan {orderNumber} telah diubah menjadi:\n{address}',
  'pending.addressRejected': 'Baik, alamat pengiriman pesanan {orderNumber} tidak diubah.',
  'pending.addressFailed':
    'Maaf, alamat pesanan {orderNumber} tidak bisa diubah lagi karena statusnya sekarang {status}.',
  'pending.expired': 'Konfirmasi ini sudah kedaluwarsa (berlaku {minutes} menit). Silakan ulangi permintaan Anda.',
  'pending.used': 'Konfirmasi ini sudah diproses sebelumnya.',
  'pending.notFound': 'Konfirmasi ini tidak dikenali. Silakan ulangi permintaan Anda.',
  'pending.foreign': 'Konfirmasi ini tidak berlaku untuk akun Anda.',
  'pending.failed': 'Maaf, permintaan ini tidak bisa diproses. Silakan ulangi, atau balas "bicara dengan CS".',
} as const satisfies Record<string, string>

export const toolsEn: { readonly [K in keyof typeof toolsId]: string } = {
  'common.verificationRequired':
    'For your security, please verify first: send "verify <order number> <last 4 digits of your phone number>" (for example: verify ORD-2025-123 1234).',
  'common.orderNumberMissing': 'Please tell me the order number, for example ORD-2025-123.',
  'common.invalidInput': 'Sorry, I could not process that: "{field}" does not look right. Please check it again.',
  'common.serviceUnavailable': 'Sorry, our system cannot be reached right now. Please try again in a moment.',
  'common.internalError':
    'Sorry, something went wrong on our side. Please try again, or reply "talk to a human" to get help from our team.',
  'common.orderNotFound': 'Order {orderNumber} was not found. Please check the order number.',
  'common.orderNotFoundNoNumber': 'The order was not found. Please check the order number.',
  'common.offerHuman': 'If you need more help, reply "talk to a human" and our team will assist you.',
  'common.itemLine': '- {name} x{quantity}',
  'common.itemLineSized': '- {name} ({size}) x{quantity}',

  'order.title': '📦 **Order {orderNumber}**',
  'order.status': 'Status: {emoji} {label}',
  'order.date': 'Date: {date}',
  'order.items': 'Items:',
  'order.item': '- {name} x{quantity} — {amount}',
  'order.shippingCost': 'Shipping: {amount}',
  'order.total': '**Total: {amount}**',
  'order.address': 'Address: {address}',
  'order.payment': 'Payment: {emoji} {label}',
  'order.waybill': 'Waybill: {carrier} {trackingNumber} ({status})',
  'order.cancelReason': 'Cancellation reason: {reason}',

  'track.title': '📦 Shipping Status of Order {orderNumber}',
  'track.orderTitle': '📦 Status of Order {orderNumber}',
  'track.status': 'Status: {emoji} {label}',
  'track.carrier': 'Courier: {carrier}',
  'track.waybill': 'Waybill: {trackingNumber}',
  'track.otherShipment': '📦 Another shipment: {carrier} {trackingNumber} ({status})',
  'track.location': 'Last Location: {location}',
  'track.eta': 'Estimated Arrival: {date}',
  'track.deliveredAt': 'Delivered: {date}',
  'track.button': '🔗 Track Package',
  'track.stale': 'ℹ️ This is the latest data in our system; the courier service cannot be reached right now.',
  'track.hintPending': 'The order will be processed once we receive the payment.',
  'track.hintProcessing':
    'The order is being prepared. The waybill number is available once the parcel is handed to the courier.',
  'track.hintCancelled': 'This order has been cancelled.',

  'payment.status': '{emoji} Payment Status: {label}',
  'payment.method': 'Method: {method}',
  'payment.amount': 'Amount: {amount}',
  'payment.paidAt': 'Paid: {date}',
  'payment.unpaid': 'Order {orderNumber} has not been paid yet.',
  'payment.reference': 'Reference: {orderNumber}',
  'payment.bankTitle': '💳 **Bank Transfer Instructions**',
  'payment.bankAccounts': '📍 Transfer to one of these accounts:',
  'payment.noBankAccounts':
    'The shop\'s bank accounts are not listed here yet. Reply "talk to CS" and our team will send them.',
  'payment.bankAccount': '- {bank}: {number} (account holder {holder})',
  'payment.virtualAccount': '{provider} Virtual Account: {vaNumber}',
  'payment.deadline': 'Pay before: {dateTime}',
  'payment.expired':
    '⚠️ The payment deadline of order {orderNumber} passed ({dateTime}), so please do not pay it now. Reply "talk to CS" to get a new bill.',
  'payment.ewalletTitle': '📱 **E-Wallet Payment**',
  'payment.ewalletBody': 'Complete the payment in your {provider} app.',
  'payment.cardTitle': '💳 **Credit Card Payment**',
  'payment.cardBody': 'Complete the payment on the credit card payment page you received at checkout.',
  'payment.codTitle': '💵 **Cash on Delivery (COD)**',
  'payment.codBody': 'Please have {amount} in cash ready for the courier when the parcel arrives.',
  'payment.afterPay': 'As soon as we receive the payment, your order will be processed.',
  'payment.stale': 'ℹ️ This is the latest status in our system; the payment service cannot be reached right now.',
  'payment.notFound': 'There is no payment record for order {orderNumber} yet.',

  'stock.name': '{emoji} {name}',
  'stock.status': 'Status: {label}',
  'stock.available': 'Available',
  'stock.low': 'Low stock',
  'stock.out': 'Out of stock',
  'stock.total': 'Stock: {quantity} pcs',
  'stock.size': 'Size {size}: {quantity} pcs',
  'stock.sizes': 'By size: {list}',
  'stock.otherSizes': 'Other sizes still available: {list}',
  'stock.sizeNotOffered': 'Size {size} is not offered for this product. Available sizes: {sizes}.',
  'stock.colourNotOffered':
    'Sorry, we do not have the {name} in {colour}: it comes in one colour only, as shown in the catalog. Its stock:',
  'stock.price': 'Price: {price}',
  'stock.catalogEmpty':
    'Sorry, our catalogue here has no products yet, so I cannot check stock. Type "talk to a human" to ask our team directly.',
  'stock.notFound':
    'Sorry, we could not find the product "{query}". Try searching with other words, for example "search t-shirt" or "search shirt".',

  'search.title': '🔎 Search results for "{query}":',
  'search.item': '{index}. **{name}** ({productId}) — {price} · {availability}',
  'search.none': 'No products match "{query}". Try a more general word.',
  'search.stockHint': 'Ask for stock by size, for example "stock {productId} size M".',

  'summary.title': '📋 **Your Order Summary**',
  'summary.total': 'Total orders: {count}',
  'summary.active': 'Active orders: {count}',
  'summary.spent': 'Total spent: {amount}',
  'summary.recent': 'Recent orders:',
  'summary.item': '- {orderNumber} · {emoji} {status} · {amount} · {date}',
  'summary.empty': 'You have no orders yet.',

  'profile.title': '👤 **Your Profile**',
  'profile.name': 'Name: {name}',
  'profile.phone': 'Phone: {phone}',
  'profile.email': 'Email: {email}',
  'profile.noEmail': 'Email: -',
  'profile.memberSince': 'Member since: {date}',
  'profile.orders': 'Number of orders: {count}',
  'profile.spent': 'Total spent: {amount}',

  'cancel.confirmTitle': '⚠️ **Cancellation Confirmation**',
  'cancel.confirmBody': 'You are about to cancel order {orderNumber} ({status}, total {amount}):',
  'cancel.refundNote': 'Your payment of {amount} will be refunded after the cancellation.',
  'cancel.manualRefundNote': 'Your bank transfer of {amount} will be refunded manually by our team.',
  'cancel.confirmPrompt':
    'Press "Yes, cancel" to continue or "No" to keep the order. This confirmation is valid for {minutes} minutes.',
  'cancel.yes': 'Yes, cancel',
  'cancel.no': 'No',
  'cancel.alreadyShipped': 'Sorry, order {orderNumber} has already been shipped, so it can no longer be cancelled.',
  'cancel.alreadyDelivered': 'Sorry, order {orderNumber} has already been delivered, so it cannot be cancelled.',
  'cancel.alreadyCancelled': 'Order {orderNumber} was already cancelled.',
  'cancel.notCancellable': 'Sorry, order {orderNumber} cannot be cancelled because its status is {status}.',
  'cancel.humanOffer': 'If there is a problem with this order, our team is happy to help: reply "talk to a human".',
  'cancel.invalidReason': 'The cancellation reason is too long. Please keep it short (at most 500 characters).',

  'address.confirmTitle': '📍 **Address Change Confirmation**',
  'address.order': 'Order: {orderNumber}',
  'address.old': 'Old address: {address}',
  'address.new': 'New address: {address}',
  'address.confirmPrompt':
    'Press "Yes, change address" to save it or "No" to keep the old one. This confirmation is valid for {minutes} minutes.',
  'address.yes': 'Yes, change address',
  'address.no': 'No',
  'address.notChangeable':
    'Sorry, the shipping address of order {orderNumber} can no longer be changed because its status is {status}.',
  'address.invalid':
    'The new address is not valid. Please write the full address (10–300 characters), for example "Jl. Sudirman No. 5, Bandung 40111".',

  'human.handoff':
    '🙋 Sure, I have passed your request to our customer service team. A staff member will reply in this chat as soon as possible.',
  'human.noStaff':
    'Sorry, no staff member can reply through this chat right now, so I have not put your request in a queue nobody reads. Please contact the shop directly:',

  'find.unpaidTitle': '🧾 Your orders waiting for payment:',
  'find.unpaidLine': '- **{orderNumber}** · {total} · {status} · ordered {date}',
  'find.unpaidHint': 'Type "how to pay {orderNumber}" for its payment instructions.',
  'find.noUnpaid': '✅ None of your orders is waiting for payment.',
  'find.noOrders': 'There are no orders in your name yet.',
  'find.waybillNotFound':
    'Waybill {waybill} was not found among your orders. Please check the number, or give the order number (for example ORD-2025-001).',

  'pending.cancelDone': 'Order {orderNumber} has been cancelled.',
  'pending.refundStarted': 'We are processing the refund of {amount}.',
  'pending.refundManual': 'The {amount} will be refunded manually by our team; they will contact you.',
  'pending.cancelRejected': 'Alright, order {orderNumber} was not cancelled.',
  'pending.cancelFailed': 'Sorry, order {orderNumber} can no longer be cancelled because its status is now {status}.',
  'pending.addressDone': 'The shipping address of order {orderNumber} has been changed to:\n{address}',
  'pending.addressRejected': 'Alright, the shipping address of order {orderNumber} was not changed.',
  'pending.addressFailed':
    'Sorry, the address of order {orderNumber} can no longer be changed because its status is now {status}.',
  'pending.expired':
    'This confirmation has expired (it is valid for {minutes} minutes). Please make the request again.',
  'pending.used': 'This confirmation has already been processed.',
  'pending.notFound': 'This confirmation is not recognised. Please make the request again.',
  'pending.foreign': 'This confirmation is not valid for your account.',
  'pending.failed': 'Sorry, this request could not be processed. Please try again, or reply "talk to a human".',
}
