/**
 * Pure Midtrans rules: what a transaction status means for us, what a gross amount string is in Rupiah, and
 * whether a notification really comes from Midtrans. Used by the HTTP gateway and the webhook alike.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { PaymentStatus } from '../generated/prisma/enums.ts'

/** The `transaction_status` values Midtrans documents. */
export const midtransTransactionStatuses = [
  'capture',
  'settlement',
  'pending',
  'deny',
  'cancel',
  'expire',
  'refund',
  'partial_refund',
  'authorize',
] as const
type MidtransTransactionStatus = (typeof midtransTransactionStatuses)[number]

export interface MidtransStatusFields {
  transaction_status: string
  fraud_status?: string | null
  status_code: string
}

/**
 * Our payment status for a Midtrans transaction, or undefined for a `transaction_status` we do not know
 * (callers treat that as an invalid answer rather than guess).
 *
 * Money counts as received only with status_code "200" and either `settlement` or `capture` whose fraud check
 * said `accept`; a challenged or unchecked capture stays PENDING until Midtrans decides.
 *
 * @example mapMidtransStatus({ transaction_status: 'settlement', status_code: '200' }) // 'COMPLETED'
 */
export function mapMidtransStatus(fields: MidtransStatusFields): PaymentStatus | undefined {
  const paidCode = fields.status_code === '200'
  switch (fields.transaction_status) {
    case 'settlement':
      return paidCode ? 'COMPLETED' : 'PENDING'
    case 'capture':
      if (fields.fraud_status === 'deny') return 'FAILED'
      return paidCode && fields.fraud_status === 'accept' ? 'COMPLETED' : 'PENDING'
    case 'pending':
    case 'authorize':
      return 'PENDING'
    case 'deny':
      return 'FAILED'
    case 'cancel':
      return 'CANCELLED'
    case 'expire':
      return 'EXPIRED'
    case 'refund':
      return 'REFUNDED'
    case 'partial_refund':
      return 'REFUND_PENDING'
    default:
      return undefined
  }
}

/**
 * The `status_code` values Midtrans pairs with each `transaction_status` (201 while waiting, 202 for a refusal,
 * 407 for an expiry in a status answer). The signature covers `status_code` but not `transaction_status`, so
 * this pairing is what ties the status word to what Midtrans signed.
 */
const statusCodesOf: Record<MidtransTransactionStatus, readonly string[]> = {
  settlement: ['200'],
  capture: ['200', '201'],
  pending: ['201'],
  authorize: ['200', '201'],
  deny: ['202'],
  cancel: ['200', '202'],
  expire: ['202', '407'],
  refund: ['200'],
  partial_refund: ['200'],
}

/**
 * True when `status_code` is one Midtrans uses with this `transaction_status` (a `pending` signature reused with
 * `cancel` is not). A status word we do not know never agrees.
 *
 * @example statusCodeAgrees({ transaction_status: 'cancel', status_code: '201' }) // false
 */
export function statusCodeAgrees(fields: Pick<MidtransStatusFields, 'transaction_status' | 'status_code'>): boolean {
  if (!Object.hasOwn(statusCodesOf, fields.transaction_status)) return false
  return statusCodesOf[fields.transaction_status as MidtransTransactionStatus].includes(fields.status_code)
}

/**
 * Payment types whose refund Midtrans cannot do through its API: virtual accounts and cash at a store (its own
 * `payment_type` words), and cash on delivery (our `PaymentMethod` "cod", never a Midtrans transaction). Our
 * other methods ("e_wallet", "credit_card") go through the API.
 */
export const manualRefundPaymentTypes: ReadonlySet<string> = new Set([
  'bank_transfer',
  'echannel',
  'permata',
  'cstore',
  'cod',
])

/** True when a refund for this payment type (Midtrans' `payment_type` or our `PaymentMethod`) is done by hand. */
export function isManualRefund(paymentType: string | undefined): boolean {
  return paymentType !== undefined && manualRefundPaymentTypes.has(paymentType)
}

/**
 * Midtrans writes amounts as decimal strings ("264000.00"); Rupiah has no cents, so anything after the point
 * other than zeros is rejected rather than rounded away. Undefined for anything that is not an amount.
 *
 * @example parseGrossAmount('264000.00') // 264000
 */
export function parseGrossAmount(text: string): number | undefined {
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!match) return undefined
  if (match[2] !== undefined && Number(match[2]) !== 0) return undefined
  return Number(match[1])
}

/** The notification fields the signature covers, as Midtrans sent them. */
export interface MidtransSignedFields {
  order_id?: unknown
  status_code?: unknown
  gross_amount?: unknown
  signature_key?: unknown
}

/** SHA-512 hex of order_id + status_code + gross_amount + server key: what `signature_key` must be. */
export function midtransSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return createHash('sha512').update(`${orderId}${statusCode}${grossAmount}${serverKey}`, 'utf8').digest('hex')
}

/**
 * Checks a notification's `signature_key` against our server key, over the raw strings of the body (so
 * "264000.00" must not be turned into a number first), in constant time. Any missing or non-string field, an
 * empty server key, or a signature of the wrong length is simply false.
 *
 * @example if (!verifyMidtransSignature(body, config.MIDTRANS_SERVER_KEY)) return reply.code(401).send()
 */
export function verifyMidtransSignature(body: MidtransSignedFields, serverKey: string): boolean {
  const { order_id, status_code, gross_amount, signature_key } = body
  if (!serverKey) return false
  if (typeof order_id !== 'string' || typeof status_code !== 'string' || typeof gross_amount !== 'string') return false
  if (typeof signature_key !== 'string') return false
  const expected = Buffer.from(midtransSignature(order_id, status_code, gross_amount, serverKey), 'utf8')
  const given = Buffer.from(signature_key.toLowerCase(), 'utf8')
  // timingSafeEqual throws on different lengths; the length of a SHA-512 hex string is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected)
}
