/**
 * A shop of its own through HTTP on both databases: an empty start (no demo) answers the web chat honestly and
 * says what to connect next; the demo is removed from a database that has started taking real data (through the
 * shop API) without touching that data, and is not seeded again.
 */
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { prepareDatabase } from '../../../src/db/prepare.ts'
import { removeDemoData } from '../../../src/services/demo-removal.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs, testHttpConfig } from '../../helpers/http.ts'
import { buildWebServer, openSession, type WebServer } from '../../helpers/web.ts'

const shopToken = 'shop-token-for-tests-0123456789'
const auth = { authorization: `Bearer ${shopToken}` }

describe.each(testDbKinds)('an empty shop (%s)', (kind) => {
  let db: Database
  let server: WebServer
  afterEach(async () => {
    await server.app.close()
    await db.close()
  })

  it(
    'answers the web chat honestly: no products yet, verification fails, no policies invented',
    async () => {
      db = await createTestDatabase(kind, { seed: false })
      server = buildWebServer(db, { config: { SHOP_NAME: 'Toko Kita' } })
      const visitor = await openSession(server.app, '10.1.0.1')

      expect((await visitor.say('halo')).texts.join('\n')).toContain('Toko Kita')
      const stock = (await visitor.say('stok kaos M ada?')).texts.join('\n')
      expect(stock).toContain('belum berisi produk')
      expect((await visitor.say('cari jaket')).texts.join('\n')).toContain('belum berisi produk')

      expect((await visitor.say('lacak pesanan ORD-2025-001')).texts.join('\n')).toMatch(/verifikasi/i)
      const verify = await visitor.say('verifikasi ORD-2025-001 7890')
      expect(verify.verified).toBe(false)
      expect(verify.texts.join('\n')).toContain('tidak cocok')

      for (const question of ['jam buka toko?', 'bagaimana kebijakan retur?', 'What payment methods do you accept?']) {
        const answer = (await visitor.say(question)).texts.join('\n')
        expect(answer, question).toMatch(/belum tersedia|not available here yet/)
        expect(answer, question).not.toMatch(/1234567890|08\.00|7 hari|UrbanStyle/)
      }
      // "bisa retur?" is a request to return something: it needs a verified customer, and states no policy.
      const request = (await visitor.say('bisa retur?')).texts.join('\n')
      expect(request).toMatch(/verifikasi/i)
      expect(request).not.toMatch(/7 hari|hari setelah diterima/)
    },
    firstDatabaseTimeoutMs,
  )

  it(
    'says what the owner has to connect next, and less as it is connected',
    async () => {
      db = await createTestDatabase(kind, { seed: false })
      server = buildWebServer(db)
      const keys = async (state: { staffChannel: boolean; consoleOwner: boolean; shopName: string }) =>
        (await server.setup.gaps(state)).map((gap) => gap.key)
      expect(await keys({ staffChannel: false, consoleOwner: false, shopName: 'UrbanStyle ID' })).toEqual([
        'products',
        'shopName',
        'knowledge',
        'staffChannel',
        'consoleOwner',
      ])
      await db.prisma.product.create({ data: { id: 'P-1', name: 'Tas Anyaman', price: 120_000, source: 'api' } })
      expect(await keys({ staffChannel: true, consoleOwner: true, shopName: 'Toko Kita' })).toEqual(['knowledge'])
    },
    firstDatabaseTimeoutMs,
  )
})

describe.each(testDbKinds)('removing the demo from a shop taking real data (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  afterEach(async () => {
    await app.close()
    await db.close()
  })

  it(
    'removes only the demo, keeps the shop data and conversations, and is not seeded again',
    async () => {
      db = await createTestDatabase(kind)
      app = buildTestServer(db, { config: { ...testHttpConfig, SHOP_API_TOKEN: shopToken } })
      const put = (url: string, payload: object) => app.inject({ method: 'PUT', url, headers: auth, payload })
      expect(
        (
          await put('/api/shop/products/tas-01', {
            name: 'Tas Anyaman',
            category: 'Tas',
            price: 120_000,
            variants: [{ sku: 'TAS-01', stock: 5 }],
            updatedAt: '2026-12-01T00:00:00Z',
          })
        ).statusCode,
      ).toBe(200)
      // A real order that names a demo product: that product must stay.
      const order = await put('/api/shop/orders/5001', {
        customer: { externalId: 'c-1', name: 'Rina Wijaya', phone: '0813 1111 2222' },
        status: 'processing',
        items: [
          { sku: 'TAS-01', name: 'Tas Anyaman', quantity: 1, price: 120_000 },
          { sku: 'KAOS-001-M', name: 'Kaos Basic Crewneck', size: 'M', quantity: 1, price: 89_000 },
        ],
        shippingCost: 10_000,
        total: 219_000,
        shippingAddress: 'Jl. Melati 1, Bandung',
        payment: { method: 'bacs', status: 'pending' },
        updatedAt: '2026-12-01T10:00:00Z',
      })
      expect(order.statusCode, order.body).toBe(200)
      const demoConversation = await db.prisma.conversation.create({
        data: {
          channel: 'web',
          externalChatId: 'chat-1',
          customerId: 'cust-adi',
          identity: { create: { channel: 'web', externalUserId: 'chat-1', customerId: 'cust-adi' } },
        },
      })

      const dry = await removeDemoData(db.prisma, { dryRun: true })
      expect(dry.removed.orders).toContain('ORD-2025-001')
      expect(await db.prisma.order.count({ where: { orderNumber: 'ORD-2025-001' } })).toBe(1)

      const report = await removeDemoData(db.prisma)
      expect(report.realRecords).toBeGreaterThanOrEqual(3)
      expect(report.removed.customers).toContain('cust-adi')
      expect([...report.removed.orders].sort()).toEqual([
        'ORD-2025-001',
        'ORD-2025-002',
        'ORD-2025-003',
        'ORD-2025-004',
        'ORD-2025-005',
        'ORD-2025-006',
      ])
      expect(report.removed.customers).toContain('cust-siti')
      expect(report.removed.products).not.toContain('KAOS-001')
      expect(report.kept).toContainEqual(expect.objectContaining({ entity: 'Product', id: 'KAOS-001' }))
      expect(await db.prisma.order.count({ where: { orderNumber: { startsWith: 'ORD-2025-' } } })).toBe(0)
      expect(await db.prisma.order.count({ where: { source: { not: null } } })).toBe(1)
      expect(await db.prisma.product.findUnique({ where: { id: 'TAS-01' } })).not.toBeNull()
      expect(await db.prisma.customer.count({ where: { source: { not: null } } })).toBe(1)
      const kept = await db.prisma.conversation.findUniqueOrThrow({ where: { id: demoConversation.id } })
      expect(kept.customerId).toBeNull()

      // A later start with SEED_DEMO on does not bring the demo back.
      await prepareDatabase(db, { migrate: false, seedWhenEmpty: true })
      expect(await db.prisma.customer.findUnique({ where: { id: 'cust-adi' } })).toBeNull()
      // Removing again finds nothing more to remove.
      const again = await removeDemoData(db.prisma)
      expect(again.removed).toEqual({ orders: [], customers: [], products: [] })
    },
    firstDatabaseTimeoutMs,
  )
})
