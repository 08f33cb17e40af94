/** Builds the real services over a test database, with offline gateways unless a test passes its own. */
import type { Database } from '../../src/db/client.ts'
import { createOfflineCourierGateway } from '../../src/gateways/courier-offline.ts'
import { createOfflinePaymentGateway } from '../../src/gateways/payment-offline.ts'
import { silentLogger } from '../../src/logger.ts'
import { createServices, type ServiceDeps } from '../../src/services/index.ts'
import { defaultShopSettings } from '../../src/services/shop.ts'

export function buildServiceDeps(db: Database, overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  return {
    prisma: db.prisma,
    sql: db.sql,
    paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
    courierGateway: createOfflineCourierGateway({ prisma: db.prisma }),
    log: silentLogger(),
    now: () => new Date(),
    shop: defaultShopSettings,
    courierRefreshMinutes: 30,
    ...overrides,
  }
}

export function buildServices(db: Database, overrides: Partial<ServiceDeps> = {}) {
  return createServices(buildServiceDeps(db, overrides))
}
