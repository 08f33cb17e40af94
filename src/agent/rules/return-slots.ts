/**
 * What a return or exchange request already says: refund or exchange, the size wanted instead ("tukar ke L"),
 * and the reason in the customer's words ("kekecilan", "barang cacat"). What is missing is asked for.
 */
import { letterSizes } from './data/products.ts'
import { exchangeWords, refundWords, returnReasonWords } from './data/returns.ts'
import { extractOrderNumbers, extractReason } from './slots.ts'
import type { Words } from './words.ts'

export interface ReturnSlots {
  resolution?: 'refund' | 'exchange'
  /** The size wanted instead, upper case ("L"). */
  wantedSize?: string
  /** Why, in the customer's words. */
  reason?: string
}

const maxReasonChars = 300

/** The last size named ("tukar M ke L" → "L"): letter sizes, or two digits after "ukuran"/"size". */
export function wantedSizeIn(list: readonly string[]): string | undefined {
  let size: string | undefined
  list.forEach((word, i) => {
    const previous = list[i - 1]
    if (letterSizes.has(word)) size = word.toUpperCase()
    else if (/^\d{2}$/.test(word) && (previous === 'ukuran' || previous === 'size')) size = word
  })
  return size
}

/** The message as the reason: order numbers taken out, spaces tidied. */
export function reasonText(text: string): string | undefined {
  const { rest } = extractOrderNumbers(text)
  const cleaned = rest
    .replace(/\uE000/g, ' ')
    .replace(/\s+/g, ' ')
    // Where the order number stood: "kaos , kekecilan" → "kaos, kekecilan".
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/^[\s,.;:]+|[\s,;:]+$/g, '')
    .trim()
  return cleaned.length >= 2 ? cleaned.slice(0, maxReasonChars) : undefined
}

export function returnSlotsOf(text: string, words: Words): ReturnSlots {
  const exchange = words.any(exchangeWords)
  const refund = words.any(refundWords)
  const wantedSize = wantedSizeIn(words.list)
  const resolution = exchange && !refund ? 'exchange' : refund && !exchange ? 'refund' : undefined
  const reason = extractReason(text) ?? (words.any(returnReasonWords) ? reasonText(text) : undefined)
  return {
    ...(resolution ? { resolution } : wantedSize && !refund ? { resolution: 'exchange' as const } : {}),
    ...(wantedSize ? { wantedSize } : {}),
    ...(reason ? { reason } : {}),
  }
}
