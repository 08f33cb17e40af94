/**
 * The shop's own order numbers from outside, through HTTP and the real database: a signed WooCommerce
 * `order.created` (WooCommerce's REST shape, signed as WooCommerce signs it) puts order 5001 on the demo customer
 * whose phone it carries; in the web chat that customer verifies with "verifikasi 5001 <last 4 digits>" and tracks
 * it by "#5001", "pesanan 5001" and, once verified, the bare "5001". A postal code, a quantity and the phone digits
 * are never taken for it, and the demo's ORD-2025-001 keeps working beside it.
 */
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import type { ConnectorConfig } from '../../../src/gateways/shop-platforms/select.ts'
import { shopWebhookRoutes } from '../../../src/http/shop-webhooks.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createShopPlatforms } from '../../../src/services/shop-sync/platforms.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildWebServer, openSession, type WebServer } from '../../helpers/web.ts'
import { createFakeWoo, fakeWooUrl, wooDelivery, wooOrder } from '../../msw/woocommerce.ts'

const key = 'ck_0123456789abcdef0123456789abcdef01234567'
const secret = 'cs_0123456789abcdef0123456789abcdef01234567'
const webhookSecret = 'wc-webhook-secret-for-order-numbers'
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

// The demo's Budi Santoso (+6281355512345, no orders of his own yet) buys on the shop's WooCommerce store.
const budiOrder = wooOrder({
  billing: {
    ...(wooOrder().billing as Record<string, unknown>),
    first_name: 'Budi',
    last_name: 'Santoso',
    email: 'budi@example.com',
    phone: '0813-5551-2345',
  },
})

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describe.each(testDbKinds)("the shop's own order numbers in the web chat (%s)", (kind) => {
  let db: Database
  let web: WebServer
  let connectors: ReturnType<typeof createShopPlatforms>

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    web = buildWebServer(db, {
      routes: (built) => {
        connectors = createShopPlatforms({
          config,
          shopSync: built.services.shopSync,
          prisma: db.prisma,
          log: silentLogger(),
        })
        return shopWebhookRoutes({
          platforms: connectors,
          shopSync: built.services.shopSync,
          events: built.services.events,
          log: silentLogger(),
        })
      },
    })
    await web.app.ready()
    const d = wooDelivery('order.created', budiOrder, webhookSecret)
    const res = await web.app.inject({
      method: 'POST',
      url: '/webhooks/woocommerce',
      headers: d.headers,
      payload: d.payload,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, result: 'created' })
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await connectors.stop()
    await web.app.close()
    await db.close()
  })

  /** The tools the chat called for its last message, with their inputs. */
  const lastTools = async (since: Date) =>
    (await db.prisma.toolCall.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: 'asc' } })).map(
      (c) => ({ name: c.name, orderNumber: (c.input as { orderNumber?: string }).orderNumber, ok: c.ok }),
    )

  it('puts WooCommerce order 5001 on the customer its phone number matches', async () => {
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: '5001' } })
    expect(order).toMatchObject({ customerId: 'cust-budi', source: 'woocommerce', status: 'PROCESSING' })
  })

  it('verifies with "verifikasi 5001 <last 4 digits>" and tracks #5001, pesanan 5001 and the bare 5001', async () => {
    const chat = await openSession(web.app, '10.0.5.1')
    // Before verifying, the order is asked about and the answer is to verify first.
    const early = await chat.say('#5001 sudah dikirim?')
    expect(early.verified).toBe(false)
    expect(early.texts.join('\n')).toMatch(/verifikasi/i)

    const verified = await chat.say('verifikasi 5001 2345')
    expect(verified.status).toBe(200)
    expect(verified.verified).toBe(true)
    expect(verified.texts.join('\n')).toContain('Budi')

    for (const text of ['cek pesanan #5001', 'pesanan 5001 sudah sampai mana?', 'where is my order #5001?']) {
      const since = new Date()
      const answer = await chat.say(text)
      expect(answer.status, text).toBe(200)
      expect(answer.texts.join('\n'), text).toContain('5001')
      expect(answer.texts.join('\n'), text).toMatch(/diproses|processing/i)
      expect(await lastTools(since), text).toEqual([{ name: 'track_order', orderNumber: '5001', ok: true }])
    }
    // The order stays the conversation's subject: a follow-up without a number is about 5001.
    const followUp = new Date()
    const payment = await chat.say('pembayarannya gimana?')
    expect(payment.texts.join('\n')).toContain('5001')
    expect(await lastTools(followUp)).toEqual([{ name: 'verify_payment', orderNumber: '5001', ok: true }])
    // Bare, the number is one of this customer's orders: it counts.
    const since = new Date()
    const bare = await chat.say('5001 udah dikirim belum kak?')
    expect(bare.texts.join('\n')).toContain('5001')
    expect(await lastTools(since)).toEqual([{ name: 'track_order', orderNumber: '5001', ok: true }])
  })

  it('never takes a postal code or a quantity for the order', async () => {
    const chat = await openSession(web.app, '10.0.5.2')
    expect((await chat.say('verifikasi #5001 2345')).verified).toBe(true)
    const cases: [string, string | null][] = [
      ['ongkir ke 60111 berapa?', 'quote_shipping'],
      ['kaos basic crewneck ukuran M ada 2 pcs?', 'check_inventory'],
    ]
    for (const [text, tool] of cases) {
      const since = new Date()
      await chat.say(text)
      const tools = await lastTools(since)
      expect(
        tools.map((t) => t.name),
        text,
      ).toContain(tool)
      expect(
        tools.some((t) => t.name === 'track_order'),
        text,
      ).toBe(false)
    }
  })

  it('reads the four digits at the end as the phone digits, and a wrong pair verifies nobody', async () => {
    const chat = await openSession(web.app, '10.0.5.3')
    const wrong = await chat.say('verifikasi 5001 5001')
    expect(wrong.verified).toBe(false)
    expect(wrong.texts.join('\n')).not.toContain('Budi')
    // A number that is not one of the shop's orders verifies nobody either, and says nothing of why.
    const unknown = await chat.say('verifikasi 2345 5001')
    expect(unknown.verified).toBe(false)
    expect(unknown.texts).toEqual(wrong.texts)
    expect(await db.prisma.channelIdentity.count({ where: { customerId: 'cust-budi' } })).toBe(2)
  })

  it("keeps the demo's ORD-2025-001 working beside it", async () => {
    const chat = await openSession(web.app, '10.0.5.4')
    expect((await chat.say('verifikasi ORD-2025-001 7890')).verified).toBe(true)
    const since = new Date()
    const tracked = await chat.say('lacak ORD-2025-001')
    expect(tracked.texts.join('\n')).toContain('JNE123456789')
    expect(await lastTools(since)).toEqual([{ name: 'track_order', orderNumber: 'ORD-2025-001', ok: true }])
    // Budi's order is no order of Adi's: not found, the same as any unknown number.
    const other = await chat.say('cek pesanan #5001')
    expect(other.texts.join('\n')).toMatch(/tidak ditemukan/i)
  })
})
