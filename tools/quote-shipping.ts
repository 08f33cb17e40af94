/**
 * quote_shipping: what shipping costs to a place the customer names in free text (city, regency, district or
 * postal code), for products they mention, one of their orders, a weight, or 1 kg when nothing says more.
 * Open to everyone; only an order's contents need a verified customer.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { RateOption } from '../src/gateways/rates.ts'
import { formatRupiah, type Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { ProductNotFound } from '../src/services/errors.ts'
import type { Services } from '../src/services/index.ts'
import type { QuoteResult } from '../src/services/shipping-quote.ts'
import { commonErrorReply, lines, orderNumberInput, quoted } from './common.ts'
import { fail, ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({
  destination: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .describe(
      'Where the parcel goes, as the customer wrote it: a city or regency ("Surabaya", "Kab. Bogor"), a district ("Gubeng, Surabaya") or a 5-digit postal code.',
    ),
  items: z
    .array(
      z.object({
        product: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .describe('A product id ("KAOS-001"), SKU ("KAOS-001-M") or the product name in the customer\'s words.'),
        size: z.string().trim().min(1).max(10).optional(),
        quantity: z.number().int().min(1).max(50).optional().describe('Default 1.'),
      }),
    )
    .max(10)
    .optional()
    .describe('Products the customer wants to send, from the conversation.'),
  orderNumber: orderNumberInput.optional().describe('Weigh the items of this order of the verified customer.'),
  weightGrams: z.number().int().min(1).max(100_000).optional().describe('A weight the customer gave, in grams.'),
})

type QuoteShippingInput = z.infer<typeof input>
export type QuoteShippingData = QuoteResult

const codePattern = /^[A-Z]+-\d{3}(-[A-Z0-9]{1,8})?$/

async function resolveItems(services: Services, items: NonNullable<QuoteShippingInput['items']>) {
  const resolved: { idOrSku: string; quantity: number }[] = []
  for (const item of items) {
    const code = item.product.toUpperCase()
    const size = item.size?.toUpperCase().replace(/^(SIZE|UKURAN)\s*/, '')
    if (codePattern.test(code)) {
      const isProductId = /^[A-Z]+-\d{3}$/.test(code)
      resolved.push({ idOrSku: isProductId && size ? `${code}-${size}` : code, quantity: item.quantity ?? 1 })
      continue
    }
    const [best] = await services.inventory.searchProducts(item.product, { limit: 1 })
    if (!best || best.score < 0.5) throw new ProductNotFound(item.product)
    resolved.push({ idOrSku: best.productId, quantity: item.quantity ?? 1 })
  }
  return resolved
}

function days(option: RateOption, locale: Locale): string {
  return option.minDays === option.maxDays
    ? t(locale, 'quote.day', { days: option.minDays })
    : t(locale, 'quote.days', { min: option.minDays, max: option.maxDays })
}

function optionParams(option: RateOption, locale: Locale) {
  return {
    courier: option.courierName,
    service: option.serviceName,
    price: formatRupiah(option.price),
    days: days(option, locale),
  }
}

function weightText(grams: number): string {
  return grams >= 1000 ? `${(grams / 1000).toLocaleString('id-ID')} kg` : `${grams} g`
}

const maxOtherOptions = 6

function quoteText(data: Extract<QuoteResult, { kind: 'quote' }>, locale: Locale): string {
  const kg = Math.max(1, Math.ceil(data.weightGrams / 1000))
  const others = data.options.filter((o) => o !== data.cheapest && o !== data.fastest).slice(0, maxOtherOptions)
  const threshold = formatRupiah(data.freeShippingOver)
  return lines(
    t(locale, 'quote.title', { destination: data.destination }),
    data.weightSource === 'default'
      ? t(locale, 'quote.weightDefault')
      : t(locale, data.weightSource === 'given' ? 'quote.weightGiven' : 'quote.weightItems', {
          weight: weightText(data.weightGrams),
          kg,
        }),
    '',
    t(locale, 'quote.cheapest', optionParams(data.cheapest, locale)),
    data.fastest !== data.cheapest && t(locale, 'quote.fastest', optionParams(data.fastest, locale)),
    others.length > 0 && t(locale, 'quote.others'),
    ...others.map((o) => t(locale, 'quote.option', optionParams(o, locale))),
    '',
    data.freeShipping === true && t(locale, 'quote.free', { value: formatRupiah(data.goodsValue ?? 0), threshold }),
    data.freeShipping === false &&
      t(locale, 'quote.freeShort', { value: formatRupiah(data.goodsValue ?? 0), threshold }),
    data.freeShipping === null && t(locale, 'quote.freeRule', { threshold }),
    data.estimates && t(locale, 'quote.estimates'),
  )
}

function render(result: ToolResult<QuoteShippingData>, locale: Locale): Reply {
  if (!result.ok) {
    if (result.error.code === 'product_not_found') {
      const query = String(result.error.details?.productId ?? '')
      return { text: t(locale, 'quote.productNotFound', { query: quoted(query) }) }
    }
    if (result.error.code === 'invalid_input' && result.error.details?.field === 'destination') {
      return { text: t(locale, 'quote.askDestination') }
    }
    return commonErrorReply(result.error, locale)
  }
  const data = result.data
  switch (data.kind) {
    case 'quote':
      return { text: quoteText(data, locale) }
    case 'ambiguous':
      return {
        text: lines(
          t(locale, 'quote.ambiguous', { query: quoted(data.query) }),
          ...data.choices.map((label, i) => t(locale, 'quote.choice', { n: i + 1, label })),
          t(locale, 'quote.ambiguousHint', { example: data.choices[0]?.split(',')[0] ?? '' }),
        ),
      }
    case 'unknown':
      return { text: t(locale, 'quote.unknown', { query: quoted(data.query) }) }
    case 'no_service':
      return { text: t(locale, 'quote.noService', { destination: data.destination }) }
  }
}

export const quoteShipping = {
  name: 'quote_shipping',
  description:
    "Shipping cost (ongkir) to a destination the customer names: a city, regency, district or postal code in free text. Pass the products and sizes from the conversation in `items`, or `orderNumber` for one of the verified customer's orders, or `weightGrams`; with none of them 1 kg is assumed and the answer says so. Answers with courier options (price, service, estimated days), cheapest and fastest first, and the free-shipping rule. An unknown or ambiguous place comes back as a question or a short choice: ask the customer, never guess a price. Anyone may ask; only `orderNumber` needs verification.",
  input,
  needsCustomer: false,
  effect: { kind: 'read' },
  async run(ctx, input) {
    if (input.orderNumber && !ctx.customer) {
      return fail('verification_required', 'Weighing an order needs a verified customer; ask them to verify first.')
    }
    const items = input.items?.length ? await resolveItems(ctx.services, input.items) : undefined
    const result = await ctx.services.shippingQuotes.quote(ctx.customer?.id ?? null, {
      destination: input.destination,
      ...(items ? { items } : {}),
      ...(input.orderNumber ? { orderNumber: input.orderNumber } : {}),
      ...(input.weightGrams ? { weightGrams: input.weightGrams } : {}),
    })
    return ok(result)
  },
  render,
} satisfies ToolPlugin<QuoteShippingInput, QuoteShippingData>
