/**
 * Which language a message is written in. The shop's customers write Indonesian, often mixed with English words
 * ("tolong cancel", "status order"), so loan words common in Indonesian chat count for neither language, and a
 * message is English only when its English words outnumber its Indonesian ones. A message with neither ("ok",
 * "👍", an order number) is neutral: the conversation keeps its language. Pure.
 */
import type { Locale } from '../core/types.ts'

// Words that only an English sentence uses; loan words common in Indonesian chat (order, cancel, status,
// tracking, size, ok, stock, ready) are left out on purpose.
const englishWords = new Set(
  `the an is are was were be been am i im me my mine you your yours we our they their it its this that these
  those there here where what when why which who how do does did done have has had can could would should will
  shall may might must please want need to of in on at for with from about and or but not no yes yet already
  any some much many more still just also again like get got make if than then so very hello hi hey thanks thank
  morning afternoon evening pay paid payment payments shipped delivered delivery deliver arrive arrived arriving
  package account orders talk speak human person someone help available jacket shirt pants change address sell
  buy bought track take long cost costs ship shipping unpaid last latest waybill black white red blue colour color
  returns return exchange hours open closed`.split(/\s+/),
)

const indonesianWords = new Set(
  `saya aku gue gw kamu anda apa apakah ada adakah pesanan pesananku sudah udah udh sdh belum blm tidak tdk gak
  nggak ga ngga enggak yang yg mana dimana di ke dari dan untuk utk berapa brp bagaimana gimana gmn kak kakak min
  mau ingin bisa tolong dong deh sih masih stok ukuran bayar dibayar terbayar pembayaran kirim dikirim pengiriman
  batal batalkan membatalkan lacak cek alamat terima kasih makasih halo hai selamat pagi siang sore malam ini itu
  dengan sampai paket kalau barang produk kenapa kapan lagi juga saja aja nya lah kah mohon minta tanya ubah
  ganti riwayat akun data punya beli jual dijual habis tersedia celana kaos kemeja jaket baju ongkir ongkos lama
  hari resi posisi terakhir hitam putih merah biru warna retur tukar jam buka tutup bicara orang manusia
  permisi mbak mas gan sis bang pesan`.split(/\s+/),
)

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0)
}

/**
 * 'en' or 'id' when the text says so, null for a neutral message.
 * @example detectLanguage('Hello') // 'en'
 * @example detectLanguage('tolong cancel ORD-2025-005') // 'id'
 * @example detectLanguage('ok 👍') // null
 */
export function detectLanguage(text: string): Locale | null {
  let english = 0
  let indonesian = 0
  for (const word of words(text)) {
    if (englishWords.has(word)) english++
    if (indonesianWords.has(word) || (word.length > 5 && /(nya|kah|lah)$/.test(word))) indonesian++
  }
  if (english > indonesian) return 'en'
  if (indonesian > english) return 'id'
  return null
}

/**
 * The language to answer `text` in: its own, else `fallback` (the conversation's language, else the channel's
 * hint, else Indonesian).
 * @example detectLocale('Where is my order ORD-2025-001?') // 'en'
 * @example detectLocale('ORD-2025-001', 'en') // 'en'
 */
export function detectLocale(text: string, fallback: Locale = 'id'): Locale {
  return detectLanguage(text) ?? fallback
}
