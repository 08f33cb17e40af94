/**
 * A typed client of the WooCommerce REST API v3 (`/wp-json/wc/v3/`), authenticated with the consumer key and
 * secret (HTTP Basic; WooCommerce accepts it over HTTPS). Lists come a page at a time, oldest id first, so a page
 * number stays a valid place to resume; `modifiedAfter` asks only for what changed since (reconcile).
 *
 * @example
 * const woo = createWooClient({ url: 'https://toko.example.com', key, secret, timeoutMs: 15000 })
 * const { items, totalPages } = await woo.list('orders', { page: 1 })
 */
import { z } from 'zod'
import { platformRequest } from '../http.ts'
import {
  type WooCustomer,
  type WooOrder,
  type WooProduct,
  type WooVariation,
  wooCustomerSchema,
  wooOrderSchema,
  wooProductSchema,
  wooVariationSchema,
} from './payloads.ts'

export interface WooClientOptions {
  /** WOOCOMMERCE_URL: the shop's address. */
  url: string
  key: string
  secret: string
  timeoutMs: number
  /** Items per page (WooCommerce allows up to 100). */
  perPage?: number
  fetch?: typeof fetch
}

const schemas = {
  products: wooProductSchema,
  customers: wooCustomerSchema,
  orders: wooOrderSchema,
}
export type WooListKind = keyof typeof schemas
type Item<K extends WooListKind> = K extends 'products' ? WooProduct : K extends 'customers' ? WooCustomer : WooOrder

export interface WooPage<T> {
  items: T[]
  page: number
  totalPages: number
  total: number
}

export function createWooClient(options: WooClientOptions) {
  const base = `${options.url.replace(/\/+$/, '')}/wp-json/wc/v3`
  const auth = `Basic ${Buffer.from(`${options.key}:${options.secret}`).toString('base64')}`
  const perPage = options.perPage ?? 100

  function get<T>(path: string, params: Record<string, string>, schema: z.ZodType<T>) {
    const url = new URL(`${base}/${path}`)
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
    return platformRequest({
      platform: 'woocommerce',
      url,
      headers: { Authorization: auth },
      schema,
      timeoutMs: options.timeoutMs,
      secrets: [options.key, options.secret, auth],
      ...(options.fetch ? { fetch: options.fetch } : {}),
    })
  }

  return {
    /** One page of products, customers or orders, oldest id first. */
    async list<K extends WooListKind>(
      kind: K,
      query: { page: number; modifiedAfter?: Date },
    ): Promise<WooPage<Item<K>>> {
      const params: Record<string, string> = {
        page: String(query.page),
        per_page: String(perPage),
        orderby: 'id',
        order: 'asc',
      }
      if (kind === 'customers') params.role = 'all'
      if (kind === 'orders' || kind === 'products') params.status = 'any'
      if (query.modifiedAfter) {
        params.modified_after = query.modifiedAfter.toISOString()
        params.dates_are_gmt = 'true'
      }
      const { body, headers } = await get(kind, params, z.array(schemas[kind] as unknown as z.ZodType<Item<K>>))
      const totalPages = Number(headers.get('x-wp-totalpages') ?? '1') || 1
      return { items: body, page: query.page, totalPages, total: Number(headers.get('x-wp-total') ?? body.length) || 0 }
    },

    /** Every variation of a variable product. */
    async variations(productId: number): Promise<WooVariation[]> {
      const all: WooVariation[] = []
      for (let page = 1; page < 100; page++) {
        const { body, headers } = await get(
          `products/${productId}/variations`,
          { page: String(page), per_page: String(perPage) },
          z.array(wooVariationSchema),
        )
        all.push(...body)
        if (page >= (Number(headers.get('x-wp-totalpages') ?? '1') || 1)) break
      }
      return all
    },
  }
}

export type WooClient = ReturnType<typeof createWooClient>
