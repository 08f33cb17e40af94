/**
 * The outbox task that asks the payment gateway again for the refund of a cancelled, paid order whose first
 * request failed (the cancel queued it): 1 minute, then doubling up to an hour, 8 tries in all (about two
 * hours; Midtrans accepts a repeated refund key for 7 days). After the last try the row is FAILED and staff get a
 * 'refund_failed' alert.
 *
 * @example outbox.addTask(createRefundTask({ orders: services.orders }))
 */
import { z } from 'zod'
import { type OrderService, refundFirstRetryMs, refundTaskKind } from '../order.ts'
import type { OutboxTask } from './outbox.ts'

const payloadSchema = z.object({ orderNumber: z.string().min(1).max(64), amount: z.number().int().nonnegative() })

/** Tries before staff are alerted (the one at cancel time included). */
export const refundMaxAttempts = 8

/** Delay before try `attempts + 1`: 1 min, 2, 4, … at most 60 min. */
export function refundBackoffMs(attempts: number): number {
  return Math.min(3_600_000, refundFirstRetryMs * 2 ** Math.max(0, attempts - 1))
}

export function createRefundTask(deps: { orders: Pick<OrderService, 'retryRefund'> }): OutboxTask {
  return {
    kind: refundTaskKind,
    maxAttempts: refundMaxAttempts,
    backoffMs: refundBackoffMs,
    async run(payload) {
      const { orderNumber } = payloadSchema.parse(payload)
      await deps.orders.retryRefund(orderNumber)
    },
    alertOnGiveUp(payload, attempts, lastError) {
      const parsed = payloadSchema.safeParse(payload)
      if (!parsed.success) return null
      return {
        kind: 'refund_failed',
        payload: {
          orderNumber: parsed.data.orderNumber,
          amount: parsed.data.amount,
          attempts,
          error: lastError.slice(0, 300),
        },
      }
    },
  }
}
