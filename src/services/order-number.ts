/**
 * Order numbers as customers type them: any case, with spaces, dashes (also the en dash a phone keyboard puts
 * in), underscores or nothing between the parts, with or without a leading "#". Canonical form: "ORD-2025-001".
 */

/** Longest input looked at: anything longer is not an order number (and never reaches a regex). */
const maxInputLength = 64

// Separators are disjoint from digits and letters, so neither pattern can backtrack badly.
const separator = '[\\s\\-_\\u2010-\\u2015\\u2212]{0,3}'
const body = `ORD${separator}(\\d{4})${separator}(\\d{3,6})`
const wholePattern = new RegExp(`^#?\\s{0,3}${body}$`, 'iu')
const inTextPattern = new RegExp(`(?<![\\p{L}\\p{N}])#?${body}(?!\\p{N})`, 'giu')

/**
 * The canonical order number, or null when the input is not one.
 * @example normalizeOrderNumber('ord 2025 001') // 'ORD-2025-001'
 */
export function normalizeOrderNumber(input: string): string | null {
  if (typeof input !== 'string' || input.length > maxInputLength) return null
  const match = wholePattern.exec(input.trim())
  return match ? `ORD-${match[1]}-${match[2]}` : null
}

// --- The shop's own numbers ("5001", "#1001", "INV/2026/001") written in free text ---------------------------

// A shop number as stored: letters, digits and . _ / - (records.ts `orderNumberSchema`), with a digit somewhere.
const shopNumberPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/
const hasDigit = /\d/
// The words that name an order right before its number: "pesanan 5001", "no. pesanan 5001", "order #1001",
// "order no. 5001", "invoice INV/2026/001". Longest first, so "no. pesanan" wins over "pesanan".
const orderWordLead =
  '(?:no|nomor|nomer|number|nr)\\.?\\s{0,2}(?:pesanan|order|invoice)|(?:pesanan|order|orderan)(?:ku|nya|an)?(?:\\s{1,2}(?:saya|aku|sy|gw|gue|my|kak|kakak))?(?:\\s{1,2}(?:no|nomor|nomer|number|nr|num|id))?|invoice|inv'
const marker = '(\\.?\\s{0,2}[:#]\\s{0,2}|\\.\\s{0,2}|\\s{1,3})'
// A number after an order word: digits, or (with "no."/"#"/":") a token with letters such as "INV/2026/001".
const afterOrderWord = new RegExp(
  `(?<![\\p{L}\\p{N}])(${orderWordLead})${marker}(\\d{1,12}|[A-Za-z][A-Za-z0-9._/-]{0,62})`,
  'giu',
)
// "#5001", "#1001", "#INV/2026/001".
const hashNumber = /(?<![\p{L}\p{N}&#])#\s?([A-Za-z0-9][A-Za-z0-9._/-]{0,62})/gu
// A quantity ("2 pcs", "3x"), a weight or a size after a number: then it is no order number.
const quantityAfter =
  /^\s{0,2}(?:pcs|pc|psc|buah|bh|biji|item|items|potong|ptg|lusin|pasang|helai|lembar|set|pieces|piece|x|kg|kilo|gr|gram|g|cm|m|ml)(?![\p{L}\p{N}])/iu
// A postal code or an amount before a number ("ke 60111", "kode pos 60111", "Rp 5001").
const placeOrMoneyBefore =
  /(?:\b(?:ke|to|kode\s?pos|kodepos|postal(?:\s?code)?|zip(?:\s?code)?|pos)|rp\.?|idr)\s{0,2}$/iu
// A plain order word needs three digits or more ("order 2 kaos" is a quantity); "no."/"#"/":" or a known number
// needs fewer.
const minPlainDigits = 3

/** Where an order number is written in a text, and the number as a service looks it up. */
export interface OrderNumberMention {
  orderNumber: string
  /** The span of the number itself (with its "#"), not of the order word before it. */
  index: number
  length: number
}

/** A token's trailing punctuation ("5001." at a sentence end, "#1001," in a list) is not part of it. */
function trimTail(token: string): string {
  return token.replace(/[._/-]+$/, '')
}

function isShopNumber(token: string): boolean {
  return shopNumberPattern.test(token) && hasDigit.test(token) && normalizeOrderNumber(token) === null
}

function followedByQuantity(text: string, end: number): boolean {
  return quantityAfter.test(text.slice(end, end + 12))
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * Every order number written in free text, in order of appearance (a repeat is a mention of its own): the canonical "ORD-…" forms anywhere; the
 * shop's own numbers after "#" ("#1001") or an order word ("pesanan 5001", "no. pesanan 5001", "order #1001");
 * and, given `known` (the verified customer's own order numbers), a known number written bare ("5001 sudah
 * dikirim?"). A number followed by a quantity ("order 2 pcs") is never one, nor a bare number after "ke"/"kode
 * pos"/"Rp" (a postal code or an amount).
 */
export function orderNumberMentions(text: string, known: Iterable<string> = []): OrderNumberMention[] {
  if (typeof text !== 'string') return []
  const found: OrderNumberMention[] = []
  const overlaps = (index: number, length: number) =>
    found.some((m) => index < m.index + m.length && m.index < index + length)
  const add = (orderNumber: string, index: number, length: number) => {
    if (!overlaps(index, length)) found.push({ orderNumber, index, length })
  }
  // The customer's own numbers, looked up without regard to case ("inv/2026/001" is "INV/2026/001").
  const knownNumbers = new Map<string, string>()
  for (const number of known) {
    if (typeof number === 'string' && isShopNumber(number)) knownNumbers.set(number.toLowerCase(), number)
  }
  const stored = (token: string) => knownNumbers.get(token.toLowerCase()) ?? token

  for (const match of text.matchAll(inTextPattern)) {
    add(`ORD-${match[1]}-${match[2]}`, match.index, match[0].length)
  }
  for (const match of text.matchAll(afterOrderWord)) {
    const lead = match[1] ?? ''
    const sep = match[2] ?? ''
    const token = trimTail(match[3] ?? '')
    const index = match.index + lead.length + sep.length
    if (!isShopNumber(token) || followedByQuantity(text, index + token.length)) continue
    const marked = /[:#.]/.test(sep) || /(?:no|nomor|nomer|number|nr|num|id|invoice|inv)$/i.test(lead)
    const digitsOnly = /^\d+$/.test(token)
    if (!digitsOnly && !marked) continue
    if (digitsOnly && token.length < minPlainDigits && !marked && !knownNumbers.has(token.toLowerCase())) continue
    // "pesanan #5001": the "#" is part of the number's span.
    const hash = sep.indexOf('#')
    const start = hash >= 0 ? match.index + lead.length + hash : index
    add(stored(token), start, index + token.length - start)
  }
  for (const match of text.matchAll(hashNumber)) {
    const token = trimTail(match[1] ?? '')
    if (!isShopNumber(token) || followedByQuantity(text, match.index + match[0].length)) continue
    const tokenIndex = match.index + match[0].length - (match[1] ?? '').length
    if (!overlaps(tokenIndex, token.length)) add(stored(token), match.index, tokenIndex - match.index + token.length)
  }
  for (const number of knownNumbers.values()) {
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}#./-])${escapeRegExp(number)}(?![\\p{L}\\p{N}]|[.,/-][\\p{L}\\p{N}])`,
      'giu',
    )
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length
      if (followedByQuantity(text, end) || placeOrMoneyBefore.test(text.slice(0, match.index))) continue
      add(number, match.index, match[0].length)
    }
  }
  return found.sort((a, b) => a.index - b.index)
}

/**
 * Every order number written (loosely) in free text, normalized, in order of appearance, without repeats: see
 * `orderNumberMentions` for what counts.
 * @example findOrderNumbers('cek ord2025001 dan #ORD-2025-003') // ['ORD-2025-001', 'ORD-2025-003']
 * @example findOrderNumbers('pesanan #5001 sudah dikirim?') // ['5001']
 */
export function findOrderNumbers(text: string, known: Iterable<string> = []): string[] {
  return [...new Set(orderNumberMentions(text, known).map((m) => m.orderNumber))]
}

/**
 * Numbers in a text that could be one of the customer's own orders if they are (written bare, not a quantity, a
 * postal code or an amount): what is worth asking the customer's orders about. Pure.
 * @example bareNumberCandidates('5001 sudah dikirim? ongkir ke 60111, 2 pcs') // ['5001']
 */
export function bareNumberCandidates(text: string): string[] {
  if (typeof text !== 'string' || text.length > 2000) return []
  const out = new Set<string>()
  for (const match of text.matchAll(/(?<![\p{L}\p{N}#./-])([A-Za-z0-9][A-Za-z0-9._/-]{0,62})/gu)) {
    const token = trimTail(match[1] ?? '')
    if (!isShopNumber(token)) continue
    const end = match.index + token.length
    if (followedByQuantity(text, end) || placeOrMoneyBefore.test(text.slice(0, match.index))) continue
    out.add(token)
    if (out.size >= 10) break
  }
  return [...out]
}

// Order words a whole input may start with ("pesanan 5001", "order #1001", "no. pesanan 5001").
const leadingOrderWord = new RegExp(`^(?:${orderWordLead})\\.?\\s{0,2}:?\\s{0,2}(?=#|[A-Za-z0-9])`, 'iu')

/**
 * An order number a service is asked about (a tool's input, a verification): the canonical "ORD-…" form when it
 * is one, else the shop's own number as stored ("5001", "1001" for Shopify's "#1001", "INV/2026/001"), without
 * the leading "#" or an order word before it ("pesanan 5001"). It has a digit somewhere. Null when it cannot be
 * an order number at all. Lookups stay scoped by customer, so a guess finds nothing.
 * @example customerOrderNumber('#1001') // '1001'
 * @example customerOrderNumber('no. pesanan 5001') // '5001'
 */
export function customerOrderNumber(input: string): string | null {
  if (typeof input !== 'string' || input.length > maxInputLength + 20) return null
  const canonical = normalizeOrderNumber(input)
  if (canonical) return canonical
  const own = input.trim().replace(leadingOrderWord, '').replace(/^#\s*/, '')
  const again = normalizeOrderNumber(own)
  if (again) return again
  return shopNumberPattern.test(own) && hasDigit.test(own) ? own : null
}
