/**
 * Hosted payment pages for one payment attempt. `createSnapLinkGateway` (midtrans-snap.ts) opens a Midtrans Snap
 * transaction; `createDemoLinkGateway` (below) points at the demo shop's own page (src/http/demo-payment.ts),
 * which exists only without Midtrans keys and only for the demo data.
 */
import { randomBytes } from 'node:crypto'

export interface PaymentLinkRequest {
  /** The order id the provider will know: "<order number>-<attempt>" (≤ 50 characters). */
  gatewayOrderId: string
  /** Integer Rupiah; the items' price × quantity add up to it. */
  amount: number
  items: { id: string; name: string; price: number; quantity: number }[]
  customer: { firstName: string; phone?: string; email?: string }
  expiresAt: Date
  /** Where the page sends the customer back to. */
  finishUrl?: string
}

export interface CreatedPaymentLink {
  token: string
  url: string
}

export interface PaymentLinkGateway {
  readonly name: 'midtrans' | 'demo'
  /** The payment methods the page offers (Midtrans codes such as "gopay", "bca_va"). */
  readonly enabledPayments: readonly string[]
  create(request: PaymentLinkRequest): Promise<CreatedPaymentLink>
}

/**
 * The demo page's links: `<publicUrl>/pay/demo/<token>`. Nothing leaves the process.
 * @example createDemoLinkGateway({ publicUrl: 'http://localhost:3000', enabledPayments: ['other_qris'] })
 */
export function createDemoLinkGateway(options: {
  publicUrl: string
  enabledPayments: readonly string[]
}): PaymentLinkGateway {
  const base = options.publicUrl.replace(/\/+$/, '')
  return {
    name: 'demo',
    enabledPayments: options.enabledPayments,
    async create() {
      const token = randomBytes(18).toString('base64url')
      return { token, url: `${base}/pay/demo/${token}` }
    },
  }
}
