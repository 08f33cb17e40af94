/**
 * Fuzzy product matching for chat text: finds the products a customer means from the words of their question
 * ("Apakah Kaos Basic Crewneck ukuran M masih ada?", "do you have the denim jacket in size L?") and the size
 * they ask for. Pure: works over a product list given by the caller.
 */
import { editDistance } from './edit-distance.ts'

/** What the matcher needs to know about a product. */
export interface SearchableProduct {
  id: string
  name: string
  nameEn: string | null
  category: string | null
  price: number
  /** The sizes the product comes in ("S", "M", "31", ...). */
  sizes: readonly string[]
}

export interface ProductMatch {
  productId: string
  productName: string
  productNameEn: string | null
  price: number
  /** The asked size, as the product spells it, when the product comes in it. */
  size: string | null
  /** 0..1, higher is better. */
  score: number
}

export interface SearchOptions {
  /** Most results to return: 1..20, default 5. */
  limit?: number
}

// Question words, politeness and chat filler in Indonesian and English: never part of a product name.
const stopWords = new Set(
  `apakah apa ada adakah masih ukuran ukurannya uk size sz yang yg ini itu saya aku gue gw mau ingin pengen pingin
  beli membeli pesan order stok stock ready tersedia dijual jual jualan nggak gak ga ngga enggak tidak tdk nda ndak
  belum blm sudah udah udh dong deh sih kah ya yah kak kakak gan sis bang min admin halo hallo hai hi hello tolong
  cek check berapa brp harga untuk utk buat dan atau dengan dgn lagi lg bisa boleh punya cari mencari nyari tanya
  mohon info kalau kalo gimana bagaimana di ke dari pada terima kasih makasih thanks thank the a an do does you have
  has in of for is are there any i im me my we still available sell sold selling want buy looking please how much
  many what which price some it its this that can get with and or to`.split(/\s+/),
)

// Describing words shared by many clothes: they back up a match but cannot make one on their own.
const genericWords = new Set(
  'basic slim fit long short sleeve lengan panjang pendek oversize oversized regular new baru classic premium'.split(
    ' ',
  ),
)

const letterSize = /^(xxs|xs|s|m|l|xl|xxl|xxxl|[2-5]xl)$/

const maxQueryChars = 500
const maxQueryWords = 30
const matchThreshold = 0.7
const evidenceThreshold = 0.85

/** Lower case, accents and apostrophes dropped, "t-shirt" → "tshirt", anything else not a letter or digit → space. */
function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/([a-z])-(?=[a-z])/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

function words(text: string): string[] {
  if (!text) return []
  return normalize(text)
    .split(' ')
    .filter((w) => w.length > 0)
    .map((w) => (w.length >= 6 && w.endsWith('nya') ? w.slice(0, -3) : w)) // "jaketnya" → "jaket"
}

/**
 * How alike a query word and a product word are, 0..1. Exact words score 1; a small typo scores less and
 * needs words of 4+ letters that start alike (so "paket" never becomes "jaket"); the start of a word counts too.
 */
export function wordSimilarity(query: string, word: string): number {
  if (query === word) return 1
  if (query.length < 4 || word.length < 4 || query[0] !== word[0]) return 0
  const maxEdits = Math.min(query.length, word.length) >= 8 ? 2 : 1
  const distance = editDistance(query, word, maxEdits)
  if (distance > maxEdits) return word.startsWith(query) ? 0.75 : 0
  return distance === 1 ? 0.85 : 0.7
}

interface VocabularyWord {
  word: string
  weight: number
}

interface PreparedProduct {
  product: SearchableProduct
  vocabulary: VocabularyWord[]
  names: string[][]
  idPattern: RegExp
  sizes: Map<string, string>
}

function prepareText(product: SearchableProduct): Omit<PreparedProduct, 'product'> {
  const names = [words(product.name), words(product.nameEn ?? '')].filter((n) => n.length > 0)
  const all = new Set([...names.flat(), ...words(product.category ?? ''), ...words(product.id)])
  const vocabulary = [...all]
    .filter((w) => w.length >= 2 && !/^\d+$/.test(w))
    .map((word) => ({ word, weight: genericWords.has(word) ? 0.5 : 1 }))
  const escapedId = product.id.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return {
    vocabulary,
    names,
    idPattern: new RegExp(`(^|[^a-z0-9])${escapedId}([^a-z0-9]|$)`),
    sizes: new Map(product.sizes.map((s) => [s.toLowerCase(), s])),
  }
}

// Normalizing a product's names and compiling its id pattern costs more than scoring it, and every search sees
// the same catalog: the prepared form is kept per product text (a changed name or size is simply a new entry).
const preparedTexts = new Map<string, Omit<PreparedProduct, 'product'>>()
const maxPreparedTexts = 5000

function prepare(product: SearchableProduct): PreparedProduct {
  const key = [product.id, product.name, product.nameEn ?? '', product.category ?? '', ...product.sizes].join('\u0000')
  let text = preparedTexts.get(key)
  if (!text) {
    if (preparedTexts.size >= maxPreparedTexts) preparedTexts.clear()
    text = prepareText(product)
    preparedTexts.set(key, text)
  }
  return { product, ...text }
}

function scoreProduct(
  prepared: PreparedProduct,
  contentWords: string[],
  sizeWords: string[],
  rawQuery: string,
): ProductMatch | null {
  const matchedNameWords = new Set<string>()
  let evidence = prepared.idPattern.test(rawQuery) ? 2 : 0
  let matchedQueryWords = 0
  for (const q of contentWords) {
    let best: { value: number; word: string } | undefined
    for (const v of prepared.vocabulary) {
      const similarity = wordSimilarity(q, v.word)
      if (similarity < matchThreshold) continue
      const value = similarity * v.weight
      if (!best || value > best.value) best = { value, word: v.word }
    }
    if (!best) continue
    matchedQueryWords++
    evidence += best.value
    matchedNameWords.add(best.word)
  }
  if (evidence < evidenceThreshold) return null
  const coverage = Math.max(0, ...prepared.names.map((n) => n.filter((w) => matchedNameWords.has(w)).length / n.length))
  const precision = contentWords.length > 0 ? matchedQueryWords / contentWords.length : 1
  const size = sizeWords.map((s) => prepared.sizes.get(s)).find((s) => s !== undefined) ?? null
  const score = Math.min(
    1,
    0.45 * coverage + 0.35 * precision + 0.2 * Math.min(1, evidence / 2) + (size !== null ? 0.05 : 0),
  )
  const { product } = prepared
  return {
    productId: product.id,
    productName: product.name,
    productNameEn: product.nameEn,
    price: product.price,
    size,
    score: Math.round(score * 1000) / 1000,
  }
}

/**
 * The products a chat message asks about, best first; [] when it names none.
 * @example searchProductList(catalog, 'kaos crewnek M') // [{ productId: 'KAOS-001', size: 'M', ... }]
 */
export function searchProductList(
  products: readonly SearchableProduct[],
  query: string,
  options: SearchOptions = {},
): ProductMatch[] {
  if (typeof query !== 'string') return []
  const limit = Math.min(20, Math.max(1, Math.trunc(options.limit ?? 5)))
  const text = query.slice(0, maxQueryChars)
  const rawQuery = text.toLowerCase()
  const tokens = words(text).slice(0, maxQueryWords)
  const prepared = products.map(prepare)
  const catalogSizes = new Set(prepared.flatMap((p) => [...p.sizes.keys()]))
  const sizeWords = tokens.filter((t) => letterSize.test(t) || catalogSizes.has(t))
  const contentWords = tokens.filter(
    (t) => t.length >= 2 && !stopWords.has(t) && !/^\d+$/.test(t) && !sizeWords.includes(t),
  )
  const mentionsId = prepared.some((p) => p.idPattern.test(rawQuery))
  if (contentWords.length === 0 && !mentionsId) return []
  return prepared
    .map((p) => scoreProduct(p, contentWords, sizeWords, rawQuery))
    .filter((m): m is ProductMatch => m !== null)
    .sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId))
    .slice(0, limit)
}
