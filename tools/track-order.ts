/** track_order: where a customer's order is, with the courier, waybill and a link to the courier's page. */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { Carrier, OrderStatus, ShippingStatus } from '../src/generated/prisma/enums.ts'
import {
  carrierNames,
  formatDate,
  type Locale,
  orderStatusEmoji,
  orderStatusLabels,
  shippingStatusEmoji,
  shippingStatusLabels,
} from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { commonErrorReply, customerOf, lines, orderNumberInput } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({ orderNumber: orderNumberInput })

export interface TrackOrderData {
  orderNumber: string
  orderStatus: OrderStatus
  /** Null until the order is handed to a courier. */
  shipment: {
    carrier: Carrier
    trackingNumber: string
    status: ShippingStatus
    location: string | null
    /** ISO times. */
    estimatedDelivery: string | null
    shippedAt: string | null
    deliveredAt: string | null
    /** The courier's public tracking page. */
    trackingUrl: string | null
    /** The latest events, oldest first. */
    events: { status: ShippingStatus; location: string | null; description: string | null; occurredAt: string }[]
  } | null
  /** The order's other shipments (a return's replacement, a split delivery). */
  otherShipments: { carrier: Carrier; trackingNumber: string; status: ShippingStatus }[]
  /** True when the courier could not be asked and this is our stored data. */
  stale: boolean
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)
const maxEvents = 5

const statusHints: Partial<Record<OrderStatus, 'track.hintPending' | 'track.hintProcessing' | 'track.hintCancelled'>> =
  {
    PENDING: 'track.hintPending',
    PROCESSING: 'track.hintProcessing',
    CANCELLED: 'track.hintCancelled',
  }

function render(result: ToolResult<TrackOrderData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  const { orderNumber, orderStatus, shipment, stale } = result.data
  const others = (result.data.otherShipments ?? []).map((o) =>
    t(locale, 'track.otherShipment', {
      carrier: carrierNames[o.carrier],
      trackingNumber: o.trackingNumber,
      status: shippingStatusLabels[o.status][locale],
    }),
  )
  if (!shipment) {
    const hint = statusHints[orderStatus]
    return {
      text: lines(
        t(locale, 'track.orderTitle', { orderNumber }),
        '',
        t(locale, 'track.status', {
          emoji: orderStatusEmoji[orderStatus],
          label: orderStatusLabels[orderStatus][locale],
        }),
        hint && t(locale, hint),
      ),
    }
  }
  const delivered = shipment.status === 'DELIVERED'
  const text = lines(
    t(locale, 'track.title', { orderNumber }),
    '',
    t(locale, 'track.status', {
      emoji: shippingStatusEmoji[shipment.status],
      label: shippingStatusLabels[shipment.status][locale],
    }),
    t(locale, 'track.carrier', { carrier: carrierNames[shipment.carrier] }),
    t(locale, 'track.waybill', { trackingNumber: shipment.trackingNumber }),
    shipment.location && t(locale, 'track.location', { location: shipment.location }),
    delivered &&
      shipment.deliveredAt &&
      t(locale, 'track.deliveredAt', { date: formatDate(new Date(shipment.deliveredAt), locale) }),
    !delivered &&
      shipment.estimatedDelivery &&
      t(locale, 'track.eta', { date: formatDate(new Date(shipment.estimatedDelivery), locale) }),
    others.length > 0 && '',
    ...others,
    stale && '',
    stale && t(locale, 'track.stale'),
  )
  return shipment.trackingUrl
    ? { text, buttons: [{ label: t(locale, 'track.button'), action: { url: shipment.trackingUrl } }] }
    : { text }
}

export const trackOrder = {
  name: 'track_order',
  description:
    "Shipping status of one of the verified customer's orders: order status, courier, waybill number, last location, estimated arrival and a tracking link. Use when the customer asks where an order is, whether it was shipped or delivered, or for the waybill. Needs the order number; if the customer did not give one and none was mentioned before, ask for it (or use get_order_summary to list their orders). Not for payment questions (verify_payment).",
  input,
  needsCustomer: true,
  effect: { kind: 'read' },
  async run(ctx, { orderNumber }) {
    const tracking = await ctx.services.shipping.getShippingTracking(customerOf(ctx).id, orderNumber)
    const stored = tracking.tracking
    return ok<TrackOrderData>({
      orderNumber: tracking.orderNumber,
      orderStatus: tracking.orderStatus,
      shipment: stored
        ? {
            carrier: stored.carrier,
            trackingNumber: stored.trackingNumber,
            status: stored.currentStatus,
            location: stored.currentLocation,
            estimatedDelivery: iso(stored.estimatedDelivery),
            shippedAt: iso(stored.shippedAt),
            deliveredAt: iso(stored.deliveredAt),
            trackingUrl: tracking.trackingUrl,
            events: [...stored.events]
              .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
              .slice(-maxEvents)
              .map((e) => ({
                status: e.status,
                location: e.location,
                description: e.description,
                occurredAt: e.occurredAt.toISOString(),
              })),
          }
        : null,
      otherShipments: tracking.otherShipments,
      stale: Boolean(tracking.refreshError),
    })
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, TrackOrderData>
