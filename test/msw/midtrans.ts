/**
 * A scriptable fake of Midtrans' Core API for MSW: per-order transactions, the status / cancel / refund
 * endpoints with Midtrans' habits (errors in a 200 body, "407" for expired), Basic-auth checking, a record of
 * every request, injectable faults, and signed notifications for webhook tests.
 *
 * @example
 * const midtrans = createFakeMidtrans({ serverKey: 'SB-Mid-server-test' })
 * const server = setupServer(...midtrans.handlers)
 * midtrans.setTransaction('ORD-2025-002', { transaction_status: 'settlement', gross_amount: 264000 })
 */
import { createHash } from 'node:crypto'
import { delay, HttpResponse, http } from 'msw'

export const fakeMidtransBaseUrl = 'https://api.sandbox.midtrans.com'

export type MidtransAction = 'status' | 'cancel' | 'refund'

export interface FakeMidtransTransaction {
  order_id: string
  transaction_id: string
  transaction_status: string
  fraud_status?: string
  status_code: string
  status_message: string
  payment_type: string
  gross_amount: string
  currency: string
  transaction_time: string
  settlement_time?: string
  va_numbers?: { bank: string; va_number: string }[]
  permata_va_number?: string
  refund_amount?: string
}

/** What a test sets; everything else gets a plausible default. `gross_amount` may be a number of Rupiah. */
export type TransactionInput = Partial<Omit<FakeMidtransTransaction, 'gross_amount'>> & {
  transaction_status: string
  gross_amount?: number | string
}

export type MidtransFault =
  /** Wait, then answer normally (for timeouts). */
  | { kind: 'delay'; ms: number }
  /** A non-2xx answer with a JSON body (default: Midtrans-style status_code and message). */
  | { kind: 'http'; status: number; body?: unknown }
  /** HTTP 200 with this JSON body (errors in the body, wrong shapes). */
  | { kind: 'body'; body: unknown }
  /** This exact text, declared as JSON (malformed answers). */
  | { kind: 'raw'; text: string; status?: number }
  /** The connection fails. */
  | { kind: 'network' }

export interface RecordedMidtransRequest {
  method: string
  url: string
  action: MidtransAction
  orderId: string
  authorization: string | null
  accept: string | null
  contentType: string | null
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown
}

interface FaultRule {
  fault: MidtransFault
  orderId?: string
  action?: MidtransAction
  remaining: number
}

const manualRefundTypes = new Set(['bank_transfer', 'echannel', 'permata', 'cstore'])

/** The status_code Midtrans puts on a status answer for each transaction status. */
function statusCodeFor(status: string): string {
  if (status === 'pending' || status === 'authorize') return '201'
  if (status === 'deny') return '202'
  if (status === 'expire') return '407'
  return '200'
}

function rupiahString(amount: number | string): string {
  return typeof amount === 'number' ? `${amount}.00` : amount
}

export function createFakeMidtrans(options: { serverKey: string; baseUrl?: string }) {
  const baseUrl = (options.baseUrl ?? fakeMidtransBaseUrl).replace(/\/+$/, '')
  const expectedAuth = `Basic ${Buffer.from(`${options.serverKey}:`).toString('base64')}`
  const transactions = new Map<string, FakeMidtransTransaction>()
  const refunds = new Map<string, Record<string, unknown>>()
  const requests: RecordedMidtransRequest[] = []
  let faults: FaultRule[] = []
  let counter = 0

  /** Creates or updates (merging into the previous state) the transaction of an order. */
  function setTransaction(orderId: string, input: TransactionInput): FakeMidtransTransaction {
    counter += 1
    const base: FakeMidtransTransaction = transactions.get(orderId) ?? {
      order_id: orderId,
      transaction_id: `fake-trx-${counter}`,
      transaction_status: 'pending',
      status_code: '201',
      status_message: '',
      payment_type: 'bank_transfer',
      gross_amount: '0.00',
      currency: 'IDR',
      transaction_time: '2025-11-20 14:00:00',
    }
    const { gross_amount, ...rest } = input
    const transaction: FakeMidtransTransaction = {
      ...base,
      status_message: 'Success, transaction is found',
      ...rest,
      order_id: orderId,
      status_code: input.status_code ?? statusCodeFor(input.transaction_status),
      gross_amount: gross_amount === undefined ? base.gross_amount : rupiahString(gross_amount),
    }
    if (transaction.transaction_status === 'settlement' && !transaction.settlement_time) {
      transaction.settlement_time = '2025-11-20 15:30:00'
    }
    transactions.set(orderId, transaction)
    return transaction
  }

  /** Every later request (matching orderId/action when given) gets this fault, `times` times (default: all). */
  function fail(fault: MidtransFault, match: { orderId?: string; action?: MidtransAction; times?: number } = {}) {
    faults.push({
      fault,
      orderId: match.orderId,
      action: match.action,
      remaining: match.times ?? Number.POSITIVE_INFINITY,
    })
  }

  /**
   * A notification body as Midtrans would POST it for the order's current transaction, correctly signed with
   * the server key (pass `overrides` to forge or tamper; the signature is computed before overrides apply
   * unless `signature_key` is among them).
   */
  function notification(orderId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const t = transactions.get(orderId)
    if (!t) throw new Error(`fake Midtrans: no transaction for ${orderId}`)
    // Notifications use 202 for the failed endings, unlike the status API's 407 for expire.
    const status_code = ['deny', 'cancel', 'expire'].includes(t.transaction_status) ? '202' : t.status_code
    const signature_key = createHash('sha512')
      .update(`${t.order_id}${status_code}${t.gross_amount}${options.serverKey}`)
      .digest('hex')
    return {
      transaction_time: t.transaction_time,
      transaction_status: t.transaction_status,
      transaction_id: t.transaction_id,
      status_message: 'midtrans payment notification',
      status_code,
      signature_key,
      settlement_time: t.settlement_time,
      payment_type: t.payment_type,
      order_id: t.order_id,
      merchant_id: 'G000000000',
      gross_amount: t.gross_amount,
      fraud_status: t.fraud_status ?? 'accept',
      currency: t.currency,
      ...(t.va_numbers ? { va_numbers: t.va_numbers } : {}),
      ...overrides,
    }
  }

  async function applyFault(orderId: string, action: MidtransAction): Promise<Response | undefined> {
    const rule = faults.find(
      (f) => f.remaining > 0 && (!f.orderId || f.orderId === orderId) && (!f.action || f.action === action),
    )
    if (!rule) return undefined
    rule.remaining -= 1
    const { fault } = rule
    switch (fault.kind) {
      case 'delay':
        await delay(fault.ms)
        return undefined
      case 'http':
        return HttpResponse.json(
          fault.body ?? { status_code: String(fault.status), status_message: 'fake Midtrans error' },
          { status: fault.status },
        )
      case 'body':
        return HttpResponse.json(fault.body as Record<string, unknown>)
      case 'raw':
        return new HttpResponse(fault.text, {
          status: fault.status ?? 200,
          headers: { 'Content-Type': 'application/json' },
        })
      case 'network':
        return HttpResponse.error()
    }
  }

  function handle(action: MidtransAction, method: 'get' | 'post') {
    return http[method](`${baseUrl}/v2/:orderId/${action}`, async ({ request, params }) => {
      const orderId = decodeURIComponent(String(params.orderId))
      const raw = await request.text()
      let body: unknown
      try {
        body = raw ? JSON.parse(raw) : undefined
      } catch {
        body = raw
      }
      requests.push({
        method: request.method,
        url: request.url,
        action,
        orderId,
        authorization: request.headers.get('authorization'),
        accept: request.headers.get('accept'),
        contentType: request.headers.get('content-type'),
        body,
      })

      const faulty = await applyFault(orderId, action)
      if (faulty) return faulty

      if (request.headers.get('authorization') !== expectedAuth) {
        return HttpResponse.json(
          { status_code: '401', status_message: 'Unknown Merchant server_key/id', id: 'fake' },
          { status: 401 },
        )
      }
      const transaction = transactions.get(orderId)
      if (!transaction) {
        return HttpResponse.json({ status_code: '404', status_message: "Transaction doesn't exist." })
      }
      if (action === 'status') return HttpResponse.json(transaction)
      if (action === 'cancel') return HttpResponse.json(cancel(orderId, transaction))
      return HttpResponse.json(refund(orderId, transaction, body))
    })
  }

  function cancel(orderId: string, t: FakeMidtransTransaction) {
    if (!['pending', 'capture', 'authorize'].includes(t.transaction_status)) {
      return { status_code: '412', status_message: 'Merchant cannot modify the status of the transaction' }
    }
    return {
      ...setTransaction(orderId, { transaction_status: 'cancel', status_code: '200' }),
      status_message: 'Success, transaction is canceled',
    }
  }

  function refund(orderId: string, t: FakeMidtransTransaction, body: unknown): Record<string, unknown> {
    const request = (body ?? {}) as { refund_key?: unknown; amount?: unknown; reason?: unknown }
    const previous = typeof request.refund_key === 'string' ? refunds.get(request.refund_key) : undefined
    if (previous) return previous
    if (manualRefundTypes.has(t.payment_type)) {
      return { status_code: '412', status_message: 'Payment type does not support refund' }
    }
    if (!['settlement', 'partial_refund'].includes(t.transaction_status)) {
      return { status_code: '412', status_message: 'Transaction status cannot be refunded' }
    }
    const gross = Number.parseFloat(t.gross_amount)
    const already = Number.parseFloat(t.refund_amount ?? '0')
    const amount = typeof request.amount === 'number' ? request.amount : gross - already
    if (amount <= 0 || already + amount > gross) {
      return { status_code: '412', status_message: 'Refund amount exceeds the remaining amount' }
    }
    const total = already + amount
    const updated = setTransaction(orderId, {
      transaction_status: total >= gross ? 'refund' : 'partial_refund',
      status_code: '200',
      refund_amount: rupiahString(total),
    })
    const answer = {
      status_code: '200',
      status_message: 'Success, refund request is approved',
      transaction_id: updated.transaction_id,
      order_id: orderId,
      gross_amount: updated.gross_amount,
      currency: 'IDR',
      payment_type: updated.payment_type,
      transaction_time: updated.transaction_time,
      transaction_status: updated.transaction_status,
      refund_chargeback_id: counter,
      refund_amount: rupiahString(amount),
      refund_key: typeof request.refund_key === 'string' ? request.refund_key : `fake-refund-${counter}`,
    }
    refunds.set(answer.refund_key, answer)
    return answer
  }

  return {
    baseUrl,
    handlers: [handle('status', 'get'), handle('cancel', 'post'), handle('refund', 'post')],
    /** Every request that reached the fake, oldest first. */
    requests,
    setTransaction,
    getTransaction: (orderId: string) => transactions.get(orderId),
    fail,
    notification,
    /** Forgets transactions, refunds, faults and recorded requests (call in afterEach). */
    reset() {
      transactions.clear()
      refunds.clear()
      requests.length = 0
      faults = []
    },
  }
}

type FakeMidtrans = ReturnType<typeof createFakeMidtrans>
