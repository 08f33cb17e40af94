import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { getOrder } from '../../../tools/get-order.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('get_order on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it("shows Adi's shipped order with its items, total, payment, waybill and a tracking button", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(getOrder, ctx, { orderNumber: 'ord 2025 001' })
    expect(result).toMatchObject({
      ok: true,
      data: { orderNumber: 'ORD-2025-001', status: 'SHIPPED', totalAmount: 150_000, payment: { status: 'COMPLETED' } },
    })
    const id = getOrder.render(result, 'id')
    for (const part of ['**Pesanan ORD-2025-001**', 'Rp150.000', 'JNE123456789', 'Barang:']) {
      expect(id.text).toContain(part)
    }
    expect(id.buttons?.[0]?.action).toMatchObject({ url: expect.stringContaining('jne.co.id') })
    const en = getOrder.render(result, 'en').text
    expect(en).toContain('**Order ORD-2025-001**')
    expect(en).toContain('Items:')
  })

  it("reads another customer's order as not found and shows nothing of it", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(getOrder, ctx, { orderNumber: 'ORD-2025-004' })
    expect(result).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    const text = getOrder.render(result, 'id').text
    expect(text).toContain('ORD-2025-004 tidak ditemukan')
    expect(text).not.toContain('Siti')
  })

  it('has no tracking button before shipping, and asks an unverified sender to verify', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const pending = await runTool(getOrder, ctx, { orderNumber: 'ORD-2025-002' })
    expect(pending).toMatchObject({ ok: true, data: { status: 'PENDING', shipment: null } })
    expect(getOrder.render(pending, 'id').buttons).toBeUndefined()

    const anonymous = await runTool(getOrder, await createToolContext(db), { orderNumber: 'ORD-2025-001' })
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'verification_required' } })
  })
})
