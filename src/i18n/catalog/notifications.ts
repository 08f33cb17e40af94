/** What proactive messages (the outbox) say to customers and to staff. Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const notificationsId = {
  'notice.paymentCompleted':
    '✅ Pembayaran pesanan {orderNumber} sebesar {amount} sudah kami terima. Pesanan Anda segera kami proses. Terima kasih!',
  'notice.shippingStatus': '{emoji} Update pengiriman pesanan {orderNumber}: **{status}**',
  'notice.shippingLocation': 'Lokasi: {location}',
  'notice.shippingDelivered': 'Paket Anda sudah sampai. Terima kasih telah berbelanja di {shop}!',
  'notice.shippingHint': 'Balas "lacak {orderNumber}" untuk melihat detail pengiriman.',
  'notice.handoffReply': '💬 **Tim CS {shop}:**\n{text}',
  'notice.ratingRequest':
    'Percakapan dengan tim CS kami sudah selesai, dan saya kembali membantu Anda. Bagaimana penilaian Anda atas bantuan tim kami? Pilih 1 (buruk) sampai 5 (sangat baik).',
  'notice.lowStock': '⚠️ **Stok menipis**: {name} ({productId}) tinggal {quantity} unit (batas {threshold}).',
  'notice.outOfStock': '⛔ **Stok habis**: {name} ({productId}).',
  'notice.stockSizes': 'Per ukuran: {sizes}',
  'notice.handoffOpened':
    '🙋 **Permintaan bantuan CS** #{handoffId}\nPelanggan: {customer}\nKanal: {channel}\nAlasan: {reason}',
  'notice.handoffRecent': 'Pesan terakhir:',
  'notice.handoffHowTo': 'Balas: `/reply {handoffId} <pesan>` · Tutup: `/close {handoffId}`',
  'notice.handoffMessage': '💬 Pesan baru di hand-off #{handoffId} dari {customer} ({channel}):\n{text}',
  'notice.unverifiedCustomer': 'belum terverifikasi',
  'notice.claudeSetupFault':
    '🛠️ **Claude belum bisa dipakai** (model {model}): {problem}\nSampai diperbaiki, bot menjawab dengan asisten offline (mode terbatas). Periksa ANTHROPIC_API_KEY dan ANTHROPIC_MODEL, lalu jalankan `npm run doctor`.',
  'notice.roleCustomer': 'Pelanggan',
  'notice.roleBot': 'Bot',
  'notice.roleStaff': 'CS',
  'notice.customerUnreachable': '📭 **Pesan untuk {customer} tidak terkirim** ({channel}): {reason}. Isi pesannya:',
  'notice.customerUnreachableContact': 'Mohon sampaikan lewat cara lain, misalnya telepon {contact}.',
  'notice.customerUnreachableNoContact': 'Mohon sampaikan lewat cara lain.',
  'notice.reasonWindowClosed':
    'sudah lebih dari 24 jam sejak pesan terakhir pelanggan di WhatsApp, dan belum ada template yang disetujui untuk pesan ini',
  'notice.paymentAfterCancel':
    '💸 **Uang masuk untuk pesanan yang sudah dibatalkan**: {orderNumber}, {amount}. Kembalikan dana ke pelanggan secara manual.',
  'notice.paymentAmountMismatch':
    '⚠️ **Jumlah pembayaran tidak cocok** untuk pesanan {orderNumber}: tagihan {expected}, Midtrans melaporkan {reported}. Pembayaran TIDAK ditandai lunas; periksa di dasbor Midtrans.',
  'notice.refundFailed':
    '⛔ **Refund gagal** untuk pesanan {orderNumber} ({amount}) setelah {attempts} percobaan: {error}. Proses refund secara manual di dasbor Midtrans.',
  'notice.verificationLockedOrder':
    '🔒 **Verifikasi dikunci** untuk pesanan {orderNumber} ({customer}) setelah {failures} percobaan gagal, sampai {until}. Jika pelanggan asli butuh akses: `/unlock {orderNumber}`.',
  'notice.verificationLockedCustomer':
    '🔒 **Verifikasi dikunci** untuk semua pesanan {customer} (terakhir dicoba: {orderNumber}) setelah {failures} percobaan gagal, sampai {until}. Jika pelanggan asli butuh akses: `/unlock {orderNumber}`.',
  'notice.identityConflictEmail':
    '🪪 **Data pelanggan tidak cocok** ({source}): {name} datang dengan email {email} dan nomor {phone}, padahal pelanggan {existingName} dengan email itu memakai nomor {existingPhone}. Nomor yang dipakai untuk verifikasi tidak diubah; data baru disimpan sebagai pelanggan terpisah. Periksa dan gabungkan bila memang orang yang sama.',
  'notice.identityConflictPhone':
    '🪪 **Nomor HP dipakai dua pelanggan** ({source}): {name} (ID toko {externalId}) datang dengan nomor {phone}, yang sudah milik {existingName}. Nomor itu tidak dipindahkan; periksa data di toko.',
  'notice.shopSyncStale':
    '🔄 **Sinkronisasi {source} tertinggal**: terakhir berhasil {since}; {errors} kegagalan berturut-turut (terakhir: {error}). Data pesanan dan stok di bot bisa sudah usang. Periksa kunci API dan webhook toko; Layan terus mencoba.',
  'notice.none': '-',
  'notice.alertFiring': '🚨 **Peringatan bot**: {title}',
  'notice.alertResolved': '✅ **Pulih**: {title} sudah normal lagi.',
  'notice.alertRunbook': 'Periksa dulu: {step}',
  'notice.alertToolFailures': 'banyak tool gagal',
  'notice.alertClaudeUnusable': 'Claude tidak bisa dipakai (bot memakai asisten offline)',
  'notice.alertGatewayUnreachable': 'layanan luar (pembayaran/kurir) tidak terjangkau',
  'notice.alertOutboxStuck': 'notifikasi tertahan di antrean',
  'notice.alertBackupFailed': 'backup terjadwal gagal',
  'notice.alertDatabaseUnreachable': 'database tidak bisa dihubungi',
  'notice.runbookToolFailures':
    'log dengan "tool failed unexpectedly" dan layan_tool_calls_total per outcome; biasanya database atau gateway.',
  'notice.runbookClaudeUnusable':
    'GET /readyz details.claude (setup, breaker), ANTHROPIC_API_KEY dan ANTHROPIC_MODEL, lalu `npm run doctor`.',
  'notice.runbookGatewayUnreachable':
    'halaman status Midtrans/kurir, MIDTRANS_BASE_URL/COURIER_API_URL, dan layan_gateway_requests_total per outcome.',
  'notice.runbookOutboxStuck':
    'apakah kanal staf dan bot (token Telegram/Discord) berjalan; kolom lastError di tabel Notification.',
  'notice.runbookBackupFailed': 'ruang disk dan izin BACKUP_DIR, lalu jalankan `npm run db:backup` dengan tangan.',
  'notice.runbookDatabaseUnreachable':
    'apakah PostgreSQL berjalan dan DATABASE_URL benar (`pg_isready`), atau ruang disk DATA_DIR.',
  'notice.codUnconfirmed':
    '⏰ Pesanan COD {orderNumber} ({customer}, {amount}) belum dikonfirmasi pelanggan sejak dibuat {placedAt}, lebih dari {hours} jam. Hubungi pelanggan sebelum mengirim paketnya.',
} as const satisfies Record<string, string>

export const notificationsEn: { readonly [K in keyof typeof notificationsId]: string } = {
  'notice.paymentCompleted':
    '✅ We have received the payment of {amount} for order {orderNumber}. We will process your order right away. Thank you!',
  'notice.shippingStatus': '{emoji} Shipping update for order {orderNumber}: **{status}**',
  'notice.shippingLocation': 'Location: {location}',
  'notice.shippingDelivered': 'Your parcel has arrived. Thank you for shopping at {shop}!',
  'notice.shippingHint': 'Reply "track {orderNumber}" to see the shipping details.',
  'notice.handoffReply': '💬 **{shop} support team:**\n{text}',
  'notice.ratingRequest':
    'Your conversation with our support team is finished and I am back to help you. How would you rate the help from our team? Choose 1 (poor) to 5 (excellent).',
  'notice.lowStock': '⚠️ **Running low**: {name} ({productId}) has only {quantity} units left (threshold {threshold}).',
  'notice.outOfStock': '⛔ **Sold out**: {name} ({productId}).',
  'notice.stockSizes': 'By size: {sizes}',
  'notice.handoffOpened':
    '🙋 **Customer asks for support** #{handoffId}\nCustomer: {customer}\nChannel: {channel}\nReason: {reason}',
  'notice.handoffRecent': 'Last messages:',
  'notice.handoffHowTo': 'Reply: `/reply {handoffId} <message>` · Close: `/close {handoffId}`',
  'notice.handoffMessage': '💬 New message in hand-off #{handoffId} from {customer} ({channel}):\n{text}',
  'notice.unverifiedCustomer': 'not verified',
  'notice.claudeSetupFault':
    '🛠️ **Claude cannot be used** (model {model}): {problem}\nUntil this is fixed the bot answers with the offline assistant (limited mode). Check ANTHROPIC_API_KEY and ANTHROPIC_MODEL, then run `npm run doctor`.',
  'notice.roleCustomer': 'Customer',
  'notice.roleBot': 'Bot',
  'notice.roleStaff': 'Staff',
  'notice.customerUnreachable': '📭 **Message for {customer} not delivered** ({channel}): {reason}. The message:',
  'notice.customerUnreachableContact': 'Please pass it on another way, for example by phone: {contact}.',
  'notice.customerUnreachableNoContact': 'Please pass it on another way.',
  'notice.reasonWindowClosed':
    "more than 24 hours have passed since the customer's last WhatsApp message, and no approved template is set for this message",
  'notice.paymentAfterCancel':
    '💸 **Money arrived for a cancelled order**: {orderNumber}, {amount}. Refund the customer by hand.',
  'notice.paymentAmountMismatch':
    '⚠️ **Payment amount does not match** for order {orderNumber}: billed {expected}, Midtrans reports {reported}. The payment was NOT marked paid; check the Midtrans dashboard.',
  'notice.refundFailed':
    '⛔ **Refund failed** for order {orderNumber} ({amount}) after {attempts} tries: {error}. Refund it by hand in the Midtrans dashboard.',
  'notice.verificationLockedOrder':
    '🔒 **Verification locked** for order {orderNumber} ({customer}) after {failures} failed tries, until {until}. If the real customer needs in: `/unlock {orderNumber}`.',
  'notice.verificationLockedCustomer':
    '🔒 **Verification locked** for every order of {customer} (last tried: {orderNumber}) after {failures} failed tries, until {until}. If the real customer needs in: `/unlock {orderNumber}`.',
  'notice.identityConflictEmail':
    '🪪 **Customer data does not agree** ({source}): {name} came with email {email} and number {phone}, but the customer {existingName} with that email uses {existingPhone}. The number used for verification was not changed; the new data is kept as a separate customer. Check and merge them if they are the same person.',
  'notice.identityConflictPhone':
    '🪪 **One phone number, two customers** ({source}): {name} (shop ID {externalId}) came with {phone}, which already belongs to {existingName}. The number was not moved; check the data in the shop.',
  'notice.shopSyncStale':
    "🔄 **{source} sync is behind**: last success {since}; {errors} failures in a row (last: {error}). Orders and stock in the bot may be out of date. Check the shop's API keys and webhooks; Layan keeps retrying.",
  'notice.none': '-',
  'notice.alertFiring': '🚨 **Bot alert**: {title}',
  'notice.alertResolved': '✅ **Recovered**: {title} is back to normal.',
  'notice.alertRunbook': 'Check first: {step}',
  'notice.alertToolFailures': 'many tool calls fail',
  'notice.alertClaudeUnusable': 'Claude is unusable (the offline assistant answers)',
  'notice.alertGatewayUnreachable': 'an outside API (payment/courier) is unreachable',
  'notice.alertOutboxStuck': 'notifications are stuck in the outbox',
  'notice.alertBackupFailed': 'a scheduled backup failed',
  'notice.alertDatabaseUnreachable': 'the database is unreachable',
  'notice.runbookToolFailures':
    'logs for "tool failed unexpectedly" and layan_tool_calls_total by outcome; usually the database or a gateway.',
  'notice.runbookClaudeUnusable':
    'GET /readyz details.claude (setup, breaker), ANTHROPIC_API_KEY and ANTHROPIC_MODEL, then `npm run doctor`.',
  'notice.runbookGatewayUnreachable':
    'the Midtrans/courier status page, MIDTRANS_BASE_URL/COURIER_API_URL, and layan_gateway_requests_total by outcome.',
  'notice.runbookOutboxStuck':
    'whether the staff and bot channels (Telegram/Discord tokens) work; lastError in the Notification table.',
  'notice.runbookBackupFailed': 'disk space and permissions of BACKUP_DIR, then run `npm run db:backup` by hand.',
  'notice.runbookDatabaseUnreachable':
    'whether PostgreSQL runs and DATABASE_URL is right (`pg_isready`), or the disk space of DATA_DIR.',
  'notice.codUnconfirmed':
    '⏰ COD order {orderNumber} ({customer}, {amount}) has not been confirmed by the customer since it was placed on {placedAt}, over {hours} hours ago. Contact the customer before shipping it.',
}
