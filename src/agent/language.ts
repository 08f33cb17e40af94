/**
 * Which language to answer in. The shop's customers write Indonesian, often mixed with English words ("tolong
 * cancel", "status order"), so a message is Indonesian unless it is clearly English: at least two English
 * words and more of them than Indonesian ones. Pure.
 */
import type { Locale } from '../core/types.ts'

// Words that only an English sentence uses; loan words common in Indonesian chat (order, cancel, status,
// tracking, size, ok) are left out on purpose.
const englishWords = new Set(
  `the a an is are was were be been am i im me my mine you your yours we our they their it its this that these
  those there here where what when why which who how do does did done have has had can could would should will
  shall may might must please want need to of in on at for with from about and or but not no yes yet already
  any some much many more still just also again like get got make if than then so very hello thanks thank
  pay paid payment payments shipped delivered arrive arrived arriving package account orders talk speak human
  person someone help stock available jacket shirt pants change address sell buy bought`.split(/\s+/),
)

const indonesianWords = new Set(
  `saya aku gue gw kamu anda apa apakah ada adakah pesanan pesananku sudah udah udh sdh belum blm tidak tdk gak
  nggak ga ngga enggak yang yg mana di ke dari dan untuk utk berapa brp bagaimana gimana gmn kak kakak min mau
  ingin bisa tolong dong deh sih masih stok ukuran bayar dibayar terbayar pembayaran kirim dikirim pengiriman
  batal batalkan membatalkan lacak cek alamat terima kasih makasih halo selamat pagi siang sore malam ini itu
  dengan sampai paket kalau barang produk kenapa kapan lagi juga saja aja nya lah kah mohon minta tanya ubah
  ganti riwayat akun data punya beli jual dijual habis tersedia celana kaos kemeja jaket baju`.split(/\s+/),
)

/**
 * 'en' for clearly English text, otherwise 'id'.
 * @example detectLocale('Where is my order ORD-2025-001?') // 'en'
 * @example detectLocale('tolong cancel ORD-2025-005') // 'id'
 */
export function detectLocale(text: string): Locale {
  const words = text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0)
  let english = 0
  let indonesian = 0
  for (const word of words) {
    if (englishWords.has(word)) english++
    if (indonesianWords.has(word) || (word.length > 5 && /(nya|kah|lah)$/.test(word))) indonesian++
  }
  return english >= 2 && english > indonesian ? 'en' : 'id'
}
