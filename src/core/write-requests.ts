/**
 * Which writes the customer asked for in their own words. A cancel, an address change, a COD confirmation or a return is staged (a pending
 * action with buttons) only when the customer's message asks for it, or when their previous message did and the
 * answer to it staged nothing yet (the bot asked which order, or for the new address). A question such as "kok
 * belum dikirim?" never stages a cancel, whatever the model makes of it.
 *
 * @example askedWrites('tolong batalkan ORD-2025-002') // Set { 'cancel' }
 */
import type { WriteRequest } from '../../tools/types.ts'
import { detectIntent } from '../agent/intents.ts'

// Besides the intent parser: the words people use for these requests, loosely.
const cancelWords =
  /\b(batal\w*|bt?l|cancel(?!l?ed\b)\w*|urung\w*|(?:gak|ga|gk|nggak|ngga|enggak|engga|tidak|tdk|g) ?jadi|gajadi|gjd)\b/i
const addressWords = /\b(alamat\w*|almt|address)\b/i
// "konfirmasi COD ORD-…", "confirm my COD order": a confirm word and the payment being cash on delivery.
const confirmWords = /\b(konfirmasi\w*|konfirm|dikonfirmasi|confirm\w*|setuju|oke cod|ok cod)\b/i
const codWords = /\b(cod|bayar di tempat|cash on delivery)\b/i
// "retur ORD-…", "mau tukar size", "refund dong", "I want to return it", "exchange for L".
const returnWords =
  /\b(retur\w*|return\w*|refund\w*|tukar\w*|ditukar|nukar|exchange\w*|kembalikan|dikembalikan|pengembalian|balikin|swap)\b/i
const changeWords =
  /\b(ganti|gnti|ubah|ubh|diubah|rubah|merubah|mengubah|mengganti|pindah\w*|salah|koreksi|perbaiki|benerin|update|change|edit|correct|wrong|new|baru)\b/i

/** The writes `text` asks for. */
export function writesIn(text: string): Set<WriteRequest> {
  const asked = new Set<WriteRequest>()
  const intent = detectIntent(text).intent
  if (intent === 'cancel' || cancelWords.test(text)) asked.add('cancel')
  if (intent === 'address' || (addressWords.test(text) && changeWords.test(text))) asked.add('address')
  if (intent === 'cod_confirm' || (confirmWords.test(text) && codWords.test(text))) asked.add('cod')
  if (intent === 'return_request' || returnWords.test(text)) asked.add('return')
  return asked
}

export interface EarlierRequest {
  /** The customer's previous message. */
  text: string
  /** Whether the answer to it already staged a write (offered confirm/reject buttons). */
  answeredWithButtons: boolean
}

/** The writes this message may stage: the ones it asks for, plus an unanswered request of the message before. */
export function askedWrites(text: string, earlier?: EarlierRequest | null): Set<WriteRequest> {
  const asked = writesIn(text)
  if (earlier && !earlier.answeredWithButtons) for (const request of writesIn(earlier.text)) asked.add(request)
  return asked
}
