/**
 * The details a message carries besides its intent: order numbers, product ids, a waybill, a size, a colour, the
 * product in the customer's words, a new address, a reason. Pure.
 */
import { orderNumberMentions } from '../../services/order-number.ts'
import { stripSuffix } from '../text-normalize.ts'
import { colours, letterSizes, stopWords } from './data/products.ts'
import { greetingWords } from './data/social.ts'

// "KEMEJA-001", "kaos-001-m": product ids and SKUs of the shop's PREFIX-NNN scheme.
const productIdPattern = /\b([a-z]{2,12})-(\d{3})(?:-([a-z0-9]{1,4}))?\b/gi
// "JNE123456789", "SCP-0099887766": a courier's letters then eight digits or more; or twelve digits or more.
const waybillPattern = /(?<![\p{L}\p{N}-])([A-Z]{2,5}-?\d{8,20}|\d{12,20})(?![\p{L}\p{N}])/giu

/** Stands in for an order number cut out of the text (a private-use character no customer types). */
const orderMark = '\uE000'

/**
 * Order numbers written in free text (normalized, unique, in order), plus the text with each cut out: "ORD-…"
 * anywhere, the shop's own after "#" or an order word ("pesanan 5001"), and `known` ones (the verified customer's
 * own orders) written bare. The order word stays in the text ("pesanan" still says the message is about an order).
 */
export function extractOrderNumbers(
  text: string,
  known: readonly string[] = [],
): { orderNumbers: string[]; rest: string } {
  const mentions = orderNumberMentions(text, known)
  let rest = ''
  let from = 0
  for (const mention of [...mentions].sort((a, b) => a.index - b.index)) {
    rest += `${text.slice(from, mention.index)} ${orderMark} `
    from = mention.index + mention.length
  }
  rest += text.slice(from)
  return { orderNumbers: [...new Set(mentions.map((m) => m.orderNumber))], rest }
}

export function extractProductIds(text: string): { productIds: string[]; rest: string } {
  const found: string[] = []
  const rest = text.replace(productIdPattern, (whole, prefix: string, serial: string, size?: string) => {
    if (prefix.toLowerCase() === 'ord') return whole
    const id = `${prefix}-${serial}${size ? `-${size}` : ''}`.toUpperCase()
    if (!found.includes(id)) found.push(id)
    return ' '
  })
  return { productIds: found, rest }
}

/** The first waybill number in the text (upper case), and the text without it. */
export function extractWaybill(text: string): { waybill?: string; rest: string } {
  let waybill: string | undefined
  const rest = text.replace(waybillPattern, (whole, found: string) => {
    if (waybill) return whole
    waybill = found.toUpperCase()
    return ' '
  })
  return waybill ? { waybill, rest } : { rest }
}

/** The size asked about ("ukuran L", "size 31", a lone "XL") and which words it used. */
export function extractSize(words: readonly string[]): { size?: string; used: Set<number> } {
  const used = new Set<number>()
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string
    if (word !== 'ukuran' && word !== 'size') continue
    const next = words[i + 1]
    if (next && (letterSizes.has(next) || /^\d{2}$/.test(next))) {
      used.add(i).add(i + 1)
      return { size: next.toUpperCase(), used }
    }
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string
    if (letterSizes.has(word)) {
      used.add(i)
      return { size: word.toUpperCase(), used }
    }
  }
  return { used }
}

/** The colour named ("hitam", "black"), as its Indonesian word, and which words it used ("warna hitam"). */
export function extractColour(words: readonly string[], used: Set<number>): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string
    const colour = colours[word] ?? (word === 'abu' && words[i + 1] === 'abu' ? colours.abu : undefined)
    if (!colour || used.has(i)) continue
    used.add(i)
    if (word === 'abu' && words[i + 1] === 'abu') used.add(i + 1)
    return colour.id
  }
  return undefined
}

/** The product as the customer named it: the words left after sizes, colours and stop words. */
export function productQueryOf(words: readonly string[], used: Set<number>): string | undefined {
  const content = words
    .filter((_w, i) => !used.has(i))
    .map(stripSuffix) // "jaketnya" → "jaket", "stoknya" → "stok"
    .filter((w) => !stopWords.has(w) && !greetingWords.id.includes(w) && !greetingWords.en.includes(w))
    .filter((w) => !/^\d+$/.test(w))
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
export function extractAddress(blanked: string): string | undefined {
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

/** Why the customer wants to cancel, when they said ("karena ..."). */
export function extractReason(text: string): string | undefined {
  const match = /\b(?:karena|karna|krn|soalnya|sebab|alasannya|alasan|because|since|reason)\b[:\s]+(.+)$/is.exec(text)
  const reason = match?.[1]?.replaceAll(orderMark, ' ').replace(/\s+/g, ' ').trim()
  return reason ? reason.slice(0, 500) : undefined
}
