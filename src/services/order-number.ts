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

/**
 * Every order number written (loosely) in free text, normalized, in order of appearance, without repeats.
 * @example findOrderNumbers('cek ord2025001 dan #ORD-2025-003') // ['ORD-2025-001', 'ORD-2025-003']
 */
export function findOrderNumbers(text: string): string[] {
  if (typeof text !== 'string') return []
  const found = new Set<string>()
  for (const match of text.matchAll(inTextPattern)) found.add(`ORD-${match[1]}-${match[2]}`)
  return [...found]
}

const shopNumberPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/

/**
 * An order number a service is asked about (a tool's input): the canonical "ORD-…" form when it is one, else the
 * shop's own number as stored ("5001", "1001" for Shopify's "#1001", "INV/2026/001"), without the leading "#".
 * Null when it cannot be an order number at all. Lookups stay scoped by customer, so a guess finds nothing.
 * @example customerOrderNumber('#1001') // '1001'
 */
export function customerOrderNumber(input: string): string | null {
  if (typeof input !== 'string' || input.length > maxInputLength + 2) return null
  const canonical = normalizeOrderNumber(input)
  if (canonical) return canonical
  const own = input.trim().replace(/^#\s*/, '')
  return shopNumberPattern.test(own) ? own : null
}
