/**
 * request_return's rules on a real database: only the owner's delivered orders inside the window, only that
 * order's items and quantities, one open request per item, a wanted size that exists and is in stock. A refusal
 * stages nothing, and someone else's order is "not found" with nothing of it shown. Refunds: the gateway route
 * with a Midtrans failure retried under the same refund key and applied once; transfers need the account, which
 * is shown masked.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createMidtransGateway } from '../../../src/gateways/midtrans.ts'
import { requestReturn } from '../../../tools/request-return.ts'
import { returnStatus } from '../../../tools/return-status.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs, testMidtransServerKey } from '../../helpers/http.ts'
import { buildServices } from '../../helpers/services.ts'
import { createToolContext } from '../../helpers/tool-context.ts'
import { createFakeMidtrans } from '../../msw/midtrans.ts'

const midtrans = createFakeMidtrans({ serverKey: testMidtransServerKey })
const mswServer = setupServer(...midtrans.handlers)
beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }))
afterEach(() => midtrans.reset())
afterAll(() => mswServer.close())

const DAY = 86_400_000

async function deliver(db: Database, orderNumber: string, daysAgo: number) {
  const order = await db.prisma.order.update({ where: { orderNumber }, data: { status: 'DELIVERED' } })
  const shipment = await db.prisma.shippingTracking.findFirst({ where: { orderId: order.id } })
  const deliveredAt = new Date(Date.now() - daysAgo * DAY)
  if (shipment) {
    await db.prisma.shippingTracking.update({
      where: { id: shipment.id },
      data: { currentStatus: 'DELIVERED', deliveredAt },
    })
  } else {
    await db.prisma.shippingTracking.create({
      data: {
        orderId: order.id,
        trackingNumber: `JT${orderNumber.replace(/\D/g, '')}`,
        carrier: 'jnt',
        currentStatus: 'DELIVERED',
        deliveredAt,
      },
    })
  }
}

describe.each(testDbKinds)('request_return rules (%s)', (kind) => {
  let db: Database
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await db.close()
  })

  const staged = () => db.prisma.pendingAction.count({ where: { action: 'request_return' } })

  it('asks an unverified sender to verify, and tells another customer the order does not exist', async () => {
    await deliver(db, 'ORD-2025-004', 1)
    const input = { orderNumber: 'ORD-2025-004', reason: 'kekecilan', resolution: 'refund' }
    const anonymous = await runTool(requestReturn, await createToolContext(db), input)
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'verification_required' } })

    const adi = await runTool(requestReturn, await createToolContext(db, { customerId: 'cust-adi' }), input)
    expect(adi).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    const text = requestReturn.render(adi, 'id').text
    expect(text).not.toMatch(/KAOS|Kaos|Rp|DELIVERED|diterima/)
    expect(requestReturn.render(adi, 'id').buttons ?? []).toEqual([])
    expect(await staged()).toBe(0)
  })

  it.each([
    ['ORD-2025-001', 'cust-adi', 'not_delivered', 'belum diterima'],
    ['ORD-2025-003', 'cust-adi', 'outside_window', 'sudah lewat'],
  ])('refuses %s (%s): %s, with no button', async (orderNumber, customerId, reason, words) => {
    const ctx = await createToolContext(db, { customerId })
    const result = await runTool(requestReturn, ctx, { orderNumber, reason: 'tidak pas', resolution: 'refund' })
    expect(result).toMatchObject({ ok: false, error: { code: 'return_not_allowed', details: { reason } } })
    const reply = requestReturn.render(result, 'id')
    expect(reply.text).toContain(words)
    expect(reply.buttons ?? []).toEqual([])
    expect(await staged()).toBe(0)
  })

  it('refuses items and quantities not in the order, and a size that does not exist or is sold out, naming the sizes in stock', async () => {
    await deliver(db, 'ORD-2025-003', 2) // Adi: KEMEJA-001-M x1; stock S 3, M 4, L 5
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const exchange = (item: Record<string, unknown>) =>
      runTool(requestReturn, ctx, {
        orderNumber: 'ORD-2025-003',
        items: [item],
        reason: 'kebesaran',
        resolution: 'exchange',
      })

    expect(await exchange({ sku: 'KAOS-001-M', wantedSize: 'S' })).toMatchObject({
      error: { details: { reason: 'item_not_in_order', skus: ['KEMEJA-001-M'] } },
    })
    expect(await exchange({ sku: 'KEMEJA-001-M', quantity: 2, wantedSize: 'S' })).toMatchObject({
      error: { details: { reason: 'quantity_too_high', left: 1 } },
    })
    const xl = await exchange({ sku: 'KEMEJA-001-M', wantedSize: 'XL' })
    expect(xl).toMatchObject({ error: { details: { reason: 'size_unavailable' } } })
    expect(requestReturn.render(xl, 'id').text).toBe(
      'Maaf, ukuran XL tidak tersedia untuk ditukar. Ukuran yang tersedia: S, L.',
    )
    expect(requestReturn.render(xl, 'en').text).toContain('Sizes in stock: S, L.')

    await db.prisma.inventory.update({ where: { sku: 'KEMEJA-001-L' }, data: { quantity: 0 } })
    const soldOut = await exchange({ sku: 'KEMEJA-001-M', wantedSku: 'KEMEJA-001-L' })
    expect(requestReturn.render(soldOut, 'id').text).toContain('Ukuran yang tersedia: S.')
    expect(await exchange({ sku: 'KEMEJA-001-M', wantedSize: 'M' })).toMatchObject({
      error: { details: { reason: 'same_size' } },
    })
    expect(await exchange({ sku: 'KEMEJA-001-M', wantedSku: 'JAKET-001-M' })).toMatchObject({
      error: { details: { reason: 'exchange_other_product' } },
    })
    expect(await staged()).toBe(0)
  })

  it('allows one open request per item', async () => {
    await deliver(db, 'ORD-2025-004', 1) // Siti: KAOS-001-S x2, OVO
    const services = buildServices(db)
    const input = {
      orderNumber: 'ORD-2025-004',
      items: [{ sku: 'KAOS-001-S', quantity: 1 }],
      reason: 'cacat',
      resolution: 'refund' as const,
    }
    await services.returns.create('cust-siti', input, { actor: 'customer:cust-siti' })
    await expect(services.returns.create('cust-siti', input, { actor: 'customer:cust-siti' })).rejects.toMatchObject({
      code: 'return_not_allowed',
      details: { reason: 'already_requested' },
    })
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const status = await runTool(returnStatus, ctx, { orderNumber: 'ORD-2025-004' })
    expect(returnStatus.render(status, 'id').text).toContain(
      'ORD-2025-004-R1 (pesanan ORD-2025-004): retur, dana Rp79.000, menunggu persetujuan tim kami',
    )
    expect(returnStatus.render(status, 'en').text).toContain('return, refund Rp79.000, waiting for our team to approve')
    const foreign = await runTool(returnStatus, await createToolContext(db, { customerId: 'cust-adi' }), {
      orderNumber: 'ORD-2025-004',
    })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
  })

  it('refunds an e-wallet payment through Midtrans: a failed request is retried with the same key and applied once', async () => {
    await deliver(db, 'ORD-2025-004', 1)
    const gateway = createMidtransGateway({
      serverKey: testMidtransServerKey,
      timeoutMs: 1000,
      baseUrl: midtrans.baseUrl,
    })
    const services = buildServices(db, { paymentGateway: gateway })
    midtrans.setTransaction('ORD-2025-004', {
      transaction_status: 'settlement',
      gross_amount: 170_000,
      payment_type: 'gopay',
    })
    const created = await services.returns.create(
      'cust-siti',
      {
        orderNumber: 'ORD-2025-004',
        items: [{ sku: 'KAOS-001-S', quantity: 1 }],
        reason: 'cacat jahitan',
        resolution: 'refund',
      },
      { actor: 'customer:cust-siti' },
    )
    expect(created).toMatchObject({ refundAmount: 79_000, refundMethod: 'gateway' })
    await services.returns.approve(created.number, 'console:owner')

    midtrans.fail({ kind: 'http', status: 500 }, { action: 'refund', times: 1 })
    const received = await services.returns.receive(created.number, 'console:owner')
    expect(received.status).toBe('REFUND_PENDING')
    const task = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'return_refund' } })
    expect(task).toMatchObject({ status: 'PENDING', attempts: 1 })

    expect(await services.returns.retryRefund(created.number)).toBe('refunded')
    expect(await services.returns.retryRefund(created.number)).toBe('nothing_to_do')
    const refunds = midtrans.requests.filter((r) => r.action === 'refund')
    expect(refunds).toHaveLength(2)
    expect(new Set(refunds.map((r) => (r.body as { refund_key: string }).refund_key))).toEqual(
      new Set([`${created.number}-refund`]),
    )
    expect(refunds[1]?.body).toMatchObject({ amount: 79_000 })
    expect(midtrans.getTransaction('ORD-2025-004')).toMatchObject({
      transaction_status: 'partial_refund',
      refund_amount: '79000.00',
    })
    expect((await services.returns.get(created.number)).status).toBe('REFUNDED')
    const told = await db.prisma.notification.findMany({ where: { kind: 'return_update' } })
    expect(told.filter((n) => (n.payload as { step: string }).step === 'refunded')).toHaveLength(1)
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('SENT')
  })

  it('asks for the account of a bank-transfer refund, keeps it masked, and staff mark it paid', async () => {
    await deliver(db, 'ORD-2025-001', 1) // Adi, bank transfer: KAOS-001-M + CELANA-001-31
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const base = {
      orderNumber: 'ORD-2025-001',
      items: [{ sku: 'CELANA-001-31' }],
      reason: 'kepanjangan',
      resolution: 'refund',
    }
    const missing = await runTool(requestReturn, ctx, base)
    expect(missing).toMatchObject({ error: { details: { reason: 'refund_account_needed', method: 'bank_transfer' } } })
    expect(requestReturn.render(missing, 'id').text).toContain('Transfer Bank')

    const withAccount = await runTool(requestReturn, ctx, {
      ...base,
      refundAccount: { bank: 'BCA', number: '123 456 7890', holder: 'Adi Mulyana' },
    })
    expect(withAccount).toMatchObject({
      ok: true,
      data: { refundAmount: 59_000, refundAccount: 'BCA ••••7890 a.n. Adi Mulyana' },
    })
    expect(JSON.stringify(withAccount)).not.toContain('123 456')
    expect(requestReturn.render(withAccount, 'id').buttons?.map((b) => b.label)).toEqual(['Ya, ajukan', 'Tidak'])

    const services = buildServices(db)
    const created = await services.returns.create(
      'cust-adi',
      { ...base, resolution: 'refund', refundAccount: { bank: 'BCA', number: '1234567890', holder: 'Adi Mulyana' } },
      { actor: 'customer:cust-adi' },
    )
    expect(created.refundAccount).toBe('BCA ••••7890 a.n. Adi Mulyana')
    await services.returns.approve(created.number, 'telegram:1')
    expect((await services.returns.receive(created.number, 'telegram:1')).status).toBe('REFUND_PENDING')
    const staffTask = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'return_refund_task' } })
    expect(JSON.stringify(staffTask.payload)).toContain('••••7890')
    expect(JSON.stringify(staffTask.payload)).not.toContain('1234567890')
    expect((await services.returns.markRefunded(created.number, 'telegram:1')).status).toBe('REFUNDED')
    await expect(services.returns.markRefunded(created.number, 'telegram:1')).rejects.toMatchObject({
      code: 'return_wrong_state',
    })
  })
})
