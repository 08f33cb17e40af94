/**
 * What one message asks for: the decision order over the keyword data (data/*.ts) and the slots (slots.ts).
 * Pure and synchronous; Indonesian and English, informal spellings and small typos included. A long message is
 * read sentence by sentence, so the question is found wherever it is.
 *
 * @example detectIntent('udh dikirim blm kak pesanan ORD-2025-001?') // { intent: 'track', orderNumber: 'ORD-2025-001', ... }
 */
import { normalizeWords } from '../text-normalize.ts'
import { addressWords, changeVerbs } from './data/address.ts'
import { cancelledWords, cancelWords, wantWords } from './data/cancel.ts'
import { type FaqTopic, faqTriggers, generalQuestionWords, verificationWords } from './data/faq.ts'
import { humanWords, staffWords, talkTargets, talkVerbs } from './data/human.ts'
import { lastOrderWords, orderDetailWords, orderWords, profileWords, summaryWords } from './data/orders.ts'
import { codConfirmWords, howToPayWords, paymentLinkWords, paymentWords, unpaidWords } from './data/payment.ts'
import { places } from './data/places.ts'
import { productWords, searchWords, stockWords, weakStockWords } from './data/products.ts'
import { notifyWords } from './data/restock.ts'
import { returnPolicyWords, returnRequestWords, returnStatusWords } from './data/returns.ts'
import { shippingCostWords } from './data/shipping.ts'
import { ackWords, greetingWords, helpWords, thanksWords } from './data/social.ts'
import { trackWords, waybillWords } from './data/track.ts'
import { quoteRequestOf, type ShippingQuoteRequest } from './quote-slots.ts'
import { type ReturnSlots, returnSlotsOf } from './return-slots.ts'
import {
  extractAddress,
  extractColour,
  extractOrderNumbers,
  extractProductIds,
  extractReason,
  extractSize,
  extractWaybill,
  productQueryOf,
} from './slots.ts'
import { Words } from './words.ts'

export type { FaqTopic, ReturnSlots, ShippingQuoteRequest }

export type Intent =
  | 'track'
  | 'waybill'
  | 'cancel'
  | 'summary'
  | 'last_order'
  | 'unpaid'
  | 'payment'
  | 'how_to_pay'
  | 'payment_link'
  | 'order_detail'
  | 'cod_confirm'
  | 'shipping_quote'
  | 'restock'
  | 'stock'
  | 'search'
  | 'address'
  | 'return_request'
  | 'return_status'
  | 'profile'
  | 'human'
  | 'greeting'
  | 'thanks'
  | 'ack'
  | 'faq'
  | 'unknown'

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
  /** A courier's waybill number ("JNE123456789"). */
  waybill?: string
  /** Product ids or SKUs written in the text ("KEMEJA-001", "KAOS-001-M"), upper case. */
  productIds?: string[]
  /** The product as the customer named it, stop words removed ("kaos basic crewneck"). */
  productQuery?: string
  /** The size asked about, upper case ("M", "XL", "31"). */
  size?: string
  /** The colour asked about, as its Indonesian word ("hitam"). */
  colour?: string
  /** A stock question recognised only from weak words ("apakah ada ..."); worth checking the product exists. */
  weak?: boolean
  /** For address changes: the new address exactly as written. */
  address?: string
  /** For cancellations: why, when the customer said ("karena ..."). */
  reason?: string
  /** For shipping-cost questions that name a destination: what to quote. */
  quote?: ShippingQuoteRequest
  /** For "tell me when it is back": the SKU ("DRESS-001-M"), or the product when no size was named. */
  restock?: { sku: string } | { product: string }
  /** For return and exchange requests: refund or exchange, the size wanted, the reason, as far as said. */
  returnRequest?: ReturnSlots
  /** For FAQ questions: the section that answers it. */
  faqTopic?: FaqTopic
  /** The part of a long message the intent was read from (the whole text for short ones). */
  focus: string
}

export interface IntentContext {
  /** The order last talked about in this conversation. */
  lastOrderNumber?: string | null
  /** The verified customer's own order numbers written bare in this message ("5001 sudah dikirim?"). */
  knownOrderNumbers?: readonly string[]
}

/** Intents that are about one order and cannot be answered without its number. */
export const orderIntents: ReadonlySet<Intent> = new Set([
  'track',
  'cancel',
  'payment',
  'how_to_pay',
  'payment_link',
  'order_detail',
  'cod_confirm',
  'address',
  'return_request',
])

/** Intents that answer nothing in particular: a long message is searched for something better. */
const idleIntents: ReadonlySet<Intent> = new Set(['greeting', 'thanks', 'ack', 'unknown'])

// Longer messages are read sentence by sentence.
const longMessageChars = 160
const maxAckWords = 3

/** Whether the question names a destination or says it is general: not about the order in the conversation. */
function isGeneralQuestion(words: Words): boolean {
  if (words.any(generalQuestionWords)) return true
  return words.list.some((word, i) => places.has(word) && i > 0)
}

function detectOne(text: string, ctx: IntentContext): DetectedIntent {
  const { orderNumbers, rest: withoutOrders } = extractOrderNumbers(text, ctx.knownOrderNumbers)
  const { productIds, rest: withoutIds } = extractProductIds(withoutOrders)
  const { waybill, rest } = extractWaybill(withoutIds)
  const words = new Words(normalizeWords(rest))
  const hasNumber = orderNumbers.length > 0
  const context = ctx.lastOrderNumber ?? undefined

  const result = (intent: Intent, extra: Partial<DetectedIntent> = {}): DetectedIntent => {
    const detected: DetectedIntent = { intent, orderNumbers, focus: text, ...extra }
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

  // The commerce requests name what they want done, so they are read before the FAQ and the payment words.
  if (words.any(shippingCostWords)) {
    const quote = quoteRequestOf(text)
    if (quote) return result('shipping_quote', { quote })
  }
  const [productId] = productIds
  if (productId && words.any(notifyWords)) return result('restock', { restock: restockOf(productId, words) })
  if (words.any(paymentLinkWords)) return result('payment_link')
  if (words.any(orderDetailWords)) return result('order_detail')
  if (words.any(codConfirmWords)) return result('cod_confirm')

  if (words.any(changeVerbs) && words.any(addressWords)) {
    const address = extractAddress(withoutOrders)
    return result('address', address ? { address } : {})
  }

  // "mau retur ORD-2025-006", "bisa tukar size?", "status retur": a request or its status; "bagaimana kebijakan
  // retur?" and "bisa retur kalau kekecilan?" ask about the policy and stay the FAQ's.
  if (words.any(returnRequestWords) && !words.any(cancelWords)) {
    if (words.any(returnStatusWords)) {
      return {
        intent: 'return_status',
        orderNumbers,
        focus: text,
        ...(hasNumber ? { orderNumber: orderNumbers[0] } : {}),
      }
    }
    if (!words.any(returnPolicyWords)) return result('return_request', { returnRequest: returnSlotsOf(text, words) })
  }

  const cancelledQuestion = words.any(cancelledWords) && !words.any(wantWords)
  if (words.any(cancelWords) || (words.any(cancelledWords) && !cancelledQuestion)) {
    const reason = extractReason(withoutOrders)
    return result('cancel', reason ? { reason } : {})
  }

  // "resi JNE123456789 posisinya dimana?": a waybill with letters, or any long number a waybill word names.
  if (waybill && !hasNumber && (/^[A-Z]/.test(waybill) || words.any(waybillWords)))
    return result('waybill', { waybill })

  const [first] = words.list
  if (words.any(verificationWords) && (!hasNumber || (first !== undefined && isVerificationWord(first)))) {
    return result('faq', { faqTopic: 'verification' })
  }
  const general = isGeneralQuestion(words)
  for (const trigger of faqTriggers) {
    if (hasNumber && !trigger.withOrderNumber) continue
    if (!words.any(trigger.words)) continue
    // "berapa lama lagi?" right after an order was discussed is about that order.
    if (context && trigger.yieldsToContext && !general) return result('track')
    return result('faq', { faqTopic: trigger.topic })
  }

  if (!hasNumber && words.any(unpaidWords)) return result('unpaid')
  if (words.any(howToPayWords)) return result('how_to_pay')
  if (words.any(paymentWords)) return result('payment')

  if (!hasNumber && words.any(lastOrderWords)) return result('last_order')
  if (!hasNumber && (words.any(summaryWords) || (words.any(orderWords) && words.has('apa saja')))) {
    return result('summary')
  }
  if (words.any(profileWords)) return result('profile')

  const { size, used } = extractSize(words.list)
  const colour = extractColour(words.list, used)
  const productQuery = productQueryOf(words.list, used)
  const productSlots: Partial<DetectedIntent> = {
    ...(productIds.length > 0 ? { productIds } : {}),
    ...(productQuery ? { productQuery } : {}),
    ...(size ? { size } : {}),
    ...(colour ? { colour } : {}),
  }

  const browsing = words.has('apa saja') && (words.has('ada') || words.any(productWords))
  if (words.any(searchWords) || browsing) return result('search', productSlots)

  if (productIds.length > 0 || words.any(stockWords)) return result('stock', productSlots)

  if (words.any(trackWords)) return result('track')
  if (hasNumber) return result('track', { bareOrderNumber: true })

  // "apakah ada kemeja linen L?", "kaos hitam ukuran L ada?": a stock question only if a product is named.
  if (productQuery && (words.any(weakStockWords) || size || colour) && !words.any(orderWords)) {
    return result('stock', { ...productSlots, weak: true })
  }

  if (words.any(staffWords)) return result('human')
  if (words.any(orderWords)) return result('track')
  if (words.any(greetingWords) || words.any(helpWords) || (words.list.length === 1 && first === 'p')) {
    return result('greeting')
  }
  if (words.any(thanksWords)) return result('thanks')
  // "ok", "oke siap", "👍": an acknowledgement (a message of emoji alone has no words at all).
  const emojiOnly = words.list.length === 0 && /\S/.test(text)
  if (emojiOnly || (words.list.length > 0 && words.list.length <= maxAckWords && words.list.every(isAck))) {
    return result('ack')
  }
  return result('unknown', productSlots)
}

/** The SKU a restock wish is about: written whole ("DRESS-001-M"), or the product and a size beside it. */
function restockOf(productId: string, words: Words): { sku: string } | { product: string } {
  if (productId.split('-').length > 2) return { sku: productId }
  const { size } = extractSize(words.list)
  return size ? { sku: `${productId}-${size}` } : { product: productId }
}

function isAck(word: string): boolean {
  return new Words([word]).any(ackWords)
}

function isVerificationWord(word: string): boolean {
  return new Words([word]).any(verificationWords)
}

/** Sentences of a long message: split at sentence ends and line breaks, empty pieces dropped. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/**
 * The intent of one message and its slots. `ctx.lastOrderNumber` fills in the order for order intents that
 * name none ("kalau pembayarannya gimana?"). A long message is answered by its last sentence that asks for
 * something (a greeting or small talk around the question is skipped).
 */
export function detectIntent(text: string, ctx: IntentContext = {}): DetectedIntent {
  const whole = detectOne(text, ctx)
  if (text.length <= longMessageChars) return whole
  const sentences = sentencesOf(text)
  if (sentences.length <= 1) return whole
  for (let i = sentences.length - 1; i >= 0; i--) {
    const detected = detectOne(sentences[i] as string, ctx)
    if (!idleIntents.has(detected.intent)) {
      // An order number written elsewhere in the message still counts.
      if (orderIntents.has(detected.intent) && (detected.orderFromContext || !detected.orderNumber)) {
        const [written] = whole.orderNumbers
        if (written)
          return { ...detected, orderNumber: written, orderFromContext: false, orderNumbers: whole.orderNumbers }
      }
      return detected
    }
  }
  return whole
}
