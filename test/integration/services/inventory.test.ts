import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import type { SqlClient } from '../../../src/db/sql.ts'
import { PrismaClient } from '../../../src/generated/prisma/client.ts'
import { InsufficientStock, InvalidInput, ProductNotFound } from '../../../src/services/errors.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'

/** A second Prisma client and a plain SQL runner on the same database that count the statements they send. */
function countingClient(db: Database) {
  const prisma = new PrismaClient({ adapter: db.adapterFactory, log: [{ emit: 'event', level: 'query' }] })
  let statements = 0
  prisma.$on('query', () => {
    statements++
  })
  const sql: SqlClient = {
    query(text, params) {
      statements++
      return db.sql.query(text, params)
    },
    reserve: () => db.sql.reserve(),
  }
  return {
    prisma,
    sql,
    async count<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
      statements = 0
      const result = await work()
      return { result, statements }
    },
  }
}

const badIds = ['', '   ', 'x'.repeat(10_000), "KAOS-001' OR '1'='1", 'KAOS-001; DROP TABLE "Inventory"', '-KAOS']

describe.each(testDbKinds)('inventory service (%s)', (kind) => {
  describe('reads', () => {
    let db: Database
    let counter: ReturnType<typeof countingClient>
    let inventory: ReturnType<typeof buildServices>['inventory']

    beforeAll(async () => {
      db = await createTestDatabase(kind)
      counter = countingClient(db)
      inventory = buildServices(db, { prisma: counter.prisma, sql: counter.sql }).inventory
    })
    afterAll(async () => {
      await counter.prisma.$disconnect()
      await db.close()
    })

    it('gives a product with every size, smallest first', async () => {
      const stock = await inventory.checkProductStock('KAOS-001')
      expect(stock).toEqual({
        productId: 'KAOS-001',
        productName: 'Kaos Basic Crewneck',
        productNameEn: 'Basic Crewneck T-Shirt',
        price: 79_000,
        sku: null,
        size: null,
        quantity: 50,
        inStock: true,
        lowStock: false,
        sizes: [
          { sku: 'KAOS-001-S', size: 'S', quantity: 10 },
          { sku: 'KAOS-001-M', size: 'M', quantity: 15 },
          { sku: 'KAOS-001-L', size: 'L', quantity: 20 },
          { sku: 'KAOS-001-XL', size: 'XL', quantity: 5 },
        ],
        warehouseLocation: 'Jakarta',
      })
    })

    it('gives one size for a SKU, in any case', async () => {
      for (const sku of ['KAOS-001-M', 'kaos-001-m', '  Kaos-001-M ']) {
        const stock = await inventory.checkProductStock(sku)
        expect(stock).toMatchObject({
          productId: 'KAOS-001',
          sku: 'KAOS-001-M',
          size: 'M',
          quantity: 15,
          inStock: true,
        })
        expect(stock.sizes).toHaveLength(4)
      }
      expect((await inventory.checkProductStock('celana-001-31')).quantity).toBe(8)
    })

    it('tells sold-out and low stock apart', async () => {
      expect(await inventory.checkProductStock('DRESS-001')).toMatchObject({
        quantity: 0,
        inStock: false,
        lowStock: false,
      })
      expect(await inventory.checkProductStock('JAKET-001')).toMatchObject({
        quantity: 3,
        inStock: true,
        lowStock: true,
      })
      expect(await inventory.checkProductStock('JAKET-001-L')).toMatchObject({ quantity: 1, lowStock: true })
    })

    it('throws ProductNotFound for unknown products and sizes, InvalidInput for what is not an id', async () => {
      await expect(inventory.checkProductStock('TOPI-001')).rejects.toBeInstanceOf(ProductNotFound)
      await expect(inventory.checkProductStock('KAOS-001-XXL')).rejects.toBeInstanceOf(ProductNotFound)
      for (const bad of badIds) await expect(inventory.checkProductStock(bad)).rejects.toBeInstanceOf(InvalidInput)
      await expect(inventory.checkProductStock(42 as unknown as string)).rejects.toBeInstanceOf(InvalidInput)
    })

    it('checks many products and SKUs in one statement, listing the unknown ones', async () => {
      const { result, statements } = await counter.count(() =>
        inventory.checkMultipleProductsStock(['KAOS-001', 'jaket-001-m', 'DRESS-001', 'NOPE-001']),
      )
      expect(statements).toBe(1)
      expect(result.stocks.map((s) => [s.productId, s.sku, s.quantity])).toEqual([
        ['KAOS-001', null, 50],
        ['JAKET-001', 'JAKET-001-M', 2],
        ['DRESS-001', null, 0],
      ])
      expect(result.missing).toEqual(['NOPE-001'])

      const fifty = Array.from({ length: 50 }, (_, i) => (i < 5 ? 'KEMEJA-001' : `GONE-${i}`))
      const many = await counter.count(() => inventory.checkMultipleProductsStock(fifty))
      expect(many.statements).toBe(1)
      expect(many.result.stocks).toHaveLength(1) // the repeats collapse
      expect(many.result.missing).toHaveLength(45)
    })

    it('refuses an empty list, more than 50 ids, or a malformed id', async () => {
      await expect(inventory.checkMultipleProductsStock([])).rejects.toBeInstanceOf(InvalidInput)
      const tooMany = Array.from({ length: 51 }, (_, i) => `P-${i}`)
      await expect(inventory.checkMultipleProductsStock(tooMany)).rejects.toBeInstanceOf(InvalidInput)
      await expect(inventory.checkMultipleProductsStock(['KAOS-001', "x' OR 1=1"])).rejects.toBeInstanceOf(InvalidInput)
      await expect(inventory.checkMultipleProductsStock('KAOS-001' as unknown as string[])).rejects.toBeInstanceOf(
        InvalidInput,
      )
    })

    it('says whether a quantity can be ordered', async () => {
      expect(await inventory.canOrderProduct('KAOS-001-M', 15)).toEqual({ canOrder: true, available: 15 })
      expect(await inventory.canOrderProduct('KAOS-001-M', 16)).toEqual({ canOrder: false, available: 15 })
      expect(await inventory.canOrderProduct('DRESS-001', 1)).toEqual({ canOrder: false, available: 0 })
      for (const quantity of [0, -1, 1.5, 1001, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(inventory.canOrderProduct('KAOS-001-M', quantity)).rejects.toBeInstanceOf(InvalidInput)
      }
      await expect(inventory.canOrderProduct('TOPI-001', 1)).rejects.toBeInstanceOf(ProductNotFound)
    })

    it('lists low-stock and sold-out products', async () => {
      const low = await counter.count(() => inventory.getLowStockProducts())
      expect(low.result.map((s) => s.productId)).toEqual(['JAKET-001'])
      expect(low.statements).toBeLessThanOrEqual(3)
      const out = await counter.count(() => inventory.getOutOfStockProducts())
      expect(out.result.map((s) => s.productId)).toEqual(['DRESS-001'])
      expect(out.statements).toBeLessThanOrEqual(3)
    })

    it('reads one product in one statement', async () => {
      expect((await counter.count(() => inventory.checkProductStock('KAOS-001-M'))).statements).toBe(1)
      expect((await counter.count(() => inventory.canOrderProduct('KAOS-001', 2))).statements).toBe(1)
    })

    it('finds products named in chat, in Indonesian or English, with the size', async () => {
      const asked = await counter.count(() =>
        inventory.searchProducts('Apakah Kaos Basic Crewneck ukuran M masih ada?'),
      )
      expect(asked.statements).toBe(1)
      expect(asked.result[0]).toMatchObject({ productId: 'KAOS-001', productName: 'Kaos Basic Crewneck', size: 'M' })
      expect((await inventory.searchProducts('Do you have the denim jacket in size L?'))[0]).toMatchObject({
        productId: 'JAKET-001',
        size: 'L',
        price: 249_000,
      })
      expect((await inventory.searchProducts('dress midi floral masih dijual nggak?'))[0]?.productId).toBe('DRESS-001')
      expect((await inventory.searchProducts('kemeja linen'))[0]?.productId).toBe('KEMEJA-001')
      expect((await inventory.searchProducts('celana chino 31'))[0]).toMatchObject({
        productId: 'CELANA-001',
        size: '31',
      })
      expect((await inventory.searchProducts('jaket denin'))[0]?.productId).toBe('JAKET-001')
      expect(await inventory.searchProducts('halo kak')).toEqual([])
      expect(await inventory.searchProducts('\'; DELETE FROM "Product"; --')).toEqual([])
    })

    it('refuses an empty or huge search, or a bad limit', async () => {
      await expect(inventory.searchProducts('')).rejects.toBeInstanceOf(InvalidInput)
      await expect(inventory.searchProducts('   ')).rejects.toBeInstanceOf(InvalidInput)
      await expect(inventory.searchProducts('kaos '.repeat(2000))).rejects.toBeInstanceOf(InvalidInput)
      await expect(inventory.searchProducts('kaos', { limit: 0 })).rejects.toBeInstanceOf(InvalidInput)
      await expect(inventory.searchProducts('kaos', { limit: 1.5 })).rejects.toBeInstanceOf(InvalidInput)
    })
  })

  describe('writes', () => {
    let db: Database
    let services: ReturnType<typeof buildServices>

    beforeEach(async () => {
      db = await createTestDatabase(kind)
      services = buildServices(db)
    })
    afterEach(async () => {
      await db.close()
    })

    const stockOf = async (sku: string) => (await db.prisma.inventory.findUniqueOrThrow({ where: { sku } })).quantity
    const movementsOf = (sku: string) => db.prisma.inventoryMovement.findMany({ where: { sku } })

    it('sets a counted quantity with a movement and an audit row', async () => {
      const result = await services.inventory.updateProductStock('kaos-001-m', 20, 'stock count', 'admin:test')
      expect(result).toEqual({ sku: 'KAOS-001-M', before: 15, after: 20 })
      expect(await stockOf('KAOS-001-M')).toBe(20)
      const [movement, ...more] = await movementsOf('KAOS-001-M')
      expect(more).toEqual([])
      expect(movement).toMatchObject({ delta: 5, quantityAfter: 20, reason: 'stock count', actor: 'admin:test' })
      const audit = await db.prisma.auditLog.findMany({ where: { entity: 'Inventory', entityId: 'KAOS-001-M' } })
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({ actor: 'admin:test', action: 'inventory.set' })
      expect(audit[0]?.data).toMatchObject({ before: 15, after: 20 })

      expect(await services.inventory.updateProductStock('KAOS-001-M', 0, 'damaged', 'admin:test')).toEqual({
        sku: 'KAOS-001-M',
        before: 20,
        after: 0,
      })
      expect((await movementsOf('KAOS-001-M')).map((m) => m.delta).sort()).toEqual([-20, 5])
    })

    it('refuses bad quantities, reasons and SKUs and changes nothing', async () => {
      const attempts: [string, unknown, unknown][] = [
        ['KAOS-001-M', -1, 'count'],
        ['KAOS-001-M', 1.5, 'count'],
        ['KAOS-001-M', Number.NaN, 'count'],
        ['KAOS-001-M', 1e12, 'count'],
        ['KAOS-001-M', Number.POSITIVE_INFINITY, 'count'],
        ['KAOS-001-M', '5', 'count'],
        ['KAOS-001-M', 5, ''],
        ['KAOS-001-M', 5, 'r'.repeat(10_000)],
        ["KAOS-001-M' OR 1=1 --", 5, 'count'],
        ['', 5, 'count'],
      ]
      for (const [sku, quantity, reason] of attempts) {
        await expect(
          services.inventory.updateProductStock(sku, quantity as number, reason as string, 'admin:test'),
        ).rejects.toBeInstanceOf(InvalidInput)
      }
      await expect(services.inventory.updateProductStock('KAOS-001-M', 5, 'count', '')).rejects.toBeInstanceOf(
        InvalidInput,
      )
      await expect(services.inventory.updateProductStock('TOPI-001-M', 5, 'count', 'admin')).rejects.toBeInstanceOf(
        ProductNotFound,
      )
      expect(await stockOf('KAOS-001-M')).toBe(15)
      expect(await db.prisma.inventoryMovement.count()).toBe(0)
      expect(await db.prisma.auditLog.count()).toBe(0)
    })

    it('adjusts atomically and never below zero', async () => {
      expect(await services.inventory.adjustStock('jaket-001-m', -1, 'sold offline', 'admin:test')).toEqual({
        sku: 'JAKET-001-M',
        after: 1,
      })
      expect(await services.inventory.adjustStock('JAKET-001-M', 4, 'restock', 'admin:test')).toEqual({
        sku: 'JAKET-001-M',
        after: 5,
      })
      const error = await services.inventory.adjustStock('JAKET-001-M', -6, 'oops', 'admin:test').catch((e) => e)
      expect(error).toBeInstanceOf(InsufficientStock)
      expect(error).toMatchObject({ available: 5, requested: 6 })
      for (const delta of [0, 1.5, Number.NaN, -1e12]) {
        await expect(services.inventory.adjustStock('JAKET-001-M', delta, 'x', 'admin')).rejects.toBeInstanceOf(
          InvalidInput,
        )
      }
      await expect(services.inventory.adjustStock('TOPI-001-M', 1, 'x', 'admin')).rejects.toBeInstanceOf(
        ProductNotFound,
      )
      expect(await stockOf('JAKET-001-M')).toBe(5)
      expect((await movementsOf('JAKET-001-M')).map((m) => m.quantityAfter).sort()).toEqual([1, 5])
      expect(await db.prisma.auditLog.count({ where: { action: 'inventory.adjust' } })).toBe(2)
    })

    it('lets exactly 2 of 20 concurrent takes of the last 2 units succeed', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => services.inventory.adjustStock('JAKET-001-M', -1, `sale ${i}`, 'test')),
      )
      const won = results.filter((r) => r.status === 'fulfilled')
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(won).toHaveLength(2)
      expect(lost.every((r) => r.reason instanceof InsufficientStock)).toBe(true)
      expect(await stockOf('JAKET-001-M')).toBe(0)
      const movements = await movementsOf('JAKET-001-M')
      expect(movements).toHaveLength(2)
      expect(movements.map((m) => m.quantityAfter).sort()).toEqual([0, 1])
    })

    it('keeps a consistent movement history while sets and adjustments race', async () => {
      const sku = 'KAOS-001-L' // starts at 20
      const work = [
        () => services.inventory.updateProductStock(sku, 30, 'count', 'admin:a'),
        ...Array.from({ length: 6 }, () => () => services.inventory.adjustStock(sku, -3, 'sale', 'admin:b')),
        () => services.inventory.updateProductStock(sku, 7, 'count', 'admin:c'),
        ...Array.from({ length: 6 }, () => () => services.inventory.adjustStock(sku, 2, 'return', 'admin:d')),
      ]
      const results = await Promise.allSettled(work.map((w) => w()))
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(InsufficientStock)
      }
      const succeeded = results.filter((r) => r.status === 'fulfilled').length
      const movements = await movementsOf(sku)
      expect(movements).toHaveLength(succeeded)
      expect(await db.prisma.auditLog.count({ where: { entityId: sku } })).toBe(succeeded)

      // Some order of the movements must chain from the starting 20 to today's stock, each step from the last.
      const final = await stockOf(sku)
      const used = new Set<number>()
      const chain = (quantity: number): boolean => {
        if (used.size === movements.length) return quantity === final
        for (const [i, m] of movements.entries()) {
          if (used.has(i) || m.quantityAfter - m.delta !== quantity || m.quantityAfter < 0) continue
          used.add(i)
          if (chain(m.quantityAfter)) return true
          used.delete(i)
        }
        return false
      }
      expect(chain(20)).toBe(true)
    })

    it('hides inactive products from stock checks and search', async () => {
      await db.prisma.product.update({ where: { id: 'DRESS-001' }, data: { active: false } })
      await expect(services.inventory.checkProductStock('DRESS-001')).rejects.toBeInstanceOf(ProductNotFound)
      const found = await services.inventory.searchProducts('dress midi floral')
      expect(found.map((p) => p.productId)).not.toContain('DRESS-001')
      expect(await services.inventory.getOutOfStockProducts()).toEqual([])
    })
  })
})
