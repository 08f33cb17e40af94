/**
 * Checks a customer's return request against their order and the policy, and works out what it would do: which
 * order lines, how many, the size wanted instead (in stock), the refund and where it goes. Used both when the
 * request is staged (nothing written) and again inside the transaction that stores it.
 */
import type { PaymentMethod, ReturnResolution } from '../../generated/prisma/enums.ts'
import type { DbOrTx } from '../db-types.ts'
import { type ReturnPolicy, refundRoute, returnDeadline } from '../return-policy.ts'
import { compareSizes } from '../size-order.ts'
import { ReturnNotAllowed } from './errors.ts'

export interface ReturnItemInput {
  /** The SKU of the order line ("KAOS-001-M"); may be left out when the order has one line. */
  sku?: string
  /** Default: the whole quantity of that line. */
  quantity?: number
  /** Exchange: the SKU wanted instead, or just its size. */
  wantedSku?: string
  wantedSize?: string
}

export interface RefundAccountInput {
  bank: string
  number: string
  holder: string
}

export interface ReturnInput {
  orderNumber: string
  items: ReturnItemInput[]
  reason: string
  resolution: ReturnResolution
  refundAccount?: RefundAccountInput
}

export interface DraftItem {
  orderItemId: string
  sku: string
  productName: string
  size: string | null
  quantity: number
  price: number
  wantedSku: string | null
  wantedSize: string | null
}

export interface ReturnDraft {
  orderId: string
  orderNumber: string
  resolution: ReturnResolution
  reason: string
  items: DraftItem[]
  deliveredAt: Date
  deadline: Date
  /** Refunds only: the returned items' prices. */
  refundAmount: number | null
  refundMethod: 'gateway' | 'manual' | null
  refundAccount: RefundAccountInput | null
}

/** The order as the check needs it (see `draftInclude`). */
export interface DraftOrder {
  id: string
  orderNumber: string
  status: string
  updatedAt: Date
  items: {
    id: string
    sku: string
    productId: string | null
    productName: string
    size: string | null
    quantity: number
    price: number
  }[]
  payment: { method: PaymentMethod; status: string } | null
  shipments: { deliveredAt: Date | null }[]
  returns: { status: string; items: { orderItemId: string; quantity: number }[] }[]
}

export const draftInclude = {
  items: true,
  payment: true,
  shipments: { select: { deliveredAt: true } },
  returns: { select: { status: true, items: { select: { orderItemId: true, quantity: true } } } },
} as const

/** States in which a request still holds its items (one open request per item). */
export const openReturnStatuses = ['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUND_PENDING'] as const
/** States that gave up the items (they may be asked for again). */
const releasedStatuses = new Set(['REJECTED', 'EXPIRED'])

/** When the order reached the customer: its last delivered shipment, else the order's last change. */
function deliveredAtOf(order: DraftOrder): Date {
  const times = order.shipments.map((s) => s.deliveredAt?.getTime() ?? 0).filter((t) => t > 0)
  return times.length > 0 ? new Date(Math.max(...times)) : order.updatedAt
}

const sameSku = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase()

/**
 * The checked request, or ReturnNotAllowed saying why not.
 */
export async function draftReturn(
  db: DbOrTx,
  order: DraftOrder,
  input: ReturnInput,
  policy: ReturnPolicy,
  now: Date,
): Promise<ReturnDraft> {
  const refuse = (reason: ConstructorParameters<typeof ReturnNotAllowed>[1], extra?: Record<string, unknown>) =>
    new ReturnNotAllowed(order.orderNumber, reason, extra)
  if (order.status !== 'DELIVERED') throw refuse('not_delivered', { status: order.status })
  const deliveredAt = deliveredAtOf(order)
  const deadline = returnDeadline(deliveredAt, policy)
  if (now.getTime() > deadline.getTime()) {
    throw refuse('outside_window', {
      deliveredAt: deliveredAt.toISOString(),
      deadline: deadline.toISOString(),
      windowDays: policy.windowDays,
    })
  }
  if (input.resolution === 'exchange' && !policy.exchanges) throw refuse('exchange_not_offered')

  const requests = input.items.length > 0 ? input.items : [{}]
  const items: DraftItem[] = []
  for (const request of requests) {
    const line = request.sku
      ? order.items.find((i) => sameSku(i.sku, request.sku!))
      : order.items.length === 1
        ? order.items[0]
        : undefined
    if (!line) {
      const skus = order.items.map((i) => i.sku)
      throw refuse(request.sku ? 'item_not_in_order' : 'item_not_named', { sku: request.sku ?? null, skus })
    }
    if (items.some((i) => i.orderItemId === line.id)) throw refuse('item_not_in_order', { sku: line.sku, skus: [] })
    const claims = order.returns.filter((r) => !releasedStatuses.has(r.status))
    if (
      claims.some(
        (r) =>
          (openReturnStatuses as readonly string[]).includes(r.status) &&
          r.items.some((i) => i.orderItemId === line.id),
      )
    ) {
      throw refuse('already_requested', { sku: line.sku })
    }
    const returned = claims
      .flatMap((r) => r.items)
      .filter((i) => i.orderItemId === line.id)
      .reduce((n, i) => n + i.quantity, 0)
    const left = line.quantity - returned
    const quantity = request.quantity ?? left
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > left) {
      throw refuse(left <= 0 ? 'already_requested' : 'quantity_too_high', {
        sku: line.sku,
        ordered: line.quantity,
        left,
      })
    }
    let wanted: { sku: string; size: string } | null = null
    if (input.resolution === 'exchange') wanted = await wantedVariant(db, order.orderNumber, line, request, quantity)
    items.push({
      orderItemId: line.id,
      sku: line.sku,
      productName: line.productName,
      size: line.size,
      quantity,
      price: line.price,
      wantedSku: wanted?.sku ?? null,
      wantedSize: wanted?.size ?? null,
    })
  }

  let refundAmount: number | null = null
  let refundMethod: 'gateway' | 'manual' | null = null
  let refundAccount: RefundAccountInput | null = null
  if (input.resolution === 'refund') {
    refundAmount = items.reduce((sum, i) => sum + i.price * i.quantity, 0)
    refundMethod = order.payment ? refundRoute(order.payment.method) : 'manual'
    if (refundMethod === 'manual') {
      if (!input.refundAccount) throw refuse('refund_account_needed', { method: order.payment?.method ?? null })
      refundAccount = input.refundAccount
    }
  }
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    resolution: input.resolution,
    reason: input.reason,
    items,
    deliveredAt,
    deadline,
    refundAmount,
    refundMethod,
    refundAccount,
  }
}

/** The variant wanted instead: another size (or colour) of the same product, with enough in stock. */
async function wantedVariant(
  db: DbOrTx,
  orderNumber: string,
  line: DraftOrder['items'][number],
  request: ReturnItemInput,
  quantity: number,
): Promise<{ sku: string; size: string }> {
  const variants = line.productId
    ? (await db.inventory.findMany({ where: { productId: line.productId } })).sort((a, b) =>
        compareSizes(a.size, b.size),
      )
    : []
  const inStock = variants.filter((v) => v.quantity >= quantity && !sameSku(v.sku, line.sku))
  const sizes = inStock.map((v) => ({ sku: v.sku, size: v.colour ? `${v.size} ${v.colour}` : v.size }))
  const wanted = request.wantedSku
    ? variants.find((v) => sameSku(v.sku, request.wantedSku!))
    : request.wantedSize
      ? variants.find((v) => v.size.toUpperCase() === request.wantedSize!.trim().toUpperCase())
      : undefined
  if (!wanted) {
    const wantedSku = request.wantedSku ?? null
    const otherProduct = wantedSku ? await db.inventory.findUnique({ where: { sku: wantedSku.toUpperCase() } }) : null
    if (otherProduct)
      throw new ReturnNotAllowed(orderNumber, 'exchange_other_product', { sku: line.sku, wanted: wantedSku, sizes })
    throw new ReturnNotAllowed(orderNumber, 'size_unavailable', {
      sku: line.sku,
      wanted: request.wantedSku ?? request.wantedSize ?? null,
      sizes,
    })
  }
  if (sameSku(wanted.sku, line.sku)) throw new ReturnNotAllowed(orderNumber, 'same_size', { sku: line.sku, sizes })
  if (wanted.quantity < quantity) {
    throw new ReturnNotAllowed(orderNumber, 'size_unavailable', { sku: line.sku, wanted: wanted.sku, sizes })
  }
  return { sku: wanted.sku, size: wanted.colour ? `${wanted.size} ${wanted.colour}` : wanted.size }
}
