import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs, testCourierSecret } from '../../helpers/http.ts'

const waybill = 'JNE123456789'

describe.each(testDbKinds)('POST /webhooks/courier (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    app = buildTestServer(db)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await app.close()
    await db.close()
  })

  /** `secret: null` sends no header at all. */
  const send = (payload: unknown, secret: string | null = testCourierSecret) =>
    app.inject({
      method: 'POST',
      url: '/webhooks/courier',
      headers: secret === null ? {} : { 'x-courier-secret': secret },
      payload: payload as object,
    })
  const tracking = () =>
    db.prisma.shippingTracking.findUniqueOrThrow({ where: { trackingNumber: waybill }, include: { events: true } })
  const orderStatus = async () =>
    (await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-001' } })).status

  it('a missing or wrong secret is 401 and changes nothing', async () => {
    const event = { waybill, status: 'DELIVERED', location: 'Jakarta Selatan', eventId: 'evt-1' }
    for (const secret of [null, '', 'wrong', `${testCourierSecret}x`, testCourierSecret.slice(1)]) {
      const res = await send(event, secret)
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe('unauthorized')
    }
    const t = await tracking()
    expect(t.currentStatus).toBe('IN_TRANSIT')
    expect(t.events).toHaveLength(2)
    expect(await orderStatus()).toBe('SHIPPED')
    expect(await db.prisma.processedEvent.count()).toBe(0)
  })

  it('a good event is appended and moves the order; its repeat is dropped', async () => {
    const out = {
      waybill,
      courier: 'jne',
      status: 'OUT_FOR_DELIVERY',
      location: 'Jakarta Selatan',
      description: 'Kurir menuju alamat',
      occurredAt: '2025-11-25T02:00:00Z',
      eventId: 'jne-evt-1',
    }
    const res = await send(out)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, result: 'updated', status: 'OUT_FOR_DELIVERY' })
    let t = await tracking()
    expect(t.currentStatus).toBe('OUT_FOR_DELIVERY')
    expect(t.currentLocation).toBe('Jakarta Selatan')
    expect(t.events).toHaveLength(3)
    const added = t.events.find((e) => e.description === 'Kurir menuju alamat')
    expect(added?.occurredAt.toISOString()).toBe('2025-11-25T02:00:00.000Z')

    const repeat = await send(out)
    expect(repeat.json()).toEqual({ success: true, result: 'duplicate' })
    expect((await tracking()).events).toHaveLength(3)

    const delivered = await send({ waybill, status: 'delivered', location: 'Jakarta Selatan', eventId: 'jne-evt-2' })
    expect(delivered.statusCode).toBe(200)
    t = await tracking()
    expect(t.currentStatus).toBe('DELIVERED')
    expect(t.events).toHaveLength(4)
    expect(await orderStatus()).toBe('DELIVERED')
    expect(await db.prisma.notification.count({ where: { kind: 'shipping_status' } })).toBe(2)
  })

  it('a late event is kept in the history but never moves the shipment back from DELIVERED', async () => {
    const delivered = {
      waybill,
      status: 'DELIVERED',
      location: 'Bandung',
      occurredAt: '2025-11-26T05:00:00Z',
      eventId: 'e-5',
    }
    const inTransit = {
      waybill,
      status: 'IN_TRANSIT',
      location: 'Cikampek',
      occurredAt: '2025-11-26T02:00:00Z',
      eventId: 'e-2',
    }
    expect((await send(delivered)).json()).toEqual({ success: true, result: 'updated', status: 'DELIVERED' })
    const late = await send(inTransit)
    expect(late.statusCode).toBe(200)
    expect(late.json()).toEqual({ success: true, result: 'late', status: 'IN_TRANSIT' })

    const t = await tracking()
    expect(t.currentStatus).toBe('DELIVERED')
    expect(t.currentLocation).toBe('Bandung')
    expect(t.deliveredAt?.toISOString()).toBe('2025-11-26T05:00:00.000Z')
    expect(t.events.map((e) => e.status)).toContain('IN_TRANSIT')
    expect(t.events).toHaveLength(4)
    expect(await orderStatus()).toBe('DELIVERED')
    // The customer was told "delivered" once, and never "in transit" afterwards.
    const told = await db.prisma.notification.findMany({ where: { kind: 'shipping_status' } })
    expect(told.map((n) => (n.payload as { status: string }).status)).toEqual(['DELIVERED'])
    expect((await send(inTransit)).json().result).toBe('duplicate')
  })

  it('events arriving out of order leave the newest one current', async () => {
    const events = [
      { status: 'OUT_FOR_DELIVERY', occurredAt: '2025-11-26T04:00:00Z', location: 'Jakarta Selatan' },
      { status: 'IN_TRANSIT', occurredAt: '2025-11-26T01:00:00Z', location: 'Cikarang' },
      { status: 'IN_TRANSIT', occurredAt: '2025-11-26T03:00:00Z', location: 'Jakarta Timur' },
    ]
    const results = []
    for (const [i, e] of events.entries())
      results.push((await send({ waybill, ...e, eventId: `o-${i}` })).json().result)
    expect(results).toEqual(['updated', 'late', 'late'])
    const t = await tracking()
    expect(t.currentStatus).toBe('OUT_FOR_DELIVERY')
    expect(t.currentLocation).toBe('Jakarta Selatan')
    expect(t.events).toHaveLength(5)
  })

  it('courier wording is mapped and kept; without an eventId the same content is a repeat', async () => {
    const event = { waybill, status: 'WITH DELIVERY COURIER [JAKARTA]', location: 'Jakarta' }
    expect((await send(event)).json()).toEqual({ success: true, result: 'updated', status: 'OUT_FOR_DELIVERY' })
    expect((await send(event)).json().result).toBe('duplicate')
    const t = await tracking()
    expect(t.currentStatus).toBe('OUT_FOR_DELIVERY')
    expect(t.events.filter((e) => e.description === 'WITH DELIVERY COURIER [JAKARTA]')).toHaveLength(1)
  })

  it('an unknown waybill is 404; a malformed event is 400 naming the field', async () => {
    const unknown = await send({ waybill: 'NOPE000000', status: 'DELIVERED' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('shipment_not_found')
    const malformed = await send({ waybill, status: 'DELIVERED', occurredAt: 'yesterday' })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error).toMatchObject({ code: 'invalid_input', field: 'occurredAt' })
    expect((await tracking()).events).toHaveLength(2)
  })

  it('the route is absent when no secret is configured', async () => {
    await app.close()
    app = buildTestServer(db, { config: { BOT_API_TOKEN: 'x' } })
    const res = await send({ waybill, status: 'DELIVERED' })
    expect(res.statusCode).toBe(404)
    expect((await tracking()).currentStatus).toBe('IN_TRANSIT')
  })
})
