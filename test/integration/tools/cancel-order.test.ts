import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { cancelOrder } from '../../../tools/cancel-order.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('cancel_order on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('does not cancel: it stores a one-time pending action and asks for the button press', async () => {
    const now = new Date('2025-11-25T03:00:00Z')
    const ctx = await createToolContext(db, { customerId: 'cust-adi', now: () => now })
    ctx.conversationId = 'conv-1'
    const result = await runTool(cancelOrder, ctx, { orderNumber: 'ord-2025-002', reason: 'salah ukuran' })
    expect(result).toMatchObject({
      ok: true,
      data: {
        awaitingConfirmation: true,
        orderNumber: 'ORD-2025-002',
        status: 'PENDING',
        totalAmount: 264_000,
        items: [{ name: 'Jaket Denim Oversize', size: 'L', quantity: 1 }],
        refund: null,
      },
    })
    if (!result.ok) return
    const token = result.confirmation?.token ?? ''
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(JSON.stringify(result.data)).not.toContain(token)

    const pending = await db.prisma.pendingAction.findUniqueOrThrow({ where: { token } })
    expect(pending).toMatchObject({
      customerId: 'cust-adi',
      identityId: ctx.identity.id,
      conversationId: 'conv-1',
      action: 'cancel_order',
      args: { orderNumber: 'ORD-2025-002', reason: 'salah ukuran' },
      usedAt: null,
    })
    expect(pending.expiresAt.getTime() - now.getTime()).toBe(10 * 60_000)

    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
    expect(order.status).toBe('PENDING')

    const reply = cancelOrder.render(result, 'id')
    expect(reply.text).toContain('ORD-2025-002')
    expect(reply.buttons).toEqual([
      { label: 'Ya, batalkan', action: { kind: 'confirm', token } },
      { label: 'Tidak', action: { kind: 'reject', token } },
    ])
    expect(cancelOrder.render(result, 'en').buttons?.map((b) => b.label)).toEqual(['Yes, cancel', 'No'])
  })

  it('gives every request its own token', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const a = await runTool(cancelOrder, ctx, { orderNumber: 'ORD-2025-002' })
    const b = await runTool(cancelOrder, ctx, { orderNumber: 'ORD-2025-002' })
    expect(a.ok && b.ok && a.confirmation?.token !== b.confirmation?.token).toBe(true)
  })

  it('mentions the refund when a paid order is cancelled', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(cancelOrder, ctx, { orderNumber: 'ORD-2025-004' })
    expect(result).toMatchObject({
      ok: true,
      data: { status: 'PROCESSING', refund: { amount: 170_000, manual: false } },
    })
    expect(cancelOrder.render(result, 'id').text).toContain('Rp170.000')
  })

  it.each([
    ['ORD-2025-001', 'SHIPPED', 'dikirim'],
    ['ORD-2025-003', 'DELIVERED', 'sudah diterima'],
  ])(
    'refuses %s (%s) without buttons and without a pending action, offering a human',
    async (orderNumber, status, says) => {
      const ctx = await createToolContext(db, { customerId: 'cust-adi' })
      const before = await db.prisma.pendingAction.count()
      const result = await runTool(cancelOrder, ctx, { orderNumber })
      expect(result).toMatchObject({ ok: false, error: { code: 'not_cancellable', details: { orderNumber, status } } })
      expect(await db.prisma.pendingAction.count()).toBe(before)
      const reply = cancelOrder.render(result, 'id')
      expect(reply.text).toContain(says)
      expect(reply.text).toContain('bicara dengan CS')
      expect(reply.buttons).toBeUndefined()
    },
  )

  it("cannot start cancelling another customer's order", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const before = await db.prisma.pendingAction.count()
    const result = await runTool(cancelOrder, ctx, { orderNumber: 'ORD-2025-002' })
    expect(result).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    expect(await db.prisma.pendingAction.count()).toBe(before)
    expect(cancelOrder.render(result, 'id').text).toContain('tidak ditemukan')
  })

  it('asks an unverified sender to verify', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(cancelOrder, ctx, { orderNumber: 'ORD-2025-002' })
    expect(result).toMatchObject({ ok: false, error: { code: 'verification_required' } })
    expect(cancelOrder.render(result, 'id').text).toContain('verifikasi')
  })
})
