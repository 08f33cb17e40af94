/**
 * Shipping-cost quotes ("ongkir ke Surabaya berapa?"): the destination in free text is found through the rates
 * gateway, the parcel's weight comes from the products (their `weightGrams`), an order of the customer, a given
 * weight or a default, and the options come back cheapest first with the cheapest and the fastest named. The
 * shop's free-shipping rule is applied when the goods' value is known. Answers are cached briefly per
 * destination and weight. When the live rates API fails, offline estimates answer, labelled as estimates.
 */

import type { Db } from '../db/client.ts'
import { GatewayError } from '../gateways/errors.ts'
import type { RateOption, RatesDestination, RatesGateway } from '../gateways/rates.ts'
import type { Logger } from '../logger.ts'
import { InvalidInput, ProductNotFound } from './errors.ts'
import { requireCustomerOrder } from './order.ts'

export interface ShippingQuoteSettings {
  /** Goods worth more than this ship free (FAQ: "Gratis ongkir untuk belanja di atas Rp300.000"). */
  freeShippingOver: number
  /** Weight assumed when nothing else is known, and for a product without a weight. */
  defaultWeightGrams: number
  cacheSeconds: number
}

export const defaultShippingQuoteSettings: ShippingQuoteSettings = {
  freeShippingOver: 300_000,
  defaultWeightGrams: 1000,
  cacheSeconds: 600,
}

export interface ShippingQuoteDeps {
  prisma: Db
  rates: RatesGateway
  /** Answers when `rates` is a live API that fails (the offline estimates). */
  fallbackRates?: RatesGateway
  settings: ShippingQuoteSettings
  log: Logger
  now: () => Date
}

export interface QuoteRequest {
  destination: string
  /** Products by id or SKU with quantities. */
  items?: { idOrSku: string; quantity: number }[]
  /** An order of the verified customer (needs `customerId`). */
  orderNumber?: string
  weightGrams?: number
}

export type WeightSource = 'items' | 'order' | 'given' | 'default'

export type QuoteResult =
  | {
      kind: 'quote'
      destination: string
      /** True when the prices are our own estimates (offline, or the live API failed). */
      estimates: boolean
      weightGrams: number
      weightSource: WeightSource
      /** Value of the goods when known (items or an order), else null. */
      goodsValue: number | null
      /** true / false when the goods' value is known; null when it is not (the reply states the rule). */
      freeShipping: boolean | null
      freeShippingOver: number
      /** Cheapest first (then fastest). */
      options: RateOption[]
      cheapest: RateOption
      fastest: RateOption
    }
  | { kind: 'ambiguous'; query: string; choices: string[] }
  | { kind: 'unknown'; query: string }
  | { kind: 'no_service'; destination: string }

interface Cached<T> {
  at: number
  value: T
}

const maxCacheEntries = 500

/** A small time-bounded cache; the oldest entry leaves first when it is full. */
function ttlCache<T>(ttlMs: number, now: () => Date) {
  const entries = new Map<string, Cached<T>>()
  return {
    get(key: string): T | undefined {
      const hit = entries.get(key)
      if (!hit) return undefined
      if (now().getTime() - hit.at > ttlMs) {
        entries.delete(key)
        return undefined
      }
      return hit.value
    },
    set(key: string, value: T) {
      if (entries.size >= maxCacheEntries) entries.delete(entries.keys().next().value as string)
      entries.set(key, { at: now().getTime(), value })
    },
  }
}

/** Cheapest first; among equal prices the faster one. */
export function sortOptions(options: RateOption[]): RateOption[] {
  return [...options].sort((a, b) => a.price - b.price || a.maxDays - b.maxDays || a.minDays - b.minDays)
}

function fastestOf(sorted: RateOption[]): RateOption | undefined {
  return [...sorted].sort((a, b) => a.maxDays - b.maxDays || a.minDays - b.minDays || a.price - b.price)[0]
}

export function createShippingQuoteService(deps: ShippingQuoteDeps) {
  const { prisma, settings } = deps
  const ttl = settings.cacheSeconds * 1000
  const places = ttlCache<Awaited<ReturnType<RatesGateway['findDestination']>>>(ttl, deps.now)
  const prices = ttlCache<{ options: RateOption[]; estimates: boolean }>(ttl, deps.now)

  async function parcelOf(customerId: string | null, request: QuoteRequest) {
    if (request.orderNumber) {
      const order = await requireCustomerOrder(prisma, customerId, request.orderNumber)
      const lines = order.items.map((i) => ({ productId: i.productId, quantity: i.quantity }))
      return { ...(await weigh(lines)), goodsValue: order.subtotal, source: 'order' as const }
    }
    if (request.items && request.items.length > 0) {
      const lines: { productId: string; quantity: number }[] = []
      let goodsValue = 0
      for (const item of request.items) {
        const key = item.idOrSku.trim().toUpperCase()
        const product =
          (await prisma.product.findUnique({ where: { id: key } })) ??
          (await prisma.inventory.findUnique({ where: { sku: key }, include: { product: true } }))?.product
        if (!product?.active) throw new ProductNotFound(item.idOrSku)
        lines.push({ productId: product.id, quantity: item.quantity })
        goodsValue += product.price * item.quantity
      }
      return { ...(await weigh(lines)), goodsValue, source: 'items' as const }
    }
    if (request.weightGrams !== undefined) {
      if (!Number.isInteger(request.weightGrams) || request.weightGrams <= 0 || request.weightGrams > 100_000) {
        throw new InvalidInput('weightGrams', 'a whole number of grams from 1 to 100000')
      }
      return { weightGrams: request.weightGrams, goodsValue: null, source: 'given' as const }
    }
    return { weightGrams: settings.defaultWeightGrams, goodsValue: null, source: 'default' as const }
  }

  /** An order item of a product Layan does not know (productId null) weighs the default parcel. */
  async function weigh(lines: { productId: string | null; quantity: number }[]) {
    const ids = lines.flatMap((l) => (l.productId ? [l.productId] : []))
    const products = await prisma.product.findMany({
      where: { id: { in: ids } },
      select: { id: true, weightGrams: true },
    })
    const weightOf = new Map(products.map((p) => [p.id, p.weightGrams ?? settings.defaultWeightGrams]))
    const weightGrams = lines.reduce(
      (sum, l) => sum + ((l.productId && weightOf.get(l.productId)) || settings.defaultWeightGrams) * l.quantity,
      0,
    )
    return { weightGrams }
  }

  async function findPlace(text: string) {
    const key = `${deps.rates.name}|${text.trim().toLowerCase()}`
    const cached = places.get(key)
    if (cached) return cached
    const match = await deps.rates.findDestination(text)
    places.set(key, match)
    return match
  }

  async function ratesFor(destination: RatesDestination, weightGrams: number, valueRupiah: number) {
    const key = `${deps.rates.name}|${destination.id}|${weightGrams}`
    const cached = prices.get(key)
    if (cached) return cached
    const options = await deps.rates.rates(destination, { weightGrams, valueRupiah })
    const answer = { options, estimates: deps.rates.estimates }
    prices.set(key, answer)
    return answer
  }

  /** Live API down: the offline estimates answer (not cached, so the live API is asked again next time). */
  async function fallback(text: string, weightGrams: number, valueRupiah: number, error: GatewayError) {
    const offline = deps.fallbackRates
    if (!offline) throw error
    deps.log.warn({ gateway: error.gateway, failure: error.failure }, 'rates API failed; offline estimates answer')
    const match = await offline.findDestination(text)
    if (match.kind !== 'found') return { match, options: [], estimates: true }
    const options = await offline.rates(match.destination, { weightGrams, valueRupiah })
    return { match, options, estimates: true }
  }

  return {
    /**
     * A quote for a destination in free text. `customerId` is needed only for `orderNumber` (and scopes it).
     * @example await quotes.quote(null, { destination: 'Surabaya', items: [{ idOrSku: 'KAOS-001-M', quantity: 2 }] })
     */
    async quote(customerId: string | null, request: QuoteRequest): Promise<QuoteResult> {
      const query = request.destination.trim()
      if (query.length < 2 || query.length > 200) throw new InvalidInput('destination', 'a place name or postal code')
      const parcel = await parcelOf(customerId, request)
      const value = parcel.goodsValue ?? 0
      let answer: { match: Awaited<ReturnType<typeof findPlace>>; options: RateOption[]; estimates: boolean }
      try {
        const match = await findPlace(query)
        const priced =
          match.kind === 'found'
            ? await ratesFor(match.destination, parcel.weightGrams, value)
            : { options: [], estimates: deps.rates.estimates }
        answer = { match, ...priced }
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error
        answer = await fallback(query, parcel.weightGrams, value, error)
      }
      const { match } = answer
      if (match.kind === 'unknown') return { kind: 'unknown', query }
      if (match.kind === 'ambiguous') return { kind: 'ambiguous', query, choices: match.choices.map((c) => c.label) }
      const options = sortOptions(answer.options)
      const cheapest = options[0]
      const fastest = fastestOf(options)
      if (!cheapest || !fastest) return { kind: 'no_service', destination: match.destination.label }
      return {
        kind: 'quote',
        destination: match.destination.label,
        estimates: answer.estimates,
        weightGrams: parcel.weightGrams,
        weightSource: parcel.source,
        goodsValue: parcel.goodsValue,
        freeShipping: parcel.goodsValue === null ? null : parcel.goodsValue > settings.freeShippingOver,
        freeShippingOver: settings.freeShippingOver,
        options,
        cheapest,
        fastest,
      }
    },
  }
}
