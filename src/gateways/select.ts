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
import { createSnapLinkGateway, snapProductionUrl, snapSandboxUrl } from './midtrans-snap.ts'
import type { PaymentGateway } from './payment.ts'
import { createDemoLinkGateway, type PaymentLinkGateway } from './payment-links.ts'
import { createOfflinePaymentGateway } from './payment-offline.ts'
import type { RatesGateway } from './rates.ts'
import { createBiteshipRatesGateway } from './rates-biteship.ts'
import { createOfflineRatesGateway } from './rates-offline.ts'

export type GatewayConfig = Pick<
  Config,
  | 'MIDTRANS_SERVER_KEY'
  | 'MIDTRANS_PRODUCTION'
  | 'MIDTRANS_BASE_URL'
  | 'COURIER_API_KEY'
  | 'COURIER_API_URL'
  | 'GATEWAY_TIMEOUT_MS'
  | 'BITESHIP_API_KEY'
  | 'BITESHIP_API_ROOT'
  | 'BITESHIP_COURIERS'
  | 'SHIPPING_ORIGIN_POSTAL_CODE'
  | 'SHIPPING_ORIGIN_AREA_ID'
  | 'MIDTRANS_SNAP_URL'
  | 'MIDTRANS_ENABLED_PAYMENTS'
  | 'PUBLIC_URL'
  | 'HOST'
  | 'PORT'
>

/** Named as in `ServiceDeps`, so the result spreads straight into it. */
export interface Gateways {
  paymentGateway: PaymentGateway
  courierGateway: CourierGateway
  ratesGateway: RatesGateway
  paymentLinkGateway: PaymentLinkGateway
}

/** Where people reach this service: PUBLIC_URL, else the local address. */
export function publicBaseUrl(config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`
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
    ratesGateway: config.BITESHIP_API_KEY
      ? createBiteshipRatesGateway({
          apiKey: config.BITESHIP_API_KEY,
          baseUrl: config.BITESHIP_API_ROOT,
          timeoutMs,
          originPostalCode: config.SHIPPING_ORIGIN_POSTAL_CODE,
          ...(config.SHIPPING_ORIGIN_AREA_ID ? { originAreaId: config.SHIPPING_ORIGIN_AREA_ID } : {}),
          couriers: config.BITESHIP_COURIERS.split(','),
          fetch: deps.fetch,
        })
      : createOfflineRatesGateway(),
    // Offline, the demo shop's own payment page (src/http/demo-payment.ts); never with Midtrans keys.
    paymentLinkGateway: config.MIDTRANS_SERVER_KEY
      ? createSnapLinkGateway({
          serverKey: config.MIDTRANS_SERVER_KEY,
          snapUrl: config.MIDTRANS_SNAP_URL ?? (config.MIDTRANS_PRODUCTION ? snapProductionUrl : snapSandboxUrl),
          enabledPayments: config.MIDTRANS_ENABLED_PAYMENTS.split(','),
          timeoutMs,
          fetch: deps.fetch,
        })
      : createDemoLinkGateway({
          publicUrl: publicBaseUrl(config),
          enabledPayments: config.MIDTRANS_ENABLED_PAYMENTS.split(','),
        }),
  }
}
