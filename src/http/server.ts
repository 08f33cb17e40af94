/**
 * The HTTP server: one Fastify instance (not listening; `main.ts` calls `listen`, tests use `inject`) with
 * zod validation, one error shape, helmet, a per-IP rate limit, the OpenAPI document, health checks, and each
 * optional part mounted only when its secret is configured:
 *
 * | route                    | needs                  |
 * |--------------------------|------------------------|
 * | POST /api/bot/*          | BOT_API_TOKEN          |
 * | POST /webhooks/midtrans  | MIDTRANS_SERVER_KEY    |
 * | POST /webhooks/courier   | COURIER_WEBHOOK_SECRET |
 * | /api/shop/*              | SHOP_API_TOKEN         |
 *
 * Other parts (web chat, Telegram webhook) add their routes through `register` hooks, each in its own
 * encapsulated scope (their plugins stay theirs) but under the same error handler and rate limit.
 *
 * @example
 * const app = buildServer({ services, config, log, paymentGateway, register: [webChatRoutes] })
 * await app.listen({ host: config.HOST, port: config.PORT })
 */
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { type Config, servedOverHttps } from '../config.ts'
import type { PaymentGateway } from '../gateways/payment.ts'
import type { Logger } from '../logger.ts'
import type { Services } from '../services/index.ts'
import { botApiRoutes } from './bot-api.ts'
import { commerceBotApiRoutes } from './bot-api-commerce.ts'
import { returnBotApiRoutes } from './bot-api-returns.ts'
import { demoPaymentRoutes } from './demo-payment.ts'
import { HttpError, registerErrorHandling } from './errors.ts'
import { healthRoutes } from './health.ts'
import { registerOpenApi } from './openapi.ts'
import { shopApiRoutes } from './shop-api.ts'
import { courierWebhookRoutes } from './webhooks-courier.ts'
import { midtransWebhookRoutes } from './webhooks-midtrans.ts'

/** Largest accepted request body, in bytes (413 beyond). */
const bodyLimit = 65_536

/** The configuration the server reads; the full `Config` fits. */
export type HttpConfig = Partial<
  Pick<
    Config,
    | 'BOT_API_TOKEN'
    | 'SHOP_API_TOKEN'
    | 'MIDTRANS_SERVER_KEY'
    | 'COURIER_WEBHOOK_SECRET'
    | 'TRUST_PROXY'
    | 'PUBLIC_URL'
    | 'SHOP_NAME'
  >
> & {
  /** Requests per minute per client IP (default 120). */
  HTTP_RATE_LIMIT_PER_MINUTE?: number
}

export interface RateLimitSettings {
  /** Requests per window per client IP. */
  max: number
  timeWindowMs: number
}

/** Adds routes to the server; called inside its own encapsulated plugin. */
export type HttpRouteHook = (app: FastifyInstance) => void | Promise<void>

export interface HttpServerDeps {
  services: Services
  config: HttpConfig
  log: Logger
  paymentGateway: PaymentGateway
  /** Overrides the rate limit from the config; `false` turns it off (benchmarks). */
  rateLimit?: RateLimitSettings | false
  /** Overrides TRUST_PROXY: which proxies may name the client IP in X-Forwarded-For. */
  trustProxy?: Config['TRUST_PROXY']
  /** Wait this long for Midtrans' status API before trusting a notification (default 3000 ms). */
  midtransConfirmTimeoutMs?: number
  register?: HttpRouteHook[]
  /** Extra `/readyz` details (Claude's set-up and circuit breaker). */
  readyDetails?: () => Record<string, unknown>
  /** False once shutting down: `/readyz` then answers 503 at once (src/ops/shutdown.ts). */
  accepting?: () => boolean
  /** Hooks added on the root instance before any route (the metrics' timing, src/http/metrics.ts). */
  instrument?: (app: FastifyInstance) => void
}

export const defaultRateLimitPerMinute = 120

/** Fastify's compiler factories, giving the zod compilers of fastify-type-provider-zod (typed for Ajv's). */
const zodCompilers = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>

export function buildServer(deps: HttpServerDeps): FastifyInstance {
  const { config, services } = deps
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit,
    // Unset, X-Forwarded-For is ignored: a client cannot choose the address its limits are counted under. (A hop
    // count works at run time, though Fastify's types leave numbers out.)
    trustProxy: (deps.trustProxy ?? config.TRUST_PROXY ?? false) as boolean | string[],
    // JSON with __proto__ or constructor.prototype keys is refused (400) rather than stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Every route validates and serializes with its zod schemas, so Fastify's own compilers (Ajv and
    // fast-json-stringify, about a tenth of a second to load) are never built.
    schemaController: { compilersFactory: zodCompilers },
    // Typed as the plain instance: a pino Logger type parameter would spread into every plugin signature.
  }) as unknown as FastifyInstance
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerErrorHandling(app)
  deps.instrument?.(app)

  // HTTPS-only headers only when people reach the service over HTTPS: on plain HTTP at a LAN address, a browser
  // told to upgrade insecure requests asks for the page's scripts and styles over https and gets none.
  const https = servedOverHttps(config)
  app.register(helmet, {
    global: true,
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: https ? [] : null } },
  })
  const limit =
    deps.rateLimit === undefined
      ? { max: config.HTTP_RATE_LIMIT_PER_MINUTE ?? defaultRateLimitPerMinute, timeWindowMs: 60_000 }
      : deps.rateLimit
  if (limit) {
    app.register(rateLimit, {
      global: true,
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, 'rate_limited', `Too many requests, retry in ${context.after}`),
    })
  }
  registerOpenApi(app)

  app.register(
    healthRoutes({
      database: services.database,
      ...(deps.readyDetails ? { details: deps.readyDetails } : {}),
      ...(deps.accepting ? { accepting: deps.accepting } : {}),
    }),
  )
  if (config.BOT_API_TOKEN) {
    app.register(botApiRoutes({ services, token: config.BOT_API_TOKEN }), { prefix: '/api/bot' })
    app.register(commerceBotApiRoutes({ services, token: config.BOT_API_TOKEN }), { prefix: '/api/bot' })
    app.register(returnBotApiRoutes({ services, token: config.BOT_API_TOKEN }), { prefix: '/api/bot' })
  }
  // The demo payment page marks demo orders paid without money: never beside a real payment gateway.
  if (!config.MIDTRANS_SERVER_KEY)
    app.register(demoPaymentRoutes({ services, shopName: config.SHOP_NAME ?? 'UrbanStyle ID' }))
  if (config.SHOP_API_TOKEN) {
    app.register(shopApiRoutes({ services, token: config.SHOP_API_TOKEN }), { prefix: '/api/shop' })
  }
  if (config.MIDTRANS_SERVER_KEY) {
    app.register(
      midtransWebhookRoutes({
        services,
        paymentGateway: deps.paymentGateway,
        serverKey: config.MIDTRANS_SERVER_KEY,
        confirmTimeoutMs: deps.midtransConfirmTimeoutMs,
      }),
    )
  }
  if (config.COURIER_WEBHOOK_SECRET) {
    app.register(courierWebhookRoutes({ services, secret: config.COURIER_WEBHOOK_SECRET }))
  }
  for (const hook of deps.register ?? []) {
    app.register(async (scope) => {
      await hook(scope)
    })
  }
  return app
}
