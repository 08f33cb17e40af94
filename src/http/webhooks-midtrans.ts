/**
 * `POST /webhooks/midtrans`: Midtrans' HTTP notification. Mounted only when MIDTRANS_SERVER_KEY is set.
 *
 * 1. The body is validated (400) and its `signature_key` checked against our server key in constant time
 *    (401, nothing changes). Its `status_code` must be one Midtrans pairs with its `transaction_status` (400):
 *    the signature does not cover the status word, so a signature reused with another word is refused.
 * 2. A delivery already recorded is answered `duplicate` at once. The key is order id + transaction id + status
 *    + status code + gross amount + fraud status (+ refund amount), so a true redelivery is a repeat and any new
 *    status or amount is not.
 * 3. An order we do not have (or one without a payment) is 404. Otherwise Midtrans' status API is asked; its
 *    answer is the only truth (nothing the signature does not cover is trusted). When it cannot be asked
 *    (timeout, failure, 404, an inconsistent answer) the answer is 503 and nothing changes, so Midtrans retries.
 * 4. `payments.recordGatewayStatus` stores it together with the delivery's receipt, in one transaction: a crash
 *    before the commit leaves neither, so Midtrans' retry is applied; after it, a retry is a `duplicate`. It
 *    never undoes a settlement and marks nothing paid unless the amount is exactly ours.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { isGatewayError } from '../gateways/errors.ts'
import { mapMidtransStatus, statusCodeAgrees, verifyMidtransSignature } from '../gateways/midtrans-status.ts'
import type { GatewayPaymentStatus, PaymentGateway } from '../gateways/payment.ts'
import type { Services } from '../services/index.ts'
import { errorResponseSchema, HttpError, unauthorized } from './errors.ts'
import { rawText } from './text.ts'

export interface MidtransWebhookDeps {
  services: Pick<Services, 'payments' | 'events'>
  paymentGateway: PaymentGateway
  /** MIDTRANS_SERVER_KEY. */
  serverKey: string
  /** How long to wait for the status API before answering 503 (default 3000; Midtrans waits 5 s). */
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

/**
 * The idempotency key of a notification: equal for a redelivery, different for any new status or amount (the
 * signed gross amount is part of it, so a notification of one amount never hides one of another).
 */
export function midtransEventKey(n: MidtransNotification): string {
  return [
    n.order_id,
    n.transaction_id ?? '-',
    n.transaction_status,
    n.status_code,
    n.gross_amount,
    n.fraud_status ?? '-',
    ...(n.refund_amount ? [n.refund_amount] : []),
  ].join(':')
}

class ConfirmTimeout extends Error {}

/** The status API's answer for the order, or a 503 that makes Midtrans retry (nothing has changed). */
async function askStatusApi(deps: MidtransWebhookDeps, orderId: string): Promise<GatewayPaymentStatus> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConfirmTimeout()), deps.confirmTimeoutMs ?? 3000)
  })
  try {
    return await Promise.race([deps.paymentGateway.getStatus(orderId), timeout])
  } catch (error) {
    if (!isGatewayError(error) && !(error instanceof ConfirmTimeout)) throw error
    const reason = error instanceof ConfirmTimeout ? 'no answer in time' : error.message
    throw new HttpError(503, 'gateway_unavailable', `Midtrans status could not be confirmed (${reason}); retry later`)
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
            503: errorResponseSchema,
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

        if (!mapMidtransStatus(n)) {
          request.log.warn({ orderId: n.order_id, status: n.transaction_status }, 'unknown midtrans status ignored')
          return reply('ignored')
        }
        if (!statusCodeAgrees(n)) {
          request.log.warn(
            { orderId: n.order_id, status: n.transaction_status, statusCode: n.status_code },
            'midtrans notification whose status_code does not fit its status refused',
          )
          throw new HttpError(400, 'inconsistent_status', 'status_code does not agree with transaction_status')
        }
        const receipt = { source: midtransEventSource, eventKey: midtransEventKey(n) }
        if (await deps.services.events.isProcessed(receipt.source, receipt.eventKey)) return reply('duplicate')
        // An order we do not have is 404 at once: nothing to confirm, and Midtrans is not asked about it.
        await deps.services.payments.requireGatewayPayment(n.order_id)
        const status = await askStatusApi(deps, n.order_id)
        const result = await deps.services.payments.recordGatewayStatus(n.order_id, status, 'midtrans_webhook', {
          receipt,
        })
        if (result.duplicate) return reply('duplicate')
        request.log.info(
          { orderId: n.order_id, status: status.status, changed: result.changed },
          'midtrans notification processed',
        )
        return reply(result.changed ? 'updated' : 'unchanged')
      },
    )
  }
}
