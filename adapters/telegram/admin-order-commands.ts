/**
 * /ship and /order: set a shipment's status (the shipping service moves the order and queues the customer's
 * notification) and show any order in full, with its customer, payment and shipment history.
 */
import type { Reply } from '../../src/core/types.ts'
import { ShippingStatus } from '../../src/generated/prisma/enums.ts'
import {
  carrierNames,
  formatDateTime,
  formatRupiah,
  type Locale,
  paymentMethodLabels,
  paymentStatusLabels,
  shippingStatusEmoji,
  shippingStatusLabels,
} from '../../src/i18n/format.ts'
import { t } from '../../src/i18n/messages.ts'
import type { AdminOrderService, AdminOrderView } from '../../src/services/admin-orders.ts'
import { InvalidInput, OrderNotFound, ShipmentNotFound } from '../../src/services/errors.ts'
import { formatOrderForChat } from '../../src/services/order.ts'
import { customerOrderNumber } from '../../src/services/order-number.ts'
import type { ShippingService } from '../../src/services/shipping.ts'
import type { AdminInput } from './admin-types.ts'

export interface OrderCommandDeps {
  shipping: Pick<ShippingService, 'updateShippingStatus'>
  adminOrders: AdminOrderService
  /** Kicks the outbox after the customer's notification was queued. */
  notify?: () => void
}

const statusNames = Object.keys(ShippingStatus).join(', ')
const maxEventsShown = 5

/** "in-transit", "In Transit", "IN_TRANSIT" → 'IN_TRANSIT'; null when it is no shipping status. */
export function parseShippingStatus(input: string): ShippingStatus | null {
  const key = input
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_')
  return Object.hasOwn(ShippingStatus, key) ? (key as ShippingStatus) : null
}

/** `/ship <order> <status> [location…]` */
export async function shipCommand(deps: OrderCommandDeps, input: AdminInput): Promise<Reply> {
  const { locale } = input
  const [order, statusWord, ...locationWords] = input.args.split(/\s+/).filter(Boolean)
  if (!order || !statusWord) return { text: t(locale, 'telegram.admin.usage.ship', { statuses: statusNames }) }
  const status = parseShippingStatus(statusWord)
  if (!status) return { text: t(locale, 'telegram.admin.badStatus', { status: statusWord, statuses: statusNames }) }
  const orderNumber = customerOrderNumber(order) ?? order
  const location = locationWords.join(' ') || undefined
  try {
    await deps.shipping.updateShippingStatus(orderNumber, status, location, { actor: input.actor })
  } catch (error) {
    if (error instanceof OrderNotFound) return { text: t(locale, 'telegram.admin.orderNotFound', { orderNumber }) }
    if (error instanceof ShipmentNotFound) return { text: t(locale, 'telegram.admin.noShipment', { orderNumber }) }
    if (error instanceof InvalidInput) {
      const reason = typeof error.details.reason === 'string' ? error.details.reason : error.message
      return { text: t(locale, 'telegram.admin.shipRefused', { orderNumber, reason }) }
    }
    throw error
  }
  deps.notify?.()
  return {
    text: t(locale, 'telegram.admin.shipDone', {
      orderNumber,
      emoji: shippingStatusEmoji[status],
      status: shippingStatusLabels[status][locale],
      location: location ? ` — ${location}` : '',
    }),
  }
}

function orderView(order: AdminOrderView, locale: Locale): string {
  const lines = [
    formatOrderForChat(order, locale),
    '',
    t(locale, 'telegram.admin.orderCustomer', {
      name: order.customer.name,
      phone: order.customer.phoneNumber,
      email: order.customer.email ? ` · ${order.customer.email}` : '',
    }),
    t(locale, 'telegram.admin.orderCreated', { date: formatDateTime(order.createdAt, locale) }),
  ]
  const payment = order.payment
  lines.push(
    payment
      ? t(locale, 'telegram.admin.orderPayment', {
          status: paymentStatusLabels[payment.status][locale],
          method: paymentMethodLabels[payment.method][locale],
          provider: payment.provider ? ` ${payment.provider}` : '',
          amount: formatRupiah(payment.amount),
          paid: payment.paidAt ? ` · ${formatDateTime(payment.paidAt, locale)}` : '',
        })
      : t(locale, 'telegram.admin.orderNoPayment'),
  )
  const shipping = order.shipping
  if (shipping) {
    lines.push(
      t(locale, 'telegram.admin.orderShipment', {
        carrier: carrierNames[shipping.carrier],
        waybill: shipping.trackingNumber,
        status: shippingStatusLabels[shipping.currentStatus][locale],
        location: shipping.currentLocation ? ` · ${shipping.currentLocation}` : '',
      }),
    )
    for (const event of shipping.events.slice(-maxEventsShown)) {
      lines.push(
        t(locale, 'telegram.admin.orderEvent', {
          date: formatDateTime(event.occurredAt, locale),
          status: shippingStatusLabels[event.status][locale],
          location: event.location ? ` · ${event.location}` : '',
        }),
      )
    }
  }
  return lines.join('\n')
}

/** `/order <order>` */
export async function orderCommand(deps: OrderCommandDeps, input: AdminInput): Promise<Reply> {
  const { locale } = input
  const [order, ...rest] = input.args.split(/\s+/).filter(Boolean)
  if (!order) return { text: t(locale, 'telegram.admin.usage.order') }
  // "ORD 2025 001" written with spaces is one order number.
  const written = [order, ...rest].join(' ')
  try {
    return { text: orderView(await deps.adminOrders.getOrderForAdmin(written), locale) }
  } catch (error) {
    if (error instanceof OrderNotFound) {
      const orderNumber = customerOrderNumber(written) ?? order
      return { text: t(locale, 'telegram.admin.orderNotFound', { orderNumber }) }
    }
    throw error
  }
}
