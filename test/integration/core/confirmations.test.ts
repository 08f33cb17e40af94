import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Confirmations, createConfirmations } from '../../../src/core/confirmations.ts'
import type { Identity } from '../../../src/core/types.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createPendingActionStore, type PendingActionStore } from '../../../src/services/pending-actions.ts'
import { cancelOrder } from '../../../tools/cancel-order.ts'
import { tools } from '../../../tools/index.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'
import { createIdentity, createToolContext } from '../../helpers/tool-context.ts'

const minute = 60_000

describe.each(testDbKinds)('pending actions: confirm and reject (%s)', (kind) => {
  let db: Database
  let clock: Date
  let store: PendingActionStore
  let presses: Confirmations
  let adi: Identity
  let siti: Identity

  beforeEach(async () => {
    db = await createTestDatabase(kind, { poolSize: 12 })
    clock = new Date()
    const now = () => clock
    store = createPendingActionStore({ prisma: db.prisma, now })
    presses = createConfirmations({ store, tools, services: buildServices(db, { now }), log: silentLogger() })
    adi = await createIdentity(db, 'cust-adi')
    siti = await createIdentity(db, 'cust-siti')
  })
  afterEach(async () => {
    await db.close()
  })

  const order = (orderNumber: string) => db.prisma.order.findUniqueOrThrow({ where: { orderNumber } })
  const stockOf = async (sku: string) => (await db.prisma.inventory.findUniqueOrThrow({ where: { sku } })).quantity
  const row = (token: string) => db.prisma.pendingAction.findUniqueOrThrow({ where: { token } })

  async function pendingCancel(identity: Identity, orderNumber: string, customerId = identity.customerId ?? '') {
    const { token } = await store.create({
      customerId,
      identityId: identity.id,
      action: 'cancel_order',
      args: { orderNumber },
    })
    return token
  }

  it("cancels on the customer's press, once: status, stock and payment change in one go", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi', now: () => clock })
    const started = await runTool(cancelOrder, ctx, { orderNumber: 'ORD-2025-002' })
    const token = started.ok ? (started.confirmation?.token ?? '') : ''
    const stockBefore = await stockOf('JAKET-001-L')

    const reply = await presses.confirm(token, ctx.identity)
    expect(reply.text).toContain('Pesanan ORD-2025-002 telah dibatalkan.')
    expect(reply.buttons).toBeUndefined()
    const cancelled = await order('ORD-2025-002')
    expect(cancelled.status).toBe('CANCELLED')
    expect(await stockOf('JAKET-001-L')).toBe(stockBefore + 1)
    expect((await db.prisma.payment.findUniqueOrThrow({ where: { orderId: cancelled.id } })).status).toBe('CANCELLED')
    expect(await row(token)).toMatchObject({ outcome: 'confirmed', usedAt: clock })
  })

  it('replies in English when asked', async () => {
    const token = await pendingCancel(adi, 'ORD-2025-002')
    expect((await presses.confirm(token, adi, 'en')).text).toContain('Order ORD-2025-002 has been cancelled.')
  })

  it('mentions the refund when a paid order is cancelled', async () => {
    const token = await pendingCancel(siti, 'ORD-2025-004')
    const reply = await presses.confirm(token, siti)
    expect(reply.text).toContain('Pesanan ORD-2025-004 telah dibatalkan.')
    // The offline gateway cannot refund by itself: the reply says a person will do it.
    expect(reply.text).toContain('Dana sebesar Rp170.000 akan dikembalikan secara manual')
  })

  it('answers politely, and spends the token, when the stored action cannot be carried out', async () => {
    const { token } = await store.create({
      customerId: 'cust-adi',
      identityId: adi.id,
      action: 'cancel_order',
      args: {},
    })
    const reply = await presses.confirm(token, adi)
    expect(reply.text).toContain('tidak bisa diproses')
    expect((await row(token)).outcome).toBe('failed:internal_error')
    expect((await order('ORD-2025-002')).status).toBe('PENDING')
  })

  it('refuses a reused token and changes nothing the second time', async () => {
    const token = await pendingCancel(adi, 'ORD-2025-002')
    await presses.confirm(token, adi)
    const stock = await stockOf('JAKET-001-L')
    const audits = await db.prisma.auditLog.count()
    const again = await presses.confirm(token, adi)
    expect(again.text).toBe('Konfirmasi ini sudah diproses sebelumnya.')
    expect(await stockOf('JAKET-001-L')).toBe(stock)
    expect(await db.prisma.auditLog.count()).toBe(audits)
  })

  it('refuses an expired token (by the injected clock) and leaves the order alone', async () => {
    const token = await pendingCancel(adi, 'ORD-2025-002')
    clock = new Date(clock.getTime() + 10 * minute + 1)
    const reply = await presses.confirm(token, adi)
    expect(reply.text).toContain('kedaluwarsa')
    expect((await order('ORD-2025-002')).status).toBe('PENDING')
    expect((await row(token)).usedAt).toBeNull()
  })

  it('still accepts a token just before it expires', async () => {
    const token = await pendingCancel(adi, 'ORD-2025-002')
    clock = new Date(clock.getTime() + 10 * minute - 1000)
    expect((await presses.confirm(token, adi)).text).toContain('telah dibatalkan')
  })

  it("refuses another customer's press, and the owner can still confirm afterwards", async () => {
    const token = await pendingCancel(adi, 'ORD-2025-002')
    const foreign = await presses.confirm(token, siti)
    expect(foreign.text).toBe('Konfirmasi ini tidak berlaku untuk akun Anda.')
    expect(foreign.text).not.toContain('ORD-2025-002')
    expect((await order('ORD-2025-002')).status).toBe('PENDING')
    expect((await presses.reject(token, siti)).text).toBe('Konfirmasi ini tidak berlaku untuk akun Anda.')
    expect((await row(token)).usedAt).toBeNull()
    expect((await presses.confirm(token, adi)).text).toContain('telah dibatalkan')
  })

  it('refuses an unverified sender', async () => {
    const token = await pendingCancel(adi, 'ORD-2025-002')
    const stranger = await createIdentity(db, null)
    expect((await presses.confirm(token, stranger)).text).toBe('Konfirmasi ini tidak berlaku untuk akun Anda.')
    expect((await order('ORD-2025-002')).status).toBe('PENDING')
  })

  it('refuses unknown and malformed tokens', async () => {
    const unknown = 'x'.repeat(43)
    expect((await presses.confirm(unknown, adi)).text).toContain('tidak dikenali')
    expect((await presses.confirm("' OR 1=1 --", adi)).text).toContain('tidak dikenali')
    expect((await presses.reject('', adi)).text).toContain('tidak dikenali')
  })

  it('executes once when the button is pressed ten times at once', async () => {
    const token = await pendingCancel(adi, 'ORD-2025-002')
    const stock = await stockOf('JAKET-001-L')
    const replies = await Promise.all(Array.from({ length: 10 }, () => presses.confirm(token, adi)))
    const done = replies.filter((r) => r.text.includes('telah dibatalkan'))
    expect(done).toHaveLength(1)
    expect(replies.filter((r) => r.text === 'Konfirmasi ini sudah diproses sebelumnya.')).toHaveLength(9)
    expect(await stockOf('JAKET-001-L')).toBe(stock + 1)
    const movements = await db.prisma.inventoryMovement.count({
      where: { sku: 'JAKET-001-L', reason: 'order_cancelled' },
    })
    expect(movements).toBe(1)
  })

  it('rejects: nothing is cancelled, the token is spent, and the reply never says "telah dibatalkan"', async () => {
    const token = await pendingCancel(siti, 'ORD-2025-005')
    const reply = await presses.reject(token, siti)
    expect(reply.text).toBe('Baik, pesanan ORD-2025-005 tidak dibatalkan.')
    expect(reply.text).not.toContain('telah dibatalkan')
    expect((await order('ORD-2025-005')).status).toBe('PENDING')
    expect(await row(token)).toMatchObject({ outcome: 'rejected', usedAt: clock })
    expect((await presses.confirm(token, siti)).text).toBe('Konfirmasi ini sudah diproses sebelumnya.')
    expect((await order('ORD-2025-005')).status).toBe('PENDING')
    expect((await presses.reject(token, siti, 'en')).text).toBe('This confirmation has already been processed.')
  })

  it('says why when the order changed between the question and the press', async () => {
    const token = await pendingCancel(adi, 'ORD-2025-002')
    await db.prisma.order.update({ where: { orderNumber: 'ORD-2025-002' }, data: { status: 'SHIPPED' } })
    const reply = await presses.confirm(token, adi)
    expect(reply.text).toBe('Maaf, pesanan ORD-2025-002 tidak bisa dibatalkan lagi karena statusnya sekarang Dikirim.')
    expect((await row(token)).outcome).toBe('failed:not_cancellable')
    expect((await order('ORD-2025-002')).status).toBe('SHIPPED')
  })

  it('changes the address on the press, echoing the new address', async () => {
    const { token } = await store.create({
      customerId: 'cust-siti',
      identityId: siti.id,
      action: 'update_shipping_address',
      args: { orderNumber: 'ORD-2025-004', newAddress: 'Jl. Sudirman No. 5, Bandung 40111' },
    })
    const reply = await presses.confirm(token, siti)
    expect(reply.text).toContain('Jl. Sudirman No. 5, Bandung 40111')
    expect(reply.text).toContain('ORD-2025-004')
    expect((await order('ORD-2025-004')).shippingAddress).toBe('Jl. Sudirman No. 5, Bandung 40111')
    expect((await presses.confirm(token, siti)).text).toBe('Konfirmasi ini sudah diproses sebelumnya.')
  })

  it('keeps the address when the customer says no', async () => {
    const { token } = await store.create({
      customerId: 'cust-siti',
      identityId: siti.id,
      action: 'update_shipping_address',
      args: { orderNumber: 'ORD-2025-004', newAddress: 'Jl. Sudirman No. 5, Bandung 40111' },
    })
    expect((await presses.reject(token, siti)).text).toBe('Baik, alamat pengiriman pesanan ORD-2025-004 tidak diubah.')
    expect((await order('ORD-2025-004')).shippingAddress).toBe('Jl. Dago No. 45, Bandung 40135')
  })
})
