/**
 * The services, built from their dependencies. Services are the only code that touches Prisma; every
 * customer-facing function takes the customer id first and scopes its queries by it.
 */
import type { Db } from '../db/client.ts'
import type { SqlClient } from '../db/sql.ts'
import type { CourierGateway } from '../gateways/courier.ts'
import type { PaymentGateway } from '../gateways/payment.ts'
import type { PaymentLinkGateway } from '../gateways/payment-links.ts'
import { createDemoLinkGateway } from '../gateways/payment-links.ts'
import type { RatesGateway } from '../gateways/rates.ts'
import { createOfflineRatesGateway } from '../gateways/rates-offline.ts'
import type { Logger } from '../logger.ts'
import { createAttachmentService } from './attachments.ts'
import { createBackInStockService } from './back-in-stock.ts'
import { readBacklog } from './backlog.ts'
import { createCodConfirmations } from './cod-confirmations.ts'
import { createCrmService } from './crm.ts'
import { createDatabaseHealth } from './database-health.ts'
import { createInventoryService } from './inventory.ts'
import { createOrderService } from './order.ts'
import { createPaymentService } from './payment.ts'
import { createPaymentLinkService, defaultPaymentLinkSettings, type PaymentLinkSettings } from './payment-links.ts'
import { createProcessedEvents } from './processed-events.ts'
import { defaultReturnPolicy, type ReturnPolicy } from './return-policy.ts'
import { createReturnService } from './returns/service.ts'
import { createShippingService } from './shipping.ts'
import {
  createShippingQuoteService,
  defaultShippingQuoteSettings,
  type ShippingQuoteSettings,
} from './shipping-quote.ts'
import type { ShopSettings } from './shop.ts'
import { createShopSyncService } from './shop-sync/index.ts'
import { localSink } from './shop-sync/sink.ts'
import { createStockAlternativesService } from './stock-alternatives.ts'
import type { VerificationLimitSettings } from './verification-limits.ts'

export interface ServiceDeps {
  prisma: Db
  /** Plain SQL on the same database, for the few reads on every request (shipment-query.ts). */
  sql: SqlClient
  paymentGateway: PaymentGateway
  courierGateway: CourierGateway
  log: Logger
  now: () => Date
  shop: ShopSettings
  /** Stored tracking older than this is refreshed from the courier gateway (when it is not the offline one). */
  courierRefreshMinutes: number
  /** Verification limits per order, customer and address (default: verification-limits.ts). */
  verificationLimits?: VerificationLimitSettings
  /** Shipping rates (default: the offline estimates). */
  ratesGateway?: RatesGateway
  shippingQuote?: Partial<ShippingQuoteSettings>
  /** Hosted payment pages (default: the demo page at http://127.0.0.1:3000). */
  paymentLinkGateway?: PaymentLinkGateway
  paymentLink?: Partial<PaymentLinkSettings>
  /** Hours a COD order may stay unconfirmed before staff are told (default 24). */
  codConfirmAlertHours?: number
  /** The return and exchange policy (RETURN_* settings; default: return-policy.ts). */
  returnPolicy?: Partial<ReturnPolicy>
  /** Largest photo a customer may send with a return request (RETURN_PHOTO_MAX_BYTES; default 5 MB). */
  photoMaxBytes?: number
}

/** The methods a payment link offers unless MIDTRANS_ENABLED_PAYMENTS says otherwise: QRIS, e-wallets, VAs. */
export const defaultEnabledPayments = [
  'other_qris',
  'gopay',
  'shopeepay',
  'bca_va',
  'bni_va',
  'bri_va',
  'permata_va',
  'echannel',
] as const

export function createServices(deps: ServiceDeps) {
  const payments = createPaymentService(deps)
  const shopSync = createShopSyncService(deps)
  return {
    orders: createOrderService(deps),
    payments,
    paymentLinks: createPaymentLinkService({
      prisma: deps.prisma,
      links:
        deps.paymentLinkGateway ??
        createDemoLinkGateway({ publicUrl: 'http://127.0.0.1:3000', enabledPayments: defaultEnabledPayments }),
      paymentGateway: deps.paymentGateway,
      payments,
      settings: { ...defaultPaymentLinkSettings, ...deps.paymentLink },
      log: deps.log,
      now: deps.now,
    }),
    /** Cash-on-delivery confirmations: the customer's, the staff list, the overdue alert. */
    cod: createCodConfirmations({ prisma: deps.prisma, now: deps.now, alertHours: deps.codConfirmAlertHours ?? 24 }),
    /** Returns and size exchanges: the customer's requests and the staff steps after them. */
    returns: createReturnService({
      prisma: deps.prisma,
      paymentGateway: deps.paymentGateway,
      policy: { ...defaultReturnPolicy, ...deps.returnPolicy },
      log: deps.log,
      now: deps.now,
    }),
    /** Photos customers send with a return request: checked, stored, linked to their open request. */
    attachments: createAttachmentService({
      prisma: deps.prisma,
      now: deps.now,
      ...(deps.photoMaxBytes !== undefined ? { settings: { maxBytes: deps.photoMaxBytes } } : {}),
    }),
    inventory: createInventoryService(deps),
    shipping: createShippingService(deps),
    crm: createCrmService(deps),
    backInStock: createBackInStockService(deps),
    stockAlternatives: createStockAlternativesService(deps),
    shippingQuotes: createShippingQuoteService({
      prisma: deps.prisma,
      rates: deps.ratesGateway ?? createOfflineRatesGateway(),
      fallbackRates: createOfflineRatesGateway(),
      settings: { ...defaultShippingQuoteSettings, ...deps.shippingQuote },
      log: deps.log,
      now: deps.now,
    }),
    /** The shop's own data coming in (shop API, CSV import, WooCommerce, Shopify). */
    shopSync,
    /** What `npm run import`, `npm run sync` and `npm run demo:remove` load through (here or via the server). */
    shopSink: localSink(shopSync, deps.prisma),
    /** Repeat detection for channel updates and webhooks. */
    events: createProcessedEvents(deps.sql),
    /** The readiness probe's `SELECT 1`. */
    database: createDatabaseHealth(deps.prisma),
    /** What waits in the outbox and for staff (the metrics' gauges, the outbox alert). */
    backlog: { read: () => readBacklog(deps.prisma) },
  }
}

export type Services = ReturnType<typeof createServices>
