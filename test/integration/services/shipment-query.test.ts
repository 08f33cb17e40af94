import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { readOrderShipment } from '../../../src/services/shipment-query.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

describe.each(testDbKinds)('shipment query (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('reads every seeded order exactly as the Prisma relation query does', async () => {
    // One shipment with empty optional fields and an event without location or description, beside the seed's.
    const bare = await db.prisma.order.findFirstOrThrow({ where: { shipping: null }, orderBy: { orderNumber: 'asc' } })
    const bareTracking = await db.prisma.shippingTracking.create({
      data: {
        orderId: bare.id,
        trackingNumber: 'SQLREAD0001',
        carrier: 'sicepat',
        events: { create: [{ status: 'PENDING_PICKUP', occurredAt: new Date('2025-11-24T01:02:03.456Z') }] },
      },
    })
    await db.prisma.order.update({ where: { id: bare.id }, data: { shippingId: bareTracking.id } })
    // A second parcel of the same order: the order's shipping stays the first; the second is listed beside it.
    await db.prisma.shippingTracking.create({
      data: {
        orderId: bare.id,
        trackingNumber: 'SQLREAD0002',
        carrier: 'jne',
        carrierText: 'JNE YES',
        statusText: 'manifested',
      },
    })
    const orders = await db.prisma.order.findMany({ select: { orderNumber: true, customerId: true } })
    expect(orders.length).toBeGreaterThan(3)
    for (const { orderNumber, customerId } of orders) {
      const viaPrisma = await db.prisma.order.findFirst({
        where: { orderNumber, customerId },
        select: {
          id: true,
          orderNumber: true,
          status: true,
          shipping: { include: { events: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] } } },
          shippingId: true,
          shipments: {
            select: { id: true, carrier: true, trackingNumber: true, currentStatus: true },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          },
        },
      })
      const { shipments, shippingId, ...order } = viaPrisma ?? { shipments: [], shippingId: null }
      const expected = viaPrisma && {
        ...order,
        otherShipments: shipments
          .filter((s) => s.id !== shippingId)
          .map((s) => ({ carrier: s.carrier, trackingNumber: s.trackingNumber, status: s.currentStatus })),
      }
      expect(await readOrderShipment(db.sql.query, orderNumber, customerId)).toEqual(expected)
    }
  })

  it("finds nothing for another customer's order or an unknown number", async () => {
    expect(await readOrderShipment(db.sql.query, 'ORD-2025-001', 'cust-siti')).toBeNull()
    expect(await readOrderShipment(db.sql.query, 'ORD-2025-999', 'cust-adi')).toBeNull()
    expect(await readOrderShipment(db.sql.query, "ORD-2025-001' OR '1'='1", 'cust-adi')).toBeNull()
  })
})
