/**
 * POST /webhooks/midtrans over a real database, with Midtrans' status API answered by MSW: the status API is the
 * only truth (a notification's unsigned words never change a payment), forged and reused signatures, an
 * unreachable or unsure status API (503, nothing changes, the retry applies), amounts compared exactly, repeats
 * and simultaneous deliveries, and the staff alert of money arriving for a cancelled order reaching Telegram.
 */
import { Bot } from 'grammy'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTelegramStaffSender } from '../../../adapters/telegram/sender.ts'
import type { Database } from '../../../src/db/client.ts'
import { createMidtransGateway } from '../../../src/gateways/midtrans.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createOutboxWorker } from '../../../src/services/notifications/outbox.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs, testMidtransServerKey } from '../../helpers/http.ts'
import { buildServices } from '../../helpers/services.ts'
import { createFakeMidtrans } from '../../msw/midtrans.ts'
import { createFakeTelegram, testBotInfo, testBotToken } from '../../msw/telegram.ts'

const midtrans = createFakeMidtrans({ serverKey: testMidtransServerKey })
const telegram = createFakeTelegram()
const mswServer = setupServer(...midtrans.handlers, ...telegram.handlers)

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  midtrans.reset()
  telegram.clear()
  mswServer.resetHandlers()
})
afterAll(() => mswServer.close())

const order = 'ORD-2025-002'
const payAsBca = {
  gross_amount: 264_000,
  payment_type: 'bank_transfer',
  va_numbers: [{ bank: 'bca', va_number: '8808123456789012' }],
}

function midtransGateway() {
  return createMidtransGateway({ serverKey: testMidtransServerKey, timeoutMs: 2000, baseUrl: midtrans.baseUrl })
}

describe.each(testDbKinds)('POST /webhooks/midtrans (%s)', (kind) => {
  let db: Database
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await db.close()
  })

  const build = (options: { midtransConfirmTimeoutMs?: number } = {}) =>
    buildTestServer(db, { paymentGateway: midtransGateway(), ...options })
  const payment = () => db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: order } } })
  const orderRow = () => db.prisma.order.findUniqueOrThrow({ where: { orderNumber: order } })
  const paymentNotifications = () => db.prisma.notification.count({ where: { kind: 'payment_completed' } })
  const statusAsks = () => midtrans.requests.filter((r) => r.action === 'status').length
  const send = (app: ReturnType<typeof buildTestServer>, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/webhooks/midtrans', payload })

  it('a valid settlement completes the payment once; its redelivery changes nothing more', async () => {
    const app = build()
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
    expect(statusAsks()).toBe(1)
    expect(await paymentNotifications()).toBe(1)
    expect((await payment()).updatedAt).toEqual(paid.updatedAt)
    expect(await db.prisma.processedEvent.count({ where: { source: 'midtrans' } })).toBe(1)
    await app.close()
  })

  it('ten simultaneous deliveries of one settlement apply it exactly once', async () => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    const body = midtrans.notification(order)
    const results = await Promise.all(Array.from({ length: 10 }, () => send(app, body)))
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200))
    const outcomes = results.map((r) => r.json().result)
    expect(outcomes.filter((r) => r === 'updated')).toHaveLength(1)
    expect(outcomes.filter((r) => r !== 'updated').every((r) => r === 'duplicate')).toBe(true)
    expect(await paymentNotifications()).toBe(1)
    expect(await db.prisma.auditLog.count({ where: { action: 'payment.status' } })).toBe(1)
    await app.close()
  })

  it('a forged or tampered notification is 401 and changes nothing', async () => {
    const app = build()
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
    expect(statusAsks()).toBe(0)
    await app.close()
  })

  it('a pending signature reused with "cancel" is refused: its status_code does not fit, nothing changes', async () => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'pending', ...payAsBca })
    const reused = midtrans.notification(order, { transaction_status: 'cancel' })
    const res = await send(app, reused)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('inconsistent_status')
    expect((await payment()).status).toBe('PENDING')
    expect((await orderRow()).status).toBe('PENDING')
    expect(await db.prisma.processedEvent.count()).toBe(0)
    await app.close()
  })

  it('a settlement signature reused with "refund" leaves the paid order paid: Midtrans says settlement', async () => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    expect((await send(app, midtrans.notification(order))).json().result).toBe('updated')
    const reused = midtrans.notification(order, { transaction_status: 'refund' })
    const res = await send(app, reused)
    expect(res.statusCode).toBe(200)
    expect(res.json().result).toBe('unchanged')
    expect((await payment()).status).toBe('COMPLETED')
    expect((await orderRow()).status).toBe('PROCESSING')
    expect(await db.prisma.auditLog.count({ where: { action: 'payment.status' } })).toBe(1)
    await app.close()
  })

  it('a notification saying "cancel" changes nothing while Midtrans says the payment is pending', async () => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'cancel', ...payAsBca })
    const cancel = midtrans.notification(order)
    midtrans.setTransaction(order, { transaction_status: 'pending' })
    const res = await send(app, cancel)
    expect(res.json()).toEqual({ success: true, result: 'unchanged' })
    expect((await payment()).status).toBe('PENDING')
    await app.close()
  })

  it('a pending notification arriving after the settlement does not undo it', async () => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    const settlement = midtrans.notification(order)
    midtrans.setTransaction(order, { transaction_status: 'pending' })
    const pending = midtrans.notification(order)

    midtrans.setTransaction(order, { transaction_status: 'settlement' })
    expect((await send(app, settlement)).json().result).toBe('updated')
    midtrans.setTransaction(order, { transaction_status: 'pending' })
    const late = await send(app, pending)
    expect(late.statusCode).toBe(200)
    expect(late.json().result).toBe('unchanged')
    expect((await payment()).status).toBe('COMPLETED')
    expect((await orderRow()).status).toBe('PROCESSING')
    expect(await paymentNotifications()).toBe(1)
    await app.close()
  })

  it('expire for a pending payment marks it EXPIRED', async () => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'expire', ...payAsBca })
    const res = await send(app, midtrans.notification(order))
    expect(res.json()).toEqual({ success: true, result: 'updated' })
    expect((await payment()).status).toBe('EXPIRED')
    expect(await paymentNotifications()).toBe(0)
    await app.close()
  })

  it('the status API is asked and its answer wins over a stale notification', async () => {
    const app = build()
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

  const outages = [
    ['unreachable', { kind: 'network' }],
    ['failing with HTTP 500', { kind: 'http', status: 500 }],
    ['answering 404', { kind: 'body', body: { status_code: '404', status_message: "Transaction doesn't exist." } }],
    [
      'answering a cancel with status_code 201',
      { kind: 'body', body: { status_code: '201', transaction_status: 'cancel' } },
    ],
  ] as const

  it.each(outages)('while the status API is %s: 503, nothing changes, and the retry applies', async (_name, fault) => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'expire', ...payAsBca })
    const body = midtrans.notification(order)
    midtrans.fail(fault, { times: 1 })

    const res = await send(app, body)
    expect(res.statusCode).toBe(503)
    expect(res.json().error.code).toBe('gateway_unavailable')
    expect((await payment()).status).toBe('PENDING')
    expect(await db.prisma.processedEvent.count()).toBe(0)
    expect(await db.prisma.auditLog.count()).toBe(0)

    const retry = await send(app, body)
    expect(retry.json()).toEqual({ success: true, result: 'updated' })
    expect((await payment()).status).toBe('EXPIRED')
    await app.close()
  })

  it('when the status API is too slow, Midtrans is answered 503 in time and nothing changes', async () => {
    const app = build({ midtransConfirmTimeoutMs: 100 })
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca })
    midtrans.fail({ kind: 'delay', ms: 1500 }, { times: 1 })
    const started = Date.now()
    const res = await send(app, midtrans.notification(order))
    expect(res.statusCode).toBe(503)
    expect(Date.now() - started).toBeLessThan(1400)
    expect((await payment()).status).toBe('PENDING')
    expect(await paymentNotifications()).toBe(0)
    // The slow answer still arrives later; it must not apply anything on its own.
    await new Promise((resolve) => setTimeout(resolve, 1600))
    expect((await payment()).status).toBe('PENDING')
    await app.close()
  })

  it('a settlement of Rp264.000,50 for a Rp264.000 order is not a payment: nothing changes, staff hear once', async () => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'settlement', ...payAsBca, gross_amount: '264000.50' })
    const body = midtrans.notification(order)
    const res = await send(app, body)
    expect(res.statusCode).toBe(200)
    expect(res.json().result).toBe('unchanged')
    expect((await payment()).status).toBe('PENDING')
    expect((await orderRow()).status).toBe('PENDING')
    expect(await paymentNotifications()).toBe(0)
    expect((await send(app, body)).json().result).toBe('duplicate')
    const alerts = await db.prisma.notification.findMany({ where: { kind: 'payment_amount_mismatch' } })
    expect(alerts.map((a) => [a.audience, a.payload])).toEqual([
      ['admin', { orderNumber: order, expected: 264_000, reported: '264000.50' }],
    ])
    // The right amount, signed, for the same transaction and status is no repeat of the wrong one.
    midtrans.setTransaction(order, { transaction_status: 'settlement', gross_amount: 264_000 })
    const right = await send(app, midtrans.notification(order))
    expect(right.json().result).toBe('updated')
    expect((await payment()).status).toBe('COMPLETED')
    await app.close()
  })

  it('money for an order cancelled meanwhile reaches staff on Telegram as an alert they can read', async () => {
    const app = build()
    const services = buildServices(db, { paymentGateway: midtransGateway() })
    midtrans.setTransaction(order, { transaction_status: 'pending', ...payAsBca })
    await services.orders.cancelOrder('cust-adi', order, 'ganti ukuran')
    midtrans.setTransaction(order, { transaction_status: 'settlement' })

    const res = await send(app, midtrans.notification(order))
    expect(res.json().result).toBe('updated')
    expect((await payment()).status).toBe('COMPLETED')
    expect((await orderRow()).status).toBe('CANCELLED')

    const staffChat = '-100777'
    const bot = new Bot(testBotToken, { botInfo: testBotInfo })
    const outbox = createOutboxWorker({
      prisma: db.prisma,
      log: silentLogger(),
      staffSenders: [createTelegramStaffSender({ api: bot.api, chatId: staffChat })],
    })
    const run = await outbox.runOnce()
    expect(run).toMatchObject({ sent: 1, failed: 0 })
    const alert = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'payment_after_cancel' } })
    expect(alert.status).toBe('SENT')
    const [text] = telegram.textsTo(staffChat)
    expect(text).toContain(order)
    expect(text).toContain('Rp264.000')
    await app.close()
  })

  it('a signed notification with a status we do not know is acknowledged and ignored', async () => {
    const app = build()
    midtrans.setTransaction(order, { transaction_status: 'teleported', ...payAsBca })
    const res = await send(app, midtrans.notification(order))
    expect(res.json()).toEqual({ success: true, result: 'ignored' })
    expect((await payment()).status).toBe('PENDING')
    expect(await db.prisma.processedEvent.count()).toBe(0)
    await app.close()
  })

  it('an unknown order is 404 and its event is not kept, so a retry is processed', async () => {
    const app = build()
    midtrans.setTransaction('ORD-2099-999', { transaction_status: 'settlement', gross_amount: 10_000 })
    const res = await send(app, midtrans.notification('ORD-2099-999'))
    expect(res.statusCode).toBe(404)
    expect(res.json().success).toBe(false)
    expect(await db.prisma.processedEvent.count()).toBe(0)
    await app.close()
  })

  it('a malformed notification is 400 naming the field', async () => {
    const app = build()
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
