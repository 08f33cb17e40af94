/**
 * WooCommerce resources → the shop API's records (src/services/shop-sync/records.ts), which then check them like
 * any other input. Status mapping: pending, on-hold → PENDING; processing → PROCESSING; completed → SHIPPED
 * (DELIVERED once tracking says so); cancelled, failed, refunded → CANCELLED, the payment's own state kept (paid
 * stays paid, refunded is REFUNDED). Payment methods: `cod` → COD, `bacs` → bank transfer, the rest by their
 * title (vocabulary.ts). Waybills come from the Shipment Tracking extension's meta data.
 *
 * Products whose stock WooCommerce does not count ("manage stock" off) are stored with `uncountedStock` units while
 * in stock, 0 when out of stock. Weights are read in kilograms (WooCommerce's default unit).
 */

import {
  type WooCustomer,
  type WooOrder,
  type WooProduct,
  type WooVariation,
  wooTrackingItemsSchema,
} from '../../../gateways/shop-platforms/woocommerce/payloads.ts'
import { normalizePhone } from '../../phone.ts'
import type { RecordInput } from '../index.ts'

/** Units stored for a product WooCommerce keeps no count of, while it is in stock. */
export const uncountedStock = 100

/** WooCommerce's `_gmt` times carry no zone: they are UTC. */
export function gmt(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`
}

const rupiah = (value: string | number | null | undefined): number => {
  const n = typeof value === 'number' ? value : Number(String(value ?? '0').replace(/,/g, ''))
  return Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0
}

const joinName = (...parts: (string | null | undefined)[]) =>
  parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ')

/** A phone only when it is an Indonesian mobile number (others cannot verify anybody and are left out). */
const mobile = (phone: string | null | undefined) => (phone ? normalizePhone(phone) : null)

function stockOf(item: {
  manage_stock?: unknown
  stock_quantity?: number | null
  stock_status?: string | null
}): number {
  if (item.manage_stock === true || typeof item.stock_quantity === 'number')
    return Math.max(0, item.stock_quantity ?? 0)
  return item.stock_status === 'outofstock' ? 0 : uncountedStock
}

function attributeValue(
  attributes: { name?: string | null; option?: string | null }[] | null | undefined,
  names: RegExp,
) {
  return attributes?.find((a) => a.name && names.test(a.name))?.option ?? null
}

const sizeNames = /^(size|ukuran|pa_size|pa_ukuran)$/i
const colourNames = /^(colou?r|warna|pa_colou?r|pa_warna)$/i

/** A product (with its variations, for a variable one) as the shop API's product record. */
export function productInput(product: WooProduct, variations: WooVariation[] = []): RecordInput {
  const price = rupiah(product.price ?? product.regular_price)
  const kg = Number(product.weight ?? '')
  const variants =
    product.type === 'variable'
      ? variations.map((v) => {
          const others = v.attributes?.filter((a) => !sizeNames.test(a.name ?? '') && !colourNames.test(a.name ?? ''))
          return {
            sku: v.sku?.trim() || `WC-${product.id}-${v.id}`,
            size:
              attributeValue(v.attributes, sizeNames) ??
              (others
                ?.map((a) => a.option)
                .filter(Boolean)
                .join(' / ') ||
                null),
            colour: attributeValue(v.attributes, colourNames),
            stock: stockOf(v),
            price: rupiah(v.price) !== price ? rupiah(v.price) : null,
            externalId: String(v.id),
          }
        })
      : [{ sku: product.sku?.trim() || `WC-${product.id}`, stock: stockOf(product), externalId: String(product.id) }]
  // A variation modified after its product is a newer version of the product.
  const times = [product.date_modified_gmt, ...variations.map((v) => v.date_modified_gmt)]
    .map(gmt)
    .filter((t): t is string => Boolean(t))
    .sort()
  return {
    type: 'product',
    data: {
      productId: String(product.id),
      name: product.name,
      description: product.description
        ? product.description
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
            .slice(0, 5000) || null
        : null,
      category: product.categories?.[0]?.name ?? null,
      price,
      weight: Number.isFinite(kg) && kg > 0 ? Math.round(kg * 1000) : null,
      active: product.status === undefined || product.status === null || product.status === 'publish',
      variants,
      updatedAt: times.at(-1),
    },
  }
}

export function customerInput(customer: WooCustomer): RecordInput {
  return {
    type: 'customer',
    data: {
      externalId: String(customer.id),
      name:
        joinName(customer.first_name, customer.last_name) ||
        joinName(customer.billing?.first_name, customer.billing?.last_name) ||
        customer.username ||
        customer.email ||
        `Pelanggan ${customer.id}`,
      phone: mobile(customer.billing?.phone),
      email: customer.email || customer.billing?.email || null,
      updatedAt: gmt(customer.date_modified_gmt),
    },
  }
}

function addressOf(order: WooOrder): string | null {
  const a = order.shipping?.address_1 ? order.shipping : order.billing
  if (!a) return null
  const text = [joinName(a.address_1, a.address_2), a.city, joinName(a.state, a.postcode)].filter(Boolean).join(', ')
  return text || null
}

/** The order's payment status as WooCommerce tells it: refunded, paid (date_paid), failed, else pending. */
function paymentStatus(order: WooOrder): string {
  if (order.status === 'refunded') return 'REFUNDED'
  if (order.date_paid_gmt) return 'COMPLETED'
  if (order.status === 'failed') return 'FAILED'
  return 'PENDING'
}

function shipmentsOf(order: WooOrder) {
  const meta = order.meta_data?.find((m) => m.key === '_wc_shipment_tracking_items')
  const parsed = wooTrackingItemsSchema.safeParse(meta?.value)
  if (!parsed.success) return []
  const courierOfOrder = order.shipping_lines?.[0]?.method_title ?? 'JNE'
  return parsed.data
    .filter((t) => /^[A-Za-z0-9-]{4,40}$/.test(t.tracking_number.trim()))
    .map((t) => {
      const shipped =
        typeof t.date_shipped === 'number' || /^\d+$/.test(String(t.date_shipped ?? ''))
          ? new Date(Number(t.date_shipped) * 1000).toISOString()
          : undefined
      return {
        carrier: t.custom_tracking_provider || t.tracking_provider || courierOfOrder,
        waybill: t.tracking_number.trim(),
        ...(shipped ? { shippedAt: shipped } : {}),
      }
    })
}

const statusWords: Record<string, string> = {
  pending: 'PENDING',
  'on-hold': 'PENDING',
  processing: 'PROCESSING',
  completed: 'SHIPPED',
  cancelled: 'CANCELLED',
  failed: 'CANCELLED',
  refunded: 'CANCELLED',
}

/** An order as the shop API's order record; null for a checkout draft (not an order yet). */
export function orderInput(order: WooOrder): RecordInput | null {
  if (order.status === 'checkout-draft' || order.status === 'draft') return null
  const billing = order.billing
  const customerId = order.customer_id && order.customer_id > 0 ? String(order.customer_id) : null
  const phone = mobile(billing?.phone) ?? mobile(order.shipping?.phone)
  const email = billing?.email || null
  const items = order.line_items.map((item) => ({
    sku: item.sku?.trim() || null,
    name: item.name,
    size: attributeValue(
      item.meta_data?.map((m) => ({ name: m.key, option: typeof m.value === 'string' ? m.value : null })),
      sizeNames,
    ),
    quantity: Math.max(1, Math.round(item.quantity)),
    price:
      item.price !== undefined && item.price !== null
        ? rupiah(item.price)
        : Math.round(rupiah(item.total) / Math.max(1, item.quantity)),
  }))
  return {
    type: 'order',
    data: {
      orderNumber: String(order.number ?? order.id),
      externalId: String(order.id),
      customer: {
        externalId: customerId,
        name: joinName(billing?.first_name, billing?.last_name) || null,
        phone,
        email,
      },
      // A shop's own status ("wc-packing") is kept as its word beside the nearest known one.
      status: statusWords[order.status] ?? order.status,
      items,
      shippingCost: rupiah(order.shipping_total),
      total: rupiah(order.total),
      shippingAddress: addressOf(order),
      shippingMethod: order.shipping_lines?.[0]?.method_title ?? null,
      cancelReason:
        order.status === 'cancelled' || order.status === 'failed' || order.status === 'refunded' ? order.status : null,
      payment: {
        method: order.payment_method_title || order.payment_method || 'bacs',
        status: paymentStatus(order),
        provider: null,
        paidAt: gmt(order.date_paid_gmt) ?? null,
        transactionId: order.transaction_id || null,
      },
      shipments: shipmentsOf(order),
      createdAt: gmt(order.date_created_gmt) ?? null,
      updatedAt: gmt(order.date_modified_gmt),
    },
  }
}
