/**
 * The rule agent's reading of commerce requests it answers with the commerce tools: a shipping-cost question
 * that names a destination ("ongkir ke Surabaya berapa kak?", "shipping cost to 60111 for 2 kg") becomes a
 * `quote_shipping` call with the place, and the product, size, order or weight the message gives. Pure; the
 * rule agent calls the tool. A question without a place is left to the FAQ answer.
 *
 * @example shippingQuoteRequest('ongkir kaos crewneck M ke Surabaya berapa?')
 * // { destination: 'Surabaya', items: [{ product: 'kaos crewneck', size: 'M' }] }
 */
import { findOrderNumbers } from '../services/order-number.ts'

export interface ShippingQuoteRequest {
  destination: string
  items?: { product: string; size?: string; quantity?: number }[]
  orderNumber?: string
  weightGrams?: number
}

const shippingWords =
  /\b(ongkir|ongkos\s*kirim|biaya\s*(kirim|pengiriman|ongkir)|cek\s*ongkir|shipping\s*(cost|fee|price|rate)s?|delivery\s*(cost|fee|charge)s?|how\s+much\s+(is\s+)?(shipping|delivery|to\s+ship))\b/i

// Words around the place or the product that are neither.
const fillers = new Set(
  (
    'berapa brp brapa berapaan kira kira kisaran dong kak ka kk gan sis min ya yah yaa nya sih nih deh untuk utk buat ' +
    'kirim pengiriman dikirim paket barang cek harga total sampai sampe the a an of for is what how much please pls ' +
    'shipping delivery cost fee to ke ongkir ongkos biaya dan and'
  ).split(' '),
)

const sizeToken = /^(xxs|xs|s|m|l|xl|xxl|xxxl|\d{2})$/i
const weightPattern = /(\d+(?:[.,]\d+)?)\s*(kg|kilo|kilogram|gr|gram|g)\b/i
const placeLead = /\b(?:ke|kirim\s+ke|to|tujuan|destination|daerah|dikirim\s+ke)\s+(.+)$/i
const placeStop =
  /\s+(?:berapa|brp|brapa|how\s+much|ya|yaa|dong|kak|kk|gan|sis|min|for|untuk|utk|buat|pakai|pake|with|kalau|kalo|if|please|pls|thanks|thank)\b.*$/i

function cleanPlace(text: string): string {
  return text
    .replace(placeStop, '')
    .replace(weightPattern, '')
    .replace(/[?!.]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The quote a message asks for, or null when it is no shipping-cost question or names no place. */
export function shippingQuoteRequest(text: string): ShippingQuoteRequest | null {
  const keyword = shippingWords.exec(text)
  if (!keyword) return null
  const postal = text.match(/(?<!\d)(\d{5})(?!\d)/)?.[1]
  const lead = placeLead.exec(text.slice(keyword.index + keyword[0].length))
  const destination = lead?.[1] ? cleanPlace(lead[1]) : postal
  if (!destination || destination.length < 2) return null

  const request: ShippingQuoteRequest = { destination: destination.slice(0, 200) }
  const weight = weightPattern.exec(text)
  if (weight?.[1] && weight[2]) {
    const amount = Number(weight[1].replace(',', '.'))
    const grams = /^k/i.test(weight[2]) ? amount * 1000 : amount
    if (grams >= 1 && grams <= 100_000) request.weightGrams = Math.round(grams)
  }
  const [orderNumber] = findOrderNumbers(text)
  if (orderNumber) request.orderNumber = orderNumber

  // The words between the keyword and the place name a product ("ongkir kaos crewneck M ke ...").
  const before = text.slice(keyword.index + keyword[0].length, lead ? text.indexOf(lead[0], keyword.index) : undefined)
  const words = before
    .replace(weightPattern, ' ')
    .replace(/ORD[-\s]?\d{4}[-\s]?\d{3}/gi, ' ')
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean)
  const size = words.find((w) => sizeToken.test(w))
  const productWords = words.filter((w) => w !== size && !/^\d{5}$/.test(w) && !fillers.has(w.toLowerCase()))
  if (!orderNumber && productWords.length > 0) {
    request.items = [{ product: productWords.join(' '), ...(size ? { size: size.toUpperCase() } : {}) }]
  }
  return request
}

export interface RestockRequest {
  sku?: string
  product?: string
  size?: string
}

const notifyWords =
  /\b(kabari|kabarin|kabarkan|kasih\s+tau|kasih\s+tahu|ingetin|ingatkan|notify\s+me|let\s+me\s+know|tell\s+me)\b/i
const skuPattern = /\b([A-Za-z]+-\d{3})(?:[-\s]+(XXS|XS|S|M|L|XL|XXL|XXXL|\d{2}))?\b/i

/**
 * A request to be told when a size is back ("kabari DRESS-001-M", "notify me DRESS-001 M"), or null. Only a
 * product code is read here; names in free words are left to the other answers.
 */
export function restockRequest(text: string): RestockRequest | null {
  if (!notifyWords.test(text)) return null
  const code = skuPattern.exec(text)
  if (!code?.[1]) return null
  const productId = code[1].toUpperCase()
  return code[2] ? { sku: `${productId}-${code[2].toUpperCase()}` } : { product: productId }
}

const paymentLinkWords =
  /\b(link\s*(bayar|bayarnya|pembayaran|pembayarannya|payment)|payment\s*link|link\s+to\s+pay|pay\s+online|bayar\s+online)\b/i

/**
 * A request for a payment link ("kirim link bayarnya dong ORD-2025-002", "payment link please"), with the order
 * written or the conversation's last one, or null.
 */
export function paymentLinkRequest(text: string, lastOrderNumber: string | null): { orderNumber: string } | null {
  if (!paymentLinkWords.test(text)) return null
  const orderNumber = findOrderNumbers(text)[0] ?? lastOrderNumber
  return orderNumber ? { orderNumber } : null
}
