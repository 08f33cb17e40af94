/**
 * The shop's return and exchange policy: one set of values (from the RETURN_* settings) that the return tools
 * enforce and the FAQ's return answer is written from, so the bot never promises what the rules refuse.
 *
 * @example refundRoute('e_wallet') // 'gateway': back to the original payment
 */
import type { PaymentMethod } from '../generated/prisma/enums.ts'

/** Who pays for sending a returned parcel back to the shop. */
export type ReturnShippingPayer = 'customer' | 'shop' | 'customer_unless_faulty'

export interface ReturnPolicy {
  /** Days after delivery during which a return or exchange can be asked for. */
  windowDays: number
  /** Whether an item can be exchanged for another size or colour of the same product. */
  exchanges: boolean
  shippingPaidBy: ReturnShippingPayer
  /** Where the customer sends the parcel; null: told with the approval. */
  address: string | null
  /** Days an approved request waits for its parcel before it expires (an exchange's size goes back to stock). */
  parcelDays: number
}

export const defaultReturnPolicy: ReturnPolicy = {
  windowDays: 7,
  exchanges: true,
  shippingPaidBy: 'customer_unless_faulty',
  address: null,
  parcelDays: 14,
}

/**
 * How a refund reaches the customer: online payments go back through the payment gateway to the original
 * method; bank transfers and cash on delivery are paid by staff to an account the customer gives.
 */
export function refundRoute(method: PaymentMethod): 'gateway' | 'manual' {
  return method === 'e_wallet' || method === 'credit_card' ? 'gateway' : 'manual'
}

/** The last day a return can be asked for: `windowDays` after delivery. */
export function returnDeadline(deliveredAt: Date, policy: Pick<ReturnPolicy, 'windowDays'>): Date {
  return new Date(deliveredAt.getTime() + policy.windowDays * 86_400_000)
}

/** Whether any RETURN_* setting is given: the shop has stated a policy of its own. */
export function returnPolicyStated(settings: Record<string, unknown>): boolean {
  return [
    'RETURN_WINDOW_DAYS',
    'RETURN_EXCHANGES',
    'RETURN_SHIPPING_PAID_BY',
    'RETURN_ADDRESS',
    'RETURN_PARCEL_DAYS',
  ].some((key) => settings[key] !== undefined && settings[key] !== '')
}

/** The policy from the RETURN_* settings; an unset one keeps its default. */
export function returnPolicyFrom(settings: {
  RETURN_WINDOW_DAYS?: number
  RETURN_EXCHANGES?: boolean
  RETURN_SHIPPING_PAID_BY?: ReturnShippingPayer
  RETURN_ADDRESS?: string
  RETURN_PARCEL_DAYS?: number
}): ReturnPolicy {
  return {
    windowDays: settings.RETURN_WINDOW_DAYS ?? defaultReturnPolicy.windowDays,
    exchanges: settings.RETURN_EXCHANGES ?? defaultReturnPolicy.exchanges,
    shippingPaidBy: settings.RETURN_SHIPPING_PAID_BY ?? defaultReturnPolicy.shippingPaidBy,
    address: settings.RETURN_ADDRESS?.trim() || defaultReturnPolicy.address,
    parcelDays: settings.RETURN_PARCEL_DAYS ?? defaultReturnPolicy.parcelDays,
  }
}
