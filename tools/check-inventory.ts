/**
 * check_inventory: stock of products named by id, SKU or in the customer's own words, optionally for one size.
 * Open to everyone (no verification): stock is public.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import { formatRupiah, type Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import type { Services } from '../src/services/index.ts'
import type { StockAlternative } from '../src/services/stock-alternatives.ts'
import { commonErrorReply, lines, productName, quoted } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'a product id or SKU: letters, digits and dashes')

const input = z
  .object({
    productIds: z.array(code).max(15).optional().describe('Product ids such as "KAOS-001" (all sizes of the product).'),
    skus: z
      .array(code)
      .max(15)
      .optional()
      .describe('SKUs (product id + size) such as "KAOS-001-M", when the exact size variant is known.'),
    query: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'A product name in the customer\'s words, Indonesian or English ("kaos crewneck", "denim jacket"); the best match is checked.',
      ),
    size: z
      .string()
      .trim()
      .min(1)
      .max(10)
      .optional()
      .describe('The size asked about ("M", "XL", "31"); applies to productIds and query.'),
    colour: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .optional()
      .describe(
        'The colour the customer asked for ("hitam", "black"), in their words; the answer says whether it is offered.',
      ),
  })
  .refine((v) => Boolean(v.productIds?.length || v.skus?.length || v.query), {
    message: 'give productIds, skus or query',
    path: ['query'],
  })

type CheckInventoryInput = z.infer<typeof input>

export interface StockItem {
  productId: string
  name: string
  nameEn: string | null
  price: number
  /** The size asked about, or null for the whole product. */
  size: string | null
  /** Units of that size, or of all sizes. */
  quantity: number
  inStock: boolean
  lowStock: boolean
  /** False when the asked size does not exist for this product. */
  sizeOffered: boolean
  /** Whether the colour asked about is offered (the product's name says it); absent when none was asked. */
  colourOffered?: boolean
  sizes: { size: string; quantity: number }[]
  /** When sold out (in the asked size or altogether): in-stock products of the same category (and size). */
  alternatives?: StockAlternative[]
}

export interface CheckInventoryData {
  items: StockItem[]
  /** The colour asked about, as written. */
  colour?: string
  /** Product ids, SKUs or the query that matched nothing. */
  notFound: string[]
  /** Nothing matched because the shop has no products yet. */
  catalogEmpty?: boolean
}

type StockInfo = Awaited<ReturnType<Services['inventory']['checkProductStock']>>

const same = (a: string | null | undefined, b: string) => a?.toUpperCase() === b.toUpperCase()

function itemFrom(info: StockInfo, size: string | null, sizeOffered = true): StockItem {
  return {
    productId: info.productId,
    name: info.productName,
    nameEn: info.productNameEn,
    price: info.price,
    size,
    quantity: sizeOffered ? info.quantity : 0,
    inStock: sizeOffered && info.inStock,
    lowStock: sizeOffered && info.lowStock,
    sizeOffered,
    sizes: info.sizes.map((s) => ({ size: s.size, quantity: s.quantity })),
  }
}

/** "m", "size M", "ukuran xl" → "M", "XL"; null for nothing usable. */
function cleanSize(raw: string | null | undefined): string | null {
  const size = raw
    ?.toUpperCase()
    .replace(/^(SIZE|UKURAN|UK)\s*/, '')
    .trim()
  return size ? size : null
}

const sizePattern = /^[A-Z0-9]{1,8}$/

async function run(services: Services, input: CheckInventoryInput): Promise<CheckInventoryData> {
  const size = cleanSize(input.size)
  const wanted = (input.productIds ?? []).map((id) => ({ id, size }))
  const notFound: string[] = []
  if (input.query) {
    const [best] = await services.inventory.searchProducts(input.query, { limit: 1 })
    if (best) wanted.push({ id: best.productId, size: size ?? cleanSize(best.size) })
    else notFound.push(input.query)
  }
  // Each product is asked as a whole and, when a size is wanted, as that SKU too: the pair says whether the
  // size exists and gives that size's own stock flags.
  const ids = new Set<string>(input.skus ?? [])
  for (const w of wanted) {
    ids.add(w.id)
    if (w.size && sizePattern.test(w.size)) ids.add(`${w.id}-${w.size}`)
  }
  if (ids.size === 0) return { items: [], notFound }
  const { stocks } = await services.inventory.checkMultipleProductsStock([...ids])
  // The model may put a SKU among productIds or the other way round: look each id up as whichever it is.
  const stockFor = (id: string) =>
    stocks.find((s) => same(s.sku, id)) ?? stocks.find((s) => s.sku === null && same(s.productId, id))
  const items: StockItem[] = []
  for (const w of wanted) {
    const whole = stockFor(w.id)
    if (!whole) notFound.push(w.id)
    else if (!w.size || whole.sku !== null) items.push(itemFrom(whole, whole.size))
    else {
      const sized = stockFor(`${w.id}-${w.size}`)
      items.push(
        sized ? itemFrom({ ...sized, sizes: whole.sizes }, sized.size ?? w.size) : itemFrom(whole, w.size, false),
      )
    }
  }
  for (const sku of input.skus ?? []) {
    const info = stockFor(sku)
    if (info) items.push(itemFrom(info, info.size))
    else notFound.push(sku)
  }
  const unique = dedupe(items)
  for (const item of unique) {
    if (item.inStock) continue
    const alternatives = await services.stockAlternatives.forProduct(item.productId, item.size)
    if (alternatives.length > 0) item.alternatives = alternatives
  }
  const colour = input.colour?.toLowerCase()
  if (!colour) return { items: unique, notFound: [...new Set(notFound)] }
  // The catalog has no colour variants: a colour is offered only when the product's own name says it.
  const named = (item: StockItem) => `${item.name} ${item.nameEn ?? ''}`.toLowerCase().includes(colour)
  return {
    items: unique.map((item) => ({ ...item, colourOffered: named(item) })),
    notFound: [...new Set(notFound)],
    colour,
  }
}

function dedupe(items: StockItem[]): StockItem[] {
  const seen = new Set<string>()
  return items.filter((i) => {
    const key = `${i.productId}|${i.size ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function sizeList(sizes: { size: string; quantity: number }[]): string {
  return sizes.map((s) => `${s.size} ${s.quantity}`).join(' · ')
}

function itemText(item: StockItem, locale: Locale, colour: string | undefined): string {
  const name = productName(item.name, item.nameEn, locale)
  const text = stockText(item, locale, name)
  if (!colour || item.colourOffered !== false) return text
  return lines(t(locale, 'stock.colourNotOffered', { name, colour }), '', text)
}

function stockText(item: StockItem, locale: Locale, name: string): string {
  const price = t(locale, 'stock.price', { price: formatRupiah(item.price) })
  if (!item.sizeOffered && item.size) {
    const sizes = item.sizes.map((s) => s.size).join(', ')
    return lines(
      t(locale, 'stock.name', { emoji: '❌', name }),
      t(locale, 'stock.sizeNotOffered', { size: item.size, sizes }),
      price,
    )
  }
  const [emoji, label] = !item.inStock
    ? ['❌', t(locale, 'stock.out')]
    : item.lowStock
      ? ['⚠️', t(locale, 'stock.low')]
      : ['✅', t(locale, 'stock.available')]
  const others = item.size ? item.sizes.filter((s) => s.quantity > 0 && !same(s.size, item.size ?? '')) : []
  return lines(
    t(locale, 'stock.name', { emoji, name }),
    t(locale, 'stock.status', { label }),
    item.size
      ? t(locale, 'stock.size', { size: item.size, quantity: item.quantity })
      : t(locale, 'stock.total', { quantity: item.quantity }),
    !item.size &&
      item.sizes.length > 1 &&
      item.quantity > 0 &&
      t(locale, 'stock.sizes', { list: sizeList(item.sizes) }),
    !item.inStock && others.length > 0 && t(locale, 'stock.otherSizes', { list: sizeList(others) }),
    price,
  )
}

/** The in-stock alternatives and the offer to be told when the size is back. */
function soldOutHelp(item: StockItem, locale: Locale): string | false {
  if (item.inStock) return false
  const alternatives = item.alternatives ?? []
  const offer =
    item.size && item.sizeOffered
      ? t(locale, 'stock.notifyOffer', { size: item.size, sku: `${item.productId}-${item.size}` })
      : !item.size && item.sizes.length > 0
        ? t(locale, 'stock.notifyOfferNoSize', {
            productId: item.productId,
            sizes: item.sizes.map((s) => s.size).join(', '),
          })
        : false
  const text = lines(
    alternatives.length > 0 &&
      t(locale, 'stock.alternatives', {
        size: item.size ? t(locale, 'stock.alternativesSize', { size: item.size }) : '',
      }),
    ...alternatives.map((a) =>
      t(locale, 'stock.alternative', {
        name: productName(a.name, a.nameEn, locale),
        sizes: a.sizes.map((s) => `${s.size} ${s.quantity}`).join(' · '),
        price: formatRupiah(a.price),
      }),
    ),
    offer,
  )
  return text || false
}

function render(result: ToolResult<CheckInventoryData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  if (result.data.catalogEmpty) return { text: t(locale, 'stock.catalogEmpty') }
  const blocks = [
    ...result.data.items.map((item) => lines(itemText(item, locale, result.data.colour), soldOutHelp(item, locale))),
    ...result.data.notFound.map((q) => t(locale, 'stock.notFound', { query: quoted(q) })),
  ]
  return { text: blocks.join('\n\n') }
}

export const checkInventory = {
  name: 'check_inventory',
  description:
    'Real-time stock of products: whether a product (or one size of it) is available, how many units, low stock, and its price. Give product ids ("KAOS-001"), SKUs ("KAOS-001-M") or the product name as the customer wrote it in `query`, plus `size` when they asked about one size. Anyone may ask; no verification needed. To browse or find products by a general word, use search_products instead.',
  input,
  needsCustomer: false,
  effect: { kind: 'read' },
  async run(ctx, input) {
    const data = await run(ctx.services, input)
    if (data.items.length === 0 && !(await ctx.services.inventory.hasProducts()))
      return ok({ ...data, catalogEmpty: true })
    return ok(data)
  },
  render,
} satisfies ToolPlugin<CheckInventoryInput, CheckInventoryData>
