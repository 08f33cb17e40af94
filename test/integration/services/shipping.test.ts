import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import type { SqlClient } from '../../../src/db/sql.ts'
import type { CourierGateway, CourierTracking } from '../../../src/gateways/courier.ts'
import { GatewayError } from '../../../src/gateways/errors.ts'
import { type Carrier, PrismaClient } from '../../../src/generated/prisma/client.ts'
import { InvalidInput, OrderNotFound, ShipmentNotFound } from '../../../src/services/errors.ts'
import { getTrackingUrl } from '../../../src/services/tracking-url.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'

/** A courier gateway as the network edge presents it, answering from a script and recording its calls. */
function fakeCourier(answer: (carrier: Carrier, waybill: string) => CourierTracking | Error) {
  const calls: [Carrier, string][] = []
  const gateway: CourierGateway = {
    name: 'binderbyte',
    async track(carrier, waybill) {
      calls.push([carrier, waybill])
      const result = answer(carrier, waybill)
      if (result instanceof Error) throw result
      return result
    },
  }
  return { gateway, calls }
}

const now = new Date('2025-11-25T04:00:00Z')
const MINUTE = 60_000

const outForDelivery: CourierTracking = {
  status: 'OUT_FOR_DELIVERY',
  rawStatus: 'ON PROCESS',
  location: 'Bandung',
  estimatedDelivery: new Date('2025-11-25T10:00:00Z'),
  events: [
    // The two events we already have, as the courier reports them, then a new one.
    {
      status: 'PENDING_PICKUP',
      location: 'Jakarta',
      description: 'Paket siap dijemput kurir',
      occurredAt: new Date('2025-11-20T10:00:00Z'),
    },
    {
      status: 'IN_TRANSIT',
      location: 'Jakarta',
      description: 'Paket diterima di gudang JNE Jakarta',
      occurredAt: new Date('2025-11-21T03:00:00Z'),
    },
    {
      status: 'OUT_FOR_DELIVERY',
      location: 'Bandung',
      description: 'Paket dibawa kurir',
      occurredAt: new Date('2025-11-25T02:00:00Z'),
    },
  ],
}

describe.each(testDbKinds)('shipping service (%s)', (kind) => {
  describe('reads', () => {
    let db: Database
    let shipping: ReturnType<typeof buildServices>['shipping']
    let counting: PrismaClient
    let statements = 0

    beforeAll(async () => {
      db = await createTestDatabase(kind)
      const client = new PrismaClient({ adapter: db.adapterFactory, log: [{ emit: 'event', level: 'query' }] })
      client.$on('query', () => {
        statements++
      })
      counting = client
      const sql: SqlClient = {
        query: (text, params) => {
          statements++
          return db.sql.query(text, params)
        },
        reserve: () => db.sql.reserve(),
      }
      shipping = buildServices(db, { prisma: counting, sql }).shipping
    })
    afterAll(async () => {
      await counting.$disconnect()
      await db.close()
    })

    it("tracks Adi's ORD-2025-001 from the database in one statement", async () => {
      statements = 0
      const answer = await shipping.getShippingTracking('cust-adi', 'ORD-2025-001')
      expect(statements).toBe(1)
      expect(answer).toMatchObject({ orderNumber: 'ORD-2025-001', orderStatus: 'SHIPPED', refreshed: false })
      expect(answer.refreshError).toBeUndefined()
      expect(answer.tracking).toMatchObject({
        trackingNumber: 'JNE123456789',
        carrier: 'jne',
        currentStatus: 'IN_TRANSIT',
        currentLocation: 'Jakarta',
      })
      expect(answer.tracking?.estimatedDelivery?.toISOString()).toBe('2025-11-26T00:00:00.000Z')
      expect(answer.tracking?.events.map((e) => e.status)).toEqual(['PENDING_PICKUP', 'IN_TRANSIT'])
      expect(answer.trackingUrl).toBe(getTrackingUrl('JNE123456789', 'jne'))
      expect(answer.trackingUrl).toContain('JNE123456789')
      expect(answer.lastUpdated).toBeInstanceOf(Date)
      expect((await shipping.getShippingTracking('cust-adi', 'ord 2025 001')).tracking?.trackingNumber).toBe(
        'JNE123456789',
      )
    })

    it('answers an unshipped order with no tracking', async () => {
      const answer = await shipping.getShippingTracking('cust-adi', 'ORD-2025-002')
      expect(answer).toMatchObject({ orderStatus: 'PENDING', tracking: null, trackingUrl: null, lastUpdated: null })
    })

    it("never shows another customer's order, and treats bad input the same", async () => {
      await expect(shipping.getShippingTracking('cust-siti', 'ORD-2025-001')).rejects.toBeInstanceOf(OrderNotFound)
      for (const bad of ['', 'ORD-2025-999', 'x'.repeat(10_000), "ORD-2025-001' OR '1'='1", 'SELECT 1']) {
        await expect(shipping.getShippingTracking('cust-adi', bad)).rejects.toBeInstanceOf(OrderNotFound)
      }
      await expect(shipping.getShippingTracking('', 'ORD-2025-001')).rejects.toBeInstanceOf(OrderNotFound)
      await expect(shipping.getShippingTracking('c'.repeat(10_000), 'ORD-2025-001')).rejects.toBeInstanceOf(
        OrderNotFound,
      )
    })

    it("lists a customer's shipments newest first", async () => {
      statements = 0
      const shipments = await shipping.getCustomerShipments('cust-adi')
      expect(statements).toBeLessThanOrEqual(3)
      expect(shipments.map((s) => [s.orderNumber, s.tracking?.carrier, s.orderStatus])).toEqual([
        ['ORD-2025-001', 'jne', 'SHIPPED'],
        ['ORD-2025-003', 'sicepat', 'DELIVERED'],
      ])
      expect(shipments[1]?.trackingUrl).toContain('SCP1234567890')
      const siti = await shipping.getCustomerShipments('cust-siti')
      expect(siti.map((s) => [s.orderNumber, s.tracking?.carrier, s.tracking?.currentStatus, s.orderStatus])).toEqual([
        ['ORD-2025-006', 'jnt', 'DELIVERED', 'DELIVERED'],
      ])
      expect(siti[0]?.trackingUrl).toContain('JT0012345678')
      expect(await shipping.getCustomerShipments('cust-budi')).toEqual([])
      await expect(shipping.getCustomerShipments('')).rejects.toBeInstanceOf(InvalidInput)
    })

    it('finds the order of a waybill', async () => {
      expect(await shipping.findOrderNumberByWaybill('JNE123456789')).toBe('ORD-2025-001')
      expect(await shipping.findOrderNumberByWaybill(' scp1234567890 ')).toBe('ORD-2025-003')
      expect(await shipping.findOrderNumberByWaybill('JT0012345678')).toBe('ORD-2025-006')
      expect(await shipping.findOrderNumberByWaybill('NOPE123456')).toBeNull()
      for (const bad of ['', 'x'.repeat(10_000), "JNE' OR 1=1 --"]) {
        await expect(shipping.findOrderNumberByWaybill(bad)).rejects.toBeInstanceOf(InvalidInput)
      }
    })

    it('gives a tracking page for each of the 7 carriers', () => {
      const carriers: Carrier[] = ['jne', 'jnt', 'sicepat', 'anteraja', 'tiki', 'pos', 'gofresh']
      const urls = carriers.map((c) => shipping.getTrackingUrl('AB12345678', c))
      expect(new Set(urls).size).toBe(7)
      for (const url of urls) expect(url).toMatch(/^https:\/\/[^ ]+AB12345678$/)
    })

    it('says whether an order was delivered', async () => {
      expect(await shipping.isOrderDelivered('cust-adi', 'ORD-2025-003')).toBe(true)
      expect(await shipping.isOrderDelivered('cust-adi', 'ORD-2025-001')).toBe(false)
      expect(await shipping.isOrderDelivered('cust-adi', 'ORD-2025-002')).toBe(false)
      await expect(shipping.isOrderDelivered('cust-siti', 'ORD-2025-003')).rejects.toBeInstanceOf(OrderNotFound)
      expect(await shipping.isOrderDelivered('cust-siti', 'ORD-2025-006')).toBe(true)
      expect(await shipping.isOrderDelivered('cust-siti', 'ORD-2025-004')).toBe(false)
    })
  })

  describe('refresh from the courier', () => {
    let db: Database
    beforeEach(async () => {
      db = await createTestDatabase(kind)
    })
    afterEach(async () => {
      await db.close()
    })

    const build = (gateway: CourierGateway) =>
      buildServices(db, { courierGateway: gateway, now: () => now, courierRefreshMinutes: 30 }).shipping
    const storedTracking = () =>
      db.prisma.shippingTracking.findUniqueOrThrow({
        where: { trackingNumber: 'JNE123456789' },
        include: { events: { orderBy: { occurredAt: 'asc' } } },
      })

    it('stores what the courier reports when the data is stale, then stops asking while it is fresh', async () => {
      const courier = fakeCourier(() => outForDelivery)
      const shipping = build(courier.gateway)
      const answer = await shipping.getShippingTracking('cust-adi', 'ORD-2025-001')
      expect(courier.calls).toEqual([['jne', 'JNE123456789']])
      expect(answer.refreshed).toBe(true)
      expect(answer.tracking).toMatchObject({ currentStatus: 'OUT_FOR_DELIVERY', currentLocation: 'Bandung' })
      expect(answer.tracking?.events.map((e) => e.status)).toEqual(['PENDING_PICKUP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'])
      expect(answer.lastUpdated?.toISOString()).toBe(now.toISOString())

      const stored = await storedTracking()
      expect(stored.currentStatus).toBe('OUT_FOR_DELIVERY')
      expect(stored.currentLocation).toBe('Bandung')
      expect(stored.lastSyncedAt?.toISOString()).toBe(now.toISOString())
      expect(stored.estimatedDelivery?.toISOString()).toBe('2025-11-25T10:00:00.000Z')
      expect(stored.events).toHaveLength(3) // known events are not stored twice
      expect(stored.events[2]).toMatchObject({ status: 'OUT_FOR_DELIVERY', location: 'Bandung' })

      const again = await shipping.getShippingTracking('cust-adi', 'ORD-2025-001')
      expect(courier.calls).toHaveLength(1)
      expect(again.refreshed).toBe(false)
      expect(again.tracking?.events).toHaveLength(3)
    })

    it('asks again once the data is older than courierRefreshMinutes', async () => {
      const courier = fakeCourier(() => outForDelivery)
      const shipping = build(courier.gateway)
      const tracking = await storedTracking()
      await db.prisma.shippingTracking.update({
        where: { id: tracking.id },
        data: { lastSyncedAt: new Date(now.getTime() - 29 * MINUTE) },
      })
      expect((await shipping.getShippingTracking('cust-adi', 'ORD-2025-001')).refreshed).toBe(false)
      expect(courier.calls).toHaveLength(0)
      await db.prisma.shippingTracking.update({
        where: { id: tracking.id },
        data: { lastSyncedAt: new Date(now.getTime() - 31 * MINUTE) },
      })
      expect((await shipping.getShippingTracking('cust-adi', 'ORD-2025-001')).refreshed).toBe(true)
      expect(courier.calls).toHaveLength(1)
    })

    it('moves the order to DELIVERED when the courier reports delivery', async () => {
      const deliveredAt = new Date('2025-11-25T03:00:00Z')
      const courier = fakeCourier(() => ({
        ...outForDelivery,
        status: 'DELIVERED',
        deliveredAt,
        events: [
          ...outForDelivery.events,
          { status: 'DELIVERED', location: 'Bandung', description: 'Diterima', occurredAt: deliveredAt },
        ],
      }))
      const answer = await build(courier.gateway).getShippingTracking('cust-adi', 'ORD-2025-001')
      expect(answer.orderStatus).toBe('DELIVERED')
      expect(answer.tracking?.deliveredAt?.toISOString()).toBe(deliveredAt.toISOString())
      const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-001' } })
      expect(order.status).toBe('DELIVERED')
      expect(await db.prisma.auditLog.count({ where: { action: 'shipping.sync' } })).toBe(1)
    })

    it('answers from the database, losing nothing, when the courier fails', async () => {
      const courier = fakeCourier(() => new GatewayError('courier', 'unreachable', 'connect ETIMEDOUT'))
      const answer = await build(courier.gateway).getShippingTracking('cust-adi', 'ORD-2025-001')
      expect(courier.calls).toHaveLength(1)
      expect(answer.refreshed).toBe(false)
      expect(answer.refreshError).toMatch(/unreachable/)
      expect(answer.tracking).toMatchObject({ currentStatus: 'IN_TRANSIT', currentLocation: 'Jakarta' })
      expect(answer.tracking?.events).toHaveLength(2)
      const stored = await storedTracking()
      expect(stored).toMatchObject({ currentStatus: 'IN_TRANSIT', currentLocation: 'Jakarta', lastSyncedAt: null })
      expect(stored.events).toHaveLength(2)
    })

    it('never asks for delivered parcels, nor through the offline gateway', async () => {
      const courier = fakeCourier(() => outForDelivery)
      const delivered = await build(courier.gateway).getShippingTracking('cust-adi', 'ORD-2025-003')
      expect(delivered.refreshed).toBe(false)
      expect(courier.calls).toHaveLength(0)

      const offline = fakeCourier(() => outForDelivery)
      const answer = await build({ name: 'offline', track: offline.gateway.track }).getShippingTracking(
        'cust-adi',
        'ORD-2025-001',
      )
      expect(answer.refreshed).toBe(false)
      expect(offline.calls).toHaveLength(0)
    })
  })

  describe('status updates', () => {
    let db: Database
    let services: ReturnType<typeof buildServices>
    beforeEach(async () => {
      db = await createTestDatabase(kind)
      services = buildServices(db, { now: () => now })
    })
    afterEach(async () => {
      await db.close()
    })

    const counts = async () => ({
      events: await db.prisma.shippingEvent.count(),
      trackings: await db.prisma.shippingTracking.count(),
      notifications: await db.prisma.notification.count(),
      audits: await db.prisma.auditLog.count(),
    })

    it('takes ORD-2025-001 out for delivery, then delivered, notifying the customer each time', async () => {
      const out = await services.shipping.updateShippingStatus('ORD-2025-001', 'OUT_FOR_DELIVERY', 'Bandung', {
        actor: 'admin:test',
      })
      expect(out.currentStatus).toBe('OUT_FOR_DELIVERY')
      expect(out.currentLocation).toBe('Bandung')
      expect(out.events).toHaveLength(3)
      expect(out.events[2]).toMatchObject({
        status: 'OUT_FOR_DELIVERY',
        location: 'Bandung',
        description: 'Sedang Diantar',
      })
      expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-001' } })).status).toBe(
        'SHIPPED',
      )

      const deliveredAt = new Date('2025-11-25T06:30:00Z')
      const done = await services.shipping.updateShippingStatus('ord-2025-001', 'DELIVERED', 'Bandung', {
        actor: 'webhook:courier',
        description: 'Diterima oleh Adi',
        occurredAt: deliveredAt,
      })
      expect(done.currentStatus).toBe('DELIVERED')
      expect(done.deliveredAt?.toISOString()).toBe(deliveredAt.toISOString())
      expect(done.events.map((e) => e.status)).toEqual([
        'PENDING_PICKUP',
        'IN_TRANSIT',
        'OUT_FOR_DELIVERY',
        'DELIVERED',
      ])
      expect(done.events[3]?.description).toBe('Diterima oleh Adi')
      expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-001' } })).status).toBe(
        'DELIVERED',
      )
      expect(await services.shipping.isOrderDelivered('cust-adi', 'ORD-2025-001')).toBe(true)

      const notifications = await db.prisma.notification.findMany({ orderBy: { createdAt: 'asc' } })
      expect(notifications).toHaveLength(2)
      for (const n of notifications)
        expect(n).toMatchObject({ customerId: 'cust-adi', audience: 'customer', kind: 'shipping_status' })
      expect(notifications.map((n) => n.payload)).toEqual(
        expect.arrayContaining([
          { orderNumber: 'ORD-2025-001', status: 'OUT_FOR_DELIVERY', location: 'Bandung' },
          { orderNumber: 'ORD-2025-001', status: 'DELIVERED', location: 'Bandung' },
        ]),
      )
      const audits = await db.prisma.auditLog.findMany({ where: { action: 'shipping.status' } })
      expect(audits.map((a) => a.actor).sort()).toEqual(['admin:test', 'webhook:courier'])
    })

    it('creates the tracking of ORD-2025-004 from a waybill and marks the order SHIPPED', async () => {
      const tracking = await services.shipping.updateShippingStatus('ORD-2025-004', 'IN_TRANSIT', 'Jakarta', {
        trackingNumber: 'JT0001112223',
        carrier: 'jnt',
        actor: 'admin:test',
      })
      expect(tracking).toMatchObject({ trackingNumber: 'JT0001112223', carrier: 'jnt', currentStatus: 'IN_TRANSIT' })
      expect(tracking.shippedAt?.toISOString()).toBe(now.toISOString())
      expect(tracking.events).toHaveLength(1)
      const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-004' } })
      expect(order.status).toBe('SHIPPED')
      expect(await db.prisma.notification.count({ where: { customerId: 'cust-siti', kind: 'shipping_status' } })).toBe(
        1,
      )

      const seen = await services.shipping.getShippingTracking('cust-siti', 'ORD-2025-004')
      expect(seen.tracking?.trackingNumber).toBe('JT0001112223')
      expect(seen.trackingUrl).toBe(getTrackingUrl('JT0001112223', 'jnt'))
      expect(await services.shipping.findOrderNumberByWaybill('JT0001112223')).toBe('ORD-2025-004')
    })

    it('refuses without a shipment, for cancelled orders and for bad input, changing nothing', async () => {
      const before = await counts()
      await expect(
        services.shipping.updateShippingStatus('ORD-2025-004', 'IN_TRANSIT', 'Jakarta'),
      ).rejects.toBeInstanceOf(ShipmentNotFound)
      await expect(
        services.shipping.updateShippingStatus('ORD-2025-004', 'IN_TRANSIT', 'Jakarta', {
          trackingNumber: 'JT0001112223',
        }),
      ).rejects.toBeInstanceOf(ShipmentNotFound)

      await db.prisma.order.update({ where: { orderNumber: 'ORD-2025-002' }, data: { status: 'CANCELLED' } })
      await expect(
        services.shipping.updateShippingStatus('ORD-2025-002', 'IN_TRANSIT', 'Jakarta', {
          trackingNumber: 'JNE999888777',
          carrier: 'jne',
        }),
      ).rejects.toBeInstanceOf(InvalidInput)

      const invalid: [string, string, string | undefined, object][] = [
        ['ORD-2025-001', 'LOST', 'Jakarta', {}],
        ['ORD-2025-001', 'IN_TRANSIT', 'x'.repeat(10_000), {}],
        ['ORD-2025-001', 'IN_TRANSIT', '<script>alert(1)</script>', {}],
        ['ORD-2025-001', 'IN_TRANSIT', '', {}],
        ['ORD-2025-001', 'IN_TRANSIT', 'Jakarta', { occurredAt: new Date('nope') }],
        ['ORD-2025-001', 'IN_TRANSIT', 'Jakarta', { trackingNumber: 'OTHER123456' }], // it has JNE123456789
        ['ORD-2025-004', 'IN_TRANSIT', 'Jakarta', { trackingNumber: 'JNE123456789', carrier: 'jne' }], // taken
        ['ORD-2025-004', 'IN_TRANSIT', 'Jakarta', { trackingNumber: "1'; DROP TABLE x", carrier: 'jne' }],
        ['ORD-2025-004', 'IN_TRANSIT', 'Jakarta', { trackingNumber: 'JNE999888777', carrier: 'dhl' }],
      ]
      for (const [number, status, location, opts] of invalid) {
        await expect(
          services.shipping.updateShippingStatus(number, status as 'IN_TRANSIT', location, opts),
        ).rejects.toBeInstanceOf(InvalidInput)
      }
      for (const number of ['ORD-2025-999', '', 'x'.repeat(10_000), "ORD-2025-001'; --"]) {
        await expect(services.shipping.updateShippingStatus(number, 'IN_TRANSIT')).rejects.toBeInstanceOf(OrderNotFound)
      }
      expect(await counts()).toEqual(before)
      const statuses = await db.prisma.order.findMany({
        where: { orderNumber: { in: ['ORD-2025-001', 'ORD-2025-004'] } },
      })
      expect(statuses.map((o) => o.status).sort()).toEqual(['PROCESSING', 'SHIPPED'])
    })
  })
})
