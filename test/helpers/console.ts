/**
 * The server as main.ts builds it with the console: the real core (rule agent) and services over a test database,
 * the web chat (rating presses included) with its live sender in a real outbox worker, and the console routes.
 * Accounts are made through the accounts service; `signIn` logs in through POST /console/api/login.
 */
import type { FastifyInstance } from 'fastify'
import { createWebLive, withWebRatings } from '../../adapters/web/live.ts'
import { registerWebChat } from '../../adapters/web/routes.ts'
import { type BuiltCore, buildCore } from '../../src/core/build-core.ts'
import type { Database } from '../../src/db/client.ts'
import { createOfflinePaymentGateway } from '../../src/gateways/payment-offline.ts'
import { buildConsole, type ConsoleApp, type ConsoleConfig } from '../../src/http/console/build-console.ts'
import { buildServer, type RateLimitSettings } from '../../src/http/server.ts'
import { silentLogger } from '../../src/logger.ts'
import { createLowStockWatcher } from '../../src/notifications/low-stock.ts'
import { createOutboxWorker, type OutboxWorker } from '../../src/notifications/outbox.ts'
import { createWebChatMessages } from '../../src/services/console/web-chat-messages.ts'
import { createHandoffDesk } from '../../src/services/handoff-desk.ts'

export const testSessionSecret = 'test-session-secret-0123456789abcdef'
export const ownerEmail = 'owner@urbanstyle.test'
export const staffEmail = 'staff@urbanstyle.test'
export const testPassword = 'rahasia-toko-2026'

export const testConsoleConfig: ConsoleConfig = {
  CONSOLE_OWNER_EMAIL: ownerEmail,
  CONSOLE_OWNER_PASSWORD: testPassword,
  CONSOLE_SESSION_HOURS: 12,
  CONSOLE_LOGIN_MAX_FAILURES: 5,
  CONSOLE_LOGIN_LOCK_MINUTES: 15,
  CONSOLE_LOGIN_RATE_PER_MINUTE: 10,
  HANDOFF_WAIT_TIMEOUT_MINUTES: 30,
  SHOP_NAME: 'UrbanStyle ID',
}

export interface ConsoleServer extends BuiltCore {
  app: FastifyInstance
  console: ConsoleApp
  outbox: OutboxWorker
  /** Every method and URL of a console route, as registered. */
  routes: { method: string; url: string }[]
}

export interface ConsoleServerOptions {
  now?: () => Date
  config?: Partial<ConsoleConfig>
  rateLimit?: RateLimitSettings | false
}

export async function buildConsoleServer(db: Database, options: ConsoleServerOptions = {}): Promise<ConsoleServer> {
  const log = silentLogger()
  const now = options.now ?? (() => new Date())
  const built = buildCore({ db, log, agent: 'rules', config: { RATE_LIMIT_PER_MINUTE: 1000 }, now })
  const desk = createHandoffDesk({ prisma: db.prisma })
  const webLive = createWebLive({
    messages: createWebChatMessages({ prisma: db.prisma }),
    sessionSecret: testSessionSecret,
  })
  const outbox = createOutboxWorker({
    prisma: db.prisma,
    log,
    now,
    shopName: 'UrbanStyle ID',
    senders: [webLive.sender],
  })
  const consoleApp = buildConsole({
    prisma: db.prisma,
    config: { ...testConsoleConfig, ...options.config },
    handoffs: built.handoffs,
    desk,
    services: built.services,
    lowStock: createLowStockWatcher({ prisma: db.prisma, log }),
    secureCookies: false,
    log,
    now,
  })
  await consoleApp.ensureOwner()
  await consoleApp.accounts.add({ email: staffEmail, password: testPassword, role: 'staff', actor: 'test' })
  const app = buildServer({
    services: built.services,
    prisma: db.prisma,
    sql: db.sql,
    config: {},
    log,
    paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
    rateLimit: options.rateLimit ?? false,
    register: [
      (scope) =>
        registerWebChat(scope, {
          handle: withWebRatings((message) => built.core.handleWithTrace(message), desk),
          isVerified: async () => false,
          sessionSecret: testSessionSecret,
          shopName: 'UrbanStyle ID',
          secureCookies: false,
        }),
      webLive.routes,
      consoleApp.routes,
    ],
  })
  const routes: { method: string; url: string }[] = []
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/console/api/')) return
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url })
  })
  await app.ready()
  return { ...built, app, console: consoleApp, outbox, routes }
}

/** A signed-in browser: its cookie and CSRF token. */
export interface ConsoleSession {
  cookies: Record<string, string>
  csrf: string
  headers: Record<string, string>
}

export async function signIn(app: FastifyInstance, email: string, password = testPassword): Promise<ConsoleSession> {
  const res = await app.inject({ method: 'POST', url: '/console/api/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`)
  const cookie = res.cookies.find((c) => c.name === 'layan_console')
  if (!cookie) throw new Error('no console cookie')
  const csrf = (res.json() as { csrfToken: string }).csrfToken
  return { cookies: { layan_console: cookie.value }, csrf, headers: { 'x-csrf-token': csrf } }
}

/** A web chat visitor: opens the page, then says things and presses buttons with its cookie. */
export async function webVisitor(app: FastifyInstance) {
  const res = await app.inject({ method: 'GET', url: '/api/chat/session' })
  const cookie = res.cookies.find((c) => c.name === 'layan_sid')
  if (!cookie) throw new Error('no web chat cookie')
  const sessionId = cookie.value.split('.')[0] as string
  const post = async (payload: object) => {
    const reply = await app.inject({ method: 'POST', url: '/api/chat', cookies: { layan_sid: cookie.value }, payload })
    return (reply.json() as { replies: { text: string }[] }).replies.map((r) => r.text)
  }
  return {
    sessionId,
    say: (text: string) => post({ text }),
    press: (token: string) => post({ action: { kind: 'confirm', token } }),
  }
}
