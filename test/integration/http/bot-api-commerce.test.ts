import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { botAuth, buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'

const post = (app: FastifyInstance, url: string, payload: unknown, headers: Record<string, string> = botAuth) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object })

describe.each(testDbKinds)('commerce bot API (%s)', (kind) => {
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

  it('quotes shipping for products to a free-text city, cheapest first', async () => {
    const res = await post(app, '/api/bot/shipping/quote', {
      destination: 'Surabaya',
      items: [{ productId: 'KAOS-001-M', quantity: 2 }],
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      success: true,
      status: 'quote',
      destination: 'Kota Surabaya, Jawa Timur',
      estimates: true,
      weightGrams: 400,
      weightSource: 'items',
      goodsValue: 158_000,
      freeShipping: false,
      freeShippingOver: 300_000,
      cheapest: { courier: 'sicepat', service: 'reg', price: 14_000, minDays: 2, maxDays: 4 },
    })
    const prices = body.options.map((o: { price: number }) => o.price)
    expect(prices).toEqual([...prices].sort((a: number, b: number) => a - b))
  })

  it('answers an ambiguous place with choices and an unknown one with no price', async () => {
    const ambiguous = await post(app, '/api/bot/shipping/quote', { destination: 'Bogor' })
    expect(ambiguous.json()).toEqual({
      success: true,
      status: 'ambiguous',
      choices: ['Kabupaten Bogor, Jawa Barat', 'Kota Bogor, Jawa Barat'],
    })
    const unknown = await post(app, '/api/bot/shipping/quote', { destination: 'Atlantis' })
    expect(unknown.json()).toEqual({ success: true, status: 'unknown' })
  })

  it("weighs a customer's own order only, and refuses without the bearer", async () => {
    const own = await post(app, '/api/bot/shipping/quote', {
      customerId: 'cust-adi',
      orderNumber: 'ORD-2025-001',
      destination: '99511',
    })
    expect(own.json()).toMatchObject({ status: 'quote', weightGrams: 600, weightSource: 'order' })
    const foreign = await post(app, '/api/bot/shipping/quote', {
      customerId: 'cust-siti',
      orderNumber: 'ORD-2025-001',
      destination: 'Medan',
    })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().error.code).toBe('order_not_found')
    const noToken = await post(app, '/api/bot/shipping/quote', { destination: 'Medan' }, {})
    expect(noToken.statusCode).toBe(401)
    const bad = await post(app, '/api/bot/shipping/quote', { destination: 'Medan', weightGrams: -5 })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('weightGrams')
    const unknownProduct = await post(app, '/api/bot/shipping/quote', {
      destination: 'Medan',
      items: [{ productId: 'SEPATU-999' }],
    })
    expect(unknownProduct.statusCode).toBe(404)
  })
})
