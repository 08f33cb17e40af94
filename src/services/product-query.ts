/**
 * The stock reads behind every "ada stok …?" question, each one plain SQL statement: the active products named by
 * id or SKU with their stock rows, and the active catalog (names and sizes) that product search matches against.
 * They run on most shopping questions in a chat, and through Prisma's relation queries the client's own work cost
 * several times the database's.
 */
import type { SqlQuery } from '../db/sql.ts'

export interface StockRow {
  sku: string
  size: string
  quantity: number
  warehouseLocation: string
}

export interface ProductWithStockRows {
  id: string
  name: string
  nameEn: string | null
  price: number
  lowStockThreshold: number
  /** In SKU order. */
  inventory: StockRow[]
}

export interface CatalogEntry {
  id: string
  name: string
  nameEn: string | null
  category: string | null
  price: number
  /** The sizes the product comes in, in SKU order. */
  sizes: string[]
}

const productColumns = `p.id, p.name, p."nameEn", p.price, p."lowStockThreshold",
  COALESCE((
    SELECT json_agg(json_build_object('sku', i.sku, 'size', i.size, 'quantity', i.quantity,
        'warehouseLocation', i."warehouseLocation") ORDER BY i.sku)
    FROM "Inventory" i WHERE i."productId" = p.id
  ), '[]') AS inventory`

const productsWithStockSql = `
SELECT ${productColumns}
FROM "Product" p
WHERE p.active AND (p.id = ANY($1::text[])
  OR p.id IN (SELECT i."productId" FROM "Inventory" i WHERE i.sku = ANY($1::text[])))
ORDER BY p.id
`

// The usual question names one product or SKU. With an array parameter PostgreSQL plans the statement afresh on
// every call (planning took twice as long as running it); with one text parameter it keeps a generic plan.
const productWithStockSql = `
SELECT ${productColumns}
FROM "Product" p
WHERE p.active AND (p.id = $1::text OR p.id = (SELECT i."productId" FROM "Inventory" i WHERE i.sku = $1::text))
ORDER BY p.id
`

const catalogSql = `
SELECT p.id, p.name, p."nameEn", p.category, p.price,
  COALESCE((SELECT array_agg(i.size ORDER BY i.sku) FROM "Inventory" i WHERE i."productId" = p.id), '{}') AS sizes
FROM "Product" p
WHERE p.active
ORDER BY p.id
`

/** Active products whose id or one of whose SKUs is among `keys` (upper-case, as stored). */
export function readProductsWithStock(query: SqlQuery, keys: readonly string[]): Promise<ProductWithStockRows[]> {
  const [only] = keys
  if (keys.length === 1 && only !== undefined) return query<ProductWithStockRows>(productWithStockSql, [only])
  return query<ProductWithStockRows>(productsWithStockSql, [[...keys]])
}

/** Every active product with the sizes it comes in, for product search. */
export function readSearchCatalog(query: SqlQuery): Promise<CatalogEntry[]> {
  return query<CatalogEntry>(catalogSql)
}
