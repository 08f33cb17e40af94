/**
 * The payment gateway contract. `createMidtransGateway` (midtrans.ts) talks to Midtrans' Core API;
 * `createOfflinePaymentGateway` (payment-offline.ts) answers from our own database when no server key is set.
 */
import type { PaymentStatus } from '../generated/prisma/enums.ts'

export interface GatewayPaymentStatus {
  /** Our status, mapped from the gateway's. */
  status: PaymentStatus
  /** The gateway's own status word ("settlement", "pending", ...). */
  rawStatus: string
  transactionId?: string
  paymentType?: string
  fraudStatus?: string
  /** The amount in whole Rupiah; absent when the gateway's text is not a whole Rupiah amount. */
  grossAmount?: number
  /** The amount exactly as the gateway wrote it ("264000.00"), for staff when it does not match ours. */
  grossAmountText?: string
  paidAt?: Date
  vaNumber?: string
}

export interface RefundRequest {
  /** Same key on a retry makes the refund idempotent. */
  refundKey: string
  amount: number
  reason: string
  /** A part of the payment (a return of some items): Midtrans then answers "partial_refund" when done. */
  partial?: boolean
}

export interface RefundResult {
  /** REFUNDED when the gateway refunded at once, REFUND_PENDING when it must be done by hand. */
  status: PaymentStatus
  refundKey: string
  /** True when the method cannot be refunded through the gateway (bank transfer VA): a person must do it. */
  manual: boolean
}

export interface PaymentGateway {
  readonly name: 'midtrans' | 'offline'
  /** The gateway's view of the payment for an order (the order number is the gateway order_id). */
  getStatus(orderNumber: string): Promise<GatewayPaymentStatus>
  cancel(orderNumber: string): Promise<GatewayPaymentStatus>
  refund(orderNumber: string, request: RefundRequest & { paymentType?: string }): Promise<RefundResult>
}
