/** What returns and size exchanges say: the tools, the notices at each step, the staff's lists and the policy answer. Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const returnsId = {
  // request_return: the confirmation
  'return.confirmRefund': '🔁 **Ajukan retur (pengembalian dana) pesanan {orderNumber}?**',
  'return.confirmExchange': '🔁 **Ajukan tukar ukuran pesanan {orderNumber}?**',
  'return.itemRefund': '- {name} ({size}) x{quantity}: {amount}',
  'return.itemExchange': '- {name}: ukuran {size} → ukuran {wanted} x{quantity}',
  'return.reason': 'Alasan: {reason}',
  'return.refundGateway':
    '💸 Dana {amount} dikembalikan ke metode pembayaran asal setelah barang kami terima dan periksa.',
  'return.refundManual': '💸 Dana {amount} kami transfer ke rekening {account} setelah barang kami terima dan periksa.',
  'return.reserve': '📦 Ukuran {size} langsung kami sisihkan untuk Anda begitu permintaan diajukan.',
  'return.deadline': 'Batas pengajuan: {date}.',
  'return.confirmPrompt': 'Tekan "Ya, ajukan" dalam {minutes} menit untuk mengirim permintaan ke tim kami.',
  'return.yes': 'Ya, ajukan',
  'return.no': 'Tidak',
  'return.done':
    '✅ Permintaan {returnNumber} sudah kami terima. Tim kami memeriksanya dan mengabari Anda di chat ini.',
  'return.doneReserved': '📦 Ukuran {size} sudah kami sisihkan untuk penukaran ini.',
  'return.photoHint': '📷 Bila ada, kirim foto barangnya di chat ini; foto ikut kami simpan bersama permintaan.',
  'return.photoCount': '📷 {count} foto ikut tersimpan bersama permintaan ini.',
  'return.cancelled': 'Baik, permintaan retur pesanan {orderNumber} tidak diajukan.',
  'return.failed': 'Maaf, permintaan retur pesanan {orderNumber} tidak bisa diajukan lagi: {why}',

  // request_return: refusals (only ever to the order's owner)
  'return.notDelivered':
    'Pesanan {orderNumber} belum diterima (status: {status}), jadi belum bisa diretur atau ditukar. Retur bisa diajukan setelah paket sampai.',
  'return.outsideWindow':
    'Maaf, pesanan {orderNumber} diterima {date}; batas retur dan tukar {days} hari setelah diterima sudah lewat ({deadline}).',
  'return.itemNotInOrder': 'Barang {sku} tidak ada di pesanan {orderNumber}. Barang di pesanan ini: {skus}.',
  'return.itemNotNamed': 'Barang mana dari pesanan {orderNumber} yang ingin diretur atau ditukar? {skus}',
  'return.quantityTooHigh': 'Jumlahnya melebihi pesanan: {sku} bisa diretur paling banyak {left}.',
  'return.alreadyRequested':
    'Barang {sku} dari pesanan {orderNumber} sudah punya permintaan retur. Ketik "status retur {orderNumber}" untuk melihatnya.',
  'return.exchangeNotOffered':
    'Maaf, toko kami belum melayani tukar ukuran; yang bisa adalah retur dengan pengembalian dana.',
  'return.exchangeOtherProduct':
    'Tukar hanya bisa ke ukuran atau warna lain dari produk yang sama. Yang tersedia: {sizes}.',
  'return.sizeUnavailable': 'Maaf, ukuran {wanted} tidak tersedia untuk ditukar. Ukuran yang tersedia: {sizes}.',
  'return.noSizes':
    'Maaf, ukuran lain dari produk ini sedang habis, jadi belum bisa ditukar. Mau retur dengan pengembalian dana?',
  'return.sameSize': 'Itu ukuran yang sama dengan pesanan Anda. Ukuran lain yang tersedia: {sizes}.',
  'return.askSize': 'Mau ditukar ke ukuran berapa? Ukuran yang tersedia: {sizes}.',
  'return.accountNeeded':
    'Pesanan {orderNumber} dibayar dengan {method}, jadi dananya kami transfer. Sebutkan rekening tujuan: nama bank, nomor rekening, dan nama pemilik (contoh: "BCA 1234567890 a.n. Siti Rahma").',
  'return.invalidReason': 'Mohon sebutkan alasan retur atau tukarnya (misalnya "kekecilan" atau "barang cacat").',

  // return_status
  'return.statusTitle': '🔁 **Permintaan retur dan tukar Anda**',
  'return.statusLine': '- {returnNumber} (pesanan {orderNumber}): {kind}, {status}',
  'return.statusRefund': 'retur, dana {amount}',
  'return.statusExchange': 'tukar ke ukuran {sizes}',
  'return.statusRejected': '  Alasan ditolak: {reason}',
  'return.statusDue': '  Kirim paket sebelum {date}.',
  'return.statusNone': 'Belum ada permintaan retur atau tukar untuk pesanan {orderNumber}.',
  'return.statusNoneAll': 'Anda belum punya permintaan retur atau tukar.',
  'return.status.REQUESTED': 'menunggu persetujuan tim kami',
  'return.status.APPROVED': 'disetujui, menunggu paket Anda',
  'return.status.REJECTED': 'ditolak',
  'return.status.RECEIVED': 'paket sudah kami terima',
  'return.status.REFUND_PENDING': 'dana sedang dikembalikan',
  'return.status.REFUNDED': 'dana sudah dikembalikan',
  'return.status.REPLACEMENT_SHIPPED': 'barang pengganti sudah dikirim',
  'return.status.EXPIRED': 'kedaluwarsa (paket tidak sampai tepat waktu)',

  // The customer is told at each step (notification 'return_update')
  'notice.return.approved': '✅ Permintaan {returnNumber} (pesanan {orderNumber}) disetujui.',
  'notice.return.sendTo': '📦 Kirim paketnya ke: {address}',
  'notice.return.sendLater': '📦 Alamat pengiriman retur akan dikirim tim kami di chat ini.',
  'notice.return.due': 'Mohon kirim sebelum {date}, dan cantumkan nomor {returnNumber} di paket.',
  'notice.return.rejected': '❌ Maaf, permintaan {returnNumber} (pesanan {orderNumber}) ditolak: {reason}',
  'notice.return.receivedExchange':
    '📦 Paket retur {returnNumber} sudah kami terima. Barang pengganti segera kami kirim; nomor resinya menyusul di chat ini.',
  'notice.return.receivedRefund':
    '📦 Paket retur {returnNumber} sudah kami terima. Dana {amount} sedang dikembalikan ke metode pembayaran asal.',
  'notice.return.refunded': '💸 Dana {amount} untuk {returnNumber} (pesanan {orderNumber}) sudah dikembalikan.',
  'notice.return.refundedTo':
    '💸 Dana {amount} untuk {returnNumber} (pesanan {orderNumber}) sudah ditransfer ke {account}.',
  'notice.return.refundManual':
    '📦 Paket retur {returnNumber} sudah kami terima. Dana {amount} akan ditransfer tim kami ke {account}; kami kabari setelah terkirim.',
  'notice.return.refundManualNoAccount':
    '📦 Paket retur {returnNumber} sudah kami terima. Dana {amount} akan ditransfer tim kami; kami kabari setelah terkirim.',
  'notice.return.replacementShipped':
    '🚚 Barang pengganti untuk {returnNumber} sudah dikirim: {items}. Resi {carrier} {trackingNumber}.',
  'notice.return.expired':
    '⌛ Permintaan {returnNumber} (pesanan {orderNumber}) kedaluwarsa karena paketnya belum kami terima. Balas "bicara dengan CS" bila paket sudah dikirim.',

  // Staff
  'staff.return.requested': '🔁 **Permintaan {kind} baru: {returnNumber}**',
  'staff.return.kindRefund': 'retur (refund)',
  'staff.return.kindExchange': 'tukar ukuran',
  'staff.return.order': 'Pesanan {orderNumber}, pelanggan {customer}',
  'staff.return.item': '- {sku} x{quantity}',
  'staff.return.itemExchange': '- {sku} x{quantity} → {wanted}',
  'staff.return.reason': 'Alasan: {reason}',
  'staff.return.refund': 'Dana: {amount}',
  'staff.return.photos': 'Foto: {count}',
  'staff.return.actions': 'Setujui: /return approve {returnNumber} · Tolak: /return reject {returnNumber} <alasan>',
  'staff.return.refundTask':
    '💸 **Transfer dana retur {returnNumber}** (pesanan {orderNumber}): {amount} ke {account}. Setelah ditransfer: /return refunded {returnNumber}',
  'staff.return.refundTaskNoAccount':
    '💸 **Transfer dana retur {returnNumber}** (pesanan {orderNumber}): {amount}; tanyakan rekeningnya ke pelanggan. Setelah ditransfer: /return refunded {returnNumber}',

  'staff.return.refundFailed':
    '⛔ **Refund retur gagal** untuk {returnNumber} ({amount}) setelah {attempts} percobaan: {error}. Proses refund secara manual di dasbor Midtrans, lalu: /return refunded {returnNumber}',
  'staff.return.listTitle': '🔁 **Retur dan tukar yang masih terbuka** ({count})',
  'staff.return.listLine': '- {returnNumber} · {kind} · {status} · {date}',
  'staff.return.listNone': 'Tidak ada retur atau tukar yang masih terbuka.',
  'staff.return.listHint': 'Detail: /return <nomor>',
  'staff.return.detailTitle': '🔁 **{returnNumber}** ({kind}) · pesanan {orderNumber}',
  'staff.return.detailStatus': 'Status: {status}',
  'staff.return.detailCreated': 'Diajukan: {date}',
  'staff.return.detailDue': 'Paket ditunggu sampai: {date}',
  'staff.return.detailAccount': 'Rekening: {account}',
  'staff.return.detailRejected': 'Alasan ditolak: {reason}',
  'staff.return.itemLine': '- {sku} {name} ({size}) x{quantity}',
  'staff.return.itemLineExchange': '- {sku} {name} ({size}) x{quantity} → {wanted}',
  'staff.return.next.REQUESTED':
    'Setujui: /return approve {returnNumber} · Tolak: /return reject {returnNumber} <alasan>',
  'staff.return.next.APPROVED':
    'Paket tiba: /return received {returnNumber} · Tolak: /return reject {returnNumber} <alasan>',
  'staff.return.next.RECEIVED': 'Kirim pengganti: /return ship {returnNumber} <kurir> <resi>',
  'staff.return.next.REFUND_PENDING': 'Setelah dana ditransfer: /return refunded {returnNumber}',
  'staff.return.usage':
    'Pakai: /return · /return <nomor> · /return approve <nomor> · /return reject <nomor> <alasan> · /return received <nomor> · /return ship <nomor> <kurir> <resi> · /return refunded <nomor>',
  'staff.return.notFound': 'Retur {returnNumber} tidak ditemukan.',
  'staff.return.wrongState': 'Retur {returnNumber} berstatus "{status}", jadi tidak bisa {step}.',
  'staff.return.badCarrier': 'Kurir "{carrier}" tidak dikenal. Pilihan: {carriers}.',
  'staff.return.badWaybill': 'Nomor resi "{waybill}" tidak valid atau sudah dipakai: {reason}',
  'staff.return.badReason': 'Tulis alasan penolakan (2-500 karakter): /return reject {returnNumber} <alasan>',
  'staff.return.approved': '✅ {returnNumber} disetujui; pelanggan diberi tahu alamat dan batas kirimnya.',
  'staff.return.rejected': '❌ {returnNumber} ditolak; pelanggan diberi tahu alasannya.',
  'staff.return.received': '📦 {returnNumber}: paket diterima, stok dikembalikan. {next}',
  'staff.return.receivedExchange': 'Berikutnya kirim pengganti: /return ship {returnNumber} <kurir> <resi>',
  'staff.return.receivedGateway': 'Refund {amount} diminta ke Midtrans (status: {status}).',
  'staff.return.receivedManual': 'Transfer {amount} ke {account}, lalu: /return refunded {returnNumber}',
  'staff.return.shipped': '🚚 Pengganti {returnNumber} dikirim dengan {carrier} {waybill}; pelanggan diberi tahu.',
  'staff.return.refundedDone': '💸 {returnNumber}: dana {amount} ditandai sudah dikembalikan; pelanggan diberi tahu.',
  'staff.return.step.approve': 'disetujui',
  'staff.return.step.reject': 'ditolak',
  'staff.return.step.received': 'ditandai diterima',
  'staff.return.step.ship': 'dikirimi pengganti',
  'staff.return.step.refunded': 'ditandai sudah dikembalikan dananya',
  'staff.return.photosFollow': '📷 {count} foto menyusul.',

  // The policy, written from the RETURN_* settings (the FAQ's return answer)
  'policy.title': 'Retur dan penukaran',
  'policy.window': 'Barang bisa diretur atau ditukar dalam **{days} hari setelah diterima**.',
  'policy.windowNoExchange': 'Barang bisa diretur dalam **{days} hari setelah diterima**.',
  'policy.conditions':
    'Syarat: belum dipakai dan belum dicuci, label masih terpasang, dikirim kembali dengan kemasan aslinya.',
  'policy.exchange':
    'Tukar: ke ukuran (atau warna) lain dari produk yang sama, selama stoknya ada; ukuran pengganti langsung kami sisihkan.',
  'policy.refundOnline':
    'Dana pembayaran online (e-wallet, QRIS, kartu kredit) dikembalikan ke metode pembayaran asal.',
  'policy.refundManual': 'Untuk transfer bank dan COD, dana kami transfer ke rekening yang Anda berikan.',
  'policy.refundWhen': 'Dana dikembalikan setelah barang kami terima dan periksa.',
  'policy.shipping.customer': 'Ongkos kirim retur ditanggung pembeli.',
  'policy.shipping.shop': 'Ongkos kirim retur kami tanggung.',
  'policy.shipping.customer_unless_faulty':
    'Ongkos kirim retur ditanggung pembeli, kecuali barang cacat atau salah kirim.',
  'policy.address': 'Alamat pengiriman retur: {address}.',
  'policy.addressLater': 'Alamat pengiriman retur kami kirim setelah permintaan disetujui.',
  'policy.how':
    'Cara mengajukan: ketik di chat ini, misalnya "retur ORD-2025-006 kekecilan, tukar ke L", atau "refund ORD-2025-006 barang cacat", lalu tekan tombol konfirmasinya. Foto barang bisa dikirim di chat ini.',
} as const satisfies Record<string, string>

export const returnsEn: { readonly [K in keyof typeof returnsId]: string } = {
  'return.confirmRefund': '🔁 **Request a return (refund) for order {orderNumber}?**',
  'return.confirmExchange': '🔁 **Request a size exchange for order {orderNumber}?**',
  'return.itemRefund': '- {name} ({size}) x{quantity}: {amount}',
  'return.itemExchange': '- {name}: size {size} → size {wanted} x{quantity}',
  'return.reason': 'Reason: {reason}',
  'return.refundGateway':
    '💸 {amount} goes back to your original payment method once we have received and checked the item.',
  'return.refundManual': '💸 We transfer {amount} to {account} once we have received and checked the item.',
  'return.reserve': '📦 We set size {size} aside for you as soon as the request is sent.',
  'return.deadline': 'Last day to ask: {date}.',
  'return.confirmPrompt': 'Press "Yes, request" within {minutes} minutes to send the request to our team.',
  'return.yes': 'Yes, request',
  'return.no': 'No',
  'return.done': '✅ We have your request {returnNumber}. Our team checks it and tells you here.',
  'return.doneReserved': '📦 Size {size} is set aside for this exchange.',
  'return.photoHint': '📷 If you can, send a photo of the item in this chat; we keep it with the request.',
  'return.photoCount': '📷 {count} photo(s) are kept with this request.',
  'return.cancelled': 'Alright, no return was requested for order {orderNumber}.',
  'return.failed': 'Sorry, the return for order {orderNumber} can no longer be requested: {why}',

  'return.notDelivered':
    'Order {orderNumber} has not been delivered yet (status: {status}), so it cannot be returned or exchanged. You can ask once the parcel has arrived.',
  'return.outsideWindow':
    'Sorry, order {orderNumber} was delivered on {date}; the {days}-day window for returns and exchanges has passed ({deadline}).',
  'return.itemNotInOrder': 'Item {sku} is not in order {orderNumber}. The items of this order: {skus}.',
  'return.itemNotNamed': 'Which item of order {orderNumber} would you like to return or exchange? {skus}',
  'return.quantityTooHigh': 'That is more than you ordered: at most {left} of {sku} can be returned.',
  'return.alreadyRequested':
    'Item {sku} of order {orderNumber} already has a return request. Type "return status {orderNumber}" to see it.',
  'return.exchangeNotOffered': 'Sorry, we do not offer size exchanges; you can return the item for a refund.',
  'return.exchangeOtherProduct':
    'An exchange can only be for another size (or colour) of the same product. Available: {sizes}.',
  'return.sizeUnavailable': 'Sorry, size {wanted} is not available for an exchange. Sizes in stock: {sizes}.',
  'return.noSizes':
    'Sorry, the other sizes of this product are out of stock, so it cannot be exchanged. Would you like a refund instead?',
  'return.sameSize': 'That is the size you ordered. Other sizes in stock: {sizes}.',
  'return.askSize': 'Which size would you like instead? Sizes in stock: {sizes}.',
  'return.accountNeeded':
    'Order {orderNumber} was paid by {method}, so we transfer the money back. Please give the account: bank, account number and holder (for example "BCA 1234567890 Siti Rahma").',
  'return.invalidReason': 'Please tell us why you are returning it (for example "too small" or "faulty").',

  'return.statusTitle': '🔁 **Your returns and exchanges**',
  'return.statusLine': '- {returnNumber} (order {orderNumber}): {kind}, {status}',
  'return.statusRefund': 'return, refund {amount}',
  'return.statusExchange': 'exchange for size {sizes}',
  'return.statusRejected': '  Rejected because: {reason}',
  'return.statusDue': '  Send the parcel before {date}.',
  'return.statusNone': 'There is no return or exchange request for order {orderNumber}.',
  'return.statusNoneAll': 'You have no return or exchange requests.',
  'return.status.REQUESTED': 'waiting for our team to approve',
  'return.status.APPROVED': 'approved, waiting for your parcel',
  'return.status.REJECTED': 'rejected',
  'return.status.RECEIVED': 'parcel received',
  'return.status.REFUND_PENDING': 'refund in progress',
  'return.status.REFUNDED': 'refunded',
  'return.status.REPLACEMENT_SHIPPED': 'replacement shipped',
  'return.status.EXPIRED': 'expired (the parcel did not arrive in time)',

  'notice.return.approved': '✅ Your request {returnNumber} (order {orderNumber}) is approved.',
  'notice.return.sendTo': '📦 Send the parcel to: {address}',
  'notice.return.sendLater': '📦 Our team sends you the return address in this chat.',
  'notice.return.due': 'Please send it before {date}, with {returnNumber} written on the parcel.',
  'notice.return.rejected': '❌ Sorry, your request {returnNumber} (order {orderNumber}) was rejected: {reason}',
  'notice.return.receivedExchange':
    '📦 We received the parcel for {returnNumber}. We ship the replacement shortly; its waybill follows in this chat.',
  'notice.return.receivedRefund':
    '📦 We received the parcel for {returnNumber}. {amount} is being refunded to your original payment method.',
  'notice.return.refunded': '💸 {amount} for {returnNumber} (order {orderNumber}) has been refunded.',
  'notice.return.refundedTo': '💸 {amount} for {returnNumber} (order {orderNumber}) has been transferred to {account}.',
  'notice.return.refundManual':
    '📦 We received the parcel for {returnNumber}. Our team transfers {amount} to {account}; we tell you once it is sent.',
  'notice.return.refundManualNoAccount':
    '📦 We received the parcel for {returnNumber}. Our team transfers {amount} to you; we tell you once it is sent.',
  'notice.return.replacementShipped':
    '🚚 The replacement for {returnNumber} is on its way: {items}. Waybill {carrier} {trackingNumber}.',
  'notice.return.expired':
    '⌛ Your request {returnNumber} (order {orderNumber}) expired because we did not receive the parcel. Reply "talk to a human" if you already sent it.',

  'staff.return.requested': '🔁 **New {kind} request: {returnNumber}**',
  'staff.return.kindRefund': 'return (refund)',
  'staff.return.kindExchange': 'size exchange',
  'staff.return.order': 'Order {orderNumber}, customer {customer}',
  'staff.return.item': '- {sku} x{quantity}',
  'staff.return.itemExchange': '- {sku} x{quantity} → {wanted}',
  'staff.return.reason': 'Reason: {reason}',
  'staff.return.refund': 'Refund: {amount}',
  'staff.return.photos': 'Photos: {count}',
  'staff.return.actions': 'Approve: /return approve {returnNumber} · Reject: /return reject {returnNumber} <reason>',
  'staff.return.refundTask':
    '💸 **Transfer the refund of {returnNumber}** (order {orderNumber}): {amount} to {account}. Once paid: /return refunded {returnNumber}',
  'staff.return.refundTaskNoAccount':
    '💸 **Transfer the refund of {returnNumber}** (order {orderNumber}): {amount}; ask the customer for the account. Once paid: /return refunded {returnNumber}',

  'staff.return.refundFailed':
    '⛔ **Return refund failed** for {returnNumber} ({amount}) after {attempts} attempts: {error}. Refund it by hand in the Midtrans dashboard, then: /return refunded {returnNumber}',
  'staff.return.listTitle': '🔁 **Open returns and exchanges** ({count})',
  'staff.return.listLine': '- {returnNumber} · {kind} · {status} · {date}',
  'staff.return.listNone': 'No open returns or exchanges.',
  'staff.return.listHint': 'Details: /return <number>',
  'staff.return.detailTitle': '🔁 **{returnNumber}** ({kind}) · order {orderNumber}',
  'staff.return.detailStatus': 'Status: {status}',
  'staff.return.detailCreated': 'Requested: {date}',
  'staff.return.detailDue': 'Parcel expected by: {date}',
  'staff.return.detailAccount': 'Account: {account}',
  'staff.return.detailRejected': 'Rejected because: {reason}',
  'staff.return.itemLine': '- {sku} {name} ({size}) x{quantity}',
  'staff.return.itemLineExchange': '- {sku} {name} ({size}) x{quantity} → {wanted}',
  'staff.return.next.REQUESTED':
    'Approve: /return approve {returnNumber} · Reject: /return reject {returnNumber} <reason>',
  'staff.return.next.APPROVED':
    'Parcel arrived: /return received {returnNumber} · Reject: /return reject {returnNumber} <reason>',
  'staff.return.next.RECEIVED': 'Ship the replacement: /return ship {returnNumber} <carrier> <waybill>',
  'staff.return.next.REFUND_PENDING': 'Once the money is transferred: /return refunded {returnNumber}',
  'staff.return.usage':
    'Usage: /return · /return <number> · /return approve <number> · /return reject <number> <reason> · /return received <number> · /return ship <number> <carrier> <waybill> · /return refunded <number>',
  'staff.return.notFound': 'Return {returnNumber} not found.',
  'staff.return.wrongState': 'Return {returnNumber} is "{status}", so it cannot be {step}.',
  'staff.return.badCarrier': 'Unknown carrier "{carrier}". Choose one of: {carriers}.',
  'staff.return.badWaybill': 'Waybill "{waybill}" is not valid or already used: {reason}',
  'staff.return.badReason': 'Give the reason for rejecting (2-500 characters): /return reject {returnNumber} <reason>',
  'staff.return.approved': '✅ {returnNumber} approved; the customer is told the address and the deadline.',
  'staff.return.rejected': '❌ {returnNumber} rejected; the customer is told why.',
  'staff.return.received': '📦 {returnNumber}: parcel received, stock put back. {next}',
  'staff.return.receivedExchange': 'Next, ship the replacement: /return ship {returnNumber} <carrier> <waybill>',
  'staff.return.receivedGateway': 'Refund of {amount} asked from Midtrans (status: {status}).',
  'staff.return.receivedManual': 'Transfer {amount} to {account}, then: /return refunded {returnNumber}',
  'staff.return.shipped': '🚚 Replacement for {returnNumber} shipped with {carrier} {waybill}; the customer is told.',
  'staff.return.refundedDone': '💸 {returnNumber}: refund of {amount} marked paid; the customer is told.',
  'staff.return.step.approve': 'approved',
  'staff.return.step.reject': 'rejected',
  'staff.return.step.received': 'marked received',
  'staff.return.step.ship': 'given a replacement shipment',
  'staff.return.step.refunded': 'marked refunded',
  'staff.return.photosFollow': '📷 {count} photo(s) follow.',

  'policy.title': 'Returns and exchanges',
  'policy.window': 'Items can be returned or exchanged within **{days} days of delivery**.',
  'policy.windowNoExchange': 'Items can be returned within **{days} days of delivery**.',
  'policy.conditions':
    'They must be unworn and unwashed, with the tags attached, sent back in their original packaging.',
  'policy.exchange':
    'Exchanges: for another size (or colour) of the same product while in stock; we set the new size aside at once.',
  'policy.refundOnline': 'Online payments (e-wallets, QRIS, credit cards) are refunded to the original payment method.',
  'policy.refundManual': 'For bank transfers and cash on delivery we transfer the money to an account you give us.',
  'policy.refundWhen': 'Refunds are made once we have received and checked the item.',
  'policy.shipping.customer': 'Return shipping is paid by the customer.',
  'policy.shipping.shop': 'We pay for the return shipping.',
  'policy.shipping.customer_unless_faulty':
    'Return shipping is paid by the customer unless the item is faulty or we sent the wrong one.',
  'policy.address': 'Return address: {address}.',
  'policy.addressLater': 'We send the return address once the request is approved.',
  'policy.how':
    'How to ask: write in this chat, for example "return ORD-2025-006 too small, exchange for L" or "refund ORD-2025-006 faulty", then press the confirm button. You can send a photo of the item here.',
}
