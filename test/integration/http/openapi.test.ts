import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'

interface Operation {
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> }
  responses: Record<string, unknown>
  security?: unknown[]
}
interface Document {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, unknown> }
}

describe.each(testDbKinds)('GET /docs/openapi.json (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  let doc: Document
  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
    app = buildTestServer(db)
    const res = await app.inject({ method: 'GET', url: '/docs/openapi.json' })
    expect(res.statusCode).toBe(200)
    doc = res.json()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('is an OpenAPI 3 document listing every route', () => {
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/bot/inventory/check',
      '/api/bot/order/cancel',
      '/api/bot/order/summary',
      '/api/bot/order/track',
      '/api/bot/payment/link',
      '/api/bot/payment/verify',
      '/api/bot/return/request',
      '/api/bot/return/status',
      '/api/bot/shipping/quote',
      '/healthz',
      '/readyz',
      '/webhooks/courier',
      '/webhooks/midtrans',
    ])
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['botToken', 'courierSecret', 'shopToken'])
  })

  it('lists the shop API under the tag "shop" when SHOP_API_TOKEN is set', async () => {
    const shop = buildTestServer(db, { config: { SHOP_API_TOKEN: 'shop-token-for-tests-0123456789' } })
    const res = await shop.inject({ method: 'GET', url: '/docs/openapi.json' })
    await shop.close()
    const paths = (res.json() as { paths: Record<string, Record<string, { tags?: string[]; security?: unknown[] }>> })
      .paths
    const shopPaths = Object.keys(paths).filter((p) => p.startsWith('/api/shop/'))
    expect(shopPaths.sort()).toEqual([
      '/api/shop/batch',
      '/api/shop/customers/{externalId}',
      '/api/shop/orders/{orderNumber}',
      '/api/shop/products/{productId}',
      '/api/shop/stock',
      '/api/shop/sync',
    ])
    for (const path of shopPaths) {
      for (const op of Object.values(paths[path] ?? {})) {
        expect(op.tags).toEqual(['shop'])
        expect(op.security).toEqual([{ shopToken: [] }])
      }
    }
  })

  it.each([
    ['/api/bot/order/track', ['customerId', 'orderNumber']],
    ['/api/bot/order/cancel', ['customerId', 'orderNumber', 'reason']],
    ['/api/bot/order/summary', ['customerId']],
    ['/api/bot/payment/verify', ['customerId', 'orderNumber', 'detailed']],
    ['/api/bot/inventory/check', ['productIds', 'quantities']],
    ['/api/bot/shipping/quote', ['customerId', 'destination', 'items', 'orderNumber', 'weightGrams']],
    ['/api/bot/return/request', ['customerId', 'orderNumber', 'items', 'reason', 'resolution', 'refundAccount']],
    ['/api/bot/return/status', ['customerId', 'orderNumber']],
    ['/webhooks/courier', ['waybill', 'courier', 'status', 'location', 'description', 'occurredAt', 'eventId']],
  ])('%s has its request schema from zod', (path, properties) => {
    const op = doc.paths[path]?.post
    const schema = op?.requestBody?.content['application/json']?.schema
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual([...properties].sort())
    expect(op?.responses).toHaveProperty('200')
    expect(op?.responses).toHaveProperty('400')
  })

  it('gives the return routes examples', () => {
    const op = doc.paths['/api/bot/return/request']?.post
    const body = op?.requestBody?.content['application/json'] as { example?: unknown } | undefined
    expect(body?.example).toMatchObject({ orderNumber: 'ORD-2025-006', resolution: 'exchange' })
  })

  it('documents the Midtrans notification with the signed fields required', () => {
    const schema = doc.paths['/webhooks/midtrans']?.post?.requestBody?.content['application/json']?.schema
    expect(schema?.required).toEqual(
      expect.arrayContaining(['order_id', 'status_code', 'gross_amount', 'signature_key', 'transaction_status']),
    )
  })

  it('marks the bot API as needing the bearer token', () => {
    expect(doc.paths['/api/bot/order/track']?.post?.security).toEqual([{ botToken: [] }])
    expect(doc.paths['/healthz']?.get?.responses).toHaveProperty('200')
  })
})
