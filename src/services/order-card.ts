/**
 * One order as the chat shows it (the get_order tool to its customer, the staff's order view): number, status,
 * items with prices, shipping cost, total, address, payment and waybill. Plain data in, so a tool's stored result
 * renders the same text as a fresh database row.
 */
import type { Carrier, OrderStatus, PaymentStatus, ShippingStatus } from '../generated/prisma/enums.ts'
import {
  carrierNames,
  formatDate,
  formatRupiah,
  type Locale,
  orderStatusEmoji,
  orderStatusLabels,
  paymentStatusEmoji,
  paymentStatusLabels,
  shippingStatusLabels,
} from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { OrderDetail } from './order.ts'

export interface OrderCard {
  orderNumber: string
  status: OrderStatus
  /** ISO time. */
  createdAt: string
  /** `price` is the unit price in Rupiah. */
  items: { name: string; size: string | null; quantity: number; price: number }[]
  shippingCost: number
  totalAmount: number
  shippingAddress: string
  payment: { status: PaymentStatus } | null
  shipment: { carrier: Carrier; trackingNumber: string; status: ShippingStatus } | null
  cancelReason: string | null
}

export function orderCardOf(order: OrderDetail): OrderCard {
  return {
    orderNumber: order.orderNumber,
    status: order.status,
    createdAt: order.createdAt.toISOString(),
    items: order.items.map((i) => ({ name: i.productName, size: i.size, quantity: i.quantity, price: i.price })),
    shippingCost: order.shippingCost,
    totalAmount: order.totalAmount,
    shippingAddress: order.shippingAddress,
    payment: order.payment ? { status: order.payment.status } : null,
    shipment: order.shipping
      ? {
          carrier: order.shipping.carrier,
          trackingNumber: order.shipping.trackingNumber,
          status: order.shipping.currentStatus,
        }
      : null,
    cancelReason: order.cancelReason,
  }
}

export function orderCardText(o: OrderCard, locale: Locale): string {
  const lines = [
    t(locale, 'order.title', { orderNumber: o.orderNumber }),
    t(locale, 'order.status', { emoji: orderStatusEmoji[o.status], label: orderStatusLabels[o.status][locale] }),
    t(locale, 'order.date', { date: formatDate(new Date(o.createdAt), locale) }),
    '',
    t(locale, 'order.items'),
    ...o.items.map((i) =>
      t(locale, 'order.item', {
        name: i.size ? `${i.name} (${i.size})` : i.name,
        quantity: i.quantity,
        amount: formatRupiah(i.price * i.quantity),
      }),
    ),
    '',
    t(locale, 'order.shippingCost', { amount: formatRupiah(o.shippingCost) }),
    t(locale, 'order.total', { amount: formatRupiah(o.totalAmount) }),
    t(locale, 'order.address', { address: o.shippingAddress }),
  ]
  if (o.payment) {
    const label = paymentStatusLabels[o.payment.status][locale]
    lines.push(t(locale, 'order.payment', { emoji: paymentStatusEmoji[o.payment.status], label }))
  }
  if (o.shipment) {
    const status = shippingStatusLabels[o.shipment.status][locale]
    const carrier = carrierNames[o.shipment.carrier]
    lines.push(t(locale, 'order.waybill', { carrier, trackingNumber: o.shipment.trackingNumber, status }))
  }
  if (o.status === 'CANCELLED' && o.cancelReason)
    lines.push(t(locale, 'order.cancelReason', { reason: o.cancelReason }))
  return lines.join('\n')
}
