/**
 * The payment gateway when no Midtrans key is configured: our database is the source of truth, cancelling is a
 * local matter, and refunds are recorded for a person to carry out.
 */
import type { Db } from '../db/client.ts'
import { GatewayError } from './errors.ts'
import type { PaymentGateway } from './payment.ts'

export function createOfflinePaymentGateway(deps: { prisma: Db }): PaymentGateway {
  return {
    name: 'offline',
    async getStatus(orderNumber) {
      const payment = await deps.prisma.payment.findFirst({ where: { order: { orderNumber } } })
      if (!payment) throw new GatewayError('midtrans', 'refused', `no payment for ${orderNumber}`, 404)
      return {
        status: payment.status,
        rawStatus: payment.gatewayStatus ?? payment.status.toLowerCase(),
        transactionId: payment.transactionId ?? undefined,
        grossAmount: payment.amount,
        paidAt: payment.paidAt ?? undefined,
        vaNumber: payment.vaNumber ?? undefined,
      }
    },
    async cancel() {
      return { status: 'CANCELLED', rawStatus: 'cancel' }
    },
    async refund(_orderNumber, request) {
      return { status: 'REFUND_PENDING', refundKey: request.refundKey, manual: true }
    },
  }
}
