/**
 * The details of a shipping-cost question, read from the message as written (the place keeps its spelling and
 * punctuation: "Sukajadi, Bandung", "kab. jayawijaya"): the destination, a weight, an order, or a product and
 * size. The words come from data/shipping.ts. Pure.
 *
 * @example quoteRequestOf('ongkir kaos crewneck M ke Surabaya berapa?')
 * // { destination: 'Surabaya', items: [{ product: 'kaos crewneck', size: 'M' }] }
 */
import { findOrderNumbers } from '../../services/order-number.ts'
import type { KeywordSet } from './data/keyword-set.ts'
import { letterSizes } from './data/products.ts'
import { placeEndWords, placeLeadWords, quoteFillerWords } from './data/shipping.ts'

export interface ShippingQuoteRequest {
  destination: string
  items?: { product: string; size?: string }[]
  orderNumber?: string
  weightGrams?: number
}

/** One alternation of a keyword set's entries, longest first, a phrase's words joined by any white space. */
function alternation(set: KeywordSet): string {
  return [...set.id, ...set.en]
    .sort((a, b) => b.length - a.length)
    .map((entry) => entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|')
}

const placeLead = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(placeLeadWords)})\\s+(.+)$`, 'iu')
const placeEnd = new RegExp(`\\s+(?:${alternation(placeEndWords)})(?![\\p{L}\\p{N}]).*$`, 'iu')
const fillers: ReadonlySet<string> = new Set([...quoteFillerWords.id, ...quoteFillerWords.en])
const weightPattern = /(\d+(?:[.,]\d+)?)\s*(kg|kilo|kilogram|gr|gram|g)\b/i
const orderPattern = /ORD[-\s]?\d{4}[-\s]?\d{3}/gi
const postalPattern = /(?<!\d)(\d{5})(?!\d)/
// A weight up to 100 kg; anything beyond is no parcel of this shop.
const maxWeightGrams = 100_000
const maxDestinationChars = 200

function cleanPlace(text: string): string {
  return text
    .replace(placeEnd, '')
    .replace(weightPattern, '')
    .replace(/[?!.,;:]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function weightOf(text: string): number | undefined {
  const weight = weightPattern.exec(text)
  if (!weight?.[1] || !weight[2]) return undefined
  const amount = Number(weight[1].replace(',', '.'))
  const grams = /^k/i.test(weight[2]) ? amount * 1000 : amount
  return grams >= 1 && grams <= maxWeightGrams ? Math.round(grams) : undefined
}

/**
 * The quote a shipping-cost question asks for, or null when it names no destination (a place after "ke"/"to",
 * or a postal code). Call it only for a message the keyword data read as a shipping-cost question.
 */
export function quoteRequestOf(text: string): ShippingQuoteRequest | null {
  const lead = placeLead.exec(text)
  const destination = lead?.[1] ? cleanPlace(lead[1]) : text.match(postalPattern)?.[1]
  if (!destination || destination.length < 2) return null

  const request: ShippingQuoteRequest = { destination: destination.slice(0, maxDestinationChars) }
  const weightGrams = weightOf(text)
  if (weightGrams) request.weightGrams = weightGrams
  const [orderNumber] = findOrderNumbers(text)
  if (orderNumber) {
    request.orderNumber = orderNumber
    return request
  }
  // The words before the place name a product ("ongkir kaos crewneck M ke ...").
  const words = (lead ? text.slice(0, lead.index) : text)
    .replace(weightPattern, ' ')
    .replace(orderPattern, ' ')
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean)
  const size = words.find((w) => letterSizes.has(w.toLowerCase()) || /^\d{2}$/.test(w))
  const productWords = words.filter((w) => w !== size && !/^\d{5}$/.test(w) && !fillers.has(w.toLowerCase()))
  if (productWords.length > 0) {
    request.items = [{ product: productWords.join(' '), ...(size ? { size: size.toUpperCase() } : {}) }]
  }
  return request
}
