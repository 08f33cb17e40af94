/**
 * What a customer's message asks for, and the details needed to answer it: order numbers, product ids, the
 * product named in their own words, a size, a new address. Pure and synchronous; Indonesian and English,
 * informal spellings and small typos included. The rule agent turns the result into tool calls.
 *
 * @example detectIntent('udh dikirim blm kak pesanan ORD-2025-001?') // { intent: 'track', orderNumber: 'ORD-2025-001', ... }
 */
import { findOrderNumbers } from '../services/order-number.ts'
import { normalizeWords, stripSuffix, wordMatches } from './text-normalize.ts'

export type Intent =
  | 'track'
  | 'cancel'
  | 'summary'
  | 'payment'
  | 'how_to_pay'
  | 'stock'
  | 'search'
  | 'address'
  | 'profile'
  | 'human'
  | 'greeting'
  | 'thanks'
  | 'faq'
  | 'unknown'

/** The FAQ sections a question can be pointed at directly (ids of the `{#id}` anchors in knowledge/faq.md). */
export type FaqTopic =
  | 'shipping-times'
  | 'shipping-cost'
  | 'couriers'
  | 'returns'
  | 'payment-methods'
  | 'size-guide'
  | 'hours'
  | 'contact'
  | 'verification'

export interface DetectedIntent {
  intent: Intent
  /** The order the request is about: the first one written in the text, else the conversation's last one. */
  orderNumber?: string
  /** True when `orderNumber` came from the conversation, not from this text. */
  orderFromContext?: boolean
  /** Every order number written in the text, normalized ("ORD-2025-001"), in order. */
  orderNumbers: string[]
  /** True when the text is little more than an order number, with no word saying what to do with it. */
  bareOrderNumber?: boolean
  /** Product ids or SKUs written in the text ("KEMEJA-001", "KAOS-001-M"), upper case. */
  productIds?: string[]
  /** The product as the customer named it, stop words removed ("kaos basic crewneck"). */
  productQuery?: string
  /** The size asked about, upper case ("M", "XL", "31"). */
  size?: string
  /** A stock question recognised only from weak words ("apakah ada ..."); worth checking the product exists. */
  weak?: boolean
  /** For address changes: the new address exactly as written. */
  address?: string
  /** For cancellations: why, when the customer said ("karena ..."). */
  reason?: string
  /** For FAQ questions: the section that answers it. */
  faqTopic?: FaqTopic
}

export interface IntentContext {
  /** The order last talked about in this conversation. */
  lastOrderNumber?: string | null
}

/** Intents that are about one order and cannot be answered without its number. */
export const orderIntents: ReadonlySet<Intent> = new Set(['track', 'cancel', 'payment', 'how_to_pay', 'address'])

// Where order numbers are in the text, to blank them out; the same forms findOrderNumbers accepts
// ("ORD-2025-001", "ord 2025 001", "ORD2025001", "#ORD-2025-001", en dashes).
const orderNumberPattern =
  /(?<![\p{L}\p{N}])#?ORD[\s\-_\u2010-\u2015\u2212]{0,3}\d{4}[\s\-_\u2010-\u2015\u2212]{0,3}\d{3,6}(?!\p{N})/giu
// "KEMEJA-001", "kaos-001-m": product ids and SKUs of the shop's PREFIX-NNN scheme.
const productIdPattern = /\b([a-z]{2,12})-(\d{3})(?:-([a-z0-9]{1,4}))?\b/gi

// Stands in for an order number cut out of the text (a private-use character no customer types).
const orderMark = '\uE000'

/** Order numbers written loosely in free text (normalized, unique, in order), plus the text without them. */
export function extractOrderNumbers(text: string): { orderNumbers: string[]; rest: string } {
  return { orderNumbers: findOrderNumbers(text), rest: text.replace(orderNumberPattern, ` ${orderMark} `) }
}

function extractProductIds(text: string): { productIds: string[]; rest: string } {
  const found: string[] = []
  const rest = text.replace(productIdPattern, (whole, prefix: string, serial: string, size?: string) => {
    if (prefix.toLowerCase() === 'ord') return whole
    const id = `${prefix}-${serial}${size ? `-${size}` : ''}`.toUpperCase()
    if (!found.includes(id)) found.push(id)
    return ' '
  })
  return { productIds: found, rest }
}

/** A keyword list taken apart once: its one-word entries, the long ones among them, and its phrases. */
interface Keywords {
  /** Every one-word entry, for exact hits. */
  single: ReadonlySet<string>
  /** One-word entries of six letters or more by their first letter: only these may match with a typo. */
  long: ReadonlyMap<string, readonly string[]>
  /** Entries of several words, each split into its words. */
  phrases: readonly (readonly string[])[]
}

// Keyword lists are constants, so each is taken apart on first use and kept.
const compiledKeywords = new WeakMap<readonly string[], Keywords>()
function keywordsOf(entries: readonly string[]): Keywords {
  let keywords = compiledKeywords.get(entries)
  if (!keywords) {
    const single = new Set<string>()
    const long = new Map<string, string[]>()
    const phrases: string[][] = []
    for (const entry of entries) {
      const parts = entry.split(' ').filter((part) => part.length > 0)
      if (parts.length > 1) phrases.push(parts)
      else if (parts[0] !== undefined) {
        single.add(parts[0])
        const first = parts[0]
        if (first.length >= 6) long.set(first.charAt(0), [...(long.get(first.charAt(0)) ?? []), first])
      }
    }
    keywords = { single, long, phrases }
    compiledKeywords.set(entries, keywords)
  }
  return keywords
}

/**
 * The words of a message with helpers for fuzzy word and phrase lookups. Every intent check asks it about dozens
 * of keywords: exact hits are set lookups from the message's few words, and only long words reach `wordMatches`.
 */
class Words {
  readonly list: string[]
  private readonly stems: string[]
  /** The words and their stems. */
  private readonly exact: Set<string>
  /** The words and stems of six letters or more: a typo is allowed only there. */
  private readonly long: string[]
  constructor(list: string[]) {
    this.list = list
    this.stems = list.map(stripSuffix)
    this.exact = new Set([...list, ...this.stems])
    this.long = [...this.exact].filter((word) => word.length >= 6)
  }

  private matchAt(index: number, target: string): boolean {
    const word = this.list[index]
    const stem = this.stems[index]
    if (word === undefined || stem === undefined) return false
    if (word === target || stem === target) return true
    // wordMatches allows a typo only when both words have six letters or more.
    return target.length >= 6 && (wordMatches(word, target) || (stem !== word && wordMatches(stem, target)))
  }

  /** Whether the words from `index` on are the phrase, word by word. */
  private phraseAt(index: number, parts: readonly string[]): boolean {
    if (index + parts.length > this.list.length) return false
    for (let j = 0; j < parts.length; j++) if (!this.matchAt(index + j, parts[j] as string)) return false
    return true
  }

  /** Whether any entry matches: a single word anywhere, or a phrase as consecutive words. */
  any(entries: readonly string[]): boolean {
    const { single, long, phrases } = keywordsOf(entries)
    for (const word of this.exact) if (single.has(word)) return true
    for (const word of this.long) {
      const candidates = long.get(word.charAt(0))
      if (candidates) for (const target of candidates) if (wordMatches(word, target)) return true
    }
    for (const parts of phrases) for (let i = 0; i < this.list.length; i++) if (this.phraseAt(i, parts)) return true
    return false
  }

  has(entry: string): boolean {
    return this.any(entryList(entry))
  }
}

// `has` is asked about a few fixed entries: each one-element list is kept, so its compiled form is too.
const singleEntries = new Map<string, readonly string[]>()
function entryList(entry: string): readonly string[] {
  let list = singleEntries.get(entry)
  if (!list) {
    list = [entry]
    singleEntries.set(entry, list)
  }
  return list
}

const humanWords = [
  'manusia',
  'human',
  'operator',
  'petugas',
  'komplain',
  'complain',
  'complaint',
  'keluhan',
  'mengeluh',
  'orang asli',
  'real person',
  'live agent',
]
const talkVerbs = [
  'bicara',
  'berbicara',
  'ngobrol',
  'sambungkan',
  'hubungkan',
  'disambungkan',
  'dihubungkan',
  'talk',
  'speak',
  'connect',
  'chat dengan',
]
const talkTargets = ['cs', 'admin', 'customer service', 'orang', 'person', 'someone', 'staff', 'staf', 'agent', 'agen']

const changeVerbs = [
  'ubah',
  'ganti',
  'mengubah',
  'mengganti',
  'diubah',
  'diganti',
  'update',
  'perbarui',
  'ralat',
  'koreksi',
  'change',
  'edit',
  'pindah',
  'salah',
  'correct',
  'revise',
]
const addressWords = ['alamat', 'address']

const cancelWords = ['batal', 'batalkan', 'membatalkan', 'pembatalan', 'cancel', 'cancellation', 'tidak jadi']
const cancelledWords = ['dibatalkan', 'cancelled', 'canceled']
const wantWords = ['mau', 'ingin', 'tolong', 'please', 'want', 'minta', 'bisa', 'pengen', 'would like']

interface FaqTrigger {
  topic: FaqTopic
  entries: readonly string[]
  /** Also when the text names an order ("ORD-2025-003 rusak, mau retur"). */
  withOrderNumber?: boolean
  /** Yields to an order already being discussed ("berapa hari lagi?" after asking about an order). */
  yieldsToContext?: boolean
}

// Checked in this order; the first that matches wins.
const faqTriggers: readonly FaqTrigger[] = [
  {
    topic: 'returns',
    withOrderNumber: true,
    entries: [
      'retur',
      'return',
      'returns',
      'tukar',
      'menukar',
      'ditukar',
      'penukaran',
      'exchange',
      'pengembalian',
      'refund',
      'garansi',
      'warranty',
      'rusak',
      'cacat',
      'defect',
      'damaged',
      'kebijakan',
      'policy',
    ],
  },
  {
    topic: 'payment-methods',
    entries: [
      'metode pembayaran',
      'metode bayar',
      'pilihan pembayaran',
      'opsi pembayaran',
      'payment method',
      'payment methods',
      'payment options',
      'bisa bayar',
      'bayar pakai',
      'bayar via',
      'bayar lewat',
      'bayar dengan',
      'pay with',
      'pay by',
      'cod',
      'gopay',
      'ovo',
      'shopeepay',
      'ewallet',
      'qris',
      'kartu kredit',
      'credit card',
      'cicilan',
      'paylater',
    ],
  },
  {
    topic: 'shipping-cost',
    entries: [
      'ongkos kirim',
      'biaya kirim',
      'biaya pengiriman',
      'shipping cost',
      'shipping fee',
      'delivery fee',
      'delivery cost',
      'free shipping',
      'gratis ongkos',
    ],
  },
  {
    topic: 'size-guide',
    entries: [
      'panduan ukuran',
      'tabel ukuran',
      'size chart',
      'size guide',
      'sizing',
      'ukuran yang cocok',
      'ukuran yang pas',
      'lingkar',
      'lebar dada',
      'panjang badan',
      'chest',
      'waist',
      'measurement',
      'measurements',
    ],
  },
  {
    topic: 'hours',
    entries: [
      'jam buka',
      'jam operasional',
      'jam kerja',
      'operasional',
      'buka',
      'tutup',
      'libur',
      'opening hours',
      'business hours',
      'open',
      'closed',
      'hours',
    ],
  },
  {
    topic: 'contact',
    entries: [
      'kontak',
      'contact',
      'whatsapp',
      'email',
      'telepon',
      'telpon',
      'nomor cs',
      'hubungi',
      'menghubungi',
      'instagram',
      'call center',
      'hotline',
      'phone number',
      'alamat toko',
      'lokasi toko',
      'toko offline',
      'store address',
    ],
  },
  {
    topic: 'couriers',
    yieldsToContext: true,
    entries: ['kurir apa', 'ekspedisi', 'jasa kirim', 'jasa pengiriman', 'courier', 'couriers', 'kurir'],
  },
  {
    topic: 'shipping-times',
    yieldsToContext: true,
    entries: [
      'berapa lama',
      'berapa hari',
      'lama pengiriman',
      'lama kirim',
      'how long',
      'delivery time',
      'shipping time',
      'luar jawa',
      'luar pulau',
      'luar kota',
      'jabodetabek',
      'seluruh indonesia',
      'area pengiriman',
      'jangkauan',
      'ship to',
      'do you ship',
      'deliver to',
      'bisa kirim',
      'bisa dikirim',
      'kirim ke',
    ],
  },
]

const verificationWords = ['verifikasi', 'verify', 'verification', 'memverifikasi', 'terverifikasi', 'verified']

const howToPayEntries = [
  'cara bayar',
  'cara membayar',
  'cara pembayaran',
  'cara transfer',
  'bayar ke mana',
  'transfer ke mana',
  'bayar di mana',
  'how do i pay',
  'how can i pay',
  'how to pay',
  'how should i pay',
  'where do i pay',
  'where to pay',
  'payment instruction',
  'payment instructions',
  'instruksi pembayaran',
  'instruksi bayar',
  'nomor rekening',
  'rekening',
  'virtual account',
  'nomor va',
  'kode bayar',
  'kode pembayaran',
]
const paymentEntries = [
  'terbayar',
  'dibayar',
  'bayar',
  'membayar',
  'pembayaran',
  'lunas',
  'payment',
  'paid',
  'pay',
  'transfer',
  'ditransfer',
]

const summaryEntries = [
  'riwayat',
  'history',
  'histori',
  'semua pesanan',
  'daftar pesanan',
  'list pesanan',
  'total pesanan',
  'jumlah pesanan',
  'berapa pesanan',
  'total belanja',
  'ringkasan',
  'rekap',
  'summary',
  'my orders',
  'all orders',
  'all my orders',
  'order history',
  'past orders',
  'previous orders',
  'how many orders',
]
const orderWords = ['pesanan', 'order', 'orders', 'belanja', 'transaksi']
const productWords = ['produk', 'barang', 'jual', 'dijual']
const staffWords = ['admin', 'cs', 'customer service']

const profileEntries = [
  'profil',
  'profile',
  'akun',
  'account',
  'data saya',
  'data diri',
  'info saya',
  'my details',
  'my data',
  'my info',
  'keanggotaan',
  'membership',
]

const searchEntries = [
  'cari',
  'cariin',
  'carikan',
  'mencari',
  'nyari',
  'search',
  'find',
  'looking for',
  'katalog',
  'catalog',
  'catalogue',
  'koleksi',
  'collection',
  'rekomendasi',
  'recommend',
  'recommendation',
  'produk apa',
  'barang apa',
  'jual apa',
  'what do you sell',
  'what products',
  'show me',
  'lihat produk',
  'model apa',
]

const stockEntries = [
  'stok',
  'stock',
  'ready',
  'tersedia',
  'available',
  'availability',
  'habis',
  'sold out',
  'restock',
  'dijual',
  'kosong',
  'masih ada',
  'ada tidak',
  'ada ukuran',
  'ada size',
  'do you have',
  'do you still have',
  'have you got',
  'do you sell',
]
const weakStockEntries = ['apakah ada', 'adakah', 'ada', 'is there', 'are there', 'any', 'harga', 'price', 'how much']

const trackEntries = [
  'lacak',
  'melacak',
  'track',
  'tracking',
  'trace',
  'status',
  'dikirim',
  'kirim',
  'terkirim',
  'sampai',
  'tiba',
  'diterima',
  'resi',
  'waybill',
  'posisi',
  'paket',
  'pengiriman',
  'shipping',
  'shipment',
  'shipped',
  'delivered',
  'delivery',
  'arrive',
  'arrived',
  'estimasi',
  'eta',
  'progress',
  'proses',
  'diproses',
  'mana',
  'where is',
  'where s',
  'wheres',
  'cek pesanan',
  'cek order',
  'check order',
  'kapan',
  'when will',
  'kurir',
  'courier',
  ...cancelledWords,
]

const greetingEntries = [
  'halo',
  'hallo',
  'helo',
  'hai',
  'hi',
  'hello',
  'hey',
  'hei',
  'pagi',
  'siang',
  'sore',
  'malam',
  'selamat',
  'assalamualaikum',
  'permisi',
  'good morning',
  'good afternoon',
  'good evening',
  // Asking what the bot can do is answered by the greeting's list; "/start" is Telegram's first message.
  'help',
  'bantuan',
  'menu',
  'start',
  'mulai',
]
const thanksEntries = ['terima kasih', 'thanks', 'thank', 'thankyou', 'tengkyu', 'suwun']
const ackWords = new Set(['ok', 'oke', 'okay', 'okey', 'sip', 'siap', 'baik', 'noted', 'mantap', 'mantab', 'alright'])

// Never part of a product name: question words, politeness, stock and search words, both languages.
const stopWords = new Set(
  `apakah apa ada adakah masih ukuran size yang ini itu saya mau ingin pengen beli membeli pesan order stok stock
  ready tersedia dijual jual jualan tidak belum sudah kah berapa harga untuk buat dan atau dengan lagi bisa boleh
  punya cari cariin carikan mencari nyari tanya mohon info kalau bagaimana di ke dari pada terima kasih thanks the a
  an do does you have has in of for is are there any i me my we still available sell sold selling want buy looking
  please how much many what which price some it this that can get with and or to produk product products barang
  item items saja habis kosong restock sold out search find show catalog katalog koleksi collection rekomendasi
  recommend model lihat got tolong unit units pcs warna apa admin cs am im need like would one your our`.split(/\s+/),
)

const letterSizes = new Set(['xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl', 'xxxl', '2xl', '3xl', '4xl'])

function extractSize(words: string[]): { size?: string; used: Set<number> } {
  const used = new Set<number>()
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    if (word !== 'ukuran' && word !== 'size') continue
    const next = words[i + 1]
    if (next && (letterSizes.has(next) || /^\d{2}$/.test(next))) {
      used.add(i).add(i + 1)
      return { size: next.toUpperCase(), used }
    }
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    if (letterSizes.has(word)) {
      used.add(i)
      return { size: word.toUpperCase(), used }
    }
  }
  return { used }
}

function productQueryOf(words: string[], used: Set<number>): string | undefined {
  const content = words
    .filter((_w, i) => !used.has(i))
    .map(stripSuffix) // "jaketnya" → "jaket", "stoknya" → "stok"
    .filter((w) => !stopWords.has(w) && !greetingEntries.includes(w) && !/^\d+$/.test(w))
  return content.length > 0 ? content.join(' ') : undefined
}

const addressSeparator = /(?:^|\s)(?:ke|jadi|menjadi|to|into|dengan|with)\s+|:\s*/i
const addressTail = /\s*(?:,|\b(?:untuk|utk|pada|buat|for|on|of)\b)?\s*(?:(?:pesanan|order|my order)\s*)?$/i

function cleanAddress(raw: string): string | undefined {
  const address = raw
    .replace(addressTail, '')
    .replace(/[\s?!.,;]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
  return address.length > 0 ? address : undefined
}

/** The new address in "ubah alamat ORD-2025-004 ke Jl. Sudirman No. 5, Bandung 40111", as written. */
function extractAddress(blanked: string): string | undefined {
  const keyword = /\b(alamat|address)\b/i.exec(blanked)
  if (!keyword) return undefined
  const after = blanked.slice(keyword.index + keyword[0].length)
  const separator = addressSeparator.exec(after)
  if (!separator) return undefined
  const address = after.slice(separator.index + separator[0].length)
  const blank = address.indexOf(orderMark)
  return cleanAddress(blank >= 0 ? address.slice(0, blank) : address)
}

const addressLead =
  /^\s*(?:(?:alamat(?:nya)?(?:\s+baru(?:nya)?)?|(?:new\s+)?address)\s*)?(?:(?:ke|jadi|menjadi|to|into)\s+|:\s*)?/i
const minAddressLength = 10

/**
 * A new address sent in answer to the agent's question: the whole message, or what follows (else precedes) the
 * order number ("ORD-2025-004 ke Jl. Sudirman No. 5, Bandung 40111"). Undefined when too short to be one.
 * @example addressReply('alamatnya: Jl. Melati 7, Depok 16412') // 'Jl. Melati 7, Depok 16412'
 */
export function addressReply(text: string): string | undefined {
  const { rest } = extractOrderNumbers(text)
  const first = rest.indexOf(orderMark)
  const last = rest.lastIndexOf(orderMark)
  const candidates = first < 0 ? [rest] : [rest.slice(last + 1), rest.slice(0, first)]
  for (const candidate of candidates) {
    const address = cleanAddress(candidate.replace(addressLead, ''))
    if (address && address.length >= minAddressLength) return address
  }
  return undefined
}

function extractReason(text: string): string | undefined {
  const match = /\b(?:karena|karna|krn|soalnya|sebab|alasannya|alasan|because|since|reason)\b[:\s]+(.+)$/is.exec(text)
  const reason = match?.[1]?.replaceAll(orderMark, ' ').replace(/\s+/g, ' ').trim()
  return reason ? reason.slice(0, 500) : undefined
}

/**
 * The intent of one message and its slots. `ctx.lastOrderNumber` fills in the order for order intents that
 * name none ("kalau pembayarannya gimana?").
 */
export function detectIntent(text: string, ctx: IntentContext = {}): DetectedIntent {
  const { orderNumbers, rest: withoutOrders } = extractOrderNumbers(text)
  const { productIds, rest } = extractProductIds(withoutOrders)
  const words = new Words(normalizeWords(rest))
  const hasNumber = orderNumbers.length > 0
  const context = ctx.lastOrderNumber ?? undefined

  const result = (intent: Intent, extra: Partial<DetectedIntent> = {}): DetectedIntent => {
    const detected: DetectedIntent = { intent, orderNumbers, ...extra }
    if (orderIntents.has(intent)) {
      if (hasNumber) detected.orderNumber = orderNumbers[0]
      else if (context) {
        detected.orderNumber = context
        detected.orderFromContext = true
      }
    }
    return detected
  }

  if (words.any(humanWords) || (words.any(talkVerbs) && words.any(talkTargets))) return result('human')

  if (words.any(changeVerbs) && words.any(addressWords)) {
    const address = extractAddress(withoutOrders)
    return result('address', address ? { address } : {})
  }

  const cancelledQuestion = words.any(cancelledWords) && !words.any(wantWords)
  if (words.any(cancelWords) || (words.any(cancelledWords) && !cancelledQuestion)) {
    const reason = extractReason(withoutOrders)
    return result('cancel', reason ? { reason } : {})
  }

  const first = words.list[0]
  if (words.any(verificationWords) && (!hasNumber || (first && verificationWords.includes(first)))) {
    return result('faq', { faqTopic: 'verification' })
  }
  for (const trigger of faqTriggers) {
    if (hasNumber && !trigger.withOrderNumber) continue
    if (context && trigger.yieldsToContext) continue
    if (words.any(trigger.entries)) return result('faq', { faqTopic: trigger.topic })
  }

  if (words.any(howToPayEntries)) return result('how_to_pay')
  if (words.any(paymentEntries)) return result('payment')

  if (!hasNumber && (words.any(summaryEntries) || (words.any(orderWords) && words.has('apa saja')))) {
    return result('summary')
  }
  if (words.any(profileEntries)) return result('profile')

  const { size, used } = extractSize(words.list)
  const productQuery = productQueryOf(words.list, used)
  const productSlots: Partial<DetectedIntent> = {
    ...(productIds.length > 0 ? { productIds } : {}),
    ...(productQuery ? { productQuery } : {}),
    ...(size ? { size } : {}),
  }

  const browsing = words.has('apa saja') && (words.has('ada') || words.any(productWords))
  if (words.any(searchEntries) || browsing) return result('search', productSlots)

  if (productIds.length > 0 || words.any(stockEntries)) return result('stock', productSlots)

  if (words.any(trackEntries)) return result('track')
  if (hasNumber) return result('track', { bareOrderNumber: true })

  // "apakah ada kemeja linen L?": a stock question only if a product is named.
  if (productQuery && words.any(weakStockEntries) && !words.any(orderWords)) {
    return result('stock', { ...productSlots, weak: true })
  }

  if (words.any(staffWords)) return result('human')
  if (words.any(orderWords)) return result('track')
  if (words.any(greetingEntries) || (words.list.length === 1 && words.list[0] === 'p')) return result('greeting')
  if (words.any(thanksEntries)) return result('thanks')
  if (words.list.length > 0 && words.list.length <= 3 && words.list.every((w) => ackWords.has(w))) {
    return result('thanks')
  }
  return result('unknown', productSlots)
}
