/** What the bot says about a photo a customer sends with a return request (Telegram, the web chat's upload). Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const photosId = {
  'photo.linked': '📷 Foto diterima dan disimpan bersama permintaan {returnNumber}.',
  'photo.kept':
    '📷 Foto diterima; sebutkan pesanan dan barang yang ingin diretur, lalu foto ini ikut tersimpan bersama permintaannya.',
  'photo.keptWithText': '📷 Foto diterima; foto ini ikut tersimpan bersama permintaan retur begitu Anda mengajukannya.',
  'photo.tooBig': '📷 Maaf, foto terlalu besar (maksimal {limit}). Kirim foto yang lebih kecil, ya.',
  'photo.notImage': '📷 Maaf, file ini bukan foto yang bisa kami simpan. Kirim foto berformat JPEG, PNG atau WebP, ya.',
  'photo.tooMany':
    '📷 Maaf, sudah {count} foto tersimpan dari percakapan ini dalam 24 jam terakhir; foto ini tidak kami simpan. Tim kami akan menghubungi Anda bila butuh foto lain.',
  'photo.failed': '📷 Maaf, foto belum bisa kami terima saat ini. Silakan kirim lagi sebentar lagi.',
  'photo.unverified':
    '📷 Foto belum kami simpan: untuk mengirim foto retur, verifikasi dulu dengan mengirim "verifikasi <nomor pesanan> <4 digit terakhir HP>", contoh: verifikasi ORD-2025-123 1234.',
} as const satisfies Record<string, string>

export const photosEn: { readonly [K in keyof typeof photosId]: string } = {
  'photo.linked': '📷 Photo received and stored with request {returnNumber}.',
  'photo.kept':
    '📷 Photo received; tell me the order and the items you want to return, and the photo is stored with the request.',
  'photo.keptWithText': '📷 Photo received; it is stored with your return request as soon as you send the request.',
  'photo.tooBig': '📷 Sorry, the photo is too large (at most {limit}). Please send a smaller one.',
  'photo.notImage': '📷 Sorry, this file is not a photo we can keep. Please send a JPEG, PNG or WebP photo.',
  'photo.tooMany':
    '📷 Sorry, {count} photos from this conversation are already stored in the last 24 hours; this one was not kept. Our team will contact you if they need another.',
  'photo.failed': '📷 Sorry, the photo could not be received right now. Please send it again in a moment.',
  'photo.unverified':
    '📷 Photo not stored: to send a photo for a return, please verify first by sending "verify <order number> <last 4 digits of your phone>", for example: verify ORD-2025-123 1234.',
}
