import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reply } from '../../../src/core/types.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createOutboxWorker } from '../../../src/services/notifications/outbox.ts'
import type { ChannelSender, NotificationTarget } from '../../../src/services/notifications/types.ts'
import { checkInventory } from '../../../tools/check-inventory.ts'
import { notifyBackInStock } from '../../../tools/notify-back-in-stock.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

function recordingWebSender() {
  const sent: { target: NotificationTarget; reply: Reply }[] = []
  return {
    channel: 'web' as const,
    sent,
    async send(target: NotificationTarget, reply: Reply) {
      sent.push({ target, reply })
    },
  } satisfies ChannelSender & Record<string, unknown>
}

describe.each(testDbKinds)('out of stock: alternatives and "notify me" (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('offers in-stock dresses of the same size from the catalogue and the "notify me" reply', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(checkInventory, ctx, { query: 'dress midi floral', size: 'M' })
    expect(result).toMatchObject({
      ok: true,
      data: {
        items: [
          {
            productId: 'DRESS-001',
            inStock: false,
            alternatives: [{ productId: 'DRESS-002', sizes: [{ size: 'M', quantity: 6 }], price: 169_000 }],
          },
        ],
      },
    })
    const text = checkInventory.render(result, 'id').text
    expect(text).toContain('Pilihan lain yang tersedia di ukuran M:\n- Dress Linen Polos (M 6): Rp169.000')
    expect(text).toContain('Balas "kabari DRESS-001-M"')
    const en = checkInventory.render(result, 'en').text
    expect(en).toContain('Dress Linen Polos (Plain Linen Dress) (M 6)')
    expect(en).toContain('"notify me DRESS-001-M"')

    // The whole product: every in-stock size of the alternative, and the sizes to ask about.
    const whole = await runTool(checkInventory, ctx, { productIds: ['DRESS-001'] })
    const wholeText = checkInventory.render(whole, 'id').text
    expect(wholeText).toContain(
      '- Dress Linen Polos (M 6 · S 4 · L 3): Rp169.000'.replace('M 6 · S 4 · L 3', 'L 3 · M 6 · S 4'),
    )
    expect(wholeText).toContain('kabari DRESS-001-<ukuran>" (ukuran: ')

    // In stock: no alternatives offered.
    const inStock = await runTool(checkInventory, ctx, { productIds: ['KAOS-001'], size: 'M' })
    expect(checkInventory.render(inStock, 'id').text).not.toContain('Pilihan lain')
  })

  it('never offers another category or a sold-out product', async () => {
    const ctx = await createToolContext(db)
    await db.prisma.inventory.update({ where: { sku: 'JAKET-001-M' }, data: { quantity: 0 } })
    const result = await runTool(checkInventory, ctx, { productIds: ['JAKET-001'], size: 'M' })
    expect(result).toMatchObject({ ok: true, data: { items: [{ inStock: false }] } })
    if (!result.ok) return
    expect(result.data.items[0]?.alternatives).toBeUndefined() // the only jacket
    await db.prisma.inventory.update({ where: { sku: 'JAKET-001-M' }, data: { quantity: 2 } })
  })

  it('records a wish per customer and SKU, tells the customer once through the outbox when stock returns', async () => {
    const services = buildServices(db)
    const siti = await createToolContext(db, { customerId: 'cust-siti', services })
    const first = await runTool(notifyBackInStock, siti, { sku: 'dress-001-m' })
    expect(first).toMatchObject({ ok: true, data: { status: 'waiting', already: false, sku: 'DRESS-001-M' } })
    expect(notifyBackInStock.render(first, 'id').text).toContain('Kami kabari sekali')
    const again = await runTool(notifyBackInStock, siti, { product: 'DRESS-001', size: 'm' })
    expect(again).toMatchObject({ ok: true, data: { status: 'waiting', already: true } })
    expect(await db.prisma.backInStockRequest.count({ where: { customerId: 'cust-siti' } })).toBe(1)

    // In stock now: nothing to wait for. Unknown or unverified: refused.
    expect(await runTool(notifyBackInStock, siti, { sku: 'DRESS-002-M' })).toMatchObject({
      ok: true,
      data: { status: 'in_stock', quantity: 6 },
    })
    expect(await runTool(notifyBackInStock, siti, { sku: 'SEPATU-001-M' })).toMatchObject({
      ok: false,
      error: { code: 'product_not_found' },
    })
    const stranger = await createToolContext(db)
    expect(await runTool(notifyBackInStock, stranger, { sku: 'DRESS-001-M' })).toMatchObject({
      ok: false,
      error: { code: 'verification_required' },
    })

    // Staff restock M: one notice, queued with the stock change.
    await services.inventory.updateProductStock('DRESS-001-M', 3, 'restock', 'staff:test')
    const notices = () => db.prisma.notification.findMany({ where: { kind: 'back_in_stock' } })
    expect((await notices()).map((n) => [n.customerId, (n.payload as { sku: string }).sku])).toEqual([
      ['cust-siti', 'DRESS-001-M'],
    ])
    // More stock, or sold out and back again: no second notice for the same wish.
    await services.inventory.adjustStock('DRESS-001-M', 2, 'restock', 'staff:test')
    await services.inventory.updateProductStock('DRESS-001-M', 0, 'sold', 'staff:test')
    await services.inventory.updateProductStock('DRESS-001-M', 4, 'restock', 'staff:test')
    expect(await notices()).toHaveLength(1)

    // The outbox reaches a customer through an identity with a chat.
    await db.prisma.channelIdentity.update({ where: { id: siti.identity.id }, data: { externalChatId: 'chat-siti' } })
    const web = recordingWebSender()
    const outbox = createOutboxWorker({ prisma: db.prisma, log: silentLogger(), shopName: 'UrbanStyle ID' })
    outbox.addChannelSender(web)
    await outbox.runOnce()
    await outbox.runOnce()
    expect(web.sent).toHaveLength(1)
    expect(web.sent[0]?.reply.text).toContain('Dress Midi Floral ukuran M sudah tersedia lagi (Rp189.000)')
  })
})
