import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createMidtransGateway } from '../../../src/gateways/midtrans.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs, testMidtransServerKey } from '../../helpers/http.ts'
import { createFakeMidtrans } from '../../msw/midtrans.ts'

const midtrans = createFakeMidtrans({ serverKey: testMidtransServerKey })
const mswServer = setupServer(...midtrans.handlers)

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  midtrans.reset()
  mswServer.resetHandlers()
})
afterAll(() => mswServer.close())

const order = 'ORD-2025-002'
const payAsBca = {
  gross_amount: 264_000,
  payment_type: 'bank_transfer',
  va_numbers: [{ bank: 'bca', va_number: '8808123456789012' }],
}

describe.each(testDbKinds)('POST /webhooks/midtrans (%s)', (kind) => {
  let db: Database
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await db.close()
  })

  const payment = () => db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: order } } })
  const orderRow = () => db.prisma.order.findUniqueOrThrow({ where: { orderNumber: order } })
  const paymentNotifications = () => db.prisma.notification.count({ where: { kind: 'payment_completed' } })
  const send = (app: ReturnType<typeof buildTestServer>, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/webhooks/midtrans', payload })

  it('a valid settlement completes the payment once; its redelivery changes nothing more', async () => {
    const app = buildTestServer(db)
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    const body = midtrans.notification(order)

    const res = await send(app, body)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, result: 'updated' })
    const paid = await payment()
    expect(paid.status).toBe('COMPLETED')
    expect(paid.paidAt).toBeInstanceOf(Date)
    expect(paid.gatewayStatus).toBe('settlement')
    expect((await orderRow()).status).toBe('PROCESSING')
    expect(await paymentNotifications()).toBe(1)
    const note = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'payment_completed' } })
    expect(note.customerId).toBe('cust-adi')
    expect(note.payload).toMatchObject({ orderNumber: order, amount: 264_000 })

    const again = await send(app, body)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({ success: true, result: 'duplicate' })
    expect(await paymentNotifications()).toBe(1)
    expect((await payment()).updatedAt).toEqual(paid.updatedAt)
    expect(await db.prisma.processedEvent.count({ where: { source: 'midtrans' } })).toBe(1)
    await app.close()
  })

  it('a forged or tampered notification is 401 and changes nothing', async () => {
    const app = buildTestServer(db)
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    const forged = midtrans.notification(order, { signature_key: 'f'.repeat(128) })
    const tampered = midtrans.notification(order, { gross_amount: '1.00' })
    const otherKey = createFakeMidtrans({ serverKey: 'someone-elses-key' })
    otherKey.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })

    for (const body of [forged, tampered, otherKey.notification(order)]) {
      const res = await send(app, body)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ success: false, error: { code: 'unauthorized', message: expect.any(String) } })
    }
    expect((await payment()).status).toBe('PENDING')
    expect((await orderRow()).status).toBe('PENDING')
    expect(await paymentNotifications()).toBe(0)
    expect(await db.prisma.processedEvent.count()).toBe(0)
    await app.close()
  })

  it('a pending notification arriving after the settlement does not undo it', async () => {
    const app = buildTestServer(db)
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    const settlement = midtrans.notification(order)
    midtrans.setTransaction(order, { transaction_status: 'pending' })
    const pending = midtrans.notification(order)

    expect((await send(app, settlement)).json().result).toBe('updated')
    const late = await send(app, pending)
    expect(late.statusCode).toBe(200)
    expect(late.json().result).not.toBe('duplicate')
    expect((await payment()).status).toBe('COMPLETED')
    expect((await orderRow()).status).toBe('PROCESSING')
    expect(await paymentNotifications()).toBe(1)
    await app.close()
  })

  it('expire for a pending payment marks it EXPIRED', async () => {
    const app = buildTestServer(db)
    midtrans.setTransaction(order, { transaction_status: 'expire', ...payAsBca })
    const res = await send(app, midtrans.notification(order))
    expect(res.json()).toEqual({ success: true, result: 'updated' })
    expect((await payment()).status).toBe('EXPIRED')
    expect(await paymentNotifications()).toBe(0)
    await app.close()
  })

  it('with the Midtrans gateway configured, the status API is asked and its answer wins', async () => {
    const gateway = createMidtransGateway({
      serverKey: testMidtransServerKey,
      timeoutMs: 2000,
      baseUrl: midtrans.baseUrl,
    })
    const app = buildTestServer(db, { paymentGateway: gateway })
    // The notification still says pending, but by now Midtrans knows the money arrived.
    midtrans.setTransaction(order, { transaction_status: 'pending', ...payAsBca })
    const stale = midtrans.notification(order)
    midtrans.setTransaction(order, { transaction_status: 'settlement' })

    const res = await send(app, stale)
    expect(res.json()).toEqual({ success: true, result: 'updated' })
    expect(midtrans.requests.map((r) => [r.action, r.orderId])).toEqual([['status', order]])
    expect((await payment()).status).toBe('COMPLETED')
    expect((await orderRow()).status).toBe('PROCESSING')
    await app.close()
  })

  it('when the status API is unreachable, the signed notification’s own status is used', async () => {
    const gateway = createMidtransGateway({
      serverKey: testMidtransServerKey,
      timeoutMs: 2000,
      baseUrl: midtrans.baseUrl,
    })
    const app = buildTestServer(db, { paymentGateway: gateway })
    midtrans.setTransaction(order, { transaction_status: 'expire', ...payAsBca })
    midtrans.fail({ kind: 'network' })

    const res = await send(app, midtrans.notification(order))
    expect(res.statusCode).toBe(200)
    expect(midtrans.requests).toHaveLength(1)
    expect((await payment()).status).toBe('EXPIRED')
    await app.close()
  })

  it('when the status API is too slow, the notification is answered in time from its own status', async () => {
    const gateway = createMidtransGateway({
      serverKey: testMidtransServerKey,
      timeoutMs: 5000,
      baseUrl: midtrans.baseUrl,
    })
    const app = buildTestServer(db, { paymentGateway: gateway, midtransConfirmTimeoutMs: 100 })
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    midtrans.fail({ kind: 'delay', ms: 1500 })
    const started = Date.now()
    const res = await send(app, midtrans.notification(order))
    expect(res.statusCode).toBe(200)
    expect(Date.now() - started).toBeLessThan(1400)
    expect((await payment()).status).toBe('COMPLETED')
    await app.close()
  })

  it('a signed notification with a status we do not know is acknowledged and ignored', async () => {
    const app = buildTestServer(db)
    midtrans.setTransaction(order, { transaction_status: 'teleported', ...payAsBca })
    const res = await send(app, midtrans.notification(order))
    expect(res.json()).toEqual({ success: true, result: 'ignored' })
    expect((await payment()).status).toBe('PENDING')
    expect(await db.prisma.processedEvent.count()).toBe(0)
    await app.close()
  })

  it('an unknown order is 404 and its event is not kept, so a retry is processed', async () => {
    const app = buildTestServer(db)
    midtrans.setTransaction('ORD-2099-999', { transaction_status: 'settlement', gross_amount: 10_000 })
    const res = await send(app, midtrans.notification('ORD-2099-999'))
    expect(res.statusCode).toBe(404)
    expect(res.json().success).toBe(false)
    expect(await db.prisma.processedEvent.count()).toBe(0)
    await app.close()
  })

  it('a malformed notification is 400 naming the field', async () => {
    const app = buildTestServer(db)
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    const { signature_key: _drop, ...unsigned } = midtrans.notification(order)
    const res = await send(app, unsigned)
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'invalid_input', field: 'signature_key' })
    expect((await payment()).status).toBe('PENDING')
    await app.close()
  })

  it('the route is absent when no server key is configured', async () => {
    const app = buildTestServer(db, { config: { BOT_API_TOKEN: 'x' } })
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    const res = await send(app, midtrans.notification(order))
    expect(res.statusCode).toBe(404)
    expect((await payment()).status).toBe('PENDING')
    await app.close()
  })
})
