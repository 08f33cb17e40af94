/**
 * Messages a change of the shop's data queues in the outbox, in the same transaction as the change: the customer's
 * "paid" and shipping notices (live changes only, each once however often the shop repeats itself) and staff
 * alerts about customer identities that do not agree.
 */
import type { ShippingStatus } from '../../generated/prisma/enums.ts'
import type { Tx } from '../db-types.ts'
import { claimReceipt } from '../receipts.ts'

/** Queues "payment received" for the order's customer, once per order. True when queued now. */
export async function queuePaidNotice(
  tx: Tx,
  order: { id: string; orderNumber: string; customerId: string },
  amount: number,
): Promise<boolean> {
  if (!(await claimReceipt(tx, { source: 'notice', eventKey: `paid:${order.id}` }))) return false
  await tx.notification.create({
    data: {
      customerId: order.customerId,
      audience: 'customer',
      kind: 'payment_completed',
      payload: { orderNumber: order.orderNumber, amount },
    },
  })
  return true
}

/** Queues the shipping notice of one parcel reaching a status, once per parcel and status. True when queued now. */
export async function queueShippingNotice(
  tx: Tx,
  order: { orderNumber: string; customerId: string },
  tracking: { id: string; currentLocation: string | null },
  status: ShippingStatus,
): Promise<boolean> {
  if (!(await claimReceipt(tx, { source: 'notice', eventKey: `shipping:${tracking.id}:${status}` }))) return false
  await tx.notification.create({
    data: {
      customerId: order.customerId,
      audience: 'customer',
      kind: 'shipping_status',
      payload: { orderNumber: order.orderNumber, status, location: tracking.currentLocation },
    },
  })
  return true
}

export interface IdentityConflict {
  source: string
  /** The incoming record: its id in the shop's system (when it has one), name, email and phone. */
  externalId: string | null
  name: string
  email: string | null
  phone: string | null
  /** The customer Layan already has with that email (or phone). */
  existingCustomerId: string
  existingName: string
  existingPhone: string | null
  /** How they were matched: the same email with another phone, or a phone another customer of the shop has. */
  reason: 'email_other_phone' | 'phone_taken'
}

/** Tells staff once per conflicting pair; the incoming record did not overwrite anything. */
export async function queueIdentityConflict(tx: Tx, conflict: IdentityConflict): Promise<boolean> {
  const key = `identity_conflict:${conflict.existingCustomerId}:${conflict.source}:${conflict.externalId ?? conflict.email ?? '-'}:${conflict.phone ?? '-'}`
  if (!(await claimReceipt(tx, { source: 'alert', eventKey: key.slice(0, 400) }))) return false
  await tx.notification.create({
    data: {
      audience: 'admin',
      kind: 'customer_identity_conflict',
      payload: { ...conflict },
    },
  })
  return true
}
