/**
 * Shipments: where a customer's parcel is (from our database, refreshed from the courier gateway when stale),
 * and the status updates admins and courier webhooks make, which move the order along and notify the customer.
 * Over 400 lines on purpose: the courier refresh and the status updates write the same tracking rows and events
 * under the same forward-only status rule, which is clearer kept in one place.
 */
import type { CourierTracking } from '../gateways/courier.ts'
import type { ShippingEvent, ShippingTracking } from '../generated/prisma/client.ts'
import { Carrier, type OrderStatus, ShippingStatus } from '../generated/prisma/enums.ts'
import { shippingStatusLabels } from '../i18n/format.ts'
import { writeAudit } from './audit.ts'
import type { Tx } from './db-types.ts'
import { InvalidInput, OrderNotFound, ShipmentNotFound } from './errors.ts'
import type { ServiceDeps } from './index.ts'
import { customerOrderNumber } from './order-number.ts'
import { claimReceipt, type Receipt } from './receipts.ts'
import { type OtherShipment, readOrderShipment } from './shipment-query.ts'
import { getTrackingUrl, waybillPattern } from './tracking-url.ts'

export type TrackingWithEvents = ShippingTracking & { events: ShippingEvent[] }

/** One order's shipment as the customer sees it. */
export interface ShipmentInfo {
  orderNumber: string
  orderStatus: OrderStatus
  tracking: TrackingWithEvents | null
  trackingUrl: string | null
  /** When the data was last confirmed: the courier sync, else the newest event, else the last change. */
  lastUpdated: Date | null
}

export interface TrackingAnswer extends ShipmentInfo {
  /** The order's other shipments (a return's replacement, a split delivery), oldest first. */
  otherShipments: OtherShipment[]
  /** True when the courier gateway was asked just now. */
  refreshed: boolean
  /** Why asking the courier failed; the stored data is returned meanwhile. */
  refreshError?: string
}

export interface ShippingUpdateOptions {
  /** Who made the change: "admin:telegram:<id>", "webhook:courier", ... (default "system"). */
  actor?: string
  description?: string
  occurredAt?: Date
  /** With `carrier`: creates the tracking when the order has none yet. */
  trackingNumber?: string
  carrier?: Carrier
}

/** What recordShippingEvent did with an event. */
export type ShippingEventOutcome =
  /** The shipment's current status follows the event (it is the newest). */
  | 'updated'
  /** An event older than the newest one known: kept in the history, the current status left as it is. */
  | 'late'
  /** The delivery's receipt was already recorded: nothing was done. */
  | 'duplicate'

const eventsOldestFirst = { orderBy: { occurredAt: 'asc' } } as const
const shippedStatuses = new Set<ShippingStatus>(['PENDING_PICKUP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'])
const handedToCourier = new Set<ShippingStatus>(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'])
/** Statuses a shipment ends in: an event from before them never takes it out again. */
const finalStatuses = new Set<ShippingStatus>(['DELIVERED', 'RETURNED'])
const maxEventsPerSync = 200
const txOptions = { maxWait: 10_000, timeout: 15_000 }

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 64
}

function optionalText(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined
  const text = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : ''
  if (!text || text.length > max || /[\p{Cc}<>]/u.test(text)) {
    throw new InvalidInput(field, `must be 1-${max} printable characters`)
  }
  return text
}

/** The order status a shipment status implies, or null to leave the order as it is (never backwards). */
function impliedOrderStatus(shipping: ShippingStatus, current: OrderStatus): OrderStatus | null {
  if (current === 'CANCELLED') return null
  if (shipping === 'DELIVERED') return current === 'DELIVERED' ? null : 'DELIVERED'
  if (shippedStatuses.has(shipping) && (current === 'PENDING' || current === 'PROCESSING')) return 'SHIPPED'
  return null
}

function safeTrackingUrl(tracking: ShippingTracking): string | null {
  try {
    return getTrackingUrl(tracking.trackingNumber, tracking.carrier)
  } catch {
    return null
  }
}

function toShipmentInfo(orderNumber: string, orderStatus: OrderStatus, tracking: TrackingWithEvents | null) {
  return {
    orderNumber,
    orderStatus,
    tracking,
    trackingUrl: tracking ? safeTrackingUrl(tracking) : null,
    lastUpdated: tracking ? (tracking.lastSyncedAt ?? tracking.events.at(-1)?.occurredAt ?? tracking.updatedAt) : null,
  } satisfies ShipmentInfo
}

export function createShippingService(deps: ServiceDeps) {
  const { prisma, courierGateway, log } = deps

  function isStale(tracking: ShippingTracking): boolean {
    if (courierGateway.name === 'offline' || tracking.currentStatus === 'DELIVERED') return false
    // A courier we do not know (kept as the shop named it) cannot be asked under the nearest known one's code.
    if (tracking.carrierText) return false
    if (!tracking.lastSyncedAt) return true
    return deps.now().getTime() - tracking.lastSyncedAt.getTime() > deps.courierRefreshMinutes * 60_000
  }

  /** Moves the order along with its shipment (conditional on the status read, so a race cannot undo it). */
  async function syncOrderStatus(
    tx: Tx,
    order: { id: string; status: OrderStatus },
    status: ShippingStatus,
  ): Promise<OrderStatus> {
    const next = impliedOrderStatus(status, order.status)
    if (!next) return order.status
    const { count } = await tx.order.updateMany({
      where: { id: order.id, status: order.status },
      data: { status: next },
    })
    return count === 1 ? next : order.status
  }

  /** Stores what the courier reports: status, location, the events we lack, and the sync time. */
  async function storeCourierTracking(
    trackingId: string,
    order: { id: string; status: OrderStatus },
    remote: CourierTracking,
  ): Promise<{ tracking: TrackingWithEvents; orderStatus: OrderStatus }> {
    const now = deps.now()
    return prisma.$transaction(async (tx) => {
      // Two customers' requests may refresh one parcel at once; the lock keeps events from doubling.
      await tx.$queryRaw`SELECT "id" FROM "ShippingTracking" WHERE "id" = ${trackingId} FOR UPDATE`
      const stored = await tx.shippingTracking.findUniqueOrThrow({
        where: { id: trackingId },
        include: { events: true },
      })
      const key = (e: { status: string; occurredAt: Date; location?: string | null }) =>
        `${e.status}|${e.occurredAt.getTime()}|${e.location ?? ''}`
      const known = new Set(stored.events.map(key))
      const fresh = remote.events
        .slice(-maxEventsPerSync)
        .filter((e) => !Number.isNaN(e.occurredAt.getTime()) && !known.has(key(e)))
      if (fresh.length > 0) {
        await tx.shippingEvent.createMany({
          data: fresh.map((e) => ({
            trackingId,
            status: e.status,
            location: e.location?.slice(0, 200) ?? null,
            description: e.description.slice(0, 500) || null,
            occurredAt: e.occurredAt,
          })),
        })
      }
      const delivered = remote.status === 'DELIVERED'
      await tx.shippingTracking.update({
        where: { id: trackingId },
        data: {
          currentStatus: remote.status,
          currentLocation: remote.location?.slice(0, 200) ?? stored.currentLocation,
          estimatedDelivery: remote.estimatedDelivery ?? stored.estimatedDelivery,
          deliveredAt: delivered ? (remote.deliveredAt ?? stored.deliveredAt ?? now) : stored.deliveredAt,
          lastSyncedAt: now,
        },
      })
      let orderStatus = order.status
      if (remote.status !== stored.currentStatus) {
        orderStatus = await syncOrderStatus(tx, order, remote.status)
        await writeAudit(tx, {
          actor: `courier:${courierGateway.name}`,
          action: 'shipping.sync',
          entity: 'ShippingTracking',
          entityId: trackingId,
          data: { from: stored.currentStatus, to: remote.status, orderStatus, newEvents: fresh.length },
        })
      }
      const tracking = await tx.shippingTracking.findUniqueOrThrow({
        where: { id: trackingId },
        include: { events: eventsOldestFirst },
      })
      return { tracking, orderStatus }
    }, txOptions)
  }

  /**
   * A customer's shipment for one order, from the database (one statement, shipment-query.ts), refreshed from
   * the courier when the gateway is live and the data older than `courierRefreshMinutes`. Orders not shipped yet have `tracking: null`.
   * @throws OrderNotFound (also for another customer's order or a malformed number)
   */
  async function getShippingTracking(customerId: string, orderNumber: string): Promise<TrackingAnswer> {
    const number = customerOrderNumber(orderNumber)
    if (!number || !isId(customerId)) throw new OrderNotFound(String(orderNumber).slice(0, 64))
    const order = await readOrderShipment(deps.sql.query, number, customerId)
    if (!order) throw new OrderNotFound(number)
    const tracking = order.shipping
    const { otherShipments } = order
    if (!tracking || !isStale(tracking)) {
      return { ...toShipmentInfo(order.orderNumber, order.status, tracking), otherShipments, refreshed: false }
    }
    let remote: CourierTracking
    try {
      remote = await courierGateway.track(tracking.carrier, tracking.trackingNumber)
    } catch (error) {
      log.warn({ err: error, orderNumber: number }, 'courier refresh failed; answering from the database')
      const refreshError = error instanceof Error ? error.message : 'courier refresh failed'
      return {
        ...toShipmentInfo(order.orderNumber, order.status, tracking),
        otherShipments,
        refreshed: false,
        refreshError,
      }
    }
    const stored = await storeCourierTracking(tracking.id, order, remote)
    return {
      ...toShipmentInfo(order.orderNumber, stored.orderStatus, stored.tracking),
      otherShipments,
      refreshed: true,
    }
  }

  /** The customer's shipped orders, newest order first (at most 20; 3 statements, no courier calls). */
  async function getCustomerShipments(customerId: string): Promise<ShipmentInfo[]> {
    if (!isId(customerId)) throw new InvalidInput('customerId', 'must be a customer id')
    const orders = await prisma.order.findMany({
      where: { customerId, shipping: { isNot: null } },
      orderBy: { createdAt: 'desc' },
      take: 20,
      select: { orderNumber: true, status: true, shipping: { include: { events: eventsOldestFirst } } },
    })
    return orders.map((o) => toShipmentInfo(o.orderNumber, o.status, o.shipping))
  }

  /** Validates the arguments of a status update; the cleaned values. */
  function cleanUpdate(
    orderNumber: string,
    status: ShippingStatus,
    location?: string,
    opts: ShippingUpdateOptions = {},
  ) {
    const number = customerOrderNumber(orderNumber)
    if (!number) throw new OrderNotFound(String(orderNumber).slice(0, 64))
    if (!Object.hasOwn(ShippingStatus, status)) throw new InvalidInput('status', 'unknown shipping status')
    const place = optionalText('location', location, 200)
    const description = optionalText('description', opts.description, 500) ?? shippingStatusLabels[status].id
    const actor = optionalText('actor', opts.actor, 100) ?? 'system'
    if (
      opts.occurredAt !== undefined &&
      !(opts.occurredAt instanceof Date && !Number.isNaN(opts.occurredAt.getTime()))
    ) {
      throw new InvalidInput('occurredAt', 'must be a valid date')
    }
    const waybill = opts.trackingNumber?.trim()
    if (waybill !== undefined && !waybillPattern.test(waybill)) {
      throw new InvalidInput('trackingNumber', 'must be 4-40 letters, digits or dashes')
    }
    if (opts.carrier !== undefined && !Object.hasOwn(Carrier, opts.carrier)) {
      throw new InvalidInput('carrier', 'unknown carrier')
    }
    return {
      number,
      status,
      place,
      description,
      actor,
      waybill,
      carrier: opts.carrier,
      occurredAt: opts.occurredAt ?? deps.now(),
    }
  }
  type CleanUpdate = ReturnType<typeof cleanUpdate>

  /**
   * One status event inside a transaction: always appended to the history; the shipment's current status,
   * location, the order's status and the customer's notification follow it only when it is the newest event
   * (an event older than the newest, or as old as a final one, is 'late').
   */
  async function applyStatusEvent(
    tx: Tx,
    u: CleanUpdate,
  ): Promise<{ outcome: 'updated' | 'late'; trackingId: string }> {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Order" WHERE "orderNumber" = ${u.number} FOR UPDATE`
    const orderId = locked[0]?.id
    if (!orderId) throw new OrderNotFound(u.number)
    const order = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { id: true, customerId: true, status: true, shipping: true },
    })
    if (order.status === 'CANCELLED') throw new InvalidInput('orderNumber', 'the order is cancelled')

    let tracking = order.shipping
    if (!tracking) {
      if (!u.waybill || !u.carrier) throw new ShipmentNotFound(u.number)
      const taken = await tx.shippingTracking.findUnique({ where: { trackingNumber: u.waybill }, select: { id: true } })
      if (taken) throw new InvalidInput('trackingNumber', 'already used by another order')
      tracking = await tx.shippingTracking.create({
        data: { orderId, trackingNumber: u.waybill, carrier: u.carrier },
      })
    } else if (u.waybill && u.waybill !== tracking.trackingNumber) {
      throw new InvalidInput('trackingNumber', 'the order already has another waybill')
    }
    const previous = order.shipping?.currentStatus ?? null
    const newest = await tx.shippingEvent.findFirst({
      where: { trackingId: tracking.id },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      select: { occurredAt: true },
    })
    const newestAt = newest?.occurredAt.getTime()
    const at = u.occurredAt.getTime()
    const late =
      newestAt !== undefined &&
      (at < newestAt ||
        (at === newestAt && previous !== null && finalStatuses.has(previous) && !finalStatuses.has(u.status)))

    await tx.shippingEvent.create({
      data: {
        trackingId: tracking.id,
        status: u.status,
        location: u.place ?? null,
        description: u.description,
        occurredAt: u.occurredAt,
      },
    })
    if (late) {
      await writeAudit(tx, {
        actor: u.actor,
        action: 'shipping.late_event',
        entity: 'ShippingTracking',
        entityId: tracking.id,
        data: { orderNumber: u.number, status: u.status, occurredAt: u.occurredAt.toISOString(), current: previous },
      })
      return { outcome: 'late', trackingId: tracking.id }
    }

    await tx.shippingTracking.update({
      where: { id: tracking.id },
      data: {
        currentStatus: u.status,
        currentLocation: u.place ?? tracking.currentLocation,
        shippedAt: tracking.shippedAt ?? (handedToCourier.has(u.status) ? u.occurredAt : null),
        deliveredAt: u.status === 'DELIVERED' ? u.occurredAt : tracking.deliveredAt,
      },
    })
    const orderStatus = await syncOrderStatus(tx, order, u.status)
    if (previous !== u.status) {
      await tx.notification.create({
        data: {
          customerId: order.customerId,
          audience: 'customer',
          kind: 'shipping_status',
          payload: { orderNumber: u.number, status: u.status, location: u.place ?? tracking.currentLocation ?? null },
        },
      })
    }
    await writeAudit(tx, {
      actor: u.actor,
      action: 'shipping.status',
      entity: 'ShippingTracking',
      entityId: tracking.id,
      data: { orderNumber: u.number, from: previous, to: u.status, location: u.place ?? null, orderStatus },
    })
    return { outcome: 'updated', trackingId: tracking.id }
  }

  function readTracking(tx: Tx, trackingId: string): Promise<TrackingWithEvents> {
    return tx.shippingTracking.findUniqueOrThrow({ where: { id: trackingId }, include: { events: eventsOldestFirst } })
  }

  /**
   * Records a shipment status (admins; not customer-scoped): appends an event and, when it is the newest, moves
   * the shipment and the order (SHIPPED, or DELIVERED with deliveredAt), queues a customer notification when the
   * status changes, audits. Creates the tracking when the order has none and `trackingNumber` + `carrier` are given.
   * @throws OrderNotFound, ShipmentNotFound, InvalidInput (bad values, cancelled order, waybill taken)
   */
  async function updateShippingStatus(
    orderNumber: string,
    status: ShippingStatus,
    location?: string,
    opts: ShippingUpdateOptions = {},
  ): Promise<TrackingWithEvents> {
    const update = cleanUpdate(orderNumber, status, location, opts)
    return prisma.$transaction(
      async (tx) => readTracking(tx, (await applyStatusEvent(tx, update)).trackingId),
      txOptions,
    )
  }

  /**
   * A courier's event (webhooks), recorded with the delivery's receipt in the same transaction: a repeat is
   * 'duplicate' and changes nothing; an event older than the newest known one is kept in the history only
   * ('late'), so a shipment never goes back from DELIVERED to IN_TRANSIT because an old event arrived late.
   * @throws as updateShippingStatus (then nothing, not even the receipt, is recorded)
   */
  async function recordShippingEvent(
    orderNumber: string,
    status: ShippingStatus,
    location: string | undefined,
    opts: ShippingUpdateOptions & { receipt: Receipt },
  ): Promise<{ outcome: ShippingEventOutcome }> {
    const update = cleanUpdate(orderNumber, status, location, opts)
    return prisma.$transaction(async (tx) => {
      if (!(await claimReceipt(tx, opts.receipt))) return { outcome: 'duplicate' as const }
      return { outcome: (await applyStatusEvent(tx, update)).outcome }
    }, txOptions)
  }

  /** The order number a waybill belongs to (courier webhooks), or null. */
  async function findOrderNumberByWaybill(trackingNumber: string): Promise<string | null> {
    const waybill = typeof trackingNumber === 'string' ? trackingNumber.trim() : ''
    if (!waybillPattern.test(waybill))
      throw new InvalidInput('trackingNumber', 'must be 4-40 letters, digits or dashes')
    const found = await prisma.shippingTracking.findFirst({
      where: { trackingNumber: { in: [...new Set([waybill, waybill.toUpperCase()])] } },
      select: { order: { select: { orderNumber: true } } },
    })
    return found?.order.orderNumber ?? null
  }

  /** Whether the customer's order has arrived. @throws OrderNotFound */
  async function isOrderDelivered(customerId: string, orderNumber: string): Promise<boolean> {
    const number = customerOrderNumber(orderNumber)
    if (!number || !isId(customerId)) throw new OrderNotFound(String(orderNumber).slice(0, 64))
    const order = await prisma.order.findFirst({
      where: { orderNumber: number, customerId },
      select: { status: true, shipping: { select: { currentStatus: true } } },
    })
    if (!order) throw new OrderNotFound(number)
    return order.status === 'DELIVERED' || order.shipping?.currentStatus === 'DELIVERED'
  }

  return {
    getShippingTracking,
    getCustomerShipments,
    updateShippingStatus,
    recordShippingEvent,
    findOrderNumberByWaybill,
    getTrackingUrl,
    isOrderDelivered,
  }
}

export type ShippingService = ReturnType<typeof createShippingService>
