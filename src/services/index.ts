/**
 * The services, built from their dependencies. Services are the only code that touches Prisma; every
 * customer-facing function takes the customer id first and scopes its queries by it.
 */
import type { Db } from '../db/client.ts'
import type { SqlClient } from '../db/sql.ts'
import type { CourierGateway } from '../gateways/courier.ts'
import type { PaymentGateway } from '../gateways/payment.ts'
import type { Logger } from '../logger.ts'
import { createCrmService } from './crm.ts'
import { createDatabaseHealth } from './database-health.ts'
import { createInventoryService } from './inventory.ts'
import { createOrderService } from './order.ts'
import { createPaymentService } from './payment.ts'
import { createProcessedEvents } from './processed-events.ts'
import { createShippingService } from './shipping.ts'
import type { ShopSettings } from './shop.ts'
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
}

export function createServices(deps: ServiceDeps) {
  return {
    orders: createOrderService(deps),
    payments: createPaymentService(deps),
    inventory: createInventoryService(deps),
    shipping: createShippingService(deps),
    crm: createCrmService(deps),
    /** Repeat detection for channel updates and webhooks. */
    events: createProcessedEvents(deps.sql),
    /** The readiness probe's `SELECT 1`. */
    database: createDatabaseHealth(deps.prisma),
  }
}

export type Services = ReturnType<typeof createServices>
