/**
 * Low-stock alerts: queued for staff exactly when a change takes a product to or below its threshold, or sells
 * it out; not again for a product that was already low, not for increases, unknown SKUs or inactive products.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { silentLogger } from '../../../../src/logger.ts'
import type { InventoryService } from '../../../../src/services/inventory.ts'
import { createLowStockWatcher, type LowStockWatcher } from '../../../../src/services/notifications/low-stock.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { buildServices } from '../../../helpers/services.ts'

describe.each(testDbKinds)('low-stock watcher (%s)', (kind) => {
  let db: Database
  let inventory: InventoryService
  let watcher: LowStockWatcher

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    inventory = buildServices(db).inventory
    watcher = createLowStockWatcher({ prisma: db.prisma, log: silentLogger() })
  })
  afterEach(async () => {
    await db.close()
  })

  /** Sets a SKU through the real service and tells the watcher, as the admin command does. */
  async function set(sku: string, quantity: number) {
    const { before, after } = await inventory.updateProductStock(sku, quantity, 'test', 'admin:test')
    return watcher.afterStockChange([{ sku, delta: after - before }])
  }

  const queued = () => db.prisma.notification.findMany({ where: { kind: 'low_stock' }, orderBy: { createdAt: 'asc' } })

  it('alerts once when a product crosses its threshold, and again when it sells out', async () => {
    expect(await set('KEMEJA-001-L', 0)).toEqual([]) // 12 → 7
    const alerts = await set('KEMEJA-001-M', 1) // 7 → 4
    expect(alerts.map(({ productId, quantity, threshold }) => ({ productId, quantity, threshold }))).toEqual([
      { productId: 'KEMEJA-001', quantity: 4, threshold: 5 },
    ])
    expect(await set('KEMEJA-001-S', 1)).toEqual([]) // 4 → 2, already low
    expect(await set('KEMEJA-001-S', 0)).toEqual([]) // 2 → 1
    const soldOut = await set('KEMEJA-001-M', 0) // 1 → 0
    expect(soldOut.map((a) => a.quantity)).toEqual([0])
    const rows = await queued()
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ audience: 'admin', status: 'PENDING', customerId: null })
    expect(rows[0]?.payload).toEqual({
      productId: 'KEMEJA-001',
      productName: 'Kemeja Linen Lengan Panjang',
      quantity: 4,
      threshold: 5,
      sizes: [
        { size: 'S', quantity: 3 },
        { size: 'M', quantity: 1 },
        { size: 'L', quantity: 0 },
      ],
    })
  })

  it('stays quiet for increases, unknown SKUs and inactive products, and sums changes per product', async () => {
    expect(await set('JAKET-001-M', 10)).toEqual([]) // 3 → 11 (an increase)
    expect(await watcher.afterStockChange([{ sku: 'NOPE-1-M', delta: -5 }])).toEqual([])
    expect(await watcher.afterStockChange([{ sku: 'KAOS-001-M', delta: 0 }])).toEqual([])

    // Two sizes of one order: 50 → 4 in one change.
    await db.prisma.inventory.update({ where: { sku: 'KAOS-001-S' }, data: { quantity: 0 } })
    await db.prisma.inventory.update({ where: { sku: 'KAOS-001-L' }, data: { quantity: 0 } })
    await db.prisma.inventory.update({ where: { sku: 'KAOS-001-M' }, data: { quantity: 0 } })
    await db.prisma.inventory.update({ where: { sku: 'KAOS-001-XL' }, data: { quantity: 4 } })
    const combined = await watcher.afterStockChange([
      { sku: 'KAOS-001-S', delta: -10 },
      { sku: 'KAOS-001-L', delta: -20 },
      { sku: 'KAOS-001-M', delta: -15 },
      { sku: 'KAOS-001-XL', delta: -1 },
    ])
    expect(combined.map((a) => [a.productId, a.quantity])).toEqual([['KAOS-001', 4]])

    await db.prisma.product.update({ where: { id: 'CELANA-001' }, data: { active: false } })
    expect(await set('CELANA-001-30', 0)).toEqual([])
    expect(await queued()).toHaveLength(1)
  })
})
