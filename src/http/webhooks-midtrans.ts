/**
 * `POST /webhooks/midtrans`: Midtrans' HTTP notification. Mounted only when MIDTRANS_SERVER_KEY is set.
 *
 * 1. The body is validated (400) and its `signature_key` checked against our server key in constant time
 *    (401, nothing changes).
 * 2. Repeats are dropped: the key is order id + transaction id + status + status code + fraud status (+ refund
 *    amount), so a true redelivery is a repeat while a new status for the same transaction is not.
 * 3. With the real gateway the status API is asked (Midtrans' own advice, since notifications arrive out of
 *    order); its answer wins. When it cannot be reached in time the signed notification's status is used.
 * 4. `payments.recordGatewayStatus` stores it; it never undoes a settlement.
 * Handling failures give the event back (so Midtrans' retry is processed) and answer 5xx.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { SqlClient } from '../db/sql.ts'
import { isGatewayError } from '../gateways/errors.ts'
import { mapMidtransStatus, parseGrossAmount, verifyMidtransSignature } from '../gateways/midtrans-status.ts'
import type { GatewayPaymentStatus, PaymentGateway } from '../gateways/payment.ts'
import { parseWibDateTime } from '../gateways/wib-time.ts'
import type { Services } from '../services/index.ts'
import { errorResponseSchema, unauthorized } from './errors.ts'
import { claimEvent, releaseEvent } from './processed-events.ts'
import { rawText } from './text.ts'

export interface MidtransWebhookDeps {
  services: Pick<Services, 'payments'>
  sql: SqlClient
  paymentGateway: PaymentGateway
  /** MIDTRANS_SERVER_KEY. */
  serverKey: string
  /** How long to wait for the status API before trusting the notification (default 3000; Midtrans waits 5 s). */
  confirmTimeoutMs?: number
}

const text = (max: number) => rawText(max).nullish()

/** The notification fields we use; others are accepted and ignored. */
export const midtransNotificationSchema = z.object({
  order_id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.~-]+$/, 'unexpected characters'),
  status_code: z.string().regex(/^\d{3}$/, 'must be three digits'),
  gross_amount: rawText(32).min(1),
  signature_key: rawText(256).min(1),
  transaction_status: rawText(40).min(1),
  transaction_id: text(128),
  fraud_status: text(40),
  payment_type: text(40),
  transaction_time: text(40),
  settlement_time: text(40),
  status_message: text(500),
  merchant_id: text(128),
  currency: text(8),
  refund_amount: text(32),
  permata_va_number: text(64),
  bill_key: text(64),
  biller_code: text(64),
  va_numbers: z
    .array(z.object({ bank: text(32), va_number: rawText(64) }))
    .max(10)
    .nullish(),
})
export type MidtransNotification = z.infer<typeof midtransNotificationSchema>

export const midtransWebhookResponseSchema = z.object({
  success: z.literal(true),
  result: z.enum(['updated', 'unchanged', 'duplicate', 'ignored']),
})

export const midtransEventSource = 'midtrans'

/** The idempotency key of a notification: equal for a redelivery, different for any new status. */
export function midtransEventKey(n: MidtransNotification): string {
  return [
    n.order_id,
    n.transaction_id ?? '-',
    n.transaction_status,
    n.status_code,
    n.fraud_status ?? '-',
    ...(n.refund_amount ? [n.refund_amount] : []),
  ].join(':')
}

/** What the notification itself says, in the gateway's terms; undefined for a status we do not know. */
export function statusFromNotification(n: MidtransNotification): GatewayPaymentStatus | undefined {
  const status = mapMidtransStatus(n)
  if (!status) return undefined
  const paidTime = n.settlement_time ?? n.transaction_time
  return {
    status,
    rawStatus: n.transaction_status,
    transactionId: n.transaction_id ?? undefined,
    paymentType: n.payment_type ?? undefined,
    fraudStatus: n.fraud_status ?? undefined,
    grossAmount: parseGrossAmount(n.gross_amount),
    paidAt: status === 'COMPLETED' && paidTime ? parseWibDateTime(paidTime) : undefined,
    vaNumber: n.va_numbers?.[0]?.va_number ?? n.permata_va_number ?? n.bill_key ?? undefined,
  }
}

class ConfirmTimeout extends Error {}

async function confirmWithGateway(
  deps: MidtransWebhookDeps,
  orderId: string,
  notified: GatewayPaymentStatus,
  log: FastifyBaseLogger,
): Promise<GatewayPaymentStatus> {
  if (deps.paymentGateway.name !== 'midtrans') return notified
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConfirmTimeout()), deps.confirmTimeoutMs ?? 3000)
  })
  try {
    return await Promise.race([deps.paymentGateway.getStatus(orderId), timeout])
  } catch (error) {
    if (!isGatewayError(error) && !(error instanceof ConfirmTimeout)) throw error
    const reason = error instanceof ConfirmTimeout ? 'timeout' : error.message
    log.warn({ orderId, reason }, 'midtrans status API unavailable; using the signed notification')
    return notified
  } finally {
    clearTimeout(timer)
  }
}

export function midtransWebhookRoutes(deps: MidtransWebhookDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/webhooks/midtrans',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Midtrans payment notification (signature_key checked)',
          body: midtransNotificationSchema,
          response: {
            200: midtransWebhookResponseSchema,
            400: errorResponseSchema,
            401: errorResponseSchema,
            404: errorResponseSchema,
            413: errorResponseSchema,
            429: errorResponseSchema,
            500: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const n = request.body
        if (!verifyMidtransSignature(n, deps.serverKey)) throw unauthorized()
        const reply = (result: z.infer<typeof midtransWebhookResponseSchema>['result']) => ({
          success: true as const,
          result,
        })

        const notified = statusFromNotification(n)
        if (!notified) {
          request.log.warn({ orderId: n.order_id, status: n.transaction_status }, 'unknown midtrans status ignored')
          return reply('ignored')
        }
        const key = midtransEventKey(n)
        if (!(await claimEvent(deps.sql.query, midtransEventSource, key))) return reply('duplicate')
        try {
          const status = await confirmWithGateway(deps, n.order_id, notified, request.log)
          const result = await deps.services.payments.recordGatewayStatus(n.order_id, status, 'midtrans_webhook')
          request.log.info(
            { orderId: n.order_id, status: status.status, changed: result.changed },
            'midtrans notification processed',
          )
          return reply(result.changed ? 'updated' : 'unchanged')
        } catch (error) {
          await releaseEvent(deps.sql.query, midtransEventSource, key)
          throw error
        }
      },
    )
  }
}
