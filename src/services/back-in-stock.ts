/**
 * "Kabari saya kalau ukuran M ready lagi": back-in-stock requests per customer and SKU, told once through the
 * outbox when the SKU's stock goes from none to some (stock-movement.ts calls `queueBackInStockNotices` in the
 * same transaction as the stock change, so a notice is queued exactly when the stock really returned).
 */
import type { Db } from '../db/client.ts'
import type { DbOrTx } from './db-types.ts'
import { ProductNotFound } from './errors.ts'

export type BackInStockAnswer =
  | {
      status: 'waiting'
      sku: string
      productName: string
      productNameEn: string | null
      size: string
      already: boolean
    }
  | {
      status: 'in_stock'
      sku: string
      productName: string
      productNameEn: string | null
      size: string
      quantity: number
    }

/** Queues one `back_in_stock` notice per waiting request of `sku`, marking each told; returns how many. */
export async function queueBackInStockNotices(db: DbOrTx, sku: string, now: Date = new Date()): Promise<number> {
  const waiting = await db.backInStockRequest.findMany({
    where: { sku, notifiedAt: null },
    include: { inventory: { include: { product: true } } },
  })
  let queued = 0
  for (const request of waiting) {
    // The guard on notifiedAt makes a concurrent second pass queue nothing for the same request.
    const claimed = await db.backInStockRequest.updateMany({
      where: { id: request.id, notifiedAt: null },
      data: { notifiedAt: now },
    })
    if (claimed.count !== 1) continue
    const product = request.inventory.product
    await db.notification.create({
      data: {
        customerId: request.customerId,
        kind: 'back_in_stock',
        payload: {
          sku,
          productId: product.id,
          productName: product.name,
          productNameEn: product.nameEn,
          size: request.inventory.size,
          price: product.price,
        },
      },
    })
    queued++
  }
  return queued
}

export function createBackInStockService(deps: { prisma: Db; now: () => Date }) {
  const { prisma } = deps
  return {
    /**
     * Records the customer's wish to hear when `sku` is back; a SKU in stock now is answered as such instead.
     * @example await backInStock.request('cust-siti', 'DRESS-001-M') // { status: 'waiting', already: false, ... }
     */
    async request(customerId: string, sku: string): Promise<BackInStockAnswer> {
      const key = sku.trim().toUpperCase()
      const inventory = await prisma.inventory.findUnique({ where: { sku: key }, include: { product: true } })
      if (!inventory?.product.active) throw new ProductNotFound(sku)
      const base = {
        sku: inventory.sku,
        productName: inventory.product.name,
        productNameEn: inventory.product.nameEn,
        size: inventory.size,
      }
      if (inventory.quantity > 0) return { status: 'in_stock', ...base, quantity: inventory.quantity }
      const existing = await prisma.backInStockRequest.findUnique({
        where: { customerId_sku: { customerId, sku: inventory.sku } },
      })
      if (existing && existing.notifiedAt === null) return { status: 'waiting', ...base, already: true }
      await prisma.backInStockRequest.upsert({
        where: { customerId_sku: { customerId, sku: inventory.sku } },
        create: { customerId, sku: inventory.sku, createdAt: deps.now() },
        update: { notifiedAt: null, createdAt: deps.now() },
      })
      return { status: 'waiting', ...base, already: false }
    },
  }
}
