import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { updateAddress } from '../../../tools/update-address.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('update_shipping_address on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('does not change the address: it stores a pending action and asks for the button press', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(updateAddress, ctx, {
      orderNumber: 'ORD-2025-004',
      newAddress: '  Jl. Sudirman No. 5,   Bandung 40111 ',
    })
    expect(result).toMatchObject({
      ok: true,
      data: {
        orderNumber: 'ORD-2025-004',
        oldAddress: 'Jl. Dago No. 45, Bandung 40135',
        newAddress: 'Jl. Sudirman No. 5, Bandung 40111',
      },
    })
    if (!result.ok) return
    const token = result.confirmation?.token ?? ''
    const pending = await db.prisma.pendingAction.findUniqueOrThrow({ where: { token } })
    expect(pending).toMatchObject({
      customerId: 'cust-siti',
      action: 'update_shipping_address',
      args: { orderNumber: 'ORD-2025-004', newAddress: 'Jl. Sudirman No. 5, Bandung 40111' },
    })
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-004' } })
    expect(order.shippingAddress).toBe('Jl. Dago No. 45, Bandung 40135')
    const reply = updateAddress.render(result, 'id')
    expect(reply.text).toContain('Alamat baru: Jl. Sudirman No. 5, Bandung 40111')
    expect(reply.buttons?.map((b) => b.label)).toEqual(['Ya, ubah alamat', 'Tidak'])
  })

  it('refuses a malformed address', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    for (const newAddress of ['Jl. A', '<script>alert(1)</script> Jl. Sudirman 5']) {
      const result = await runTool(updateAddress, ctx, { orderNumber: 'ORD-2025-004', newAddress })
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(updateAddress.render(result, 'id').text).toContain('Alamat baru belum valid')
    }
  })

  it('refuses a shipped order, offering a human', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(updateAddress, ctx, {
      orderNumber: 'ORD-2025-001',
      newAddress: 'Jl. Sudirman No. 5, Bandung 40111',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'address_not_changeable' } })
    const reply = updateAddress.render(result, 'id')
    expect(reply.text).toContain('tidak bisa diubah')
    expect(reply.buttons).toBeUndefined()
  })

  it("cannot touch another customer's order", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(updateAddress, ctx, {
      orderNumber: 'ORD-2025-004',
      newAddress: 'Jl. Sudirman No. 5, Bandung 40111',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    expect(JSON.stringify(result)).not.toContain('Dago')
  })

  it('asks an unverified sender to verify', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(updateAddress, ctx, {
      orderNumber: 'ORD-2025-004',
      newAddress: 'Jl. Sudirman No. 5, Bandung 40111',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'verification_required' } })
  })
})
