/**
 * The single way stock changes: one atomic UPDATE that refuses to go below zero (two concurrent changes can
 * never both take the last unit), then an InventoryMovement row saying who and why, and the back-in-stock notices
 * when the SKU had none before.
 */
import { queueBackInStockNotices } from './back-in-stock.ts'
import type { DbOrTx } from './db-types.ts'
import { InsufficientStock, ProductNotFound } from './errors.ts'

export interface StockChange {
  sku: string
  delta: number
  reason: string
  actor: string
  orderId?: string
  /** The shop's own id of this change ("<source>:<id>"), unique: a repeat fails instead of applying twice. */
  externalId?: string
}

/** Applies a delta to one SKU; returns the new quantity. Throws InsufficientStock or ProductNotFound. */
export async function applyStockDelta(db: DbOrTx, change: StockChange): Promise<number> {
  const rows = await db.$queryRaw<{ quantity: number }[]>`
    UPDATE "Inventory" SET "quantity" = "quantity" + ${change.delta}, "updatedAt" = now()
    WHERE "sku" = ${change.sku} AND "quantity" + ${change.delta} >= 0
    RETURNING "quantity"`
  const row = rows[0]
  if (!row) {
    const current = await db.inventory.findUnique({ where: { sku: change.sku }, select: { quantity: true } })
    if (!current) throw new ProductNotFound(change.sku)
    throw new InsufficientStock(change.sku, current.quantity, -change.delta)
  }
  await db.inventoryMovement.create({
    data: {
      sku: change.sku,
      delta: change.delta,
      quantityAfter: row.quantity,
      reason: change.reason,
      actor: change.actor,
      orderId: change.orderId,
      externalId: change.externalId,
    },
  })
  // Stock came back (none before, some now): customers who asked are told once.
  if (row.quantity > 0 && row.quantity - change.delta <= 0) await queueBackInStockNotices(db, change.sku)
  return row.quantity
}
