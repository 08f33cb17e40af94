/** What the conversation core says itself: the rate limit, hand-off, verification and failures. Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const coreId = {
  'core.rateLimited':
    'Maaf, pesan Anda terlalu banyak dalam waktu singkat. Mohon tunggu sekitar {seconds} detik, lalu kirim lagi ya.',
  'core.handoffWaiting':
    '🙋 Pesan Anda sudah kami terima dan diteruskan ke tim CS. Seorang staf akan membalas di percakapan ini secepatnya. Ingin kembali dilayani asisten otomatis? Tekan "Kembali ke bot" atau ketik "kembali ke bot".',
  'core.backToBot': '🤖 Kembali ke bot',
  'core.handoffLeft':
    'Baik, permintaan ke tim CS saya tutup dan saya kembali membantu Anda. Ada yang bisa saya bantu? (Ketik "bicara dengan CS" bila butuh staf lagi.)',
  'core.agentFailed':
    'Maaf, terjadi kendala di sistem kami sehingga pesan Anda belum bisa saya jawab. Pesan Anda sudah tersimpan; silakan coba lagi sebentar lagi, atau balas "bicara dengan CS".',
  'core.verifyOk':
    '✅ Terima kasih, {name}! Akun Anda sudah terverifikasi. Sekarang saya bisa membantu soal pesanan Anda.',
  'core.verifyFailed':
    'Maaf, data verifikasi tidak cocok. Periksa lagi nomor pesanan dan 4 digit terakhir nomor HP yang dipakai saat memesan.',
  'core.verifyLocked':
    'Terlalu banyak percobaan verifikasi. Demi keamanan, silakan coba lagi dalam {minutes} menit, atau balas "bicara dengan CS".',
  'core.verifyLockedHours':
    'Terlalu banyak percobaan verifikasi. Demi keamanan, silakan coba lagi dalam {hours} jam, verifikasi lewat Telegram dengan tombol "Bagikan Kontak", atau balas "bicara dengan CS".',
  'core.verifyUsage':
    'Untuk verifikasi, kirim "verifikasi <nomor pesanan> <4 digit terakhir HP>", contoh: verifikasi ORD-2025-123 1234.',
  'core.contactLinked':
    '✅ Terima kasih, {name}! Nomor Anda sudah terverifikasi. Ada yang bisa saya bantu soal pesanan Anda?',
  'core.contactUnknown':
    'Nomor ini belum terdaftar sebagai pelanggan kami. Anda tetap bisa bertanya soal produk dan stok, atau verifikasi dengan nomor pesanan.',
  'core.contactNotOwn': 'Demi keamanan, mohon bagikan nomor HP Anda sendiri lewat tombol "Bagikan Kontak".',
  'core.actionEmpty': 'Tombol ini tidak dikenali. Silakan ulangi permintaan Anda.',
} as const satisfies Record<string, string>

export const coreEn: { readonly [K in keyof typeof coreId]: string } = {
  'core.rateLimited':
    'Sorry, you are sending messages too quickly. Please wait about {seconds} seconds and send it again.',
  'core.handoffWaiting':
    '🙋 We have received your message and passed it to our support team. A staff member will reply in this chat as soon as possible. Want the automatic assistant back? Press "Back to the bot" or type "back to bot".',
  'core.backToBot': '🤖 Back to the bot',
  'core.handoffLeft':
    'Alright, I have closed the request to our support team and I am back to help you. What can I do for you? (Type "talk to a human" if you need staff again.)',
  'core.agentFailed':
    'Sorry, something went wrong on our side and I could not answer your message. It has been saved; please try again in a moment, or reply "talk to a human".',
  'core.verifyOk': '✅ Thank you, {name}! Your account is verified. I can now help you with your orders.',
  'core.verifyFailed':
    'Sorry, the verification details do not match. Please check the order number and the last 4 digits of the phone number used for the order.',
  'core.verifyLocked':
    'Too many verification attempts. For your security, please try again in {minutes} minutes, or reply "talk to a human".',
  'core.verifyLockedHours':
    'Too many verification attempts. For your security, please try again in {hours} hours, verify on Telegram with the "Share Contact" button, or reply "talk to a human".',
  'core.verifyUsage':
    'To verify, send "verify <order number> <last 4 digits of your phone>", for example: verify ORD-2025-123 1234.',
  'core.contactLinked': '✅ Thank you, {name}! Your number is verified. How can I help you with your orders?',
  'core.contactUnknown':
    'This number is not registered as one of our customers. You can still ask about products and stock, or verify with an order number.',
  'core.contactNotOwn': 'For your security, please share your own phone number with the "Share Contact" button.',
  'core.actionEmpty': 'This button is not recognised. Please repeat your request.',
}
