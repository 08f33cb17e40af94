/**
 * Shopify through HTTP and the real database, Shopify answered by MSW (the client-credentials grant and the Admin
 * GraphQL API): the token granted once and renewed before it expires, a backfill with inventory levels summed
 * over locations and resumed after a failure without repeats or notices, webhooks checked by their HMAC, repeats
 * dropped by X-Shopify-Webhook-Id, fulfillments/create telling the customer once, inventory_levels/update mapped
 * through the inventory item, and Shopify being down answered 503 with nothing recorded.
 */
import type { FastifyInstance } from 'fastify'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Database } from '../../../src/db/client.ts'
import { type ConnectorConfig, shopifyClientFrom } from '../../../src/gateways/shop-platforms/select.ts'
import { createShopifyClient } from '../../../src/gateways/shop-platforms/shopify/client.ts'
import { shopWebhookRoutes } from '../../../src/http/shop-webhooks.ts'
import { silentLogger } from '../../../src/logger.ts'
import { runBackfill } from '../../../src/services/shop-sync/backfill.ts'
import { createShopPlatforms } from '../../../src/services/shop-sync/platforms.ts'
import { shopifyBackfillSource } from '../../../src/services/shop-sync/shopify/sync.ts'
import { localSink } from '../../../src/services/shop-sync/sink.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildServices } from '../../helpers/services.ts'
import {
  createFakeShopify,
  fakeShopifyShop,
  shopifyCustomer,
  shopifyDelivery,
  shopifyOrder,
  shopifyProduct,
} from '../../msw/shopify.ts'

const clientId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'
const clientSecret = 'shpss_0123456789abcdef0123456789abcdef'
const shopify = createFakeShopify({ clientId, clientSecret })
const server = setupServer(...shopify.handlers)

const config: ConnectorConfig = {
  WOOCOMMERCE_URL: undefined,
  WOOCOMMERCE_CONSUMER_KEY: undefined,
  WOOCOMMERCE_CONSUMER_SECRET: undefined,
  WOOCOMMERCE_WEBHOOK_SECRET: undefined,
  SHOPIFY_SHOP: fakeShopifyShop,
  SHOPIFY_CLIENT_ID: clientId,
  SHOPIFY_CLIENT_SECRET: clientSecret,
  SHOPIFY_ACCESS_TOKEN: undefined,
  SHOPIFY_WEBHOOK_SECRET: undefined,
  SHOPIFY_API_VERSION: '2026-10',
  SHOP_RECONCILE_MINUTES: 15,
  SHOP_PLATFORM_TIMEOUT_MS: 2000,
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => shopify.reset())
afterAll(() => server.close())

describe('Shopify client', () => {
  it('grants a token once, renews it before it expires and after a 401, and never shows the secret', async () => {
    let now = 0
    const client = createShopifyClient({
      shop: fakeShopifyShop,
      apiVersion: '2026-10',
      clientId,
      clientSecret,
      timeoutMs: 2000,
      renewBeforeMs: 3600_000,
      now: () => now,
    })
    shopify.products.push(shopifyProduct(1, [{ id: 11, sku: 'A-1', itemId: 111, levels: [] }]))
    const ask = () =>
      client.query(
        'query Product($id: ID!) { product(id: $id) { id } }',
        { id: 'gid://shopify/Product/1' },
        z.unknown(),
      )
    await ask()
    await ask()
    expect(shopify.grants).toBe(1)
    expect(client.tokenExpiresAt()?.getTime()).toBe(86399_000)
    now = 86399_000 - 3000_000 // within the last hour: renewed ahead of expiry
    await ask()
    expect(shopify.grants).toBe(2)
    shopify.revokeTokens()
    await ask()
    expect(shopify.grants).toBe(3)
    expect(shopify.calls.every((c) => c.token?.startsWith('shpat_granted_'))).toBe(true)
    const bad = createShopifyClient({
      shop: fakeShopifyShop,
      apiVersion: '2026-10',
      clientId,
      clientSecret: 'wrong-secret',
      timeoutMs: 2000,
    })
    const error = await bad.token().then(
      () => expect.fail('expected a refusal'),
      (e: unknown) => e as Error,
    )
    expect(error.message).toMatch(/shopify refused: HTTP 400/)
    expect(error.message).not.toContain('wrong-secret')
  })

  it('is not configured without a token or client credentials', () => {
    expect(shopifyClientFrom({ ...config, SHOPIFY_CLIENT_SECRET: undefined })).toBeNull()
    expect(
      shopifyClientFrom({
        ...config,
        SHOPIFY_CLIENT_ID: undefined,
        SHOPIFY_CLIENT_SECRET: undefined,
        SHOPIFY_ACCESS_TOKEN: 'shpat_legacy',
      }),
    ).not.toBeNull()
  })
})

describe.each(testDbKinds)('Shopify (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  let connectors: ReturnType<typeof createShopPlatforms>
  let webhookIds = 0

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    const { shopSync, events } = buildServices(db)
    connectors = createShopPlatforms({ config, shopSync, prisma: db.prisma, log: silentLogger() })
    app = buildTestServer(db, {
      register: shopWebhookRoutes({ platforms: connectors, shopSync, events, log: silentLogger() }),
    })
    await app.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await connectors.stop()
    await app.close()
    await db.close()
  })

  const deliver = (topic: string, body: unknown, options: { id?: string; secret?: string } = {}) => {
    const d = shopifyDelivery(topic, body, options.secret ?? clientSecret, options.id ?? `wh-${kind}-${++webhookIds}`)
    return app.inject({ method: 'POST', url: '/webhooks/shopify', headers: d.headers, payload: d.payload })
  }
  const stockOf = async (sku: string) => (await db.prisma.inventory.findUniqueOrThrow({ where: { sku } })).quantity

  function seedShop() {
    shopify.products.push(
      shopifyProduct(501, [
        {
          id: 5011,
          sku: 'FLN-M',
          size: 'M',
          itemId: 9011,
          levels: [
            { location: 71, available: 4 },
            { location: 72, available: 3 },
          ],
        },
        { id: 5012, sku: 'FLN-L', size: 'L', itemId: 9012, levels: [{ location: 71, available: 2 }] },
      ]),
    )
    for (let i = 1; i <= 3; i++)
      shopify.products.push(
        shopifyProduct(
          510 + i,
          [{ id: 5100 + i, sku: `TOP-${i}`, itemId: 9100 + i, levels: [{ location: 71, available: i }] }],
          { title: `Atasan ${i}` },
        ),
      )
    for (let i = 1; i <= 4; i++)
      shopify.customers.push(
        shopifyCustomer(8000 + i, { defaultPhoneNumber: { phoneNumber: `+62813777700${10 + i}` } }),
      )
    for (let i = 1; i <= 120; i++) {
      shopify.orders.push(
        shopifyOrder(2000 + i, {
          customer: { legacyResourceId: String(8000 + (i % 4) + 1), firstName: 'Bayu', lastName: String(i % 4) },
          phone: `+62813777700${10 + (i % 4) + 1}`,
          email: `bayu${8000 + (i % 4) + 1}@example.com`,
          ...(i % 3 === 0
            ? {
                displayFulfillmentStatus: 'FULFILLED',
                fulfillments: [
                  {
                    legacyResourceId: String(i),
                    status: 'SUCCESS',
                    displayStatus: 'IN_TRANSIT',
                    createdAt: '2026-12-01T05:00:00Z',
                    trackingInfo: [{ company: 'SiCepat', number: `0045${100000 + i}` }],
                  },
                ],
              }
            : {}),
        }),
      )
    }
  }

  it('backfills interrupted and resumed: everything once, stock summed over locations, nobody notified', async () => {
    seedShop()
    const notificationsBefore = await db.prisma.notification.count()
    const source = shopifyBackfillSource(shopifyClientFrom(config) as NonNullable<ReturnType<typeof shopifyClientFrom>>)
    const sink = localSink(buildServices(db).shopSync, db.prisma)
    shopify.failFrom(3) // products (1 page) and customers (1 page), then the orders fail
    await expect(runBackfill(source, sink)).rejects.toThrow(/shopify refused: HTTP 503/)
    expect(await db.prisma.customer.count({ where: { source: 'shopify' } })).toBe(4)
    expect(await db.prisma.order.count({ where: { source: 'shopify' } })).toBe(0)
    shopify.failFrom(Number.POSITIVE_INFINITY)
    const resumed = await runBackfill(source, sink)
    expect(resumed.resumed).toBe(true)
    expect(resumed.counts).toMatchObject({ created: 120, failed: 0 })
    // Resumed at the orders: products and customers were not asked for again.
    expect(shopify.calls.map((c) => c.operation)).toEqual([
      'Products',
      'Customers',
      'Orders',
      'Orders',
      'Orders',
      'Orders',
    ])
    expect(await db.prisma.order.count({ where: { source: 'shopify' } })).toBe(120)
    expect(await stockOf('FLN-M')).toBe(7)
    expect(await stockOf('FLN-L')).toBe(2)
    const shipped = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '1003' },
      include: { shipments: true, payment: true },
    })
    expect(shipped.status).toBe('SHIPPED')
    expect(shipped.shipments.map((s) => [s.carrier, s.trackingNumber])).toEqual([['sicepat', '0045100003']])
    expect(shipped.payment?.status).toBe('COMPLETED')
    expect(await db.prisma.notification.count()).toBe(notificationsBefore)
  })

  it('refuses a webhook whose HMAC does not match, and changes nothing', async () => {
    const before = await db.prisma.order.count()
    const forged = await deliver('orders/create', { id: 2001 }, { secret: 'not-the-secret' })
    expect(forged.statusCode).toBe(401)
    const unsigned = await app.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create' },
      payload: '{"id":2001}',
    })
    expect(unsigned.statusCode).toBe(401)
    expect(await db.prisma.order.count()).toBe(before)
    expect(shopify.calls).toHaveLength(0)
  })

  it('tells the customer once when fulfillments/create brings tracking, however often it is delivered', async () => {
    const order = shopify.orders.find((o) => o.legacyResourceId === '2001') ?? shopifyOrder(2001)
    shopify.orders.length = 0
    shopify.orders.push({
      ...order,
      updatedAt: '2026-12-02T08:00:00Z',
      displayFulfillmentStatus: 'FULFILLED',
      fulfillments: [
        {
          legacyResourceId: '7001',
          status: 'SUCCESS',
          displayStatus: 'IN_TRANSIT',
          createdAt: '2026-12-02T07:55:00Z',
          trackingInfo: [{ company: 'J&T Express', number: 'JX1234567890' }],
        },
      ],
    })
    // The fulfillment as Shopify's webhook carries it (REST shape): it names the order.
    const fulfillment = {
      id: 7001,
      order_id: 2001,
      status: 'success',
      created_at: '2026-12-02T14:55:00+07:00',
      service: 'manual',
      updated_at: '2026-12-02T14:55:00+07:00',
      tracking_company: 'J&T Express',
      shipment_status: null,
      location_id: 71,
      tracking_number: 'JX1234567890',
      tracking_numbers: ['JX1234567890'],
      tracking_url: 'https://jet.co.id/track',
      tracking_urls: ['https://jet.co.id/track'],
      name: '#1001.1',
      admin_graphql_api_id: 'gid://shopify/Fulfillment/7001',
    }
    const first = await deliver('fulfillments/create', fulfillment, { id: `ful-${kind}` })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ success: true, result: 'updated' })
    const again = await deliver('fulfillments/create', fulfillment, { id: `ful-${kind}` })
    expect(again.json()).toEqual({ success: true, result: 'duplicate' })
    // A repeat is dropped before Shopify is asked again.
    expect(shopify.calls.filter((c) => c.operation === 'Order')).toHaveLength(1)
    const held = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '1001' },
      include: { shipments: true },
    })
    expect(held.status).toBe('SHIPPED')
    expect(held.shipments.map((s) => [s.carrier, s.trackingNumber])).toEqual([['jnt', 'JX1234567890']])
    const notices = (
      await db.prisma.notification.findMany({ where: { kind: 'shipping_status', customerId: held.customerId } })
    ).filter((n) => (n.payload as { orderNumber?: string }).orderNumber === '1001')
    expect(notices).toHaveLength(1)
    // orders/updated for the same state (another webhook id) changes nothing and tells nobody again.
    expect((await deliver('orders/updated', { id: 2001, name: '#1001' })).json().result).toBe('unchanged')
    expect(
      await db.prisma.notification.count({ where: { kind: 'shipping_status', customerId: held.customerId } }),
    ).toBe(notices.length)
  })

  it('maps inventory_levels/update through the inventory item and sums the locations; an older level is ignored', async () => {
    const level = (available: number, updatedAt: string) => ({
      inventory_item_id: 9011,
      location_id: 72,
      available,
      updated_at: updatedAt,
      admin_graphql_api_id: 'gid://shopify/InventoryLevel/72?inventory_item_id=9011',
    })
    expect((await deliver('inventory_levels/update', level(10, '2026-12-03T10:00:00+07:00'))).json().result).toBe(
      'updated',
    )
    expect(await stockOf('FLN-M')).toBe(14)
    expect((await deliver('inventory_levels/update', level(1, '2026-12-03T09:00:00+07:00'))).json().result).toBe(
      'stale',
    )
    expect(await stockOf('FLN-M')).toBe(14)
  })

  it('answers 503 and records nothing when Shopify cannot be asked, so the delivery comes again', async () => {
    shopify.orders.push(shopifyOrder(2999, { name: '#1999' }))
    shopify.failFrom(1)
    const res = await deliver('orders/create', { id: 2999 }, { id: `down-${kind}` })
    expect(res.statusCode).toBe(503)
    expect(await db.prisma.processedEvent.count({ where: { source: 'shopify', eventKey: `down-${kind}` } })).toBe(0)
    shopify.failFrom(Number.POSITIVE_INFINITY)
    const retry = await deliver('orders/create', { id: 2999 }, { id: `down-${kind}` })
    expect(retry.json()).toEqual({ success: true, result: 'created' })
    const health = await db.prisma.shopSync.findUniqueOrThrow({ where: { source: 'shopify' } })
    expect(health.lastWebhookAt).not.toBeNull()
  })
})
