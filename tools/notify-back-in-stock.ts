/**
 * notify_back_in_stock: the verified customer asks to be told when a sold-out size is back ("kabari kalau
 * DRESS-001 M ready"). Kept per customer and SKU and told once, through the outbox, when stock returns.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import type { BackInStockAnswer } from '../src/services/back-in-stock.ts'
import { ProductNotFound } from '../src/services/errors.ts'
import { commonErrorReply, customerOf, productName, quoted } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z
  .object({
    sku: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/)
      .optional()
      .describe('The SKU (product id + size) such as "DRESS-001-M".'),
    product: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('A product id ("DRESS-001") or the name in the customer\'s words, with `size`.'),
    size: z.string().trim().min(1).max(10).optional(),
  })
  .refine((v) => Boolean(v.sku || v.product), { message: 'give sku, or product and size', path: ['sku'] })

type NotifyInput = z.infer<typeof input>
export type NotifyData = BackInStockAnswer | { status: 'need_size'; productId: string }

function render(result: ToolResult<NotifyData>, locale: Locale): Reply {
  if (!result.ok) {
    if (result.error.code === 'product_not_found') {
      return { text: t(locale, 'restock.notFound', { query: quoted(String(result.error.details?.productId ?? '')) }) }
    }
    return commonErrorReply(result.error, locale)
  }
  const data = result.data
  if (data.status === 'need_size') return { text: t(locale, 'restock.askSize', { productId: data.productId }) }
  const name = productName(data.productName, data.productNameEn, locale)
  if (data.status === 'in_stock') {
    return { text: t(locale, 'restock.inStock', { name, size: data.size, quantity: data.quantity }) }
  }
  return { text: t(locale, data.already ? 'restock.already' : 'restock.waiting', { name, size: data.size }) }
}

export const notifyBackInStock = {
  name: 'notify_back_in_stock',
  description:
    'Records that the verified customer wants to be told once, in their chat, when a sold-out size is back in stock. Give the SKU ("DRESS-001-M"), or `product` (id or name) plus `size`. If the size is in stock now, the answer says so instead. Offer it after check_inventory shows a size sold out; do not use it for sizes the product does not come in.',
  input,
  needsCustomer: true,
  effect: { kind: 'record' },
  async run(ctx, input) {
    const customer = customerOf(ctx)
    let sku = input.sku?.toUpperCase()
    if (!sku && input.product) {
      const code = input.product.toUpperCase()
      const productId = /^[A-Z]+-\d{3}$/.test(code)
        ? code
        : (await ctx.services.inventory.searchProducts(input.product, { limit: 1 }))[0]?.productId
      if (!productId) throw new ProductNotFound(input.product)
      const size = input.size?.toUpperCase().replace(/^(SIZE|UKURAN)\s*/, '')
      if (!size) return ok({ status: 'need_size', productId })
      sku = `${productId}-${size}`
    }
    return ok(await ctx.services.backInStock.request(customer.id, sku ?? ''))
  },
  render,
} satisfies ToolPlugin<NotifyInput, NotifyData>
