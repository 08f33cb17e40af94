/**
 * What follows the staff steps without staff: a return's gateway refund whose first request failed is asked for
 * again by the outbox's return_refund task (Midtrans is the MSW fake: first HTTP 500, then success) with the same
 * refund key, applied once; and an approved exchange whose parcel never came expires in the housekeeping pass,
 * its reserved size back in stock and the customer told. Real databases.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { createMidtransGateway } from '../../../../src/gateways/midtrans.ts'
import { silentLogger } from '../../../../src/logger.ts'
import { createHousekeeping } from '../../../../src/services/housekeeping/housekeeping.ts'
import { createOutboxWorker } from '../../../../src/services/notifications/outbox.ts'
import { refundBackoffMs, refundMaxAttempts } from '../../../../src/services/notifications/refund-task.ts'
import { renderCustomerNotification } from '../../../../src/services/notifications/render-notification.ts'
import { createReturnRefundTask } from '../../../../src/services/notifications/return-refund-task.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { firstDatabaseTimeoutMs, testMidtransServerKey } from '../../../helpers/http.ts'
import { adiExchange, adiGatewayRefund, deliveredRecently } from '../../../helpers/returns.ts'
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

describe.each(testDbKinds)('returns without staff (%s)', (kind) => {
  let db: Database
  let at: number
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    at = Date.now()
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
    const services = buildServices(db, { paymentGateway: gateway, now: () => new Date(at) })
    const outbox = createOutboxWorker({
      prisma: db.prisma,
      log: silentLogger(),
      now: () => new Date(at),
      tasks: [createReturnRefundTask({ returns: services.returns })],
    })
    return { services, outbox }
  }
  const refundCalls = () => midtrans.requests.filter((r) => r.action === 'refund')
  const task = () => db.prisma.notification.findFirstOrThrow({ where: { kind: 'return_refund' } })

  it('retries the refund after a Midtrans 500 with the same key: refunded once, the customer told the amount', async () => {
    const { services, outbox } = setup()
    await deliveredRecently(db.prisma, 'ORD-2025-003', new Date(at))
    midtrans.setTransaction('ORD-2025-003', {
      transaction_status: 'settlement',
      gross_amount: 139_000,
      payment_type: 'gopay',
    })
    const request = await adiGatewayRefund(services.returns)
    expect(request.refundAmount).toBe(129_000)
    await services.returns.approve(request.number, 'console:staff')

    midtrans.fail({ kind: 'http', status: 500 }, { action: 'refund', times: 1 })
    const received = await services.returns.receive(request.number, 'console:staff')
    expect(received.status).toBe('REFUND_PENDING')
    expect(await task()).toMatchObject({ audience: 'task', status: 'PENDING', attempts: 1 })

    at += refundBackoffMs(1)
    await outbox.runOnce()
    expect((await services.returns.get(request.number)).status).toBe('REFUNDED')
    expect(await task()).toMatchObject({ status: 'SENT' })
    expect(refundCalls().map((r) => r.body)).toEqual([
      expect.objectContaining({ refund_key: `${request.number}-refund`, amount: 129_000 }),
      expect.objectContaining({ refund_key: `${request.number}-refund`, amount: 129_000 }),
    ])
    expect(midtrans.getTransaction('ORD-2025-003')?.refund_amount).toBe('129000.00')
    expect(await db.prisma.auditLog.count({ where: { action: 'return.refunded' } })).toBe(1)

    const refunded = await db.prisma.notification.findMany({ where: { kind: 'return_update', customerId: 'cust-adi' } })
    const notice = refunded.find((n) => (n.payload as { step: string }).step === 'refunded')
    expect(renderCustomerNotification('return_update', notice?.payload, 'id', { shopName: 'x' })?.text).toContain(
      'Rp129.000',
    )
    // Nothing left to run, and a late retry changes nothing.
    at += 24 * 3_600_000
    await outbox.runOnce()
    expect(await services.returns.retryRefund(request.number)).toBe('nothing_to_do')
    expect(refundCalls()).toHaveLength(2)
  })

  it('gives up after the last try and alerts staff with the return number and amount', async () => {
    const { services, outbox } = setup()
    await deliveredRecently(db.prisma, 'ORD-2025-003', new Date(at))
    midtrans.setTransaction('ORD-2025-003', {
      transaction_status: 'settlement',
      gross_amount: 139_000,
      payment_type: 'gopay',
    })
    const request = await adiGatewayRefund(services.returns)
    await services.returns.approve(request.number, 'console:staff')
    midtrans.fail({ kind: 'http', status: 500 }, { action: 'refund' })
    await services.returns.receive(request.number, 'console:staff')
    for (let attempts = 1; attempts < refundMaxAttempts; attempts++) {
      at += refundBackoffMs(attempts)
      await outbox.runOnce()
    }
    expect(await task()).toMatchObject({ status: 'FAILED', attempts: refundMaxAttempts })
    const alert = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'return_refund_failed' } })
    expect(alert).toMatchObject({ audience: 'admin' })
    expect(alert.payload).toMatchObject({ returnNumber: request.number, amount: 129_000, attempts: refundMaxAttempts })
    expect((await services.returns.get(request.number)).status).toBe('REFUND_PENDING')
  })

  it('expires an approved exchange whose parcel never came, in the housekeeping pass: the size goes back', async () => {
    const { services } = setup()
    await deliveredRecently(db.prisma, 'ORD-2025-001', new Date(at))
    const stockL = async () => (await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'KAOS-001-L' } })).quantity
    const before = await stockL()
    const request = await adiExchange(services.returns)
    expect(await stockL()).toBe(before - 1)
    await services.returns.approve(request.number, 'console:staff')
    const housekeeping = createHousekeeping({
      sql: db.sql,
      log: silentLogger(),
      now: () => new Date(at),
      expireReturns: () => services.returns.expireOverdue(),
    })
    await housekeeping.runOnce()
    expect((await services.returns.get(request.number)).status).toBe('APPROVED')

    at += (services.returns.policy.parcelDays + 1) * 86_400_000
    await housekeeping.runOnce()
    expect((await services.returns.get(request.number)).status).toBe('EXPIRED')
    expect(await stockL()).toBe(before)
    await housekeeping.runOnce()
    expect(await stockL()).toBe(before)
    const expired = await db.prisma.notification.findMany({ where: { kind: 'return_update', customerId: 'cust-adi' } })
    expect(expired.map((n) => (n.payload as { step: string }).step)).toEqual(['approved', 'expired'])
    expect(await db.prisma.auditLog.count({ where: { action: 'return.expired', actor: 'system:return_expiry' } })).toBe(
      1,
    )
  })
})
