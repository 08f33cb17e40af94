/**
 * Orders from the shop's own system, with their items, payment and parcels. The order keeps the number the
 * customer knows ("5001"); items whose SKU Layan does not know are kept by name, SKU and price; words Layan does not
 * know are kept beside the nearest known value.
 *
 * Live changes reach the customer as Layan's own would: a payment that becomes paid queues "paid" once, a parcel
 * of a shipped order queues its shipping notice once per status, a COD order its one confirmation request. Money never moves backwards (nextPaymentStatus),
 * a parcel never leaves DELIVERED or RETURNED for an older status, and a shipped order stays DELIVERED once a
 * courier said so.
 */
import type { Payment, ShippingTracking } from '../../generated/prisma/client.ts'
import type { OrderStatus, ShippingStatus } from '../../generated/prisma/enums.ts'
import { shippingStatusLabels } from '../../i18n/format.ts'
import { writeAudit } from '../audit.ts'
import { queueCodRequest } from '../cod-confirmations.ts'
import type { Tx } from '../db-types.ts'
import { nextPaymentStatus } from '../payment.ts'
import { contentDigest, later, RecordRejected, type SyncContext, type SyncResult, versionVerdict } from './context.ts'
import { resolveOrderCustomer } from './customers.ts'
import { queuePaidNotice, queueShippingNotice } from './notices.ts'
import type { OrderRecord } from './records.ts'
import {
  type Nearest,
  nearestCarrier,
  nearestOrderStatus,
  nearestPaymentMethod,
  nearestPaymentStatus,
  nearestShippingStatus,
} from './vocabulary.ts'

const finalShipping = new Set<ShippingStatus>(['DELIVERED', 'RETURNED'])
const shipped = new Set<OrderStatus>(['SHIPPED', 'DELIVERED'])

/** A parcel's status when the shop names none: from the order's. */
function defaultShipmentStatus(order: OrderStatus): ShippingStatus {
  if (order === 'DELIVERED') return 'DELIVERED'
  if (order === 'SHIPPED') return 'IN_TRANSIT'
  return 'PENDING_PICKUP'
}

interface OrderRow {
  id: string
  orderNumber: string
  customerId: string
  status: OrderStatus
}

/** Upserts an order record (shop API, CSV, platform orders). */
export async function upsertOrder(tx: Tx, ctx: SyncContext, record: OrderRecord): Promise<SyncResult> {
  const externalId = record.externalId ?? record.orderNumber
  const digest = contentDigest(record)
  // Concurrent deliveries of one order take turns, so an older one can never land after a newer one.
  await tx.$queryRaw`SELECT "id" FROM "Order" WHERE "source" = ${ctx.source} AND "externalId" = ${externalId} FOR UPDATE`
  const held = await tx.order.findUnique({
    where: { source_externalId: { source: ctx.source, externalId } },
    include: { payment: true, shipments: true, items: { orderBy: { id: 'asc' } } },
  })
  if (held) {
    const verdict = versionVerdict(held, record.updatedAt, digest)
    if (verdict) return { outcome: verdict, id: held.id }
    if (held.orderNumber !== record.orderNumber) {
      const taken = await tx.order.findUnique({ where: { orderNumber: record.orderNumber }, select: { id: true } })
      if (taken) throw new RecordRejected('orderNumber', 'already used by another order')
    }
  } else {
    const taken = await tx.order.findUnique({ where: { orderNumber: record.orderNumber }, select: { id: true } })
    if (taken) throw new RecordRejected('orderNumber', 'already used by another order')
  }

  const mapped = nearestOrderStatus(record.status)
  let status = mapped.value
  // The shop says "completed" (shipped); a courier already said delivered.
  if (status === 'SHIPPED' && held?.status === 'DELIVERED') status = 'DELIVERED'

  const items = await itemRows(tx, record)
  const subtotal = record.subtotal ?? items.reduce((sum, i) => sum + i.subtotal, 0)
  const fields = {
    orderNumber: record.orderNumber,
    status,
    statusText: mapped.text,
    subtotal,
    shippingCost: record.shippingCost,
    totalAmount: record.total,
    shippingAddress: record.shippingAddress ?? '',
    shippingMethod: record.shippingMethod ?? 'regular',
    cancelReason: status === 'CANCELLED' ? (record.cancelReason ?? held?.cancelReason ?? null) : null,
  }
  const changes: string[] = []
  let order: OrderRow
  if (!held) {
    const customer = await resolveOrderCustomer(tx, ctx, record.customer)
    order = await tx.order.create({
      data: {
        ...fields,
        customerId: customer.id,
        cancelledAt: status === 'CANCELLED' ? ctx.now() : null,
        source: ctx.source,
        externalId,
        sourceUpdatedAt: record.updatedAt,
        sourceHash: digest,
        ...(record.createdAt ? { createdAt: record.createdAt } : {}),
        items: { create: items },
      },
      select: { id: true, orderNumber: true, customerId: true, status: true },
    })
  } else {
    for (const [key, value] of Object.entries(fields)) {
      if ((held as Record<string, unknown>)[key] !== value) changes.push(key)
    }
    order = await tx.order.update({
      where: { id: held.id },
      data: {
        ...fields,
        ...(status === 'CANCELLED' && held.status !== 'CANCELLED' ? { cancelledAt: ctx.now() } : {}),
        sourceUpdatedAt: later(held.sourceUpdatedAt, record.updatedAt),
        sourceHash: digest,
      },
      select: { id: true, orderNumber: true, customerId: true, status: true },
    })
    if (!sameItems(held.items, items)) {
      await tx.orderItem.deleteMany({ where: { orderId: held.id } })
      await tx.orderItem.createMany({ data: items.map((i) => ({ ...i, orderId: held.id })) })
      changes.push('items')
    }
  }

  const notices: string[] = []
  if (record.payment) {
    const paid = await applyPayment(tx, order, held?.payment ?? null, record, changes)
    if (paid && ctx.live && (await queuePaidNotice(tx, order, paid.amount))) notices.push('payment_completed')
  }
  // A COD order placed now gets its one confirmation request; loads of old orders never do.
  if (ctx.live && (await queueCodRequest(tx, order, ctx.now()))) notices.push('cod_confirmation_request')
  const shipments = await applyShipments(
    tx,
    ctx,
    order,
    held?.shipments ?? [],
    held?.status ?? null,
    record,
    changes,
    notices,
  )

  // Every parcel of a shipped order delivered: the order is delivered.
  if (order.status === 'SHIPPED' && shipments.length > 0 && shipments.every((s) => s.currentStatus === 'DELIVERED')) {
    await tx.order.update({ where: { id: order.id }, data: { status: 'DELIVERED' } })
    order = { ...order, status: 'DELIVERED' }
    changes.push('status')
  }

  await writeAudit(tx, {
    actor: ctx.actor,
    action: held ? 'shop.order.updated' : 'shop.order.created',
    entity: 'Order',
    entityId: order.id,
    data: {
      source: ctx.source,
      externalId,
      orderNumber: order.orderNumber,
      status: order.status,
      changes: [...new Set(changes)],
      notices,
    },
  })
  return {
    outcome: held ? 'updated' : 'created',
    id: order.id,
    changes: [...new Set(changes)],
    ...(notices.length ? { notices } : {}),
  }
}

type ItemRow = {
  productId: string | null
  sku: string
  productName: string
  size: string | null
  quantity: number
  price: number
  subtotal: number
}

/** The order's items, linked to our products by SKU where we know it. */
async function itemRows(tx: Tx, record: OrderRecord): Promise<ItemRow[]> {
  const skus = [...new Set(record.items.flatMap((i) => (i.sku ? [i.sku] : [])))]
  const known = skus.length
    ? await tx.inventory.findMany({ where: { sku: { in: skus } }, select: { sku: true, productId: true, size: true } })
    : []
  const bySku = new Map(known.map((k) => [k.sku, k]))
  return record.items.map((item) => {
    const stocked = item.sku ? bySku.get(item.sku) : undefined
    return {
      productId: stocked?.productId ?? null,
      sku: item.sku ?? '',
      productName: item.name,
      size: item.size ?? (stocked && stocked.size !== 'All Size' ? stocked.size : null),
      quantity: item.quantity,
      price: item.price,
      subtotal: item.price * item.quantity,
    }
  })
}

function sameItems(held: ItemRow[], incoming: ItemRow[]): boolean {
  const key = (i: ItemRow) => [i.productId, i.sku, i.productName, i.size, i.quantity, i.price].join('\u0001')
  return held.length === incoming.length && held.every((h, n) => key(h) === key(incoming[n] as ItemRow))
}

/** Creates or moves the payment; returns it when it became paid just now. */
async function applyPayment(
  tx: Tx,
  order: OrderRow,
  held: Payment | null,
  record: OrderRecord,
  changes: string[],
): Promise<Payment | null> {
  const input = record.payment
  if (!input) return null
  const method = nearestPaymentMethod(input.method)
  const status = nearestPaymentStatus(input.status)
  const details = {
    amount: input.amount ?? record.total,
    method: method.value,
    methodText: method.text,
    provider: input.provider ?? method.provider,
    gatewayStatus: input.status.slice(0, 64),
  }
  if (!held) {
    await tx.payment.create({
      data: {
        orderId: order.id,
        ...details,
        status: status.value,
        paidAt: status.value === 'COMPLETED' ? (input.paidAt ?? record.updatedAt) : null,
        ...(input.transactionId ? { transactionId: await freeTransactionId(tx, input.transactionId) } : {}),
      },
    })
    changes.push('payment')
    return null
  }
  const next = nextPaymentStatus(held.status, status.value)
  const detailsChanged = (Object.keys(details) as (keyof typeof details)[]).some((k) => held[k] !== details[k])
  if (!next && !detailsChanged) return null
  const updated = await tx.payment.update({
    where: { id: held.id },
    data: {
      ...details,
      ...(next ? { status: next } : {}),
      ...(next === 'COMPLETED' ? { paidAt: input.paidAt ?? record.updatedAt } : {}),
    },
  })
  changes.push('payment')
  return next === 'COMPLETED' ? updated : null
}

/** A transaction id is unique across payments: one another payment holds is not stored again. */
async function freeTransactionId(tx: Tx, id: string): Promise<string | undefined> {
  const taken = await tx.payment.findUnique({ where: { transactionId: id }, select: { id: true } })
  return taken ? undefined : id
}

/** Creates or moves each parcel; queues the shipping notices of a shipped order's parcels (live only). */
async function applyShipments(
  tx: Tx,
  ctx: SyncContext,
  order: OrderRow,
  held: ShippingTracking[],
  heldStatus: OrderStatus | null,
  record: OrderRecord,
  changes: string[],
  notices: string[],
): Promise<ShippingTracking[]> {
  const result = new Map(held.map((s) => [s.id, s]))
  const movedIds = new Set<string>()
  for (const [index, shipment] of record.shipments.entries()) {
    const carrier = nearestCarrier(shipment.carrier)
    const status: Nearest<ShippingStatus> = shipment.status
      ? nearestShippingStatus(shipment.status)
      : { value: shipment.deliveredAt ? 'DELIVERED' : defaultShipmentStatus(order.status), text: null }
    const at = shipment.deliveredAt ?? shipment.shippedAt ?? record.updatedAt
    const existing = await tx.shippingTracking.findUnique({ where: { trackingNumber: shipment.waybill } })
    if (existing && existing.orderId !== order.id) {
      throw new RecordRejected(`shipments.${index}.waybill`, 'already belongs to another order')
    }
    let tracking: ShippingTracking
    let moved = false
    if (!existing) {
      tracking = await tx.shippingTracking.create({
        data: {
          orderId: order.id,
          trackingNumber: shipment.waybill,
          carrier: carrier.value,
          carrierText: carrier.text,
          currentStatus: status.value,
          statusText: status.text,
          shippedAt: shipment.shippedAt ?? (status.value === 'PENDING_PICKUP' ? null : at),
          deliveredAt: status.value === 'DELIVERED' ? at : null,
          externalId: shipment.externalId ?? null,
          events: {
            create: [
              {
                status: status.value,
                description: status.text ?? shippingStatusLabels[status.value].id,
                occurredAt: at,
              },
            ],
          },
        },
      })
      moved = true
      changes.push('shipments')
    } else {
      // A parcel never leaves a final status for another one.
      const advance =
        existing.currentStatus !== status.value &&
        !(finalShipping.has(existing.currentStatus) && !finalShipping.has(status.value))
      const carrierChanged = existing.carrier !== carrier.value || existing.carrierText !== carrier.text
      if (advance || carrierChanged) {
        tracking = await tx.shippingTracking.update({
          where: { id: existing.id },
          data: {
            carrier: carrier.value,
            carrierText: carrier.text,
            ...(advance
              ? {
                  currentStatus: status.value,
                  statusText: status.text,
                  shippedAt: existing.shippedAt ?? (status.value === 'PENDING_PICKUP' ? null : at),
                  deliveredAt: status.value === 'DELIVERED' ? at : existing.deliveredAt,
                }
              : {}),
          },
        })
        if (advance) {
          await tx.shippingEvent.create({
            data: {
              trackingId: existing.id,
              status: status.value,
              description: status.text ?? shippingStatusLabels[status.value].id,
              occurredAt: at,
            },
          })
        }
        moved = advance
        changes.push('shipments')
      } else {
        tracking = existing
      }
    }
    result.set(tracking.id, tracking)
    if (moved) movedIds.add(tracking.id)
  }
  // Customers hear of a parcel of a shipped order when it is new or moved, or when the order became shipped now.
  const becameShipped = shipped.has(order.status) && (heldStatus === null || !shipped.has(heldStatus))
  if (ctx.live && shipped.has(order.status)) {
    for (const tracking of result.values()) {
      if (!becameShipped && !movedIds.has(tracking.id)) continue
      if (await queueShippingNotice(tx, order, tracking, tracking.currentStatus)) notices.push('shipping_status')
    }
  }
  return [...result.values()]
}

/**
 * An order the shop deleted (WooCommerce's `order.deleted`): kept for the conversations that name it, CANCELLED
 * with the shop's word "deleted", its payment as it was. An order we do not have is 'unchanged'.
 */
export async function markOrderDeleted(tx: Tx, ctx: SyncContext, externalId: string): Promise<SyncResult> {
  const held = await tx.order.findUnique({
    where: { source_externalId: { source: ctx.source, externalId } },
    select: { id: true, orderNumber: true, status: true, statusText: true },
  })
  if (!held) return { outcome: 'unchanged', id: externalId }
  if (held.status === 'CANCELLED' && held.statusText === 'deleted') return { outcome: 'unchanged', id: held.id }
  await tx.order.update({
    where: { id: held.id },
    data: { status: 'CANCELLED', statusText: 'deleted', cancelledAt: ctx.now(), cancelReason: 'deleted in the shop' },
  })
  await writeAudit(tx, {
    actor: ctx.actor,
    action: 'shop.order.deleted',
    entity: 'Order',
    entityId: held.id,
    data: { source: ctx.source, externalId, orderNumber: held.orderNumber, previousStatus: held.status },
  })
  return { outcome: 'updated', id: held.id, changes: ['status'] }
}
