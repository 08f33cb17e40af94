/**
 * Midtrans Snap: `POST <snap root>/transactions` opens a hosted payment page for one order id and answers 201
 * `{ token, redirect_url }`. Same Basic auth as the Core API. The Snap root is its own setting
 * (MIDTRANS_SNAP_URL): https://app.sandbox.midtrans.com/snap/v1 or https://app.midtrans.com/snap/v1.
 */
import { z } from 'zod'
import { assertHttpUrl, requestJson } from './http-json.ts'
import { midtransAuthorization } from './midtrans.ts'
import type { PaymentLinkGateway, PaymentLinkRequest } from './payment-links.ts'

export const snapSandboxUrl = 'https://app.sandbox.midtrans.com/snap/v1'
export const snapProductionUrl = 'https://app.midtrans.com/snap/v1'

export interface SnapGatewayOptions {
  serverKey: string
  /** MIDTRANS_SNAP_URL, or the sandbox / production root by MIDTRANS_PRODUCTION. */
  snapUrl: string
  enabledPayments: readonly string[]
  timeoutMs: number
  fetch?: typeof fetch
}

const snapSchema = z.object({ token: z.string().min(1), redirect_url: z.url() })

/** "2025-11-26 10:00:00 +0700": Snap's expiry start time, in WIB. */
export function snapTime(date: Date): string {
  const wib = new Date(date.getTime() + 7 * 3_600_000)
  return `${wib.toISOString().slice(0, 19).replace('T', ' ')} +0700`
}

export function createSnapLinkGateway(options: SnapGatewayOptions): PaymentLinkGateway {
  const base = options.snapUrl.replace(/\/+$/, '')
  assertHttpUrl(base, 'MIDTRANS_SNAP_URL')
  const authorization = midtransAuthorization(options.serverKey)
  return {
    name: 'midtrans',
    enabledPayments: options.enabledPayments,
    async create(request: PaymentLinkRequest) {
      const now = new Date()
      const minutes = Math.max(1, Math.floor((request.expiresAt.getTime() - now.getTime()) / 60_000))
      const answer = await requestJson({
        gateway: 'midtrans',
        url: `${base}/transactions`,
        method: 'POST',
        headers: { Authorization: authorization },
        secrets: [options.serverKey, authorization],
        timeoutMs: options.timeoutMs,
        fetch: options.fetch,
        schema: snapSchema,
        body: {
          transaction_details: { order_id: request.gatewayOrderId, gross_amount: request.amount },
          item_details: request.items.map((i) => ({ ...i, name: i.name.slice(0, 50) })),
          customer_details: {
            first_name: request.customer.firstName,
            ...(request.customer.phone ? { phone: request.customer.phone } : {}),
            ...(request.customer.email ? { email: request.customer.email } : {}),
          },
          enabled_payments: options.enabledPayments,
          expiry: { start_time: snapTime(now), unit: 'minute', duration: Math.min(minutes, 7 * 24 * 60) },
          ...(request.finishUrl ? { callbacks: { finish: request.finishUrl } } : {}),
        },
      })
      return { token: answer.token, url: answer.redirect_url }
    },
  }
}
