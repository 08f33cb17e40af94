/**
 * The CSV importer on a real database: the documented templates import, errors carry line numbers, a dry run and a
 * second run change nothing, and a command whose database a running server holds sends its records to that server.
 */
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { remoteSink } from '../../../adapters/cli/remote-shop-sink.ts'
import type { Database } from '../../../src/db/client.ts'
import { localControlRoutes } from '../../../src/http/local-control.ts'
import { shopLocalRoutes } from '../../../src/http/shop-local-routes.ts'
import { type ImportType, importColumns } from '../../../src/services/shop-import/csv-columns.ts'
import { ImportFileError, importCsv } from '../../../src/services/shop-import/csv-import.ts'
import { localSink, type ShopSink } from '../../../src/services/shop-sync/sink.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildServices } from '../../helpers/services.ts'

const template = (type: ImportType) => readFileSync(`docs/import/${type}.csv`, 'utf8')

describe('import templates', () => {
  it.each(['products', 'customers', 'orders', 'stock'] as const)(
    '%s.csv has exactly the documented columns',
    (type) => {
      const header = template(type).split('\n')[0]?.split(',') ?? []
      expect([...header].sort()).toEqual([...importColumns[type].required, ...importColumns[type].optional].sort())
    },
  )
})

describe.each(testDbKinds)('CSV import (%s)', (kind) => {
  let db: Database
  let sink: ShopSink
  const counts = () =>
    Promise.all([
      db.prisma.product.count(),
      db.prisma.customer.count(),
      db.prisma.order.count(),
      db.prisma.inventoryMovement.count(),
      db.prisma.auditLog.count(),
      db.prisma.notification.count(),
    ])

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    sink = localSink(buildServices(db).shopSync, db.prisma)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await db.close()
  })

  it('a dry run reports what would change and changes nothing', async () => {
    const before = await counts()
    const report = await importCsv(template('products'), sink, { type: 'products', dryRun: true })
    expect(report.counts).toEqual({ created: 2, updated: 0, unchanged: 0, stale: 0, failed: 0 })
    expect(report.changed.map((c) => [c.line, c.outcome, c.ref])).toEqual([
      [2, 'created', 'KMJ-LINEN'],
      [5, 'created', 'TOTE-01'],
    ])
    expect(await counts()).toEqual(before)
  })

  it('imports the templates in order; a second run changes nothing and nobody is notified', async () => {
    const before = await db.prisma.notification.count()
    for (const type of ['products', 'customers', 'orders', 'stock'] as const) {
      const report = await importCsv(template(type), sink, { type })
      expect(report.errors, type).toEqual([])
    }
    const order = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5001' },
      include: { items: true, payment: true, shipping: true, customer: true },
    })
    expect(order).toMatchObject({ status: 'SHIPPED', subtotal: 288_000, totalAmount: 303_000 })
    expect(order.customer.externalId).toBe('C-1001')
    expect(order.payment).toMatchObject({ method: 'bank_transfer', provider: 'BCA', status: 'COMPLETED' })
    expect(order.shipping).toMatchObject({ trackingNumber: 'JNE0012345678', carrier: 'jne' })
    const guest = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5002' },
      include: { items: true, payment: true },
    })
    expect(guest.items[0]).toMatchObject({ sku: 'GIFT-WRAP', productId: null })
    expect(guest.payment?.method).toBe('cod')
    expect((await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'TOTE-01' } })).quantity).toBe(18)
    expect((await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'KMJ-LINEN-PTH-XXL' } })).price).toBe(209_000)
    expect(await db.prisma.notification.count()).toBe(before)
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: 'Order', entityId: order.id } })
    expect(audit.actor).toBe('import:csv:orders')

    const after = await counts()
    for (const type of ['products', 'customers', 'orders', 'stock'] as const) {
      const again = await importCsv(template(type), sink, { type })
      expect(again.counts.created + again.counts.updated, type).toBe(0)
    }
    expect(await counts()).toEqual(after)
  })

  it('refuses rows with their line numbers and takes the others', async () => {
    const csv = [
      'orderNumber,customerId,phone,status,sku,itemName,quantity,price,total,updatedAt',
      '6001,C-1002,,pending,TOTE-01,Tas Tote,1,89000,89000,2026-12-03 10:00',
      '6002,,,pending,TOTE-01,Tas Tote,1,89000,89000,2026-12-03 10:00',
      '6003,C-1002,,pending,TOTE-01,Tas Tote,1,89000,89000,2026-12-03 10:00',
      '6003,C-1002,,pending,TOTE-01,Tas Tote,dua,89000,89000,2026-12-03 10:00',
      '6004,C-1002,021 555 1234,pending,TOTE-01,Tas Tote,1,89000,89000,2026-12-03 10:00',
    ].join('\n')
    const progress: number[] = []
    const report = await importCsv(csv, sink, {
      type: 'orders',
      chunkSize: 2,
      onProgress: (done) => progress.push(done),
    })
    expect(report.counts).toMatchObject({ created: 1, failed: 3 })
    expect(report.errors.map((e) => [e.line, e.ref, e.field])).toEqual([
      [3, '6002', 'customer'],
      [5, '6003', 'items.1.quantity'],
      [6, '6004', 'customer.phone'],
    ])
    expect(progress).toEqual([2, 4])
    expect(await db.prisma.order.count({ where: { orderNumber: { in: ['6002', '6003', '6004'] } } })).toBe(0)
  })

  it('refuses a file whose columns are not the documented ones, naming them', async () => {
    await expect(importCsv('sku;qty\nX;1\n', sink, { type: 'stock' })).rejects.toThrow(ImportFileError)
    await expect(importCsv('sku;quantity;reason;updatedAt;colour\n', sink, { type: 'stock' })).rejects.toThrow(/colour/)
  })

  describe('while a server holds the database', () => {
    let app: FastifyInstance
    let remote: ShopSink
    beforeAll(async () => {
      const token = 'local-control-token-for-tests'
      app = buildTestServer(db, { register: [localControlRoutes(token, [shopLocalRoutes(sink)])] })
      await app.listen({ host: '127.0.0.1', port: 0 })
      const address = app.server.address()
      if (!address || typeof address === 'string') throw new Error('no address')
      remote = remoteSink({ url: `http://127.0.0.1:${address.port}`, token })
    })
    afterAll(async () => {
      await app.close()
    })

    it('sends the records to that server, which applies them', async () => {
      const csv = 'sku,quantity,reason,updatedAt\nTOTE-01,25,restock,2026-12-06 09:00\nNOPE-9,1,x,2026-12-06 09:00\n'
      const report = await importCsv(csv, remote, { type: 'stock' })
      expect(report.counts).toMatchObject({ updated: 1, failed: 1 })
      expect(report.errors[0]).toMatchObject({ line: 3, field: 'sku' })
      expect((await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'TOTE-01' } })).quantity).toBe(25)
    })

    it('is refused without the server token', async () => {
      const address = app.server.address()
      if (!address || typeof address === 'string') throw new Error('no address')
      const stranger = remoteSink({ url: `http://127.0.0.1:${address.port}`, token: 'wrong' })
      await expect(
        importCsv('sku,quantity,reason,updatedAt\nTOTE-01,1,x,2026-12-07 09:00\n', stranger, { type: 'stock' }),
      ).rejects.toThrow(/404/)
    })
  })
})
