import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { searchProducts } from '../../../tools/search-products.ts'
import type { ToolContext } from '../../../tools/types.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('search_products on a real database (%s)', (kind) => {
  let db: Database
  let ctx: ToolContext
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    ctx = await createToolContext(db)
  })
  afterAll(async () => {
    await db.close()
  })

  it('finds a product by an Indonesian word with its price and stock', async () => {
    const result = await runTool(searchProducts, ctx, { query: 'jaket' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data.products[0]).toEqual({
      productId: 'JAKET-001',
      name: 'Jaket Denim Oversize',
      nameEn: 'Oversized Denim Jacket',
      price: 249_000,
      totalStock: 3,
      inStock: true,
    })
    expect(searchProducts.render(result, 'id').text).toContain(
      '**Jaket Denim Oversize** (JAKET-001) — Rp249.000 · Tersedia',
    )
  })

  it('finds a product by English words and shows a sold-out one as such', async () => {
    const result = await runTool(searchProducts, ctx, { query: 'floral dress' })
    expect(result.ok && result.data.products[0]?.productId).toBe('DRESS-001')
    expect(searchProducts.render(result, 'en').text).toContain('Out of stock')
  })

  it('answers no match politely', async () => {
    const result = await runTool(searchProducts, ctx, { query: 'zzqx vbnm' })
    expect(result).toEqual({ ok: true, data: { query: 'zzqx vbnm', products: [] } })
    expect(searchProducts.render(result, 'id').text).toContain('Tidak ada produk yang cocok')
  })

  it('respects the limit', async () => {
    const result = await runTool(searchProducts, ctx, { query: 'kaos celana kemeja jaket dress', limit: 2 })
    expect(result.ok && result.data.products.length).toBeLessThanOrEqual(2)
  })
})
