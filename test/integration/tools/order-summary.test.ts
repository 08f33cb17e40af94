import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { orderSummary } from '../../../tools/order-summary.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('get_order_summary on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it("summarises Adi's three orders with numbers, statuses and Rupiah", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(orderSummary, ctx, {})
    expect(result).toMatchObject({ ok: true, data: { totalOrders: 3, activeOrders: 2, totalSpent: 553_000 } })
    const text = orderSummary.render(result, 'id').text
    for (const part of ['ORD-2025-001', 'ORD-2025-002', 'ORD-2025-003', 'Rp553.000', 'Dikirim', 'Terkirim']) {
      expect(text).toContain(part)
    }
    expect(text).not.toContain('ORD-2025-004')
    expect(orderSummary.render(result, 'en').text).toContain('Total orders: 3')
  })

  it("summarises Siti's three orders, the delivered ORD-2025-006 among them", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(orderSummary, ctx, {})
    expect(result).toMatchObject({ ok: true, data: { totalOrders: 3, totalSpent: 332_000 } })
    if (!result.ok) return
    expect(result.data.recentOrders.map((o) => [o.orderNumber, o.status])).toEqual([
      ['ORD-2025-005', 'PENDING'],
      ['ORD-2025-006', 'DELIVERED'],
      ['ORD-2025-004', 'PROCESSING'],
    ])
    const text = orderSummary.render(result, 'id').text
    for (const part of ['ORD-2025-004', 'ORD-2025-005', 'ORD-2025-006', 'Rp91.000', 'Terkirim']) {
      expect(text).toContain(part)
    }
    expect(text).not.toContain('ORD-2025-001')
    expect(orderSummary.render(result, 'en').text).toContain('Total orders: 3')
  })

  it('says 0 for Budi, who has no orders', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-budi' })
    const result = await runTool(orderSummary, ctx, {})
    expect(result).toEqual({ ok: true, data: { totalOrders: 0, activeOrders: 0, totalSpent: 0, recentOrders: [] } })
    expect(orderSummary.render(result, 'id').text).toContain('Total pesanan: 0')
  })

  it('ignores a customer id the model slips into the input', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-budi' })
    const result = await runTool(orderSummary, ctx, { customerId: 'cust-adi' })
    expect(result).toMatchObject({ ok: true, data: { totalOrders: 0 } })
  })

  it('asks an unverified sender to verify', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(orderSummary, ctx, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'verification_required' } })
  })
})
