/**
 * The outbox task that asks the payment gateway again for a return's refund whose first request failed (marking
 * the parcel received queued it): the same backoff and number of tries as an order's refund (refund-task.ts), and
 * the same refund key every time, so the gateway refunds once. After the last try the row is FAILED and staff get a
 * 'return_refund_failed' alert.
 *
 * @example outbox.addTask(createReturnRefundTask({ returns: services.returns }))
 */
import { z } from 'zod'
import { type ReturnService, returnRefundTaskKind } from '../returns/service.ts'
import type { OutboxTask } from './outbox.ts'
import { refundBackoffMs, refundMaxAttempts } from './refund-task.ts'

const payloadSchema = z.object({ returnNumber: z.string().min(1).max(80), amount: z.number().int().nonnegative() })

export function createReturnRefundTask(deps: { returns: Pick<ReturnService, 'retryRefund'> }): OutboxTask {
  return {
    kind: returnRefundTaskKind,
    maxAttempts: refundMaxAttempts,
    backoffMs: refundBackoffMs,
    async run(payload) {
      const { returnNumber } = payloadSchema.parse(payload)
      await deps.returns.retryRefund(returnNumber)
    },
    alertOnGiveUp(payload, attempts, lastError) {
      const parsed = payloadSchema.safeParse(payload)
      if (!parsed.success) return null
      return {
        kind: 'return_refund_failed',
        payload: {
          returnNumber: parsed.data.returnNumber,
          amount: parsed.data.amount,
          attempts,
          error: lastError.slice(0, 300),
        },
      }
    },
  }
}
