import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { findOrders } from '../../../tools/find-orders.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('find_orders on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('finds the customer’s own order by its waybill, loosely written', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(findOrders, ctx, { waybill: 'jne123456789' })
    expect(result).toMatchObject({
      ok: true,
      data: { query: 'JNE123456789', orders: [{ orderNumber: 'ORD-2025-001', trackingNumber: 'JNE123456789' }] },
    })
  })

  it('another customer’s waybill is simply not found', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(findOrders, ctx, { waybill: 'JNE123456789' })
    expect(result).toMatchObject({ ok: true, data: { orders: [] } })
    expect(findOrders.render(result, 'id').text).toContain('tidak ditemukan')
    expect(findOrders.render(result, 'en').text).not.toContain('ORD-2025-001 ')
  })

  it('finds Siti’s delivered ORD-2025-006 by its J&T waybill', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(findOrders, ctx, { waybill: 'jt0012345678' })
    expect(result).toMatchObject({
      ok: true,
      data: { orders: [{ orderNumber: 'ORD-2025-006', trackingNumber: 'JT0012345678', status: 'DELIVERED' }] },
    })
    const adi = await createToolContext(db, { customerId: 'cust-adi' })
    expect(await runTool(findOrders, adi, { waybill: 'JT0012345678' })).toMatchObject({ data: { orders: [] } })
  })

  it('lists the unpaid orders, and says so when there are none', async () => {
    const adi = await createToolContext(db, { customerId: 'cust-adi' })
    const unpaid = await runTool(findOrders, adi, { which: 'unpaid' })
    expect(unpaid).toMatchObject({
      ok: true,
      data: { orders: [{ orderNumber: 'ORD-2025-002', paymentStatus: 'PENDING' }] },
    })
    expect(findOrders.render(unpaid, 'en').text).toContain('Rp264.000')
    // Siti's delivered, paid ORD-2025-006 is not among her unpaid orders; the COD ORD-2025-005 is.
    const siti = await createToolContext(db, { customerId: 'cust-siti' })
    expect(await runTool(findOrders, siti, { which: 'unpaid' })).toMatchObject({
      ok: true,
      data: { orders: [{ orderNumber: 'ORD-2025-005' }] },
    })
    const budi = await createToolContext(db, { customerId: 'cust-budi' })
    expect(findOrders.render(await runTool(findOrders, budi, { which: 'unpaid' }), 'id').text).toContain(
      'Tidak ada pesanan',
    )
  })

  it('gives the latest order', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(findOrders, ctx, { which: 'latest' })
    expect(result).toMatchObject({ ok: true, data: { orders: [{ orderNumber: 'ORD-2025-002' }] } })
  })

  it('lists only the delivered orders (what a return can be about)', async () => {
    const siti = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(findOrders, siti, { which: 'delivered' })
    expect(result).toMatchObject({ ok: true, data: { query: 'delivered', orders: [{ orderNumber: 'ORD-2025-006' }] } })
    if (result.ok) expect(result.data.orders.map((o) => o.status)).toEqual(['DELIVERED'])
    const adi = await createToolContext(db, { customerId: 'cust-adi' })
    const adiResult = await runTool(findOrders, adi, { which: 'delivered' })
    expect(adiResult.ok && adiResult.data.orders.map((o) => o.orderNumber)).toEqual(['ORD-2025-003'])
  })

  it('needs a verified customer and one kind of lookup', async () => {
    const anonymous = await createToolContext(db)
    expect(await runTool(findOrders, anonymous, { which: 'latest' })).toMatchObject({
      ok: false,
      error: { code: 'verification_required' },
    })
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    expect(await runTool(findOrders, ctx, { waybill: 'JNE123456789', which: 'latest' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
  })
})
