/**
 * Chooses each gateway from the configuration: the HTTP one when its key is set, the offline one (answering
 * from our database) otherwise. Only the composition root calls this.
 */
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import type { CourierGateway } from './courier.ts'
import { createBinderbyteCourierGateway } from './courier-http.ts'
import { createOfflineCourierGateway } from './courier-offline.ts'
import { createMidtransGateway } from './midtrans.ts'
import type { PaymentGateway } from './payment.ts'
import { createOfflinePaymentGateway } from './payment-offline.ts'

export type GatewayConfig = Pick<
  Config,
  | 'MIDTRANS_SERVER_KEY'
  | 'MIDTRANS_PRODUCTION'
  | 'MIDTRANS_BASE_URL'
  | 'COURIER_API_KEY'
  | 'COURIER_API_URL'
  | 'GATEWAY_TIMEOUT_MS'
>

/** Named as in `ServiceDeps`, so the result spreads straight into it. */
export interface Gateways {
  paymentGateway: PaymentGateway
  courierGateway: CourierGateway
}

/**
 * @example
 * const { paymentGateway, courierGateway } = createGateways({ prisma: db.prisma, config })
 * log.info({ payment: paymentGateway.name, courier: courierGateway.name }, 'gateways')
 */
export function createGateways(deps: {
  prisma: Db
  config: GatewayConfig
  fetch?: typeof fetch
  /** The fetch one gateway sends with (the composition root's counting fetch); default `fetch`. */
  fetchFor?: (gateway: 'midtrans' | 'courier') => typeof fetch
}): Gateways {
  const { prisma, config } = deps
  const timeoutMs = config.GATEWAY_TIMEOUT_MS
  return {
    paymentGateway: config.MIDTRANS_SERVER_KEY
      ? createMidtransGateway({
          serverKey: config.MIDTRANS_SERVER_KEY,
          production: config.MIDTRANS_PRODUCTION,
          baseUrl: config.MIDTRANS_BASE_URL,
          timeoutMs,
          fetch: deps.fetchFor?.('midtrans') ?? deps.fetch,
        })
      : createOfflinePaymentGateway({ prisma }),
    courierGateway: config.COURIER_API_KEY
      ? createBinderbyteCourierGateway({
          apiKey: config.COURIER_API_KEY,
          baseUrl: config.COURIER_API_URL,
          timeoutMs,
          fetch: deps.fetchFor?.('courier') ?? deps.fetch,
        })
      : createOfflineCourierGateway({ prisma }),
  }
}
