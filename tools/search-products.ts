/** search_products: find products by words (Indonesian or English), with price and availability. */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import { formatRupiah, type Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { commonErrorReply, lines, productName, quoted } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({
  query: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('What the customer is looking for, in their words: "kaos", "jaket denim", "linen shirt".'),
  limit: z.number().int().min(1).max(10).optional().describe('How many products at most (default 5).'),
})

export interface FoundProduct {
  productId: string
  name: string
  nameEn: string | null
  price: number
  /** Units over all sizes. */
  totalStock: number
  inStock: boolean
}

export interface SearchProductsData {
  query: string
  products: FoundProduct[]
  /** Nothing matched because the shop has no products yet. */
  catalogEmpty?: boolean
}

function render(result: ToolResult<SearchProductsData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  const { query, products } = result.data
  const shown = quoted(query)
  if (result.data.catalogEmpty) return { text: t(locale, 'stock.catalogEmpty') }
  if (products.length === 0) return { text: t(locale, 'search.none', { query: shown }) }
  return {
    text: lines(
      t(locale, 'search.title', { query: shown }),
      ...products.map((p, i) =>
        t(locale, 'search.item', {
          index: i + 1,
          name: productName(p.name, p.nameEn, locale),
          productId: p.productId,
          price: formatRupiah(p.price),
          availability: p.inStock ? t(locale, 'stock.available') : t(locale, 'stock.out'),
        }),
      ),
      '',
      t(locale, 'search.stockHint', { productId: products[0]?.productId ?? '' }),
    ),
  }
}

export const searchProducts = {
  name: 'search_products',
  description:
    'Search the shop catalog by words in Indonesian or English (tolerant of small typos) and list matching products with product id, price and whether they are in stock. Use when the customer browses ("ada jaket apa aja?", "do you sell linen shirts?") or names a product vaguely. For the exact stock of a product or size, use check_inventory. Anyone may ask; no verification needed.',
  input,
  needsCustomer: false,
  effect: { kind: 'read' },
  async run(ctx, { query, limit }) {
    const matches = await ctx.services.inventory.searchProducts(query, { limit: limit ?? 5 })
    const ids = [...new Set(matches.map((m) => m.productId))]
    const { stocks } = ids.length > 0 ? await ctx.services.inventory.checkMultipleProductsStock(ids) : { stocks: [] }
    const products = ids.flatMap((id): FoundProduct[] => {
      const match = matches.find((m) => m.productId === id)
      const stock = stocks.find((s) => s.productId === id && s.sku === null)
      if (!match) return []
      return [
        {
          productId: id,
          name: match.productName,
          nameEn: match.productNameEn,
          price: match.price,
          totalStock: stock?.quantity ?? 0,
          inStock: stock?.inStock ?? false,
        },
      ]
    })
    if (products.length === 0 && !(await ctx.services.inventory.hasProducts())) {
      return ok<SearchProductsData>({ query, products, catalogEmpty: true })
    }
    return ok<SearchProductsData>({ query, products })
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, SearchProductsData>
