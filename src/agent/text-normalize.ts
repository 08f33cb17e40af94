/**
 * Chat text made comparable: lower case, punctuation gone, the informal spellings of Indonesian chat mapped to
 * their standard words ("udh dikirim blm kak?" → "sudah dikirim belum"), forms of address and particles
 * dropped, plus a small edit distance for typos. Pure functions; the intent and knowledge matchers build on them.
 */
import { editDistance } from '../services/edit-distance.ts'

// Informal or abbreviated word → its standard form (may be two words).
const informalWords: Record<string, string> = {
  udh: 'sudah',
  udah: 'sudah',
  sdh: 'sudah',
  dah: 'sudah',
  uda: 'sudah',
  blm: 'belum',
  blom: 'belum',
  belom: 'belum',
  gmn: 'bagaimana',
  gmna: 'bagaimana',
  gimana: 'bagaimana',
  gmana: 'bagaimana',
  bgmn: 'bagaimana',
  brp: 'berapa',
  pesenan: 'pesanan',
  psnan: 'pesanan',
  orderan: 'pesanan',
  tdk: 'tidak',
  gak: 'tidak',
  ga: 'tidak',
  gk: 'tidak',
  nggak: 'tidak',
  ngga: 'tidak',
  enggak: 'tidak',
  engga: 'tidak',
  kagak: 'tidak',
  ndak: 'tidak',
  nda: 'tidak',
  yg: 'yang',
  sy: 'saya',
  aku: 'saya',
  gue: 'saya',
  gw: 'saya',
  aja: 'saja',
  dimana: 'di mana',
  dmn: 'di mana',
  knp: 'kenapa',
  kpn: 'kapan',
  utk: 'untuk',
  dgn: 'dengan',
  jg: 'juga',
  bs: 'bisa',
  tlg: 'tolong',
  tolongin: 'tolong',
  lg: 'lagi',
  msh: 'masih',
  kalo: 'kalau',
  klo: 'kalau',
  krn: 'karena',
  karna: 'karena',
  soalnya: 'karena',
  sampe: 'sampai',
  nyampe: 'sampai',
  nyampai: 'sampai',
  dikirimin: 'dikirim',
  kirimin: 'kirim',
  batalin: 'batalkan',
  ongkir: 'ongkos kirim',
  makasih: 'terima kasih',
  makasi: 'terima kasih',
  mksh: 'terima kasih',
  trims: 'terima kasih',
  terimakasih: 'terima kasih',
  trimakasih: 'terima kasih',
  thx: 'thanks',
  tq: 'thanks',
  ty: 'thanks',
  pls: 'please',
  plz: 'please',
  uk: 'ukuran',
  sz: 'size',
  hr: 'hari',
  wa: 'whatsapp',
  rek: 'rekening',
  norek: 'nomor rekening',
}

// Forms of address and particles that carry no meaning for intent: "kak", "min", "dong", "ya".
const fillerWords = new Set(
  `kak ka kakak sis gan agan bro bos boss min mimin mas mba mbak bang om tante bu pak dong deh nih sih ya yah yaa
  yak kok lho loh tuh ah eh hehe hehehe wkwk wkwkwk hmm hm`.split(/\s+/),
)

/**
 * Lower-cased words of a message with informal spellings mapped and filler dropped.
 * @example normalizeWords('Udh dikirim blm kak?') // ['sudah', 'dikirim', 'belum']
 */
export function normalizeWords(text: string): string[] {
  const raw = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/([a-z])-(?=[a-z])/g, '$1') // "e-wallet" → "ewallet", "t-shirt" → "tshirt"
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
  const out: string[] = []
  for (const word of raw) {
    if (fillerWords.has(word)) continue
    const mapped = informalWords[word]
    if (mapped) out.push(...mapped.split(' '))
    else out.push(word)
  }
  return out
}

const suffixes = ['nya', 'kah', 'lah', 'ku', 'mu'] as const

/** The word without one possessive or emphatic suffix: "pembayarannya" → "pembayaran", "pesananku" → "pesanan". */
export function stripSuffix(word: string): string {
  for (const suffix of suffixes) {
    if (word.length >= suffix.length + 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length)
  }
  return word
}

export { editDistance }

/**
 * Whether a word the customer wrote is the target word, allowing one typo in words of 6 letters or more (short
 * words are too easily confused: "batas" is not "batal"; and two edits would make "pembayaran" "pembatalan");
 * the first letter must match.
 * @example wordMatches('pesnan', 'pesanan') // true
 */
export function wordMatches(word: string, target: string): boolean {
  if (word === target) return true
  const shorter = Math.min(word.length, target.length)
  if (shorter < 6 || word[0] !== target[0]) return false
  return editDistance(word, target, 1) <= 1
}
