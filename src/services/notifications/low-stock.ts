/**
 * Low-stock alerts for staff. After stock changes (an admin setting a count, an order taking or returning
 * units), `afterStockChange` compares each touched product's total before and after the change and queues an
 * admin Notification (kind `low_stock`) when the product just fell to or below its threshold, or just sold out.
 * A product that was already low is not announced again for every further unit.
 *
 * @example
 * const { before, after } = await inventory.updateProductStock('JAKET-001-M', 1, 'count', actor)
 * await lowStock.afterStockChange([{ sku: 'JAKET-001-M', delta: after - before }])
 */

import type { Db } from '../../db/client.ts'
import type { Logger } from '../../logger.ts'
import { compareSizes } from '../size-order.ts'

/** One applied change: the SKU and how many units it gained (negative: lost). */
export interface StockChange {
  sku: string
  delta: number
}

/** A product the change made low (quantity > 0) or sold out (quantity 0). */
export interface LowStockAlert {
  productId: string
  productName: string
  quantity: number
  threshold: number
  notificationId: string
}

export interface LowStockDeps {
  prisma: Db
  log?: Logger
}

export function createLowStockWatcher(deps: LowStockDeps) {
  const { prisma } = deps

  /** Queues an alert for each product the changes pushed to/below its threshold or to zero (2 reads + writes). */
  async function afterStockChange(changes: StockChange[]): Promise<LowStockAlert[]> {
    const wanted = changes.filter((c) => Number.isInteger(c.delta) && c.delta !== 0)
    if (wanted.length === 0) return []
    const touched = await prisma.inventory.findMany({
      where: { sku: { in: [...new Set(wanted.map((c) => c.sku))] } },
      select: { sku: true, productId: true },
    })
    const productOf = new Map(touched.map((row) => [row.sku, row.productId]))
    const deltaByProduct = new Map<string, number>()
    for (const change of wanted) {
      const productId = productOf.get(change.sku)
      if (productId) deltaByProduct.set(productId, (deltaByProduct.get(productId) ?? 0) + change.delta)
    }
    if (deltaByProduct.size === 0) return []
    const products = await prisma.product.findMany({
      where: { id: { in: [...deltaByProduct.keys()] }, active: true },
      select: { id: true, name: true, lowStockThreshold: true, inventory: { select: { size: true, quantity: true } } },
      orderBy: { id: 'asc' },
    })

    const alerts: LowStockAlert[] = []
    for (const product of products) {
      const after = product.inventory.reduce((sum, row) => sum + row.quantity, 0)
      const before = after - (deltaByProduct.get(product.id) ?? 0)
      const threshold = product.lowStockThreshold
      const becameLow = before > threshold && after <= threshold
      const soldOut = before > 0 && after <= 0
      if (!becameLow && !soldOut) continue
      const notification = await prisma.notification.create({
        data: {
          audience: 'admin',
          kind: 'low_stock',
          payload: {
            productId: product.id,
            productName: product.name,
            quantity: after,
            threshold,
            sizes: [...product.inventory]
              .sort((a, b) => compareSizes(a.size, b.size))
              .map((row) => ({ size: row.size, quantity: row.quantity })),
          },
        },
        select: { id: true },
      })
      deps.log?.info({ productId: product.id, quantity: after, threshold }, 'low stock queued for staff')
      alerts.push({
        productId: product.id,
        productName: product.name,
        quantity: after,
        threshold,
        notificationId: notification.id,
      })
    }
    return alerts
  }

  return { afterStockChange }
}

export type LowStockWatcher = ReturnType<typeof createLowStockWatcher>
