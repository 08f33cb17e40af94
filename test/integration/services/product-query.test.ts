import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { readProductsWithStock, readSearchCatalog } from '../../../src/services/product-query.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

describe.each(testDbKinds)('product query (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    // Beside the seed: an inactive product (never listed), and an active one with no stock rows yet.
    await db.prisma.product.create({
      data: {
        id: 'OLD-001',
        name: 'Topi Lama',
        price: 50_000,
        active: false,
        inventory: { create: [{ sku: 'OLD-001-M', size: 'M', quantity: 3 }] },
      },
    })
    await db.prisma.product.create({
      data: { id: 'NEW-001', name: 'Tas Baru', nameEn: null, category: null, price: 99_000 },
    })
  })
  afterAll(async () => {
    await db.close()
  })

  it('reads products by id and by SKU exactly as the Prisma relation query does', async () => {
    const products = await db.prisma.product.findMany({ include: { inventory: true } })
    const keys = [...products.map((p) => p.id), ...products.flatMap((p) => p.inventory.map((i) => i.sku))]
    expect(keys.length).toBeGreaterThan(10)
    for (const key of [...keys, 'NOPE-404', "KAOS-001' OR '1'='1"]) {
      const viaPrisma = await db.prisma.product.findMany({
        where: { active: true, OR: [{ id: key }, { inventory: { some: { sku: key } } }] },
        select: {
          id: true,
          name: true,
          nameEn: true,
          price: true,
          lowStockThreshold: true,
          inventory: {
            select: { sku: true, size: true, quantity: true, warehouseLocation: true },
            orderBy: { sku: 'asc' },
          },
        },
        orderBy: { id: 'asc' },
      })
      expect(await readProductsWithStock(db.sql.query, [key])).toEqual(viaPrisma)
    }
    const all = await readProductsWithStock(db.sql.query, ['KAOS-001', 'JAKET-001-L', 'OLD-001'])
    expect(all.map((p) => p.id)).toEqual(['JAKET-001', 'KAOS-001'])
  })

  it('reads the active catalog with its sizes exactly as Prisma does', async () => {
    const viaPrisma = await db.prisma.product.findMany({
      where: { active: true },
      select: {
        id: true,
        name: true,
        nameEn: true,
        category: true,
        price: true,
        inventory: { select: { size: true }, orderBy: { sku: 'asc' } },
      },
      orderBy: { id: 'asc' },
    })
    const expected = viaPrisma.map(({ inventory, ...p }) => ({ ...p, sizes: inventory.map((i) => i.size) }))
    const catalog = await readSearchCatalog(db.sql.query)
    expect(catalog).toEqual(expected)
    expect(catalog.find((p) => p.id === 'NEW-001')?.sizes).toEqual([])
    expect(catalog.some((p) => p.id === 'OLD-001')).toBe(false)
  })
})

describe.each(testDbKinds.filter((kind) => kind === 'postgres'))('product query plans (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('keeps one plan for a single product or SKU instead of planning every call', async () => {
    const connection = await db.sql.reserve()
    if (!connection) throw new Error('no connection')
    try {
      for (let i = 0; i < 8; i++) {
        expect((await readProductsWithStock(connection.query, ['KAOS-001']))[0]?.id).toBe('KAOS-001')
      }
      const [plans] = await connection.query<{ generic: number }>(
        `SELECT generic_plans::int AS generic FROM pg_prepared_statements
         WHERE statement LIKE '%i.sku = $1::text%'`,
      )
      // PostgreSQL tries five custom plans before it settles on the generic one.
      expect(plans?.generic).toBeGreaterThanOrEqual(3)
    } finally {
      connection.release()
    }
  })
})
