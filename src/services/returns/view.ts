/** A return request as tools, staff surfaces and the REST API show it: plain JSON, the account masked. */
import type { Prisma } from '../../generated/prisma/client.ts'
import type { ReturnResolution, ReturnStatus } from '../../generated/prisma/enums.ts'
import { maskAccount } from './mask.ts'

export const returnViewInclude = {
  items: true,
  order: { select: { orderNumber: true } },
  photos: { select: { id: true, mime: true, sizeBytes: true, createdAt: true } },
} as const satisfies Prisma.ReturnRequestInclude

export interface ReturnView {
  number: string
  orderNumber: string
  resolution: ReturnResolution
  status: ReturnStatus
  reason: string
  items: {
    sku: string
    productName: string
    size: string | null
    quantity: number
    price: number
    wantedSku: string | null
    wantedSize: string | null
  }[]
  refundAmount: number | null
  refundMethod: string | null
  /** "BCA ••••7890 a.n. Siti Rahma"; null when the refund goes back through the gateway. */
  refundAccount: string | null
  rejectReason: string | null
  photos: { id: string; mime: string; sizeBytes: number }[]
  /** ISO times. */
  createdAt: string
  decidedAt: string | null
  parcelDueAt: string | null
  receivedAt: string | null
  refundedAt: string | null
  conversationId: string | null
  customerId: string
}

type Row = Prisma.ReturnRequestGetPayload<{ include: typeof returnViewInclude }>

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function toReturnView(row: Row): ReturnView {
  return {
    number: row.number,
    orderNumber: row.order.orderNumber,
    resolution: row.resolution,
    status: row.status,
    reason: row.reason,
    items: row.items.map((i) => ({
      sku: i.sku,
      productName: i.productName,
      size: i.size,
      quantity: i.quantity,
      price: i.price,
      wantedSku: i.wantedSku,
      wantedSize: i.wantedSize,
    })),
    refundAmount: row.refundAmount,
    refundMethod: row.refundMethod,
    refundAccount: maskAccount(row),
    rejectReason: row.rejectReason,
    photos: row.photos.map((p) => ({ id: p.id, mime: p.mime, sizeBytes: p.sizeBytes })),
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    parcelDueAt: iso(row.parcelDueAt),
    receivedAt: iso(row.receivedAt),
    refundedAt: iso(row.refundedAt),
    conversationId: row.conversationId,
    customerId: row.customerId,
  }
}
