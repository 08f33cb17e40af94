/**
 * The HTTP side of the metrics: request duration by route pattern (never the raw URL), webhook deliveries by
 * source and result, and the `GET /metrics` route itself.
 *
 * `/metrics` with METRICS_TOKEN set needs `Authorization: Bearer <token>` (401 otherwise). Unset, only a loopback
 * client whose request carries no `Forwarded` or `X-Forwarded-For` header gets it (403 otherwise), so a reverse
 * proxy on the same host never makes it public. Never rate-limited, never in the OpenAPI document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Registry } from 'prom-client'
import type { MetricsObserver, WebhookResult } from '../ops/metrics.ts'
import { bearerToken, secretMatcher } from './auth.ts'

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** The webhook source of a route pattern: `/webhooks/<source>`, or a path given (the Telegram webhook's own). */
function webhookSource(route: string, named: Readonly<Record<string, string>>): string | null {
  const given = named[route]
  if (given) return given
  const match = /^\/webhooks\/([a-z0-9_-]+)$/.exec(route)
  return match?.[1] ?? null
}

/** What a webhook's answer means to its sender. */
export function webhookResult(status: number, body: string): WebhookResult {
  if (status === 429 || status >= 500) return 'retry_later'
  if (status >= 400) return 'rejected'
  return /"result"\s*:\s*"duplicate"|"duplicate"\s*:\s*true/.test(body) ? 'duplicate' : 'applied'
}

export interface HttpMetricsOptions {
  observer: MetricsObserver
  /** Route paths of webhooks not under /webhooks/ (the Telegram webhook's path), with their source name. */
  webhookRoutes?: Readonly<Record<string, string>>
}

const started = Symbol('metricsStarted')
type Timed = FastifyRequest & { [started]?: bigint }

/** Adds the timing hooks to the root instance (call before routes are registered). */
export function instrumentHttp(app: FastifyInstance, options: HttpMetricsOptions): void {
  const named = options.webhookRoutes ?? {}
  app.addHook('onRequest', async (request) => {
    ;(request as Timed)[started] = process.hrtime.bigint()
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url
    if (request.method === 'POST' && route) {
      const source = webhookSource(route, named)
      if (source) {
        const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : ''
        options.observer.webhook(source, webhookResult(reply.statusCode, body))
      }
    }
    return payload
  })
  app.addHook('onResponse', async (request, reply) => {
    const from = (request as Timed)[started]
    if (from === undefined) return
    const seconds = Number(process.hrtime.bigint() - from) / 1e9
    // Unmatched URLs (404s, scanners) share one label, so a crawler cannot grow the series.
    const route = request.routeOptions.url ?? 'unmatched'
    options.observer.httpRequest(request.method, route, reply.statusCode, seconds)
  })
}

export interface MetricsRouteOptions {
  registry: Registry
  /** METRICS_TOKEN; unset, only loopback clients that no proxy forwarded may scrape. */
  token?: string
}

function refuse(reply: FastifyReply, status: 401 | 403, message: string) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ success: false, error: { code: status === 401 ? 'unauthorized' : 'forbidden', message } }))
}

/** `GET /metrics` in the Prometheus text format. */
export function metricsRoute(options: MetricsRouteOptions) {
  const matches = options.token ? secretMatcher(options.token) : null
  return async (app: FastifyInstance) => {
    app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (request, reply) => {
      if (matches) {
        if (!matches(bearerToken(request))) return refuse(reply, 401, 'Bearer token required')
      } else {
        const forwarded = request.headers.forwarded !== undefined || request.headers['x-forwarded-for'] !== undefined
        if (forwarded || !loopback.has(request.socket.remoteAddress ?? ''))
          return refuse(reply, 403, 'Metrics are served to this machine only unless METRICS_TOKEN is set')
      }
      const text = await options.registry.metrics()
      return reply.type(options.registry.contentType).send(text)
    })
  }
}
