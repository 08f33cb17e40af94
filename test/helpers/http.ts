/** Builds the real HTTP server over a test database (services from `buildServices`), every optional part on. */
import type { FastifyInstance } from 'fastify'
import type { Database } from '../../src/db/client.ts'
import type { PaymentGateway } from '../../src/gateways/payment.ts'
import { createOfflinePaymentGateway } from '../../src/gateways/payment-offline.ts'
import { buildServer, type HttpConfig, type HttpServerDeps } from '../../src/http/server.ts'
import { silentLogger } from '../../src/logger.ts'
import { buildServices } from './services.ts'

export const testBotToken = 'bot-token-for-tests-0123456789'
export const testMidtransServerKey = 'SB-Mid-server-test-key'
export const testCourierSecret = 'courier-secret-for-tests'

export const testHttpConfig: HttpConfig = {
  BOT_API_TOKEN: testBotToken,
  MIDTRANS_SERVER_KEY: testMidtransServerKey,
  COURIER_WEBHOOK_SECRET: testCourierSecret,
}

export interface TestServerOptions extends Partial<Omit<HttpServerDeps, 'services' | 'prisma' | 'log' | 'config'>> {
  config?: HttpConfig
}

export function buildTestServer(db: Database, options: TestServerOptions = {}): FastifyInstance {
  const paymentGateway: PaymentGateway = options.paymentGateway ?? createOfflinePaymentGateway({ prisma: db.prisma })
  return buildServer({
    rateLimit: false,
    ...options,
    services: buildServices(db, { paymentGateway }),
    log: silentLogger(),
    config: options.config ?? testHttpConfig,
    paymentGateway,
  })
}

export const botAuth = { authorization: `Bearer ${testBotToken}` }

/**
 * Timeout for hooks that create databases: the first one in a worker builds the migrated template, which takes
 * far longer than the default hook timeout when the shared machine is busy.
 */
export const firstDatabaseTimeoutMs = 180_000
