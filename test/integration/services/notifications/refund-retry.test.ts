/**
 * A paid order cancelled while Midtrans' refund API is down: the refund is asked for again through the outbox
 * with backoff until Midtrans takes it (REFUNDED), or, after the last try, staff get an alert they can read.
 * Cancelled from outside through POST /api/bot/order/cancel; Midtrans is the MSW fake; real databases.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../../../src/core/types.ts'
import type { Database } from '../../../../src/db/client.ts'
import { createMidtransGateway } from '../../../../src/gateways/midtrans.ts'
import { silentLogger } from '../../../../src/logger.ts'
import { createOutboxWorker } from '../../../../src/services/notifications/outbox.ts'
import {
  createRefundTask,
  refundBackoffMs,
  refundMaxAttempts,
} from '../../../../src/services/notifications/refund-task.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { botAuth, buildTestServer, firstDatabaseTimeoutMs, testMidtransServerKey } from '../../../helpers/http.ts'
import { buildServices } from '../../../helpers/services.ts'
import { createFakeMidtrans } from '../../../msw/midtrans.ts'

const midtrans = createFakeMidtrans({ serverKey: testMidtransServerKey })
const mswServer = setupServer(...midtrans.handlers)
beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  midtrans.reset()
  mswServer.resetHandlers()
})
afterAll(() => mswServer.close())

const order = 'ORD-2025-004'
const amount = 170_000

describe.each(testDbKinds)('refund retry through the outbox (%s)', (kind) => {
  let db: Database
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await db.close()
  })

  function setup() {
    const gateway = createMidtransGateway({
      serverKey: testMidtransServerKey,
      timeoutMs: 1000,
      baseUrl: midtrans.baseUrl,
    })
    const app = buildTestServer(db, { paymentGateway: gateway })
    const services = buildServices(db, { paymentGateway: gateway })
    // A few seconds ahead of the server's clock, which queued the task just before the test's first pass.
    let at = Date.now() + 5000
    const staff: Reply[] = []
    const outbox = createOutboxWorker({
      prisma: db.prisma,
      log: silentLogger(),
      now: () => new Date(at),
      tasks: [createRefundTask({ orders: services.orders })],
      staffSenders: [{ channel: 'telegram', sendToStaff: async (reply) => void staff.push(reply) }],
    })
    return { app, outbox, staff, advance: (ms: number) => (at += ms) }
  }

  const payment = () => db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: order } } })
  const task = () => db.prisma.notification.findFirstOrThrow({ where: { kind: 'refund_request' } })
  const refundCalls = () => midtrans.requests.filter((r) => r.action === 'refund')

  async function cancelWhileMidtransIsDown(app: ReturnType<typeof setup>['app']) {
    midtrans.setTransaction(order, { transaction_status: 'settlement', gross_amount: amount, payment_type: 'gopay' })
    midtrans.fail({ kind: 'network' })
    const res = await app.inject({
      method: 'POST',
      url: '/api/bot/order/cancel',
      headers: botAuth,
      payload: { customerId: 'cust-siti', orderNumber: order, reason: 'salah ukuran' },
    })
    expect(res.statusCode).toBe(200)
    expect((await payment()).status).toBe('REFUND_PENDING')
    expect(await task()).toMatchObject({ audience: 'task', status: 'PENDING', attempts: 1 })
  }

  it('asks again with backoff until Midtrans takes the refund: REFUNDED once, no alert', async () => {
    const { app, outbox, staff, advance } = setup()
    await cancelWhileMidtransIsDown(app)

    expect(await outbox.runOnce()).toMatchObject({ claimed: 0 })
    advance(refundBackoffMs(1))
    expect(await outbox.runOnce()).toMatchObject({ claimed: 1, retried: 1 })
    expect(await task()).toMatchObject({ status: 'PENDING', attempts: 2 })

    mswServer.resetHandlers()
    midtrans.reset()
    midtrans.setTransaction(order, { transaction_status: 'settlement', gross_amount: amount, payment_type: 'gopay' })
    advance(refundBackoffMs(2) - 1)
    expect(await outbox.runOnce()).toMatchObject({ claimed: 0 })
    advance(1)
    expect(await outbox.runOnce()).toMatchObject({ claimed: 1, sent: 1 })

    expect((await payment()).status).toBe('REFUNDED')
    expect(await task()).toMatchObject({ status: 'SENT', attempts: 3 })
    expect(refundCalls().map((r) => (r.body as { refund_key: string }).refund_key)).toEqual(['ORD-2025-004-refund'])
    expect(await db.prisma.auditLog.count({ where: { action: 'payment.refunded' } })).toBe(1)
    expect(await db.prisma.notification.count({ where: { kind: 'refund_failed' } })).toBe(0)
    expect(staff).toHaveLength(0)
    await app.close()
  })

  it('after the last try the task is FAILED and staff are told, once', async () => {
    const { app, outbox, staff, advance } = setup()
    await cancelWhileMidtransIsDown(app)
    for (let attempts = 1; attempts < refundMaxAttempts; attempts++) {
      advance(refundBackoffMs(attempts))
      await outbox.runOnce()
    }
    expect(await task()).toMatchObject({ status: 'FAILED', attempts: refundMaxAttempts })
    expect((await payment()).status).toBe('REFUND_PENDING')
    const alert = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'refund_failed' } })
    expect(alert.audience).toBe('admin')
    expect(alert.payload).toMatchObject({ orderNumber: order, amount, attempts: refundMaxAttempts })

    await outbox.runOnce()
    expect(staff).toHaveLength(1)
    expect(staff[0]?.text).toContain(order)
    expect(staff[0]?.text).toContain('Rp170.000')
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe('SENT')
    advance(24 * 3_600_000)
    expect(await outbox.runOnce()).toMatchObject({ claimed: 0 })
    expect(await db.prisma.notification.count({ where: { kind: 'refund_failed' } })).toBe(1)
    await app.close()
  })

  it('a refund taken at cancel time leaves no task to run', async () => {
    const { app, outbox, advance } = setup()
    midtrans.setTransaction(order, { transaction_status: 'settlement', gross_amount: amount, payment_type: 'gopay' })
    const res = await app.inject({
      method: 'POST',
      url: '/api/bot/order/cancel',
      headers: botAuth,
      payload: { customerId: 'cust-siti', orderNumber: order },
    })
    expect(res.statusCode).toBe(200)
    expect((await payment()).status).toBe('REFUNDED')
    expect(await task()).toMatchObject({ status: 'SENT' })
    advance(refundBackoffMs(1))
    expect(await outbox.runOnce()).toMatchObject({ claimed: 0 })
    expect(refundCalls()).toHaveLength(1)
    await app.close()
  })
})
