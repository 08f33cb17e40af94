import { describe, expect, it } from 'vitest'
import { type SearchProductsData, searchProducts } from '../../../tools/search-products.ts'
import type { ToolResult } from '../../../tools/types.ts'

const found: ToolResult<SearchProductsData> = {
  ok: true,
  data: {
    query: 'jaket',
    products: [
      {
        productId: 'JAKET-001',
        name: 'Jaket Denim Oversize',
        nameEn: 'Oversized Denim Jacket',
        price: 249_000,
        totalStock: 3,
        inStock: true,
      },
      {
        productId: 'DRESS-001',
        name: 'Dress Midi Floral',
        nameEn: 'Floral Midi Dress',
        price: 189_000,
        totalStock: 0,
        inStock: false,
      },
    ],
  },
}

describe('search_products render', () => {
  it('lists matches with id, Rupiah price and availability (id)', () => {
    const text = searchProducts.render(found, 'id').text
    expect(text).toContain('🔎 Hasil pencarian "jaket":')
    expect(text).toContain('1. **Jaket Denim Oversize** (JAKET-001) — Rp249.000 · Tersedia')
    expect(text).toContain('2. **Dress Midi Floral** (DRESS-001) — Rp189.000 · Stok habis')
    expect(text).toContain('stok JAKET-001 ukuran M')
  })

  it('lists matches in English with the English name too', () => {
    const text = searchProducts.render(found, 'en').text
    expect(text).toContain('Search results for "jaket"')
    expect(text).toContain('1. **Jaket Denim Oversize (Oversized Denim Jacket)** (JAKET-001) — Rp249.000 · Available')
    expect(text).toContain('Out of stock')
  })

  it('says when nothing matches', () => {
    const none: ToolResult<SearchProductsData> = { ok: true, data: { query: 'sepatu', products: [] } }
    expect(searchProducts.render(none, 'id').text).toBe(
      'Tidak ada produk yang cocok dengan "sepatu". Coba kata lain yang lebih umum.',
    )
    expect(searchProducts.render(none, 'en').text).toContain('No products match "sepatu"')
  })

  it('falls back to the shared error replies', () => {
    const down: ToolResult<SearchProductsData> = { ok: false, error: { code: 'service_unavailable', message: '' } }
    expect(searchProducts.render(down, 'id').text).toContain('tidak bisa dihubungi')
    expect(searchProducts.render(down, 'en').text).toContain('cannot be reached')
  })
})
