import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { botAuth, buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'

const post = (app: FastifyInstance, url: string, payload: unknown, headers: Record<string, string> = botAuth) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object })

const exchange = {
  customerId: 'cust-siti',
  orderNumber: 'ord-2025-006',
  items: [{ sku: 'KAOS-001-M', wantedSize: 'L' }],
  reason: 'kekecilan',
  resolution: 'exchange',
}

describe.each(testDbKinds)('returns in the bot API (%s)', (kind) => {
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

  const stockOf = async (sku: string) => (await db.prisma.inventory.findUniqueOrThrow({ where: { sku } })).quantity

  it('refuses without the bearer, and validates the body', async () => {
    const anonymous = await post(app, '/api/bot/return/request', exchange, {})
    expect(anonymous.statusCode).toBe(401)
    const bad = await post(app, '/api/bot/return/request', { ...exchange, resolution: 'swap' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('resolution')
  })

  it("answers someone else's order as not found, and shows none of its returns", async () => {
    const res = await post(app, '/api/bot/return/request', { ...exchange, customerId: 'cust-adi' })
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('KAOS')
    const status = await post(app, '/api/bot/return/status', { customerId: 'cust-adi', orderNumber: 'ORD-2025-006' })
    expect(status.statusCode).toBe(404)
    expect(status.json().error.code).toBe('order_not_found')
  })

  it('refuses an order outside the window and one not delivered with 409 and the reason', async () => {
    const late = await post(app, '/api/bot/return/request', {
      customerId: 'cust-adi',
      orderNumber: 'ORD-2025-003',
      reason: 'kekecilan',
      resolution: 'refund',
    })
    expect(late.statusCode).toBe(409)
    expect(late.json().error).toMatchObject({ code: 'return_not_allowed' })
    expect(late.json().error.message).toContain('sudah lewat')
    const shipped = await post(app, '/api/bot/return/request', {
      customerId: 'cust-adi',
      orderNumber: 'ORD-2025-001',
      items: [{ sku: 'KEMEJA-001-L' }],
      reason: 'salah kirim',
      resolution: 'refund',
    })
    expect(shipped.statusCode).toBe(409)
    expect(shipped.json().error.message).toContain('belum diterima')
  })

  it('refuses a size not in stock with the sizes that are', async () => {
    const res = await post(app, '/api/bot/return/request', { ...exchange, items: [{ wantedSize: 'XXL' }] })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.message).toContain('XXL')
    expect(res.json().error.message).toContain('S, L, XL')
  })

  it('makes an exchange at once, reserves the size once, and refuses a second request for the item', async () => {
    const before = await stockOf('KAOS-001-L')
    const empty = await post(app, '/api/bot/return/status', { customerId: 'cust-siti' })
    expect(empty.json()).toEqual({ success: true, returns: [] })

    const res = await post(app, '/api/bot/return/request', exchange)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      success: true,
      return: {
        number: 'ORD-2025-006-R1',
        orderNumber: 'ORD-2025-006',
        resolution: 'exchange',
        status: 'REQUESTED',
        items: [{ sku: 'KAOS-001-M', quantity: 1, wantedSku: 'KAOS-001-L', wantedSize: 'L' }],
        refundAmount: null,
      },
    })
    expect(res.json().message).toContain('ORD-2025-006-R1')
    expect(await stockOf('KAOS-001-L')).toBe(before - 1)

    const again = await post(app, '/api/bot/return/request', { ...exchange, resolution: 'refund', items: [] })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toContain('sudah punya permintaan retur')
    expect(await stockOf('KAOS-001-L')).toBe(before - 1)

    const status = await post(app, '/api/bot/return/status', { customerId: 'cust-siti', orderNumber: 'ORD-2025-006' })
    expect(status.json().returns).toEqual([
      expect.objectContaining({ number: 'ORD-2025-006-R1', status: 'REQUESTED', resolution: 'exchange' }),
    ])
  })
})
