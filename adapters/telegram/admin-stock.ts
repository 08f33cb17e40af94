/**
 * /stock and /lowstock: show a product's or SKU's stock, set a SKU's counted quantity (audited by the inventory
 * service, low stock announced to staff), and list what runs low or is sold out.
 */
import type { Reply } from '../../src/core/types.ts'
import type { Locale } from '../../src/i18n/format.ts'
import { t } from '../../src/i18n/messages.ts'
import { InvalidInput, ProductNotFound } from '../../src/services/errors.ts'
import type { InventoryService, StockInfo } from '../../src/services/inventory.ts'
import type { LowStockWatcher } from '../../src/services/notifications/low-stock.ts'
import type { AdminInput } from './admin-types.ts'

export interface StockCommandDeps {
  inventory: Pick<
    InventoryService,
    'checkProductStock' | 'updateProductStock' | 'getLowStockProducts' | 'getOutOfStockProducts'
  >
  lowStock: Pick<LowStockWatcher, 'afterStockChange'>
  /** Kicks the outbox after a low-stock alert was queued. */
  notify?: () => void
}

function productName(info: StockInfo, locale: Locale): string {
  return locale === 'en' ? (info.productNameEn ?? info.productName) : info.productName
}

function sizeList(info: StockInfo): string {
  return info.sizes.map((s) => `${s.size} ${s.quantity}`).join(' · ') || '-'
}

function stockView(info: StockInfo, locale: Locale): Reply {
  const mark = !info.inStock
    ? t(locale, 'telegram.admin.stockOutMark')
    : info.lowStock
      ? t(locale, 'telegram.admin.stockLowMark')
      : ''
  return {
    text: t(locale, 'telegram.admin.stockView', {
      name: productName(info, locale),
      id: info.sku ?? info.productId,
      quantity: info.quantity,
      low: mark,
      sizes: sizeList(info),
      warehouse: info.warehouseLocation,
    }),
  }
}

/** `/stock <SKU|product id> [quantity] [reason…]` */
export async function stockCommand(deps: StockCommandDeps, input: AdminInput): Promise<Reply> {
  const { locale } = input
  const [id, quantity, ...reasonWords] = input.args.split(/\s+/).filter(Boolean)
  const usage = { text: t(locale, 'telegram.admin.usage.stock') }
  if (!id) return usage
  if (quantity === undefined) {
    try {
      return stockView(await deps.inventory.checkProductStock(id), locale)
    } catch (error) {
      if (error instanceof ProductNotFound) return { text: t(locale, 'telegram.admin.productNotFound', { id }) }
      if (error instanceof InvalidInput) return usage
      throw error
    }
  }
  if (!/^\d{1,7}$/.test(quantity)) return usage
  const reason = reasonWords.join(' ') || t(locale, 'telegram.admin.stockReason')
  let result: { sku: string; before: number; after: number }
  try {
    result = await deps.inventory.updateProductStock(id, Number(quantity), reason, input.actor)
  } catch (error) {
    if (error instanceof ProductNotFound) {
      // A product id (all sizes) cannot be set: point at one of its SKUs.
      const product = await deps.inventory.checkProductStock(id).catch(() => null)
      if (product?.sizes[0]) {
        return { text: t(locale, 'telegram.admin.stockNeedsSku', { example: product.sizes[0].sku }) }
      }
      return { text: t(locale, 'telegram.admin.productNotFound', { id }) }
    }
    if (error instanceof InvalidInput) return usage
    throw error
  }
  const alerts = await deps.lowStock.afterStockChange([{ sku: result.sku, delta: result.after - result.before }])
  if (alerts.length > 0) deps.notify?.()
  return {
    text: t(locale, 'telegram.admin.stockSet', {
      sku: result.sku,
      before: result.before,
      after: result.after,
      reason,
    }),
  }
}

/** `/lowstock`: products at or below their threshold, then sold-out ones. */
export async function lowStockCommand(deps: StockCommandDeps, input: AdminInput): Promise<Reply> {
  const { locale } = input
  const [low, out] = await Promise.all([deps.inventory.getLowStockProducts(), deps.inventory.getOutOfStockProducts()])
  if (low.length === 0 && out.length === 0) return { text: t(locale, 'telegram.admin.lowStockNone') }
  const parts: string[] = []
  if (low.length > 0) {
    const lines = low.map((info) =>
      t(locale, 'telegram.admin.lowStockLine', {
        name: productName(info, locale),
        id: info.productId,
        quantity: info.quantity,
        sizes: sizeList(info),
      }),
    )
    parts.push([t(locale, 'telegram.admin.lowStockTitle'), ...lines].join('\n'))
  }
  if (out.length > 0) {
    const lines = out.map((info) =>
      t(locale, 'telegram.admin.outOfStockLine', { name: productName(info, locale), id: info.productId }),
    )
    parts.push([t(locale, 'telegram.admin.outOfStockTitle'), ...lines].join('\n'))
  }
  return { text: parts.join('\n\n') }
}
