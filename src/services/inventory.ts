/**
 * Stock: what is available by product or SKU, what runs low, and the only ways stock is set or adjusted by
 * hand (both through applyStockDelta, audited). A stock check or product search is one SQL statement; the low-stock
 * lists at most 3.
 */

import type { Prisma } from '../generated/prisma/client.ts'
import { writeAudit } from './audit.ts'
import { InvalidInput, ProductNotFound } from './errors.ts'
import type { ServiceDeps } from './index.ts'
import { type ProductWithStockRows, readProductsWithStock, readSearchCatalog } from './product-query.ts'
import { type ProductMatch, type SearchOptions, searchProductList } from './product-search.ts'
import { compareSizes } from './size-order.ts'
import { applyStockDelta } from './stock-movement.ts'

export interface SizeStock {
  sku: string
  size: string
  quantity: number
}

/** Stock of one product (all sizes) or of one SKU (`sku` and `size` set, `quantity` that size's). */
export interface StockInfo {
  productId: string
  productName: string
  productNameEn: string | null
  price: number
  sku: string | null
  size: string | null
  quantity: number
  inStock: boolean
  lowStock: boolean
  /** Every size of the product, smallest first, even when one size was asked (to offer another). */
  sizes: SizeStock[]
  warehouseLocation: string
}

const productWithStock = {
  include: { inventory: true },
} satisfies Prisma.ProductDefaultArgs
type ProductWithStock = Prisma.ProductGetPayload<typeof productWithStock>

const maxIdsPerCheck = 50
const maxOrderQuantity = 1000
const maxStockQuantity = 1_000_000
const maxQueryChars = 500
const idPattern = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/

/** A product id or SKU as written by a person or a model: trimmed, upper-cased, or InvalidInput. */
function parseId(input: unknown, field = 'productId'): string {
  if (typeof input !== 'string') throw new InvalidInput(field, 'must be a product id or SKU')
  const id = input.trim().toUpperCase()
  if (!idPattern.test(id)) throw new InvalidInput(field, 'must be a product id or SKU (letters, digits, dashes)')
  return id
}

function requireInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInput(field, `must be a whole number from ${min} to ${max}`)
  }
  return value
}

function requireText(field: string, value: unknown, max: number): string {
  const text = typeof value === 'string' ? value.trim() : ''
  if (!text || text.length > max || /\p{Cc}/u.test(text)) {
    throw new InvalidInput(field, `must be 1-${max} printable characters`)
  }
  return text
}

function isLow(quantity: number, threshold: number): boolean {
  return quantity > 0 && quantity <= threshold
}

/** Builds the StockInfo of a product, or of one of its SKUs. */
function toStockInfo(product: ProductWithStock | ProductWithStockRows, sku?: string): StockInfo {
  const rows = [...product.inventory].sort((a, b) => compareSizes(a.size, b.size))
  const sizes = rows.map((r) => ({ sku: r.sku, size: r.size, quantity: r.quantity }))
  const one = sku ? rows.find((r) => r.sku === sku) : undefined
  const quantity = one ? one.quantity : rows.reduce((sum, r) => sum + r.quantity, 0)
  const locations = [...new Set((one ? [one] : rows).map((r) => r.warehouseLocation))]
  return {
    productId: product.id,
    productName: product.name,
    productNameEn: product.nameEn,
    price: product.price,
    sku: one?.sku ?? null,
    size: one?.size ?? null,
    quantity,
    inStock: quantity > 0,
    lowStock: isLow(quantity, product.lowStockThreshold),
    sizes,
    warehouseLocation: locations.join(', ') || 'Jakarta',
  }
}

export function createInventoryService(deps: ServiceDeps) {
  const { prisma } = deps

  /** Active products that are one of the ids or own one of the SKUs (1 statement). */
  function findProducts(keys: string[]): Promise<ProductWithStockRows[]> {
    return readProductsWithStock(deps.sql.query, keys)
  }

  function stockFor(products: ProductWithStockRows[], key: string): StockInfo | undefined {
    const byId = products.find((p) => p.id === key)
    if (byId) return toStockInfo(byId)
    const bySku = products.find((p) => p.inventory.some((i) => i.sku === key))
    return bySku ? toStockInfo(bySku, key) : undefined
  }

  /**
   * Stock of a product (all sizes) or one SKU, case-insensitive.
   * @example await checkProductStock('kaos-001-m') // { sku: 'KAOS-001-M', size: 'M', quantity: 15, ... }
   * @throws ProductNotFound, InvalidInput for something that is not an id
   */
  async function checkProductStock(idOrSku: string): Promise<StockInfo> {
    const key = parseId(idOrSku)
    const stock = stockFor(await findProducts([key]), key)
    if (!stock) throw new ProductNotFound(key)
    return stock
  }

  /** Stock of up to 50 products or SKUs in one SQL statement; unknown ones are listed in `missing`. */
  async function checkMultipleProductsStock(idsOrSkus: string[]): Promise<{ stocks: StockInfo[]; missing: string[] }> {
    if (!Array.isArray(idsOrSkus) || idsOrSkus.length === 0 || idsOrSkus.length > maxIdsPerCheck) {
      throw new InvalidInput('productIds', `must list 1-${maxIdsPerCheck} product ids or SKUs`)
    }
    const keys = [...new Set(idsOrSkus.map((id) => parseId(id, 'productIds')))]
    const products = await findProducts(keys)
    const stocks: StockInfo[] = []
    const missing: string[] = []
    for (const key of keys) {
      const stock = stockFor(products, key)
      if (stock) stocks.push(stock)
      else missing.push(key)
    }
    return { stocks, missing }
  }

  /** Whether `quantity` (1..1000) of a product or SKU can be ordered now. */
  async function canOrderProduct(idOrSku: string, quantity: number): Promise<{ canOrder: boolean; available: number }> {
    requireInteger('quantity', quantity, 1, maxOrderQuantity)
    const stock = await checkProductStock(idOrSku)
    return { canOrder: stock.quantity >= quantity, available: stock.quantity }
  }

  async function allActiveStock(): Promise<StockInfo[]> {
    const products = await prisma.product.findMany({
      where: { active: true },
      orderBy: { id: 'asc' },
      ...productWithStock,
    })
    return products.map((p) => toStockInfo(p))
  }

  /** Active products with some stock left, but no more than their low-stock threshold. */
  async function getLowStockProducts(): Promise<StockInfo[]> {
    return (await allActiveStock()).filter((s) => s.lowStock)
  }

  /** Active products with nothing left in any size. */
  async function getOutOfStockProducts(): Promise<StockInfo[]> {
    return (await allActiveStock()).filter((s) => !s.inStock)
  }

  /**
   * Sets a SKU's stock to a counted quantity. The row is locked first, so the recorded movement
   * (delta = after - before) is exact even while orders change the same SKU.
   */
  async function updateProductStock(
    sku: string,
    newQuantity: number,
    reason: string,
    actor: string,
  ): Promise<{ sku: string; before: number; after: number }> {
    const key = parseId(sku, 'sku')
    requireInteger('newQuantity', newQuantity, 0, maxStockQuantity)
    const why = requireText('reason', reason, 200)
    const who = requireText('actor', actor, 100)
    return prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ quantity: number }[]>`
          SELECT "quantity" FROM "Inventory" WHERE "sku" = ${key} FOR UPDATE`
        const row = rows[0]
        if (!row) throw new ProductNotFound(key)
        const before = row.quantity
        const after = await applyStockDelta(tx, { sku: key, delta: newQuantity - before, reason: why, actor: who })
        await writeAudit(tx, {
          actor: who,
          action: 'inventory.set',
          entity: 'Inventory',
          entityId: key,
          data: { before, after, reason: why },
        })
        return { sku: key, before, after }
      },
      { maxWait: 10_000, timeout: 15_000 },
    )
  }

  /** Adds or removes units atomically; never below zero (InsufficientStock). */
  async function adjustStock(
    sku: string,
    delta: number,
    reason: string,
    actor: string,
  ): Promise<{ sku: string; after: number }> {
    const key = parseId(sku, 'sku')
    requireInteger('delta', delta, -maxStockQuantity, maxStockQuantity)
    if (delta === 0) throw new InvalidInput('delta', 'must not be zero')
    const why = requireText('reason', reason, 200)
    const who = requireText('actor', actor, 100)
    return prisma.$transaction(
      async (tx) => {
        const after = await applyStockDelta(tx, { sku: key, delta, reason: why, actor: who })
        await writeAudit(tx, {
          actor: who,
          action: 'inventory.adjust',
          entity: 'Inventory',
          entityId: key,
          data: { delta, after, reason: why },
        })
        return { sku: key, after }
      },
      { maxWait: 10_000, timeout: 15_000 },
    )
  }

  /**
   * Products named in free text, with the asked size ("kaos crewneck M", "denim jacket L"); best first.
   * Loads the active catalog in one statement and matches in memory.
   */
  async function searchProducts(query: string, opts: SearchOptions = {}): Promise<ProductMatch[]> {
    const text = requireText('query', typeof query === 'string' ? query.replace(/\s+/g, ' ') : query, maxQueryChars)
    if (opts.limit !== undefined) requireInteger('limit', opts.limit, 1, 20)
    const catalog = await readSearchCatalog(deps.sql.query)
    return searchProductList(catalog, text, opts)
  }

  /** Whether the shop has any product to sell yet (a new shop's catalogue is empty until it is imported). */
  async function hasProducts(): Promise<boolean> {
    return (await deps.prisma.product.findFirst({ where: { active: true }, select: { id: true } })) !== null
  }

  return {
    /** Every active product with its stock by size (the console's stock screen). */
    listStock: allActiveStock,
    checkProductStock,
    checkMultipleProductsStock,
    canOrderProduct,
    getLowStockProducts,
    getOutOfStockProducts,
    updateProductStock,
    adjustStock,
    searchProducts,
    hasProducts,
  }
}

export type InventoryService = ReturnType<typeof createInventoryService>
