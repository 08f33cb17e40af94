/**
 * Shopify resources (Admin GraphQL) → the shop API's records. Order status: cancelled → CANCELLED (the payment's
 * own state kept); fulfilled or partly fulfilled → SHIPPED (DELIVERED when every parcel is delivered); paid and not
 * yet fulfilled → PROCESSING; else PENDING. Payment status from the financial status (PAID → paid, REFUNDED,
 * VOIDED, PENDING, ...); the method from the gateway's name ("Cash on Delivery (COD)", "Bank Deposit", "midtrans").
 * Couriers from each fulfillment's tracking company. Inventory levels are kept per inventory item and location
 * and summed per SKU (stock.ts), so each variant carries its inventory item's id.
 */

import type { ShopifyCustomer, ShopifyOrder, ShopifyProduct } from '../../../gateways/shop-platforms/shopify/queries.ts'
import { normalizePhone } from '../../phone.ts'
import type { RecordInput } from '../index.ts'

const rupiah = (value: string | number | null | undefined): number => {
  const n = typeof value === 'number' ? value : Number(String(value ?? '0'))
  return Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0
}
const joinName = (...parts: (string | null | undefined)[]) =>
  parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ')
const mobile = (phone: string | null | undefined) => (phone ? normalizePhone(phone) : null)
const sizeNames = /^(size|ukuran)$/i
const colourNames = /^(colou?r|warna)$/i

function grams(weight: { unit: string; value: number } | null | undefined): number | null {
  if (!weight || !(weight.value > 0)) return null
  const factor: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.3495, POUNDS: 453.592 }
  return Math.round(weight.value * (factor[weight.unit] ?? 1))
}

/** One inventory level as the backfill learns it. */
export interface LevelInput {
  stockItemId: string
  locationId: string
  available: number
  updatedAt: string
}

/** A product as the shop API's product record, and the inventory levels of its variants. */
export function productInput(product: ShopifyProduct): { input: RecordInput; levels: LevelInput[] } {
  const variants = product.variants.nodes
  const levels: LevelInput[] = []
  const price = rupiah(variants[0]?.price)
  let weight: number | null = null
  const times = [product.updatedAt]
  const mapped = variants.map((v) => {
    const item = v.inventoryItem
    weight ??= grams(item?.measurement?.weight)
    if (v.updatedAt) times.push(v.updatedAt)
    const stockItemId = item ? String(item.legacyResourceId) : null
    let stock = Math.max(0, v.inventoryQuantity ?? 0)
    if (stockItemId && item?.inventoryLevels) {
      stock = 0
      for (const node of item.inventoryLevels.nodes) {
        const available = node.quantities.find((q) => q.name === 'available')?.quantity ?? 0
        stock += available
        levels.push({
          stockItemId,
          locationId: String(node.location.legacyResourceId),
          available,
          updatedAt: node.updatedAt ?? product.updatedAt,
        })
      }
      stock = Math.max(0, stock)
    }
    const options = v.selectedOptions ?? []
    const size = options.find((o) => sizeNames.test(o.name))?.value
    const colour = options.find((o) => colourNames.test(o.name))?.value
    const other = options
      .filter((o) => !sizeNames.test(o.name) && !colourNames.test(o.name) && o.value !== 'Default Title')
      .map((o) => o.value)
      .join(' / ')
    return {
      sku: v.sku?.trim() || `SHOPIFY-${product.legacyResourceId}-${v.legacyResourceId}`,
      size: size ?? (other || null),
      colour: colour ?? null,
      stock,
      price: rupiah(v.price) !== price ? rupiah(v.price) : null,
      externalId: String(v.legacyResourceId),
      stockItemId,
    }
  })
  return {
    input: {
      type: 'product',
      data: {
        productId: String(product.legacyResourceId),
        name: product.title,
        description: product.descriptionHtml
          ? product.descriptionHtml
              .replace(/<[^>]*>/g, ' ')
              .replace(/\s+/g, ' ')
              .trim()
              .slice(0, 5000) || null
          : null,
        category: product.productType || null,
        price,
        weight,
        active: !product.status || product.status === 'ACTIVE',
        variants: mapped,
        updatedAt: times.sort().at(-1),
      },
    },
    levels,
  }
}

export function customerInput(customer: ShopifyCustomer): RecordInput {
  const email = customer.defaultEmailAddress?.emailAddress ?? null
  return {
    type: 'customer',
    data: {
      externalId: String(customer.legacyResourceId),
      name: joinName(customer.firstName, customer.lastName) || email || `Customer ${customer.legacyResourceId}`,
      phone: mobile(customer.defaultPhoneNumber?.phoneNumber),
      email,
      updatedAt: customer.updatedAt,
    },
  }
}

const paymentWords: Record<string, string> = {
  PAID: 'COMPLETED',
  PARTIALLY_PAID: 'PENDING',
  PENDING: 'PENDING',
  AUTHORIZED: 'PENDING',
  EXPIRED: 'EXPIRED',
  REFUNDED: 'REFUNDED',
  PARTIALLY_REFUNDED: 'REFUND_PENDING',
  VOIDED: 'CANCELLED',
}

function orderStatus(order: ShopifyOrder, shipments: { status?: string }[]): string {
  if (order.cancelledAt) return 'CANCELLED'
  const fulfilment = order.displayFulfillmentStatus ?? 'UNFULFILLED'
  if (fulfilment === 'FULFILLED' || fulfilment === 'PARTIALLY_FULFILLED' || shipments.length > 0) {
    return shipments.length > 0 && shipments.every((s) => s.status === 'DELIVERED') ? 'DELIVERED' : 'SHIPPED'
  }
  return order.displayFinancialStatus === 'PAID' ? 'PROCESSING' : 'PENDING'
}

/** An order as the shop API's order record ("#1001" is kept as 1001, the number the customer knows). */
export function orderInput(order: ShopifyOrder): RecordInput {
  const customer = order.customer
  const shipments = (order.fulfillments ?? [])
    .filter((f) => f.status !== 'CANCELLED')
    .flatMap((f) =>
      (f.trackingInfo ?? [])
        .filter((t) => t.number && /^[A-Za-z0-9-]{4,40}$/.test(t.number.trim()))
        .map((t) => ({
          carrier: t.company || order.shippingLine?.title || 'JNE',
          waybill: (t.number ?? '').trim(),
          ...(f.displayStatus === 'DELIVERED' || f.deliveredAt ? { status: 'DELIVERED' } : {}),
          ...(f.createdAt ? { shippedAt: f.createdAt } : {}),
          ...(f.deliveredAt ? { deliveredAt: f.deliveredAt } : {}),
          ...(f.legacyResourceId ? { externalId: String(f.legacyResourceId) } : {}),
        })),
    )
  const financial = order.displayFinancialStatus ?? 'PENDING'
  const address = order.shippingAddress

  return {
    type: 'order',
    data: {
      orderNumber: order.name,
      externalId: String(order.legacyResourceId),
      customer: {
        externalId: customer ? String(customer.legacyResourceId) : null,
        name: joinName(customer?.firstName, customer?.lastName) || null,
        phone: mobile(order.phone) ?? mobile(customer?.defaultPhoneNumber?.phoneNumber) ?? mobile(address?.phone),
        email: order.email || customer?.defaultEmailAddress?.emailAddress || null,
      },
      status: orderStatus(order, shipments),
      items: order.lineItems.nodes.map((item) => ({
        sku: item.sku?.trim() || null,
        name: item.name,
        size: item.variantTitle && item.variantTitle !== 'Default Title' ? item.variantTitle.slice(0, 40) : null,
        quantity: Math.max(1, item.quantity),
        price: rupiah(item.originalUnitPriceSet?.shopMoney.amount),
      })),
      shippingCost: rupiah(order.totalShippingPriceSet?.shopMoney.amount),
      total: rupiah(order.totalPriceSet.shopMoney.amount),
      shippingAddress: address
        ? [joinName(address.address1, address.address2), address.city, joinName(address.province, address.zip)]
            .filter(Boolean)
            .join(', ') || null
        : null,
      shippingMethod: order.shippingLine?.title ?? null,
      cancelReason: order.cancelledAt ? (order.cancelReason ?? 'cancelled').toLowerCase() : null,
      payment: {
        method: order.paymentGatewayNames?.[0] || 'manual',
        status: paymentWords[financial] ?? financial,
        provider: null,
        paidAt: null,
        transactionId: null,
      },
      shipments,
      createdAt: order.createdAt ?? null,
      updatedAt: order.updatedAt,
    },
  }
}
