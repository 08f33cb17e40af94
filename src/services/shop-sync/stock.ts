/**
 * Stock counts from the shop's own system: a count set (applied unless a newer count is held), an adjustment
 * (applied once per movement id, which the movement row keeps), and Shopify's inventory levels, one per inventory
 * item and location, whose sum is the SKU's stock.
 */
import type { Tx } from '../db-types.ts'
import { applyStockDelta } from '../stock-movement.ts'
import { RecordRejected, type SyncContext, type SyncResult } from './context.ts'
import type { StockRecord } from './records.ts'

/** Applies one stock record (POST /api/shop/stock, a CSV row). */
export async function applyStockRecord(tx: Tx, ctx: SyncContext, record: StockRecord): Promise<SyncResult> {
  const row = await tx.inventory.findUnique({ where: { sku: record.sku } })
  if (!row) throw new RecordRejected('sku', 'unknown SKU (send its product first)')
  if (record.adjust !== null && record.adjust !== undefined) {
    const externalId = `${ctx.source}:${record.movementId}`
    const seen = await tx.inventoryMovement.findUnique({ where: { externalId }, select: { id: true } })
    if (seen) return { outcome: 'unchanged', id: row.sku }
    if (row.quantity + record.adjust < 0) {
      throw new RecordRejected('adjust', `would take the stock below zero (${row.quantity} in stock)`)
    }
    await applyStockDelta(tx, {
      sku: row.sku,
      delta: record.adjust,
      reason: record.reason,
      actor: ctx.actor,
      externalId,
    })
    return { outcome: 'updated', id: row.sku, changes: ['quantity'] }
  }
  const quantity = record.quantity ?? 0
  const at = record.updatedAt ?? ctx.now()
  if (row.sourceUpdatedAt && at.getTime() < row.sourceUpdatedAt.getTime()) return { outcome: 'stale', id: row.sku }
  if (quantity === row.quantity) {
    await tx.inventory.update({ where: { sku: row.sku }, data: { sourceUpdatedAt: at } })
    return { outcome: 'unchanged', id: row.sku }
  }
  await applyStockDelta(tx, { sku: row.sku, delta: quantity - row.quantity, reason: record.reason, actor: ctx.actor })
  await tx.inventory.update({ where: { sku: row.sku }, data: { sourceUpdatedAt: at } })
  return { outcome: 'updated', id: row.sku, changes: ['quantity'] }
}

/** One inventory level as a platform reports it (Shopify's `inventory_levels/update`). */
export interface StockLevelRecord {
  stockItemId: string
  locationId: string
  available: number
  updatedAt: Date
}

/**
 * Stores one location's level of an inventory item and sets the SKU mapped to that item (learned from the
 * products) to the sum over its locations. An item no SKU is mapped to yet is stored and applied once its
 * product arrives; an older level than the one held is 'stale'.
 */
export async function applyStockLevel(tx: Tx, ctx: SyncContext, level: StockLevelRecord): Promise<SyncResult> {
  const key = { source: ctx.source, stockItemId: level.stockItemId, locationId: level.locationId }
  const held = await tx.stockLevel.findUnique({ where: { source_stockItemId_locationId: key } })
  if (held && level.updatedAt.getTime() < held.sourceUpdatedAt.getTime()) {
    return { outcome: 'stale', id: level.stockItemId }
  }
  if (held?.available === level.available && held.sourceUpdatedAt.getTime() === level.updatedAt.getTime()) {
    return { outcome: 'unchanged', id: level.stockItemId }
  }
  await tx.stockLevel.upsert({
    where: { source_stockItemId_locationId: key },
    create: { ...key, available: level.available, sourceUpdatedAt: level.updatedAt },
    update: { available: level.available, sourceUpdatedAt: level.updatedAt },
  })
  return syncItemStock(tx, ctx, level.stockItemId, level.updatedAt)
}

/** Sets the stock of the SKU mapped to an inventory item to the sum of its stored levels (never below zero). */
export async function syncItemStock(tx: Tx, ctx: SyncContext, stockItemId: string, at: Date): Promise<SyncResult> {
  const row = await tx.inventory.findFirst({
    where: { stockItemId, product: { source: ctx.source } },
    select: { sku: true, quantity: true },
  })
  if (!row) return { outcome: 'unchanged', id: stockItemId }
  const sum = await tx.stockLevel.aggregate({
    where: { source: ctx.source, stockItemId },
    _sum: { available: true },
  })
  const total = Math.max(0, sum._sum.available ?? 0)
  if (total === row.quantity) {
    await tx.inventory.update({ where: { sku: row.sku }, data: { sourceUpdatedAt: at } })
    return { outcome: 'unchanged', id: row.sku }
  }
  await applyStockDelta(tx, {
    sku: row.sku,
    delta: total - row.quantity,
    reason: `${ctx.source} inventory level`,
    actor: ctx.actor,
  })
  await tx.inventory.update({ where: { sku: row.sku }, data: { sourceUpdatedAt: at } })
  return { outcome: 'updated', id: row.sku, changes: ['quantity'] }
}
