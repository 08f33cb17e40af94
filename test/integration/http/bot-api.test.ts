import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { botAuth, buildTestServer, firstDatabaseTimeoutMs, testBotToken } from '../../helpers/http.ts'

const post = (app: FastifyInstance, url: string, payload: unknown, headers: Record<string, string> = botAuth) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object })

describe.each(testDbKinds)('seed bot API (%s)', (kind) => {
  describe('reads', () => {
    let db: Database
    let app: FastifyInstance
    beforeAll(async () => {
      db = await createTestDatabase(kind)
      app = buildTestServer(db)
      await app.ready()
    }, firstDatabaseTimeoutMs)
    afterAll(async () => {
      await app.close()
      await db.close()
    })

    it('track gives the seed example for ORD-2025-001', async () => {
      const res = await post(app, '/api/bot/order/track', { customerId: 'cust-adi', orderNumber: 'ORD-2025-001' })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({
        success: true,
        tracking: {
          orderNumber: 'ORD-2025-001',
          trackingNumber: 'JNE123456789',
          carrier: 'jne',
          status: 'IN_TRANSIT',
          currentLocation: 'Jakarta',
          estimatedDelivery: '2025-11-26T00:00:00.000Z',
        },
        orderStatus: 'SHIPPED',
      })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    })

    it('track accepts a loosely written order number and answers tracking null before shipping', async () => {
      const loose = await post(app, '/api/bot/order/track', { customerId: 'cust-adi', orderNumber: 'ord 2025 001' })
      expect(loose.json().tracking.trackingNumber).toBe('JNE123456789')
      const pending = await post(app, '/api/bot/order/track', { customerId: 'cust-adi', orderNumber: 'ORD-2025-002' })
      expect(pending.json()).toEqual({ success: true, tracking: null, orderStatus: 'PENDING' })
    })

    it('summary has the seed shape with the demo values', async () => {
      const res = await post(app, '/api/bot/order/summary', { customerId: 'cust-adi' })
      expect(res.statusCode).toBe(200)
      const body = res.json()
      expect(Object.keys(body)).toEqual(['success', 'summary'])
      expect(body.summary).toMatchObject({ totalOrders: 3, activeOrders: 2, totalSpent: 150_000 + 264_000 + 139_000 })
      expect(body.summary.recentOrders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual([
        'ORD-2025-002',
        'ORD-2025-001',
        'ORD-2025-003',
      ])
      expect(body.summary.recentOrders[1]).toEqual({
        orderNumber: 'ORD-2025-001',
        status: 'SHIPPED',
        totalAmount: 150_000,
        createdAt: '2025-11-20T03:00:00.000Z',
      })
    })

    it('verify answers the paid shape for ORD-2025-001', async () => {
      const res = await post(app, '/api/bot/payment/verify', {
        customerId: 'cust-adi',
        orderNumber: 'ORD-2025-001',
        detailed: false,
      })
      expect(res.json()).toEqual({
        success: true,
        isPaid: true,
        payment: { status: 'COMPLETED', method: 'bank_transfer', paidAt: '2025-11-20T08:30:00.000Z' },
      })
    })

    it('verify answers instructions for the unpaid ORD-2025-002', async () => {
      const res = await post(app, '/api/bot/payment/verify', { customerId: 'cust-adi', orderNumber: 'ORD-2025-002' })
      const body = res.json()
      expect(Object.keys(body).sort()).toEqual(['instructions', 'isPaid', 'success'])
      expect(body.isPaid).toBe(false)
      expect(body.instructions).toContain('Rp264.000')
      expect(body.instructions).toContain('ORD-2025-002')
      expect(body.instructions).toContain('1234567890')
    })

    it('inventory gives the seed shape for three products', async () => {
      const res = await post(app, '/api/bot/inventory/check', { productIds: ['KAOS-001', 'CELANA-001', 'DRESS-001'] })
      expect(res.json()).toEqual({
        success: true,
        stocks: [
          { productId: 'KAOS-001', productName: 'Kaos Basic Crewneck', quantity: 50, inStock: true },
          { productId: 'CELANA-001', productName: 'Celana Chino Slim Fit', quantity: 30, inStock: true },
          { productId: 'DRESS-001', productName: 'Dress Midi Floral', quantity: 0, inStock: false },
        ],
        totalProducts: 3,
        productsInStock: 2,
      })
    })

    it('inventory with quantities says per product whether it can be ordered', async () => {
      const res = await post(app, '/api/bot/inventory/check', {
        productIds: ['KAOS-001-M', 'JAKET-001', 'DRESS-001'],
        quantities: [15, 4, 1],
      })
      const body = res.json()
      expect(
        body.stocks.map((s: { productId: string; quantity: number; canOrder: boolean }) => [
          s.productId,
          s.quantity,
          s.canOrder,
        ]),
      ).toEqual([
        ['KAOS-001-M', 15, true],
        ['JAKET-001', 3, false],
        ['DRESS-001', 0, false],
      ])
    })

    it('inventory lists ids that match nothing', async () => {
      const body = (await post(app, '/api/bot/inventory/check', { productIds: ['KAOS-001', 'NOPE-404'] })).json()
      expect(body.totalProducts).toBe(1)
      expect(body.notFound).toEqual(['NOPE-404'])
    })

    it.each([
      ['/api/bot/order/track', { customerId: 'cust-adi' }, 'orderNumber'],
      ['/api/bot/order/track', { customerId: 42, orderNumber: 'ORD-2025-001' }, 'customerId'],
      [
        '/api/bot/order/cancel',
        { customerId: 'cust-adi', orderNumber: 'ORD-2025-002', reason: 'x'.repeat(501) },
        'reason',
      ],
      ['/api/bot/order/summary', {}, 'customerId'],
      ['/api/bot/payment/verify', { customerId: 'cust-adi', orderNumber: 'ORD-2025-002', detailed: 'yes' }, 'detailed'],
      ['/api/bot/inventory/check', { productIds: [] }, 'productIds'],
      ['/api/bot/inventory/check', { productIds: ['KAOS-001'], quantities: [1, 2] }, 'quantities'],
      ['/api/bot/inventory/check', { productIds: ['KAOS-001'], quantities: [0] }, 'quantities.0'],
    ])('400 names the failing field (%s %j)', async (url, payload, field) => {
      const res = await post(app, url, payload)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ success: false, error: { code: 'invalid_input', field } })
    })

    it('400 for a body that is not JSON', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/bot/order/track',
        headers: { ...botAuth, 'content-type': 'application/json' },
        payload: '{"customerId": "cust-adi",',
      })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ success: false, error: { code: 'invalid_json', message: expect.any(String) } })
    })

    it('400 for prototype-pollution keys', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/bot/order/summary',
        headers: { ...botAuth, 'content-type': 'application/json' },
        payload: '{"customerId":"cust-adi","__proto__":{"isAdmin":true}}',
      })
      expect(res.statusCode).toBe(400)
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    })

    it.each([
      ['no header', {}],
      ['a wrong token', { authorization: 'Bearer not-the-token' }],
      ['a prefix of the token', { authorization: `Bearer ${testBotToken.slice(0, -1)}` }],
      ['another scheme', { authorization: `Basic ${testBotToken}` }],
    ])('401 with %s', async (_name, headers) => {
      const res = await post(
        app,
        '/api/bot/order/track',
        { customerId: 'cust-adi', orderNumber: 'ORD-2025-001' },
        headers,
      )
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ success: false, error: { code: 'unauthorized', message: expect.any(String) } })
    })

    it('404 alike for an unknown order and for another customer’s order', async () => {
      const unknown = await post(app, '/api/bot/order/track', { customerId: 'cust-adi', orderNumber: 'ORD-2025-999' })
      const foreign = await post(app, '/api/bot/order/track', { customerId: 'cust-siti', orderNumber: 'ORD-2025-001' })
      const verify = await post(app, '/api/bot/payment/verify', {
        customerId: 'cust-budi',
        orderNumber: 'ORD-2025-002',
      })
      for (const res of [unknown, foreign, verify]) {
        expect(res.statusCode).toBe(404)
        expect(res.json().error.code).toBe('order_not_found')
        expect(res.body).not.toContain('Jakarta')
      }
    })

    it('404 customer_not_found for a customer id that names nobody, on every customer route', async () => {
      const nobody = { customerId: 'cust-nobody', orderNumber: 'ORD-2025-001' }
      for (const path of ['/order/track', '/order/summary', '/payment/verify']) {
        const res = await post(app, `/api/bot${path}`, nobody)
        expect(res.statusCode, path).toBe(404)
        expect(res.json().error.code).toBe('customer_not_found')
      }
    })

    it('413 for a body over 64 kB', async () => {
      const res = await post(app, '/api/bot/order/track', { customerId: 'cust-adi', orderNumber: 'x'.repeat(70_000) })
      expect(res.statusCode).toBe(413)
      expect(res.json().error.code).toBe('payload_too_large')
    })

    it('404 in our shape for an unknown route', async () => {
      const res = await post(app, '/api/bot/order/teleport', {})
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ success: false, error: { code: 'not_found', message: 'Route not found' } })
    })
  })

  describe('writes and server variants', () => {
    let db: Database
    let app: FastifyInstance | undefined
    beforeAll(async () => {
      db = await createTestDatabase(kind)
    }, firstDatabaseTimeoutMs)
    afterEach(async () => {
      await app?.close()
      app = undefined
    })
    afterAll(async () => {
      await db.close()
    })

    it('cancel executes for PENDING ORD-2025-002 and returns its stock; a second cancel is 409', async () => {
      app = buildTestServer(db)
      const res = await post(app, '/api/bot/order/cancel', {
        customerId: 'cust-adi',
        orderNumber: 'ORD-2025-002',
        reason: 'salah ukuran',
      })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({
        success: true,
        message: 'Pesanan ORD-2025-002 telah dibatalkan',
        orderNumber: 'ORD-2025-002',
      })
      const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
      expect(order.status).toBe('CANCELLED')
      const stock = await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'JAKET-001-L' } })
      expect(stock.quantity).toBe(2)
      const audit = await db.prisma.auditLog.findFirst({ where: { actor: 'api', entityId: order.id } })
      expect(audit).not.toBeNull()

      const again = await post(app, '/api/bot/order/cancel', { customerId: 'cust-adi', orderNumber: 'ORD-2025-002' })
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('not_cancellable')
    })

    it('cancel of the SHIPPED ORD-2025-001 is 409 and changes nothing', async () => {
      app = buildTestServer(db)
      const res = await post(app, '/api/bot/order/cancel', { customerId: 'cust-adi', orderNumber: 'ORD-2025-001' })
      expect(res.statusCode).toBe(409)
      expect(res.json()).toMatchObject({ success: false, error: { code: 'not_cancellable' } })
      const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-001' } })
      expect(order.status).toBe('SHIPPED')
    })

    it('429 in our shape beyond the rate limit; health checks are not limited', async () => {
      app = buildTestServer(db, { rateLimit: { max: 3, timeWindowMs: 60_000 } })
      const body = { customerId: 'cust-adi' }
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await post(app, '/api/bot/order/summary', body)).statusCode)
      expect(statuses).toEqual([200, 200, 200, 429, 429])
      const limited = await post(app, '/api/bot/order/summary', body)
      expect(limited.json()).toEqual({ success: false, error: { code: 'rate_limited', message: expect.any(String) } })
      // Failed authentication counts too, so the token cannot be guessed at full speed.
      expect((await post(app, '/api/bot/order/summary', body, {})).statusCode).toBe(429)
      for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    })

    it('500 without a stack trace for an unexpected error', async () => {
      app = buildTestServer(db, {
        register: [
          (scope) => {
            scope.get('/test/explode', async () => {
              throw new Error('secret internal detail at /srv/app.ts:42')
            })
          },
        ],
      })
      const res = await app.inject({ method: 'GET', url: '/test/explode' })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toEqual({
        success: false,
        error: { code: 'internal_error', message: 'Internal server error' },
      })
      expect(res.body).not.toContain('secret internal detail')
      expect(res.body).not.toContain('stack')
    })

    it('the routes are absent when no token is configured', async () => {
      app = buildTestServer(db, { config: {} })
      for (const path of ['order/track', 'order/cancel', 'order/summary', 'payment/verify', 'inventory/check']) {
        const res = await post(app, `/api/bot/${path}`, { customerId: 'cust-adi', orderNumber: 'ORD-2025-002' })
        expect(res.statusCode).toBe(404)
        expect(res.json().error.code).toBe('not_found')
      }
      const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-001' } })
      expect(order.status).toBe('SHIPPED')
    })
  })
})
