/**
 * The payment gateway over Midtrans' Core API: status, cancel and refund of a transaction whose `order_id` is
 * our order number. Every answer is validated; every failure is a `GatewayError`.
 */
import { z } from 'zod'
import { GatewayError } from './errors.ts'
import type { BodyRefusal } from './http-json.ts'
import { assertHttpUrl, requestJson } from './http-json.ts'
import { isManualRefund, mapMidtransStatus, parseGrossAmount, statusCodeAgrees } from './midtrans-status.ts'
import type { GatewayPaymentStatus, PaymentGateway, RefundResult } from './payment.ts'
import { parseWibDateTime } from './wib-time.ts'

export const midtransSandboxUrl = 'https://api.sandbox.midtrans.com'
export const midtransProductionUrl = 'https://api.midtrans.com'

export interface MidtransGatewayOptions {
  serverKey: string
  /** Use the production API (default: sandbox). */
  production?: boolean
  /** Overrides both (a proxy, a test server). */
  baseUrl?: string
  timeoutMs: number
  fetch?: typeof fetch
}

/** The API root for these options, without a trailing slash. */
export function midtransBaseUrl(options: Pick<MidtransGatewayOptions, 'production' | 'baseUrl'>): string {
  const base = options.baseUrl ?? (options.production ? midtransProductionUrl : midtransSandboxUrl)
  return base.replace(/\/+$/, '')
}

/** `Authorization` value: Basic with the server key as user name and an empty password. */
export function midtransAuthorization(serverKey: string): string {
  return `Basic ${Buffer.from(`${serverKey}:`).toString('base64')}`
}

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined))

const wibTime = optionalText.transform((v, ctx) => {
  if (v === undefined) return undefined
  const date = parseWibDateTime(v)
  if (!date) ctx.addIssue({ code: 'custom', message: `not a date: ${v}` })
  return date
})

// Kept as written: a settlement of "264000.50" is an answer to check against the order (and tell staff about),
// not a broken response.
const amount = z.string().max(32)

/** A transaction as the status and cancel endpoints describe it (extra fields are ignored). */
const transactionSchema = z.object({
  status_code: z.string(),
  status_message: optionalText,
  transaction_id: optionalText,
  order_id: optionalText,
  payment_type: optionalText,
  transaction_status: z.string(),
  fraud_status: optionalText,
  gross_amount: amount.optional(),
  transaction_time: wibTime,
  settlement_time: wibTime,
  va_numbers: z.array(z.object({ bank: z.string().optional(), va_number: z.string() })).nullish(),
  permata_va_number: optionalText,
  bill_key: optionalText,
})
type MidtransTransaction = z.infer<typeof transactionSchema>

const refundSchema = z.object({
  status_code: z.string(),
  status_message: optionalText,
  transaction_status: optionalText,
})

/**
 * Midtrans answers many errors with HTTP 200 and the real code in the body ("404", "412"). One exception: an
 * expired transaction is reported with status_code "407" and is a normal answer, not a refusal.
 */
function midtransRefusal(body: unknown): BodyRefusal | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { status_code, status_message, transaction_status } = body as Record<string, unknown>
  if (typeof status_code !== 'string' || !/^\d{3}$/.test(status_code)) return undefined
  const code = Number(status_code)
  if (code < 400) return undefined
  if (code === 407 && transaction_status === 'expire') return undefined
  return { status: code, message: typeof status_message === 'string' ? status_message : 'refused' }
}

/**
 * Creates the Midtrans gateway.
 *
 * @example
 * const gateway = createMidtransGateway({ serverKey: config.MIDTRANS_SERVER_KEY, timeoutMs: 8000 })
 * const { status } = await gateway.getStatus('ORD-2025-002') // 'PENDING'
 */
export function createMidtransGateway(options: MidtransGatewayOptions): PaymentGateway {
  const base = midtransBaseUrl(options)
  assertHttpUrl(base, 'MIDTRANS_BASE_URL')
  const authorization = midtransAuthorization(options.serverKey)
  const call = <T>(method: 'GET' | 'POST', orderNumber: string, action: string, schema: z.ZodType<T>, body?: unknown) =>
    requestJson({
      gateway: 'midtrans',
      url: `${base}/v2/${encodeURIComponent(orderNumber)}/${action}`,
      method,
      headers: { Authorization: authorization },
      body,
      schema,
      timeoutMs: options.timeoutMs,
      secrets: [options.serverKey, authorization, authorization.slice('Basic '.length)],
      refusal: midtransRefusal,
      fetch: options.fetch,
    })

  const getStatus = async (orderNumber: string) =>
    toPaymentStatus(await call('GET', orderNumber, 'status', transactionSchema))

  return {
    name: 'midtrans',
    getStatus,
    async cancel(orderNumber) {
      return toPaymentStatus(await call('POST', orderNumber, 'cancel', transactionSchema))
    },
    async refund(orderNumber, request): Promise<RefundResult> {
      // Without the payment type we ask first: calling refund for a virtual account only earns a refusal.
      const paymentType = request.paymentType ?? (await getStatus(orderNumber)).paymentType
      if (isManualRefund(paymentType)) return { status: 'REFUND_PENDING', refundKey: request.refundKey, manual: true }
      const answer = await call('POST', orderNumber, 'refund', refundSchema, {
        refund_key: request.refundKey,
        amount: request.amount,
        reason: request.reason,
      })
      // Only a refund confirmed with "200" is done ("partial_refund" when part was asked); anything else is pending.
      const doneStatus = request.partial ? 'partial_refund' : 'refund'
      const done = answer.status_code === '200' && answer.transaction_status === doneStatus
      return { status: done ? 'REFUNDED' : 'REFUND_PENDING', refundKey: request.refundKey, manual: false }
    },
  }
}

function toPaymentStatus(transaction: MidtransTransaction): GatewayPaymentStatus {
  const status = mapMidtransStatus(transaction)
  // A status Midtrans adds later must fail loudly, not be guessed into one of ours.
  if (!status) {
    const raw = transaction.transaction_status.slice(0, 40)
    throw new GatewayError('midtrans', 'invalid_response', `unknown transaction_status "${raw}"`)
  }
  if (!statusCodeAgrees(transaction)) {
    const raw = `${transaction.transaction_status.slice(0, 40)} with status_code ${transaction.status_code.slice(0, 3)}`
    throw new GatewayError('midtrans', 'invalid_response', `inconsistent answer: ${raw}`)
  }
  return {
    status,
    rawStatus: transaction.transaction_status,
    transactionId: transaction.transaction_id,
    paymentType: transaction.payment_type,
    fraudStatus: transaction.fraud_status,
    grossAmount: transaction.gross_amount === undefined ? undefined : parseGrossAmount(transaction.gross_amount),
    grossAmountText: transaction.gross_amount,
    paidAt: status === 'COMPLETED' ? (transaction.settlement_time ?? transaction.transaction_time) : undefined,
    vaNumber: transaction.va_numbers?.[0]?.va_number ?? transaction.permata_va_number ?? transaction.bill_key,
  }
}
