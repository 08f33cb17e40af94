/**
 * In-stock alternatives for a product that is sold out (in a size, or altogether): other active products of
 * the same category from the catalogue, in the same size when a size was asked, most units first. Never an
 * invented product: only rows of the catalogue with stock.
 */
import type { Db } from '../db/client.ts'

export interface StockAlternative {
  productId: string
  name: string
  nameEn: string | null
  price: number
  /** The sizes in stock (only the asked one when a size was asked), with units. */
  sizes: { size: string; quantity: number }[]
}

export function createStockAlternativesService(deps: { prisma: Db }) {
  return {
    /**
     * @example await alternatives.forProduct('DRESS-001', 'M') // [{ productId: 'DRESS-002', sizes: [{ size: 'M', quantity: 6 }], ... }]
     */
    async forProduct(productId: string, size: string | null, limit = 3): Promise<StockAlternative[]> {
      const product = await deps.prisma.product.findUnique({ where: { id: productId }, select: { category: true } })
      if (!product?.category) return []
      const candidates = await deps.prisma.product.findMany({
        where: { category: product.category, active: true, id: { not: productId } },
        include: {
          inventory: {
            where: { quantity: { gt: 0 }, ...(size ? { size: { equals: size, mode: 'insensitive' } } : {}) },
            orderBy: { sku: 'asc' },
          },
        },
        orderBy: { id: 'asc' },
      })
      return candidates
        .filter((p) => p.inventory.length > 0)
        .map((p) => ({
          productId: p.id,
          name: p.name,
          nameEn: p.nameEn,
          price: p.price,
          sizes: p.inventory.map((i) => ({ size: i.size, quantity: i.quantity })),
        }))
        .sort(
          (a, b) =>
            b.sizes.reduce((n, s) => n + s.quantity, 0) - a.sizes.reduce((n, s) => n + s.quantity, 0) ||
            a.productId.localeCompare(b.productId),
        )
        .slice(0, limit)
    },
  }
}
