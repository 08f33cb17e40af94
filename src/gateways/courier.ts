/**
 * The courier tracking contract. `createBinderbyteCourierGateway` (courier-http.ts) asks a tracking aggregator
 * in the style of Binderbyte; `createOfflineCourierGateway` (courier-offline.ts) answers from our database.
 */
import type { Carrier, ShippingStatus } from '../generated/prisma/enums.ts'

export interface CourierEvent {
  status: ShippingStatus
  location?: string
  description: string
  occurredAt: Date
}

export interface CourierTracking {
  status: ShippingStatus
  /** The courier's own wording of the status, kept for unknown values. */
  rawStatus: string
  location?: string
  estimatedDelivery?: Date
  deliveredAt?: Date
  /** Oldest first. */
  events: CourierEvent[]
}

export interface CourierGateway {
  readonly name: 'binderbyte' | 'offline'
  track(carrier: Carrier, waybill: string): Promise<CourierTracking>
}
