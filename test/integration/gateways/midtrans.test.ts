import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { GatewayError, type GatewayFailure } from '../../../src/gateways/errors.ts'
import { createMidtransGateway, midtransProductionUrl } from '../../../src/gateways/midtrans.ts'
import type { PaymentGateway } from '../../../src/gateways/payment.ts'
import { createFakeMidtrans, type MidtransFault } from '../../msw/midtrans.ts'

const serverKey = 'SB-Mid-server-SECRET-abc123XYZ'
// base64("SB-Mid-server-SECRET-abc123XYZ:"), computed outside the code under test.
const basicAuth = 'Basic U0ItTWlkLXNlcnZlci1TRUNSRVQtYWJjMTIzWFlaOg=='

const midtrans = createFakeMidtrans({ serverKey })
const production = createFakeMidtrans({ serverKey, baseUrl: midtransProductionUrl })
const custom = createFakeMidtrans({ serverKey, baseUrl: 'http://midtrans.test:8080/proxy' })
const server = setupServer(...midtrans.handlers, ...production.handlers, ...custom.handlers)

const gateway = createMidtransGateway({ serverKey, timeoutMs: 2000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  for (const fake of [midtrans, production, custom]) fake.reset()
  server.resetHandlers()
})
afterAll(() => server.close())

/** The rejection of `promise`, which must be a GatewayError; fails the test if the call succeeds. */
async function gatewayError(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(GatewayError)
  return error as GatewayError
}

function expectNoSecret(error: GatewayError) {
  expect(error.message).not.toContain(serverKey)
  expect(error.message).not.toContain(basicAuth.slice('Basic '.length))
}

describe('Midtrans gateway: getStatus', () => {
  it('asks GET /v2/{order}/status with Basic auth and maps a settlement', async () => {
    midtrans.setTransaction('ORD-2025-001', {
      transaction_status: 'settlement',
      gross_amount: '150000.00',
      transaction_id: 'TRX-123456',
      payment_type: 'bank_transfer',
      transaction_time: '2025-11-20 15:00:00',
      settlement_time: '2025-11-20 15:30:00',
      va_numbers: [{ bank: 'bca', va_number: '88081234567890' }],
    })

    const status = await gateway.getStatus('ORD-2025-001')

    expect(midtrans.requests).toHaveLength(1)
    const [request] = midtrans.requests
    expect(request).toMatchObject({
      method: 'GET',
      url: 'https://api.sandbox.midtrans.com/v2/ORD-2025-001/status',
      authorization: basicAuth,
      accept: 'application/json',
      body: undefined,
    })
    expect(status).toEqual({
      status: 'COMPLETED',
      rawStatus: 'settlement',
      transactionId: 'TRX-123456',
      paymentType: 'bank_transfer',
      fraudStatus: undefined,
      grossAmount: 150000,
      grossAmountText: '150000.00',
      // 15:30 WIB
      paidAt: new Date('2025-11-20T08:30:00.000Z'),
      vaNumber: '88081234567890',
    })
  })

  it('reports a pending virtual account with its number and no payment time', async () => {
    midtrans.setTransaction('ORD-2025-002', {
      transaction_status: 'pending',
      gross_amount: 264000,
      va_numbers: [{ bank: 'bca', va_number: '8808123456789012' }],
    })
    const status = await gateway.getStatus('ORD-2025-002')
    expect(status).toMatchObject({ status: 'PENDING', rawStatus: 'pending', grossAmount: 264000 })
    expect(status.vaNumber).toBe('8808123456789012')
    expect(status.paidAt).toBeUndefined()
  })

  it.each([
    [{ transaction_status: 'capture', fraud_status: 'accept', payment_type: 'credit_card' }, 'COMPLETED'],
    [{ transaction_status: 'capture', fraud_status: 'challenge', payment_type: 'credit_card' }, 'PENDING'],
    [{ transaction_status: 'authorize', payment_type: 'credit_card' }, 'PENDING'],
    [{ transaction_status: 'deny', payment_type: 'credit_card' }, 'FAILED'],
    [{ transaction_status: 'cancel' }, 'CANCELLED'],
    // Midtrans reports expiry with status_code "407": an answer, not a refusal.
    [{ transaction_status: 'expire' }, 'EXPIRED'],
    [{ transaction_status: 'refund', payment_type: 'gopay' }, 'REFUNDED'],
    [{ transaction_status: 'partial_refund', payment_type: 'gopay' }, 'REFUND_PENDING'],
  ] as const)('maps %j to %s and keeps the raw status', async (fields, expected) => {
    midtrans.setTransaction('ORD-2025-009', { ...fields, gross_amount: 100000 })
    const status = await gateway.getStatus('ORD-2025-009')
    expect(status.status).toBe(expected)
    expect(status.rawStatus).toBe(fields.transaction_status)
    expect(status.paymentType).toBe('payment_type' in fields ? fields.payment_type : 'bank_transfer')
  })

  it('takes the card capture time as payment time when there is no settlement yet', async () => {
    midtrans.setTransaction('ORD-2025-010', {
      transaction_status: 'capture',
      fraud_status: 'accept',
      payment_type: 'credit_card',
      transaction_time: '2025-11-22 09:15:00',
      gross_amount: 170000,
    })
    const status = await gateway.getStatus('ORD-2025-010')
    expect(status).toMatchObject({ status: 'COMPLETED', fraudStatus: 'accept' })
    expect(status.paidAt?.toISOString()).toBe('2025-11-22T02:15:00.000Z')
  })

  it('encodes the order number into the path', async () => {
    midtrans.setTransaction('ORD 2025/x', { transaction_status: 'pending', gross_amount: 1000 })
    await gateway.getStatus('ORD 2025/x')
    expect(midtrans.requests[0]?.url).toBe('https://api.sandbox.midtrans.com/v2/ORD%202025%2Fx/status')
  })

  it('talks to production when asked, and to MIDTRANS_BASE_URL over both', async () => {
    production.setTransaction('ORD-2025-001', { transaction_status: 'settlement', gross_amount: 150000 })
    custom.setTransaction('ORD-2025-001', { transaction_status: 'pending', gross_amount: 150000 })

    const live = createMidtransGateway({ serverKey, production: true, timeoutMs: 2000 })
    expect((await live.getStatus('ORD-2025-001')).status).toBe('COMPLETED')
    expect(production.requests[0]?.url).toBe('https://api.midtrans.com/v2/ORD-2025-001/status')

    const proxied = createMidtransGateway({
      serverKey,
      production: true,
      baseUrl: 'http://midtrans.test:8080/proxy/',
      timeoutMs: 2000,
    })
    expect((await proxied.getStatus('ORD-2025-001')).status).toBe('PENDING')
    expect(custom.requests[0]?.url).toBe('http://midtrans.test:8080/proxy/v2/ORD-2025-001/status')
    expect(midtrans.requests).toHaveLength(0)
  })
})

describe('Midtrans gateway: configuration', () => {
  it('refuses a base URL that is not absolute http(s) when it is created', () => {
    for (const baseUrl of ['api.midtrans.com', 'ftp://api.midtrans.com']) {
      expect(() => createMidtransGateway({ serverKey, baseUrl, timeoutMs: 2000 })).toThrow(/MIDTRANS_BASE_URL/)
    }
  })
})

describe('Midtrans gateway: cancel', () => {
  it('POSTs /v2/{order}/cancel and reports CANCELLED', async () => {
    midtrans.setTransaction('ORD-2025-002', { transaction_status: 'pending', gross_amount: 264000 })

    const result = await gateway.cancel('ORD-2025-002')

    expect(midtrans.requests).toHaveLength(1)
    expect(midtrans.requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.sandbox.midtrans.com/v2/ORD-2025-002/cancel',
      authorization: basicAuth,
      body: undefined,
    })
    expect(result).toMatchObject({ status: 'CANCELLED', rawStatus: 'cancel', grossAmount: 264000 })
    expect(midtrans.getTransaction('ORD-2025-002')?.transaction_status).toBe('cancel')
  })

  it('is refused (412 in a 200 body) for a settled payment', async () => {
    midtrans.setTransaction('ORD-2025-001', { transaction_status: 'settlement', gross_amount: 150000 })
    const error = await gatewayError(gateway.cancel('ORD-2025-001'))
    expect(error).toMatchObject({ gateway: 'midtrans', failure: 'refused', httpStatus: 412 })
    expect(error.message).toContain('cannot modify')
    expect(midtrans.getTransaction('ORD-2025-001')?.transaction_status).toBe('settlement')
  })
})

describe('Midtrans gateway: refund', () => {
  const request = { refundKey: 'refund-ORD-2025-003-1', amount: 139000, reason: 'Pesanan dibatalkan pelanggan' }

  it('POSTs /v2/{order}/refund with refund_key, amount and reason, and reports REFUNDED', async () => {
    midtrans.setTransaction('ORD-2025-003', {
      transaction_status: 'settlement',
      payment_type: 'gopay',
      gross_amount: 139000,
    })

    const result = await gateway.refund('ORD-2025-003', { ...request, paymentType: 'gopay' })

    expect(midtrans.requests).toHaveLength(1)
    expect(midtrans.requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.sandbox.midtrans.com/v2/ORD-2025-003/refund',
      authorization: basicAuth,
      contentType: 'application/json',
    })
    expect(midtrans.requests[0]?.body).toEqual({
      refund_key: 'refund-ORD-2025-003-1',
      amount: 139000,
      reason: 'Pesanan dibatalkan pelanggan',
    })
    expect(result).toEqual({ status: 'REFUNDED', refundKey: 'refund-ORD-2025-003-1', manual: false })
  })

  it('reports a partial refund as still pending', async () => {
    midtrans.setTransaction('ORD-2025-003', {
      transaction_status: 'settlement',
      payment_type: 'gopay',
      gross_amount: 139000,
    })
    const result = await gateway.refund('ORD-2025-003', { ...request, amount: 50000, paymentType: 'gopay' })
    expect(result).toEqual({ status: 'REFUND_PENDING', refundKey: request.refundKey, manual: false })
    expect(midtrans.getTransaction('ORD-2025-003')?.transaction_status).toBe('partial_refund')
  })

  it('sends the same refund_key on a retry, so Midtrans refunds once', async () => {
    midtrans.setTransaction('ORD-2025-003', {
      transaction_status: 'settlement',
      payment_type: 'gopay',
      gross_amount: 139000,
    })
    const first = await gateway.refund('ORD-2025-003', { ...request, paymentType: 'gopay' })
    const second = await gateway.refund('ORD-2025-003', { ...request, paymentType: 'gopay' })
    expect(second).toEqual(first)
    expect(midtrans.requests.map((r) => (r.body as { refund_key: string }).refund_key)).toEqual([
      request.refundKey,
      request.refundKey,
    ])
  })

  it.each(['bank_transfer', 'echannel', 'permata', 'cod'])(
    'does not call Midtrans for %s (virtual accounts and cash on delivery are refunded by hand)',
    async (paymentType) => {
      const result = await gateway.refund('ORD-2025-002', { ...request, paymentType })
      expect(result).toEqual({ status: 'REFUND_PENDING', refundKey: request.refundKey, manual: true })
      expect(midtrans.requests).toHaveLength(0)
    },
  )

  it('asks for the payment type first when the caller does not know it', async () => {
    midtrans.setTransaction('ORD-2025-002', {
      transaction_status: 'settlement',
      payment_type: 'bank_transfer',
      gross_amount: 264000,
    })
    midtrans.setTransaction('ORD-2025-004', {
      transaction_status: 'settlement',
      payment_type: 'credit_card',
      gross_amount: 170000,
    })

    const manual = await gateway.refund('ORD-2025-002', { ...request, amount: 264000 })
    expect(manual).toMatchObject({ status: 'REFUND_PENDING', manual: true })
    expect(midtrans.requests.map((r) => r.action)).toEqual(['status'])

    const card = await gateway.refund('ORD-2025-004', { ...request, amount: 170000 })
    expect(card).toMatchObject({ status: 'REFUNDED', manual: false })
    expect(midtrans.requests.map((r) => `${r.action} ${r.orderId}`)).toEqual([
      'status ORD-2025-002',
      'status ORD-2025-004',
      'refund ORD-2025-004',
    ])
  })
})

describe('Midtrans gateway: failures', () => {
  const calls: [string, (g: PaymentGateway) => Promise<unknown>][] = [
    ['getStatus', (g) => g.getStatus('ORD-2025-002')],
    ['cancel', (g) => g.cancel('ORD-2025-002')],
    [
      'refund',
      (g) => g.refund('ORD-2025-002', { refundKey: 'rk-1', amount: 264000, reason: 'x', paymentType: 'gopay' }),
    ],
  ]
  const faults: [string, MidtransFault, GatewayFailure, number | undefined][] = [
    ['an answer slower than the timeout', { kind: 'delay', ms: 400 }, 'timeout', undefined],
    [
      'HTTP 500',
      { kind: 'http', status: 500, body: { status_code: '500', status_message: 'Internal Server Error' } },
      'refused',
      500,
    ],
    [
      'HTTP 502 with an HTML page',
      { kind: 'raw', status: 502, text: '<html><body>Bad Gateway</body></html>' },
      'refused',
      502,
    ],
    [
      'HTTP 200 with an error body',
      { kind: 'body', body: { status_code: '404', status_message: "Transaction doesn't exist." } },
      'refused',
      404,
    ],
    [
      'HTTP 200 with a 5xx body',
      { kind: 'body', body: { status_code: '505', status_message: 'Unable to create va_number' } },
      'refused',
      505,
    ],
    [
      'malformed JSON',
      { kind: 'raw', text: '{"status_code": "200", "transaction_status": ' },
      'invalid_response',
      undefined,
    ],
    ['an empty body', { kind: 'raw', text: '' }, 'invalid_response', undefined],
    [
      'JSON of the wrong shape',
      { kind: 'body', body: { status_code: 200, transaction_status: ['settlement'] } },
      'invalid_response',
      undefined,
    ],
    ['a JSON array', { kind: 'body', body: [1, 2, 3] }, 'invalid_response', undefined],
    ['an unreachable host', { kind: 'network' }, 'unreachable', undefined],
  ]
  const fast = createMidtransGateway({ serverKey, timeoutMs: 100 })

  describe.each(calls)('%s', (_name, call) => {
    it.each(faults)('%s → %s', async (_label, fault, failure, httpStatus) => {
      midtrans.setTransaction('ORD-2025-002', { transaction_status: 'pending', gross_amount: 264000 })
      midtrans.fail(fault)
      const error = await gatewayError(call(fast))
      expect(error.gateway).toBe('midtrans')
      expect(error.failure).toBe(failure)
      expect(error.httpStatus).toBe(httpStatus)
      expectNoSecret(error)
      // The request really reached the fake (not an unhandled-request error dressed as a failure).
      expect(midtrans.requests.length).toBeGreaterThan(0)
    })
  })

  it('quotes the remote message of a refusal, but never an HTML page', async () => {
    midtrans.fail({ kind: 'http', status: 500, body: { status_code: '500', status_message: 'Internal Server Error' } })
    expect((await gatewayError(gateway.getStatus('ORD-2025-002'))).message).toContain('Internal Server Error')
    midtrans.reset()
    midtrans.fail({ kind: 'raw', status: 502, text: '<html><body>Bad Gateway</body></html>' })
    const error = await gatewayError(gateway.getStatus('ORD-2025-002'))
    expect(error.message).toContain('502')
    expect(error.message).not.toContain('<html>')
  })

  it('refuses an unknown order (Midtrans says 404 inside HTTP 200)', async () => {
    const error = await gatewayError(gateway.getStatus('ORD-2099-999'))
    expect(error).toMatchObject({ failure: 'refused', httpStatus: 404 })
    expect(error.message).toContain("Transaction doesn't exist")
  })

  it('treats a status it does not know, or a status_code that does not fit the status, as an invalid answer', async () => {
    midtrans.setTransaction('ORD-2025-002', { transaction_status: 'chargeback', gross_amount: 264000 })
    expect((await gatewayError(gateway.getStatus('ORD-2025-002'))).failure).toBe('invalid_response')
    midtrans.setTransaction('ORD-2025-002', { transaction_status: 'cancel', status_code: '201', gross_amount: 264000 })
    expect((await gatewayError(gateway.getStatus('ORD-2025-002'))).failure).toBe('invalid_response')
    midtrans.setTransaction('ORD-2025-002', {
      transaction_status: 'settlement',
      gross_amount: 1,
      settlement_time: 'kemarin',
    })
    expect((await gatewayError(gateway.getStatus('ORD-2025-002'))).failure).toBe('invalid_response')
  })

  it('reports a gross_amount that is not whole Rupiah as it was written, with no amount, for the service to refuse', async () => {
    for (const written of ['264000.50', '264.000,00']) {
      midtrans.setTransaction('ORD-2025-002', { transaction_status: 'settlement', gross_amount: written })
      const status = await gateway.getStatus('ORD-2025-002')
      expect(status).toMatchObject({ status: 'COMPLETED', grossAmountText: written })
      expect(status.grossAmount).toBeUndefined()
    }
  })

  it('is refused with 401 for a wrong server key, without repeating that key', async () => {
    const wrongKey = 'SB-Mid-server-WRONG-999'
    midtrans.setTransaction('ORD-2025-002', { transaction_status: 'pending', gross_amount: 264000 })
    const error = await gatewayError(
      createMidtransGateway({ serverKey: wrongKey, timeoutMs: 2000 }).getStatus('ORD-2025-002'),
    )
    expect(error).toMatchObject({ failure: 'refused', httpStatus: 401 })
    expect(error.message).toContain('Unknown Merchant')
    expect(error.message).not.toContain(wrongKey)
  })

  it('cuts the server key out of a remote message that echoes it', async () => {
    midtrans.fail({
      kind: 'http',
      status: 401,
      body: { status_message: `server key ${serverKey} is not valid (${basicAuth})` },
    })
    const error = await gatewayError(gateway.getStatus('ORD-2025-002'))
    expect(error.message).toContain('[redacted]')
    expectNoSecret(error)
  })
})
