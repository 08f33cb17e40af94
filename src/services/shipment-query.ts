/**
 * The read behind every "where is my order?": one customer's order with its shipment and the shipment's events,
 * in one plain SQL statement. It runs on every tracking request and every tracking question in a chat, and
 * through Prisma's relation query the client's own work cost several times the database's.
 */
import type { SqlQuery } from '../db/sql.ts'
import type { Carrier, OrderStatus, ShippingStatus } from '../generated/prisma/enums.ts'
import type { TrackingWithEvents } from './shipping.ts'

/** Another shipment of the same order (a replacement, a split delivery), as a line. */
export interface OtherShipment {
  carrier: Carrier
  trackingNumber: string
  status: ShippingStatus
}

export interface OrderShipment {
  id: string
  orderNumber: string
  status: OrderStatus
  shipping: TrackingWithEvents | null
  /** The order's other shipments, oldest first. */
  otherShipments: OtherShipment[]
}

// Timestamps leave the database as epoch milliseconds, so no driver's time-zone handling is involved.
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`

const orderShipmentSql = `
SELECT o.id, o."orderNumber", o.status::text AS status,
  (SELECT json_build_object(
      'id', t.id, 'orderId', t."orderId", 'trackingNumber', t."trackingNumber", 'carrier', t.carrier,
      'carrierText', t."carrierText", 'currentStatus', t."currentStatus", 'statusText', t."statusText",
      'externalId', t."externalId", 'currentLocation', t."currentLocation",
      'estimatedDelivery', ${ms('t."estimatedDelivery"')}, 'shippedAt', ${ms('t."shippedAt"')},
      'deliveredAt', ${ms('t."deliveredAt"')}, 'lastSyncedAt', ${ms('t."lastSyncedAt"')},
      'createdAt', ${ms('t."createdAt"')}, 'updatedAt', ${ms('t."updatedAt"')},
      'events', COALESCE((
        SELECT json_agg(json_build_object(
            'id', e.id, 'trackingId', e."trackingId", 'status', e.status, 'location', e.location,
            'description', e.description, 'occurredAt', ${ms('e."occurredAt"')}, 'createdAt', ${ms('e."createdAt"')})
          ORDER BY e."occurredAt", e.id)
        FROM "ShippingEvent" e WHERE e."trackingId" = t.id), '[]'::json))
    FROM "ShippingTracking" t WHERE t.id = o."shippingId") AS shipping,
  (SELECT COALESCE(json_agg(json_build_object(
      'carrier', s.carrier, 'trackingNumber', s."trackingNumber", 'status', s."currentStatus")
      ORDER BY s."createdAt", s.id), '[]'::json)
    FROM "ShippingTracking" s WHERE s."orderId" = o.id AND s.id IS DISTINCT FROM o."shippingId") AS "otherShipments"
FROM "Order" o
WHERE o."orderNumber" = $1::text AND o."customerId" = $2::text
`

type Epoch = number | null
type RawEvent = Omit<TrackingWithEvents['events'][number], 'occurredAt' | 'createdAt'> & {
  occurredAt: number
  createdAt: number
}
type RawTracking = Omit<
  TrackingWithEvents,
  'estimatedDelivery' | 'shippedAt' | 'deliveredAt' | 'lastSyncedAt' | 'createdAt' | 'updatedAt' | 'events'
> & {
  estimatedDelivery: Epoch
  shippedAt: Epoch
  deliveredAt: Epoch
  lastSyncedAt: Epoch
  createdAt: number
  updatedAt: number
  events: RawEvent[]
}

const date = (value: number) => new Date(Math.round(value))
const optionalDate = (value: Epoch) => (value === null ? null : date(value))

function toTracking(raw: RawTracking): TrackingWithEvents {
  return {
    ...raw,
    estimatedDelivery: optionalDate(raw.estimatedDelivery),
    shippedAt: optionalDate(raw.shippedAt),
    deliveredAt: optionalDate(raw.deliveredAt),
    lastSyncedAt: optionalDate(raw.lastSyncedAt),
    createdAt: date(raw.createdAt),
    updatedAt: date(raw.updatedAt),
    events: raw.events.map((e) => ({ ...e, occurredAt: date(e.occurredAt), createdAt: date(e.createdAt) })),
  }
}

/** The customer's order by its (normalized) number with its shipment, or null when the customer has no such order. */
export async function readOrderShipment(
  query: SqlQuery,
  orderNumber: string,
  customerId: string,
): Promise<OrderShipment | null> {
  const [row] = await query<Omit<OrderShipment, 'shipping'> & { shipping: RawTracking | null }>(orderShipmentSql, [
    orderNumber,
    customerId,
  ])
  if (!row) return null
  return {
    id: row.id,
    orderNumber: row.orderNumber,
    status: row.status,
    shipping: row.shipping && toTracking(row.shipping),
    otherShipments: row.otherShipments ?? [],
  }
}
