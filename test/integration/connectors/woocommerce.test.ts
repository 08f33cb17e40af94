/**
 * WooCommerce through HTTP and the real database, WooCommerce's REST API answered by MSW: signed webhooks applied
 * before the 200 (and once), the unsigned ping, forged deliveries refused with nothing changed, older versions
 * ignored, live notices once, the identity guard, an interrupted backfill resumed without repeats or notices, and
 * a reconcile that heals a missed webhook and survives WooCommerce being down.
 */
import type { FastifyInstance } from 'fastify'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { PlatformError } from '../../../src/gateways/shop-platforms/http.ts'
import type { ConnectorConfig } from '../../../src/gateways/shop-platforms/select.ts'
import { createWooClient } from '../../../src/gateways/shop-platforms/woocommerce/client.ts'
import { shopWebhookRoutes } from '../../../src/http/shop-webhooks.ts'
import { silentLogger } from '../../../src/logger.ts'
import { runBackfill } from '../../../src/services/shop-sync/backfill.ts'
import { createShopPlatforms } from '../../../src/services/shop-sync/platforms.ts'
import { localSink } from '../../../src/services/shop-sync/sink.ts'
import { wooBackfillSource } from '../../../src/services/shop-sync/woocommerce/sync.ts'
import { inbound, newUser, scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildServices } from '../../helpers/services.ts'
import { createFakeWoo, fakeWooUrl, wooCustomer, wooDelivery, wooOrder, wooProduct } from '../../msw/woocommerce.ts'

const key = 'ck_0123456789abcdef0123456789abcdef01234567'
const secret = 'cs_0123456789abcdef0123456789abcdef01234567'
const webhookSecret = 'wc-webhook-secret-for-tests'
const woo = createFakeWoo({ key, secret })
const server = setupServer(...woo.handlers)

const config: ConnectorConfig = {
  WOOCOMMERCE_URL: fakeWooUrl,
  WOOCOMMERCE_CONSUMER_KEY: key,
  WOOCOMMERCE_CONSUMER_SECRET: secret,
  WOOCOMMERCE_WEBHOOK_SECRET: webhookSecret,
  SHOPIFY_SHOP: undefined,
  SHOPIFY_CLIENT_ID: undefined,
  SHOPIFY_CLIENT_SECRET: undefined,
  SHOPIFY_ACCESS_TOKEN: undefined,
  SHOPIFY_WEBHOOK_SECRET: undefined,
  SHOPIFY_API_VERSION: '2026-10',
  SHOP_RECONCILE_MINUTES: 15,
  SHOP_PLATFORM_TIMEOUT_MS: 2000,
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => woo.reset())
afterAll(() => server.close())

describe.each(testDbKinds)('WooCommerce (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  let connectors: ReturnType<typeof createShopPlatforms>
  const services = () => buildServices(db)

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    const { shopSync, events } = services()
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

  const deliver = (topic: string, resource: unknown, signWith = webhookSecret) => {
    const d = wooDelivery(topic, resource, signWith)
    return app.inject({ method: 'POST', url: '/webhooks/woocommerce', headers: d.headers, payload: d.payload })
  }
  const snapshot = async () => ({
    orders: await db.prisma.order.count(),
    customers: await db.prisma.customer.count(),
    products: await db.prisma.product.count(),
    notifications: await db.prisma.notification.count(),
  })
  const notices = (orderNumber: string, kind: string) =>
    db.prisma.notification
      .findMany({ where: { kind } })
      .then((rows) => rows.filter((r) => (r.payload as { orderNumber?: string }).orderNumber === orderNumber))

  it('answers the unsigned ping of a newly saved webhook with 200 and changes nothing', async () => {
    const before = await snapshot()
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/woocommerce',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WooCommerce/9.4.0 Hookshot' },
      payload: 'webhook_id=12',
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, result: 'ping' })
    expect(await snapshot()).toEqual(before)
  })

  it('refuses unsigned, wrongly signed and tampered deliveries with 401 and changes nothing', async () => {
    const before = await snapshot()
    const order = wooOrder({ id: 901, number: '5901' })
    const unsigned = await app.inject({
      method: 'POST',
      url: '/webhooks/woocommerce',
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.created' },
      payload: JSON.stringify(order),
    })
    expect(unsigned.statusCode).toBe(401)
    expect((await deliver('order.created', order, 'another-secret')).statusCode).toBe(401)
    const signed = wooDelivery('order.created', order, webhookSecret)
    const tampered = await app.inject({
      method: 'POST',
      url: '/webhooks/woocommerce',
      headers: signed.headers,
      payload: signed.payload.replace('214000', '1'),
    })
    expect(tampered.statusCode).toBe(401)
    // A ping body with a forged signature is not a ping.
    const forgedPing = await app.inject({
      method: 'POST',
      url: '/webhooks/woocommerce',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-wc-webhook-signature': 'AAAA' },
      payload: 'webhook_id=12',
    })
    expect(forgedPing.statusCode).toBe(401)
    expect(await snapshot()).toEqual(before)
    expect(await db.prisma.order.findUnique({ where: { orderNumber: '5901' } })).toBeNull()
  })

  it('applies a signed order.created before answering; the phone-matched customer tracks it in the chat', async () => {
    const res = await deliver('order.created', wooOrder())
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, result: 'created' })
    const order = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5001' },
      include: { customer: true, payment: true, items: true },
    })
    expect(order).toMatchObject({
      status: 'PROCESSING',
      totalAmount: 214_000,
      shippingCost: 15_000,
      source: 'woocommerce',
    })
    expect(order.customer).toMatchObject({
      name: 'Dewi Lestari',
      phoneNumber: '+6281355550101',
      email: 'dewi@example.com',
    })
    expect(order.payment).toMatchObject({ method: 'bank_transfer', status: 'PENDING', provider: 'BCA' })
    // Nothing to tell the customer yet: not paid, not shipped.
    expect(await db.prisma.notification.count({ where: { customerId: order.customerId } })).toBe(0)
    expect(
      (await db.prisma.shopSync.findUniqueOrThrow({ where: { source: 'woocommerce' } })).lastWebhookAt,
    ).not.toBeNull()

    // On Telegram the customer shares their own number and is recognised by it, then asks about the order.
    const { core } = createApp({ db, log: silentLogger(), agent: 'rules' })
    const user = newUser('tg')
    const tg = (text: string, extra = {}) => inbound(user, text, { channel: 'telegram', ...extra })
    const linked = await core.handle(tg('', { contact: { phoneNumber: '6281355550101', userId: user } }))
    expect(linked[0]?.text).toContain('Dewi')
    const history = await core.handle(tg('riwayat pesanan'))
    expect(history.map((r) => r.text).join('\n')).toContain('5001')
    // Tracking by the shop's own number through the same tool Claude calls (the rule agent reads only ORD-…
    // numbers so far), for the customer the phone linked.
    const tracker = scriptedAgent(async (ctx) => ({
      replies: [(await ctx.callTool('track_order', { orderNumber: '5001' })).reply],
    }))
    const tracked = await createApp({ db, log: silentLogger(), agent: tracker }).core.handle(
      tg('di mana pesanan 5001?'),
    )
    expect(tracked[0]?.text).toContain('5001')
    expect(tracked[0]?.text).toMatch(/diproses/i)
  })

  it('applies a repeated delivery once', async () => {
    const again = await deliver('order.created', wooOrder())
    expect(again.json()).toEqual({ success: true, result: 'duplicate' })
    expect(await db.prisma.order.count({ where: { orderNumber: '5001' } })).toBe(1)
    const audits = await db.prisma.auditLog.count({ where: { entity: 'Order', action: { startsWith: 'shop.order' } } })
    expect(await deliver('order.created', wooOrder()).then((r) => r.json())).toEqual({
      success: true,
      result: 'duplicate',
    })
    expect(await db.prisma.auditLog.count({ where: { entity: 'Order', action: { startsWith: 'shop.order' } } })).toBe(
      audits,
    )
  })

  it('tells the customer "paid" and "shipped" once each, and an older update after a newer one is ignored', async () => {
    const paid = wooOrder({
      date_modified_gmt: '2026-12-01T03:00:00',
      date_paid_gmt: '2026-12-01T02:59:00',
      transaction_id: 'TRF-77',
    })
    expect((await deliver('order.updated', paid)).json().result).toBe('updated')
    const shipped = wooOrder({
      status: 'completed',
      date_modified_gmt: '2026-12-02T01:00:00',
      date_paid_gmt: '2026-12-01T02:59:00',
      meta_data: [
        {
          id: 90,
          key: '_wc_shipment_tracking_items',
          value: [
            {
              tracking_provider: 'JNE',
              tracking_number: 'JNE5001000123',
              date_shipped: '1764633600',
              tracking_id: 'a1',
            },
          ],
        },
      ],
    })
    expect((await deliver('order.updated', shipped)).json().result).toBe('updated')
    // WooCommerce delivers the same update again, and a late copy of the first one.
    expect((await deliver('order.updated', shipped)).json().result).toBe('duplicate')
    const late = wooOrder({ status: 'processing', date_modified_gmt: '2026-12-01T02:30:00' })
    expect((await deliver('order.updated', late)).json().result).toBe('stale')

    const order = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5001' },
      include: { payment: true },
    })
    expect(order.status).toBe('SHIPPED')
    expect(order.payment?.status).toBe('COMPLETED')
    expect(await notices('5001', 'payment_completed')).toHaveLength(1)
    expect(await notices('5001', 'shipping_status')).toHaveLength(1)
    const tracking = await db.prisma.shippingTracking.findFirstOrThrow({ where: { orderId: order.id } })
    expect(tracking).toMatchObject({ trackingNumber: 'JNE5001000123', carrier: 'jne' })
  })

  it('keeps a deleted order as cancelled with its payment as it was', async () => {
    expect((await deliver('order.deleted', { id: 727 })).json().result).toBe('updated')
    const order = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5001' },
      include: { payment: true },
    })
    expect(order).toMatchObject({ status: 'CANCELLED', statusText: 'deleted' })
    expect(order.payment?.status).toBe('COMPLETED')
  })

  it('never changes a phone number because an email matched; staff are told instead', async () => {
    expect(
      (
        await deliver(
          'customer.created',
          wooCustomer({
            id: 41,
            email: 'sari@example.com',
            billing: { phone: '081366660001', email: 'sari@example.com' },
          }),
        )
      ).json().result,
    ).toBe('created')
    const guestOrder = wooOrder({
      id: 741,
      number: '5041',
      customer_id: 0,
      billing: {
        ...(wooOrder().billing as object),
        first_name: 'Sari',
        email: 'sari@example.com',
        phone: '0813 9999 0002',
      },
    })
    expect((await deliver('order.created', guestOrder)).json().result).toBe('created')
    const sari = await db.prisma.customer.findFirstOrThrow({ where: { source: 'woocommerce', externalId: '41' } })
    expect(sari.phoneNumber).toBe('+6281366660001')
    const conflicts = await db.prisma.notification.findMany({ where: { kind: 'customer_identity_conflict' } })
    expect(conflicts.some((n) => (n.payload as { existingCustomerId?: string }).existingCustomerId === sari.id)).toBe(
      true,
    )
    // The order's phone cannot verify as Sari.
    const order = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5041' },
      include: { customer: true },
    })
    expect(order.customer.phoneNumber === '+6281366660001' && order.customer.id === sari.id).toBe(false)
  })

  it('answers a signed product webhook by storing the product and its stock', async () => {
    const res = await deliver('product.updated', wooProduct({ stock_quantity: 7 }))
    expect(res.json().result).toBe('created')
    const row = await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'WC-KAOS-M' } })
    expect(row.quantity).toBe(7)
  })

  it('backfills interrupted half-way and resumed: everything once, nobody notified', async () => {
    for (let i = 1; i <= 4; i++) woo.products.push(wooProduct({ id: 200 + i, sku: `BF-P${i}`, name: `Produk ${i}` }))
    for (let i = 1; i <= 6; i++) {
      woo.customers.push(
        wooCustomer({
          id: 300 + i,
          email: `bf${i}@example.com`,
          billing: { phone: `08137000000${i}`, email: `bf${i}@example.com` },
        }),
      )
    }
    for (let i = 1; i <= 25; i++) {
      woo.orders.push(
        wooOrder({
          id: 400 + i,
          number: String(7000 + i),
          customer_id: 300 + ((i % 6) + 1),
          status: i % 2 ? 'completed' : 'processing',
          date_paid_gmt: '2026-12-01T02:00:00',
          billing: { first_name: 'BF', email: `bf${(i % 6) + 1}@example.com`, phone: `08137000000${(i % 6) + 1}` },
          line_items: [
            { name: `Produk ${(i % 4) + 1}`, sku: `BF-P${(i % 4) + 1}`, quantity: 1, price: 199000, total: '199000' },
          ],
          meta_data:
            i % 2
              ? [
                  {
                    key: '_wc_shipment_tracking_items',
                    value: [{ tracking_provider: 'SiCepat', tracking_number: `SCP${100000 + i}` }],
                  },
                ]
              : [],
        }),
      )
    }
    const notificationsBefore = await db.prisma.notification.count()
    const client = createWooClient({ url: fakeWooUrl, key, secret, timeoutMs: 2000, perPage: 5 })
    const sink = localSink(services().shopSync, db.prisma)
    // Products (1 page), customers (2 pages) and the first page of orders go through, then WooCommerce fails.
    woo.failFrom(5)
    const first = await runBackfill(wooBackfillSource(client), sink).then(
      () => expect.fail('the backfill should stop'),
      (e: unknown) => e,
    )
    expect(first).toBeInstanceOf(PlatformError)
    expect(await db.prisma.order.count({ where: { orderNumber: { startsWith: '70' } } })).toBe(5)
    woo.failFrom(Number.POSITIVE_INFINITY)
    const progress: string[] = []
    const second = await runBackfill(wooBackfillSource(client), sink, {
      onProgress: (kind, seen, total) => progress.push(`${kind} ${seen}/${total}`),
    })
    expect(second.resumed).toBe(true)
    expect(second.counts).toMatchObject({ failed: 0 })
    expect(progress).toContain('orders 20/25')
    // Resumed after the last finished page: the first five orders were not asked for again.
    const orderPages = woo.requests.filter((r) => r.path.endsWith('/orders')).map((r) => r.page)
    expect(orderPages).toEqual([1, 2, 2, 3, 4, 5])
    expect(await db.prisma.order.count({ where: { orderNumber: { startsWith: '70' } } })).toBe(25)
    expect(await db.prisma.customer.count({ where: { source: 'woocommerce', externalId: { startsWith: '30' } } })).toBe(
      6,
    )
    expect(await db.prisma.notification.count()).toBe(notificationsBefore)
    const shipped = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '7001' },
      include: { payment: true },
    })
    expect(shipped.status).toBe('SHIPPED')
    expect(shipped.payment?.status).toBe('COMPLETED')

    // A new backfill after a finished one changes nothing.
    const third = await runBackfill(wooBackfillSource(client), sink)
    expect(third.resumed).toBe(false)
    expect(third.counts.created + third.counts.updated).toBe(0)
    expect(await db.prisma.notification.count()).toBe(notificationsBefore)
  })

  it('reconciles a missed update live, and survives WooCommerce being down', async () => {
    woo.orders.push(
      wooOrder({
        id: 727,
        status: 'processing',
        date_modified_gmt: '2026-12-03T00:00:00',
        date_paid_gmt: '2026-12-01T02:59:00',
      }),
    )
    await db.prisma.shopSync.upsert({
      where: { source: 'woocommerce' },
      create: { source: 'woocommerce', reconciledUpTo: new Date('2026-12-02T00:00:00Z') },
      update: { reconciledUpTo: new Date('2026-12-02T00:00:00Z') },
    })
    expect(await connectors.reconcileNow()).toEqual({ woocommerce: true })
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: '5001' } })
    expect(order.status).toBe('PROCESSING')
    const health = await db.prisma.shopSync.findUniqueOrThrow({ where: { source: 'woocommerce' } })
    expect(health.lastReconcileAt).not.toBeNull()

    woo.failFrom(1, 'network')
    expect(await connectors.reconcileNow()).toEqual({ woocommerce: false })
    const failed = await db.prisma.shopSync.findUniqueOrThrow({ where: { source: 'woocommerce' } })
    expect(failed.errorCount).toBe(1)
    expect(failed.lastError).toMatch(/woocommerce unreachable/)
    expect(failed.lastError).not.toContain(secret)

    // Behind for longer than three reconcile intervals and still failing: staff are told, once per stale spell.
    await db.prisma.shopSync.update({
      where: { source: 'woocommerce' },
      data: {
        lastReconcileAt: new Date(Date.now() - 3 * 3600_000),
        lastWebhookAt: new Date(Date.now() - 3 * 3600_000),
        backfillDoneAt: null,
      },
    })
    expect(await connectors.reconcileNow()).toEqual({ woocommerce: false })
    expect(await connectors.reconcileNow()).toEqual({ woocommerce: false })
    const alerts = await db.prisma.notification.findMany({ where: { kind: 'shop_sync_stale' } })
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({ audience: 'admin', payload: { source: 'woocommerce', errorCount: 2 } })
    woo.failFrom(Number.POSITIVE_INFINITY)
    expect(await connectors.reconcileNow()).toEqual({ woocommerce: true })
    expect((await db.prisma.shopSync.findUniqueOrThrow({ where: { source: 'woocommerce' } })).errorCount).toBe(0)
  })
})
