/**
 * The HTTP server as main.ts builds it for the web chat: the real core (rule agent) and services over a test
 * database, the web chat routes, and the per-IP rate limit off unless asked for. Clients are simulated with
 * `inject`, each from the address a test gives it.
 */

import type { FastifyInstance } from 'fastify'
import { registerWebChat } from '../../adapters/web/routes.ts'
import { type App, type AppConfig, createApp } from '../../src/app.ts'
import type { Database } from '../../src/db/client.ts'
import { createOfflinePaymentGateway } from '../../src/gateways/payment-offline.ts'
import { buildServer, type HttpConfig, type HttpRouteHook, type RateLimitSettings } from '../../src/http/server.ts'
import { type Logger, silentLogger } from '../../src/logger.ts'
import { createChatHistory } from '../../src/services/chat-history.ts'

export interface WebServerOptions {
  now?: () => Date
  config?: AppConfig & HttpConfig
  rateLimit?: RateLimitSettings | false
  log?: Logger
  /** More routes on the same server, built over the same app (a platform's webhooks). */
  routes?: (built: App) => HttpRouteHook[]
  /** The agent behind the chat (default the rule agent; 'claude' needs ANTHROPIC_API_KEY in `config`). */
  agent?: 'rules' | 'claude'
}

export interface WebServer extends App {
  app: FastifyInstance
}

export function buildWebServer(db: Database, options: WebServerOptions = {}): WebServer {
  const log = options.log ?? silentLogger()
  const config = { RATE_LIMIT_PER_MINUTE: 1000, ...options.config }
  const built = createApp({
    db,
    log,
    agent: options.agent ?? 'rules',
    config,
    ...(options.now ? { now: options.now } : {}),
  })
  const app = buildServer({
    services: built.services,
    config,
    log,
    paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
    rateLimit: options.rateLimit ?? false,
    register: [
      ...(options.routes?.(built) ?? []),
      (scope) =>
        registerWebChat(scope, {
          handle: (message) => built.core.handleWithTrace(message),
          isVerified: async (sessionId) =>
            Boolean((await built.services.crm.findIdentity('web', sessionId))?.customerId),
          history: (sessionId) => createChatHistory({ prisma: db.prisma }).forChat('web', sessionId, sessionId),
          sessionSecret: 'test-session-secret-0123456789abcdef',
          shopName: 'UrbanStyle ID',
          secureCookies: false,
          ...(config.RETURN_PHOTO_MAX_BYTES !== undefined ? { photoMaxBytes: config.RETURN_PHOTO_MAX_BYTES } : {}),
        }),
    ],
  })
  return { ...built, app }
}

/** One browser: its session cookie, from one address. */
export interface WebClient {
  /** Sends a chat message; the reply texts, whether the session is verified, and the HTTP status. */
  say(text: string): Promise<{ status: number; texts: string[]; verified: boolean }>
}

/** Opens the page (GET /api/chat/session) from `address`, keeping the cookie it sets. */
export async function openSession(app: FastifyInstance, address: string): Promise<WebClient> {
  const res = await app.inject({ method: 'GET', url: '/api/chat/session', remoteAddress: address })
  const cookie = res.cookies.find((c) => c.name === 'layan_sid')
  if (!cookie) throw new Error('no session cookie')
  return {
    async say(text) {
      const reply = await app.inject({
        method: 'POST',
        url: '/api/chat',
        remoteAddress: address,
        cookies: { layan_sid: cookie.value },
        payload: { text },
      })
      const body = reply.json() as { replies?: { text: string }[]; verified?: boolean }
      return { status: reply.statusCode, texts: (body.replies ?? []).map((r) => r.text), verified: !!body.verified }
    },
  }
}
