/**
 * A fake Shopify for MSW: the client-credentials grant (`POST /admin/oauth/access_token`, tokens that expire) and
 * the Admin GraphQL endpoint answering the queries Layan sends (Products, Product, Customers, Orders, Order) from
 * stores of resources in the GraphQL shapes, with cursor pages, `updated_at:>` filters and the token checked.
 * Builders give resources in Shopify's documented shapes, and webhook deliveries signed like Shopify's.
 */
import { HttpResponse, http } from 'msw'
import { signBase64Hmac } from '../../src/http/webhook-signature.ts'

export const fakeShopifyShop = 'urbanstyle-test.myshopify.com'

type Node = Record<string, unknown> & { legacyResourceId: string; updatedAt: string }

export interface FakeShopify {
  handlers: ReturnType<typeof http.post>[]
  products: Node[]
  customers: Node[]
  orders: Node[]
  /** Tokens granted so far, and GraphQL calls with the token each used. */
  grants: number
  calls: { operation: string; token: string | null; variables: Record<string, unknown> }[]
  /** Seconds a granted token lives (Shopify: 86399). */
  tokenLifetime: number
  /** Fail GraphQL calls from the n-th one on (1-based). */
  failFrom(n: number): void
  /** Forget granted tokens (as if they had expired on Shopify's side). */
  revokeTokens(): void
  reset(): void
}

export function createFakeShopify(options: {
  clientId: string
  clientSecret: string
  shop?: string
  legacyToken?: string
}): FakeShopify {
  const base = `https://${options.shop ?? fakeShopifyShop}`
  const valid = new Set<string>(options.legacyToken ? [options.legacyToken] : [])
  let failFrom: number | null = null
  const fake: FakeShopify = {
    handlers: [],
    products: [],
    customers: [],
    orders: [],
    grants: 0,
    calls: [],
    tokenLifetime: 86399,
    failFrom(n) {
      failFrom = n
    },
    revokeTokens() {
      for (const t of [...valid]) if (t !== options.legacyToken) valid.delete(t)
    },
    reset() {
      fake.products.length = 0
      fake.customers.length = 0
      fake.orders.length = 0
      fake.calls.length = 0
      fake.grants = 0
      fake.tokenLifetime = 86399
      failFrom = null
      fake.revokeTokens()
    },
  }

  function page(items: Node[], variables: Record<string, unknown>) {
    const first = Number(variables.first ?? 50)
    const after = typeof variables.after === 'string' ? Number(variables.after) : 0
    const filter = typeof variables.query === 'string' ? /updated_at:>'([^']+)'/.exec(variables.query)?.[1] : undefined
    const all = items
      .filter((n) => !filter || Date.parse(n.updatedAt) > Date.parse(filter))
      .sort((a, b) => Number(a.legacyResourceId) - Number(b.legacyResourceId))
    const nodes = all.slice(after, after + first)
    const end = after + nodes.length
    return { pageInfo: { hasNextPage: end < all.length, endCursor: nodes.length ? String(end) : null }, nodes }
  }
  const byGid = (items: Node[], id: unknown) =>
    items.find((n) => `gid://shopify/${String(id).split('/')[3]}/${n.legacyResourceId}` === id) ?? null

  fake.handlers.push(
    http.post(`${base}/admin/oauth/access_token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text())
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== options.clientId ||
        form.get('client_secret') !== options.clientSecret
      ) {
        return HttpResponse.json(
          { error: 'invalid_client', error_description: 'Client authentication failed' },
          { status: 400 },
        )
      }
      fake.grants += 1
      const token = `shpat_granted_${fake.grants}`
      valid.add(token)
      return HttpResponse.json({
        access_token: token,
        scope: 'read_products,read_orders,read_customers',
        expires_in: fake.tokenLifetime,
      })
    }),
    http.post(`${base}/admin/api/:version/graphql.json`, async ({ request }) => {
      const token = request.headers.get('x-shopify-access-token')
      const body = (await request.json()) as { query: string; variables?: Record<string, unknown> }
      const operation = /query (\w+)/.exec(body.query)?.[1] ?? 'unknown'
      const variables = body.variables ?? {}
      fake.calls.push({ operation, token, variables })
      if (failFrom !== null && fake.calls.length >= failFrom) {
        return HttpResponse.json({ errors: 'Service Unavailable' }, { status: 503 })
      }
      if (!token || !valid.has(token)) {
        return HttpResponse.json(
          { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
          { status: 401 },
        )
      }
      switch (operation) {
        case 'Products':
          return HttpResponse.json({ data: { products: page(fake.products, variables) } })
        case 'Product':
          return HttpResponse.json({ data: { product: byGid(fake.products, variables.id) } })
        case 'Customers':
          return HttpResponse.json({ data: { customers: page(fake.customers, variables) } })
        case 'Orders':
          return HttpResponse.json({ data: { orders: page(fake.orders, variables) } })
        case 'Order':
          return HttpResponse.json({ data: { order: byGid(fake.orders, variables.id) } })
        default:
          return HttpResponse.json({ errors: [{ message: `unknown operation ${operation}` }] })
      }
    }),
  )
  return fake
}

const money = (amount: string) => ({ shopMoney: { amount, currencyCode: 'IDR' } })

/** A product (GraphQL shape) with one variant per entry of `variants`, each with its inventory levels. */
export function shopifyProduct(
  id: number,
  variants: {
    id: number
    sku: string
    size?: string
    itemId: number
    levels: { location: number; available: number }[]
  }[],
  overrides: Record<string, unknown> = {},
): Node {
  const updatedAt = (overrides.updatedAt as string | undefined) ?? '2026-12-01T01:00:00Z'
  return {
    id: `gid://shopify/Product/${id}`,
    legacyResourceId: String(id),
    title: 'Kemeja Flanel',
    status: 'ACTIVE',
    productType: 'Kemeja',
    descriptionHtml: '<p>Flanel lembut</p>',
    updatedAt,
    variants: {
      nodes: variants.map((v) => ({
        id: `gid://shopify/ProductVariant/${v.id}`,
        legacyResourceId: String(v.id),
        sku: v.sku,
        price: '249000.00',
        title: v.size ?? 'Default Title',
        updatedAt,
        inventoryQuantity: v.levels.reduce((s, l) => s + l.available, 0),
        selectedOptions: [{ name: 'Size', value: v.size ?? 'Default Title' }],
        inventoryItem: {
          id: `gid://shopify/InventoryItem/${v.itemId}`,
          legacyResourceId: String(v.itemId),
          measurement: { weight: { unit: 'GRAMS', value: 350 } },
          inventoryLevels: {
            nodes: v.levels.map((l) => ({
              updatedAt,
              location: { id: `gid://shopify/Location/${l.location}`, legacyResourceId: String(l.location) },
              quantities: [{ name: 'available', quantity: l.available }],
            })),
          },
        },
      })),
    },
    ...overrides,
  }
}

export function shopifyCustomer(id: number, overrides: Record<string, unknown> = {}): Node {
  return {
    id: `gid://shopify/Customer/${id}`,
    legacyResourceId: String(id),
    firstName: 'Bayu',
    lastName: 'Pratama',
    updatedAt: '2026-12-01T00:30:00Z',
    defaultEmailAddress: { emailAddress: `bayu${id}@example.com` },
    defaultPhoneNumber: { phoneNumber: '+6281377770000' },
    ...overrides,
  }
}

/** An order (GraphQL shape); `fulfillments` with tracking make it shipped. */
export function shopifyOrder(id: number, overrides: Record<string, unknown> = {}): Node {
  return {
    id: `gid://shopify/Order/${id}`,
    legacyResourceId: String(id),
    name: `#${1000 + (id % 1000)}`,
    createdAt: '2026-12-01T03:00:00Z',
    updatedAt: '2026-12-01T03:00:00Z',
    cancelledAt: null,
    cancelReason: null,
    displayFinancialStatus: 'PAID',
    displayFulfillmentStatus: 'UNFULFILLED',
    email: 'bayu@example.com',
    phone: '+6281377770000',
    paymentGatewayNames: ['Bank Deposit'],
    totalPriceSet: money('264000.00'),
    totalShippingPriceSet: money('15000.00'),
    customer: {
      legacyResourceId: '8001',
      firstName: 'Bayu',
      lastName: 'Pratama',
      defaultEmailAddress: { emailAddress: 'bayu@example.com' },
      defaultPhoneNumber: { phoneNumber: '+6281377770000' },
    },
    shippingAddress: {
      address1: 'Jl. Dago No. 10',
      address2: null,
      city: 'Bandung',
      province: 'Jawa Barat',
      zip: '40135',
      phone: null,
    },
    shippingLine: { title: 'SiCepat REG' },
    lineItems: {
      nodes: [
        {
          name: 'Kemeja Flanel - L',
          sku: 'FLN-L',
          quantity: 1,
          variantTitle: 'L',
          originalUnitPriceSet: money('249000.00'),
        },
      ],
    },
    fulfillments: [],
    ...overrides,
  }
}

/** A webhook delivery signed like Shopify's. */
export function shopifyDelivery(topic: string, body: unknown, secret: string, webhookId: string) {
  const payload = JSON.stringify(body)
  return {
    payload,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-shop-domain': fakeShopifyShop,
      'x-shopify-api-version': '2026-10',
      'x-shopify-webhook-id': webhookId,
      'x-shopify-triggered-at': '2026-12-01T04:00:00.000Z',
      'x-shopify-hmac-sha256': signBase64Hmac(payload, secret),
    },
  }
}
