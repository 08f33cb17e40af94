/**
 * A fake WooCommerce REST API v3 for MSW (`/wp-json/wc/v3/products|customers|orders`, variations), with HTTP Basic
 * checked against the consumer key and secret, pages oldest id first with `X-WP-Total` and `X-WP-TotalPages`,
 * `modified_after`, a record of requests and injectable faults; and builders of the resources in WooCommerce's
 * documented shapes (the same bodies its webhooks carry), and of signed webhook deliveries.
 */
import { HttpResponse, http } from 'msw'
import { signBase64Hmac } from '../../src/http/webhook-signature.ts'

export const fakeWooUrl = 'https://toko-woo.test'

type Resource = Record<string, unknown> & { id: number; date_modified_gmt?: string }

export interface FakeWoo {
  handlers: ReturnType<typeof http.get>[]
  products: Resource[]
  customers: Resource[]
  orders: Resource[]
  variations: Map<number, Resource[]>
  requests: { path: string; page: number }[]
  /** Fail every request from the n-th one on (1-based): 503, or no answer at all. */
  failFrom(n: number, kind?: 'http' | 'network'): void
  reset(): void
}

export function createFakeWoo(options: { key: string; secret: string; url?: string }): FakeWoo {
  const base = `${options.url ?? fakeWooUrl}/wp-json/wc/v3`
  const expected = `Basic ${Buffer.from(`${options.key}:${options.secret}`).toString('base64')}`
  let failure: { from: number; kind: 'http' | 'network' } | null = null
  const fake: FakeWoo = {
    handlers: [],
    products: [],
    customers: [],
    orders: [],
    variations: new Map(),
    requests: [],
    failFrom(n, kind = 'http') {
      failure = { from: n, kind }
    },
    reset() {
      fake.products.length = 0
      fake.customers.length = 0
      fake.orders.length = 0
      fake.variations.clear()
      fake.requests.length = 0
      failure = null
    },
  }
  const list = (items: () => Resource[]) =>
    (({ request }: { request: Request }) => {
      const url = new URL(request.url)
      const page = Number(url.searchParams.get('page') ?? '1')
      fake.requests.push({ path: url.pathname, page })
      if (failure && fake.requests.length >= failure.from) {
        if (failure.kind === 'network') return HttpResponse.error()
        return HttpResponse.json({ code: 'internal_server_error', message: 'Database busy' }, { status: 503 })
      }
      if (request.headers.get('authorization') !== expected) {
        return HttpResponse.json(
          { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } },
          { status: 401 },
        )
      }
      const perPage = Number(url.searchParams.get('per_page') ?? '10')
      const after = url.searchParams.get('modified_after')
      const all = [...items()]
        .filter((i) => !after || Date.parse(`${i.date_modified_gmt ?? ''}Z`) > Date.parse(after))
        .sort((a, b) => a.id - b.id)
      const totalPages = Math.max(1, Math.ceil(all.length / perPage))
      return HttpResponse.json(all.slice((page - 1) * perPage, page * perPage), {
        headers: { 'X-WP-Total': String(all.length), 'X-WP-TotalPages': String(totalPages) },
      })
    }) as Parameters<typeof http.get>[1]
  fake.handlers.push(
    http.get(
      `${base}/products`,
      list(() => fake.products),
    ),
    http.get(
      `${base}/customers`,
      list(() => fake.customers),
    ),
    http.get(
      `${base}/orders`,
      list(() => fake.orders),
    ),
    http.get(`${base}/products/:id/variations`, (info) =>
      (list(() => fake.variations.get(Number(info.params.id)) ?? []) as (i: typeof info) => Response)(info),
    ),
  )
  return fake
}

/** An order as WooCommerce's REST API and its `order.*` webhooks give it. */
export function wooOrder(overrides: Record<string, unknown> = {}): Resource {
  return {
    id: 727,
    parent_id: 0,
    number: '5001',
    order_key: 'wc_order_58d2d042d1d',
    created_via: 'checkout',
    version: '9.4.0',
    status: 'processing',
    currency: 'IDR',
    date_created: '2026-12-01T09:00:00',
    date_created_gmt: '2026-12-01T02:00:00',
    date_modified: '2026-12-01T09:05:00',
    date_modified_gmt: '2026-12-01T02:05:00',
    discount_total: '0',
    shipping_total: '15000',
    total: '214000',
    total_tax: '0',
    prices_include_tax: false,
    customer_id: 31,
    customer_note: '',
    billing: {
      first_name: 'Dewi',
      last_name: 'Lestari',
      company: '',
      address_1: 'Jl. Kenanga No. 8',
      address_2: '',
      city: 'Yogyakarta',
      state: 'DI Yogyakarta',
      postcode: '55281',
      country: 'ID',
      email: 'dewi@example.com',
      phone: '0813-5555-0101',
    },
    shipping: {
      first_name: 'Dewi',
      last_name: 'Lestari',
      company: '',
      address_1: 'Jl. Kenanga No. 8',
      address_2: '',
      city: 'Yogyakarta',
      state: 'DI Yogyakarta',
      postcode: '55281',
      country: 'ID',
    },
    payment_method: 'bacs',
    payment_method_title: 'Transfer Bank BCA',
    transaction_id: '',
    date_paid: null,
    date_paid_gmt: null,
    date_completed: null,
    date_completed_gmt: null,
    meta_data: [],
    line_items: [
      {
        id: 315,
        name: 'Kaos Katun Organik - M',
        product_id: 93,
        variation_id: 0,
        quantity: 1,
        tax_class: '',
        subtotal: '199000',
        total: '199000',
        sku: 'WC-KAOS-M',
        price: 199000,
        meta_data: [{ id: 1, key: 'pa_size', value: 'M' }],
      },
    ],
    shipping_lines: [{ id: 316, method_title: 'JNE REG', method_id: 'flat_rate', total: '15000' }],
    ...overrides,
  }
}

/** A simple product as the REST API and `product.*` webhooks give it. */
export function wooProduct(overrides: Record<string, unknown> = {}): Resource {
  return {
    id: 93,
    name: 'Kaos Katun Organik',
    slug: 'kaos-katun-organik',
    type: 'simple',
    status: 'publish',
    sku: 'WC-KAOS-M',
    price: '199000',
    regular_price: '199000',
    description: '<p>Kaos katun organik, adem.</p>',
    weight: '0.2',
    manage_stock: true,
    stock_quantity: 12,
    stock_status: 'instock',
    categories: [{ id: 9, name: 'Kaos', slug: 'kaos' }],
    attributes: [],
    variations: [],
    date_modified: '2026-12-01T08:00:00',
    date_modified_gmt: '2026-12-01T01:00:00',
    ...overrides,
  }
}

/** A customer as the REST API and `customer.*` webhooks give it. */
export function wooCustomer(overrides: Record<string, unknown> = {}): Resource {
  return {
    id: 31,
    email: 'dewi@example.com',
    first_name: 'Dewi',
    last_name: 'Lestari',
    role: 'customer',
    username: 'dewi',
    billing: { first_name: 'Dewi', last_name: 'Lestari', email: 'dewi@example.com', phone: '0813-5555-0101' },
    shipping: {},
    date_modified: '2026-12-01T07:00:00',
    date_modified_gmt: '2026-12-01T00:00:00',
    ...overrides,
  }
}

/** The headers and body of a signed webhook delivery, as WooCommerce sends it. */
export function wooDelivery(topic: string, resource: unknown, secret: string) {
  const payload = JSON.stringify(resource)
  const [kind, event] = topic.split('.')
  return {
    payload,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-source': `${fakeWooUrl}/`,
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': kind ?? '',
      'x-wc-webhook-event': event ?? '',
      'x-wc-webhook-id': '12',
      'x-wc-webhook-delivery-id': String(Math.floor(Math.random() * 1e9)),
      'x-wc-webhook-signature': signBase64Hmac(payload, secret),
    },
  }
}
