/**
 * The server as main.ts builds it with the console: the app from createApp (the real core with the rule agent, the
 * services and the console's services over a test database), the web chat channel as adapters/channels.ts builds
 * it (rating presses included, its live sender in the app's real outbox worker), and the console routes.
 * Accounts are made through the accounts service; `signIn` logs in through POST /console/api/login.
 */
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { createChannels } from '../../adapters/channels.ts'
import { type App, createApp } from '../../src/app.ts'
import { type Config, loadConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/client.ts'
import { createOfflinePaymentGateway } from '../../src/gateways/payment-offline.ts'
import { consoleRoutes } from '../../src/http/console/routes.ts'
import { buildServer, type RateLimitSettings } from '../../src/http/server.ts'
import { silentLogger } from '../../src/logger.ts'

export const testSessionSecret = 'test-session-secret-0123456789abcdef'
export const ownerEmail = 'owner@urbanstyle.test'
export const staffEmail = 'staff@urbanstyle.test'
export const testPassword = 'rahasia-toko-2026'

export interface ConsoleServer extends App {
  app: FastifyInstance
  /** Every method and URL of a console route, as registered. */
  routes: { method: string; url: string }[]
}

export interface ConsoleServerOptions {
  now?: () => Date
  /** Settings (as the environment spells them) over the test's own. */
  env?: Record<string, string>
  rateLimit?: RateLimitSettings | false
}

export async function buildConsoleServer(db: Database, options: ConsoleServerOptions = {}): Promise<ConsoleServer> {
  const log = silentLogger()
  const config: Config = loadConfig({
    SESSION_SECRET: testSessionSecret,
    SHOP_NAME: 'UrbanStyle ID',
    RATE_LIMIT_PER_MINUTE: '1000',
    CONSOLE_OWNER_EMAIL: ownerEmail,
    CONSOLE_OWNER_PASSWORD: testPassword,
    // Never the knowledge files of a DATA_DIR on this machine.
    KNOWLEDGE_DIR: path.join(tmpdir(), 'layan-test-no-knowledge'),
    ...options.env,
  })
  const built = createApp({ db, log, agent: 'rules', config, ...(options.now ? { now: options.now } : {}) })
  const channels = await createChannels({ config, app: built, log }, (core) => core)
  for (const channel of channels) if (channel.sender) built.outbox.addChannelSender(channel.sender)
  // As in main.ts: the console lists what staff are told.
  built.outbox.addStaffSender(built.console.notices.staffSender)
  await built.console.ensureOwner()
  await built.console.accounts.add({ email: staffEmail, password: testPassword, role: 'staff', actor: 'test' })
  const app = buildServer({
    services: built.services,
    config,
    log,
    paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
    rateLimit: options.rateLimit ?? false,
    register: [
      ...channels.flatMap((channel) => channel.routes ?? []),
      consoleRoutes({
        console: built.console,
        inventory: built.services.inventory,
        shipping: built.services.shipping,
        cod: built.services.cod,
        returns: built.services.returns,
        lowStock: built.staff.lowStock,
        notify: built.notify,
        secureCookies: false,
        setup: {
          gaps: () => built.setup.gaps({ staffChannel: false, consoleOwner: true, shopName: config.SHOP_NAME }),
          knowledge: built.knowledge,
        },
      }),
    ],
  })
  const routes: { method: string; url: string }[] = []
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/console/api/')) return
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url })
  })
  await app.ready()
  return { ...built, app, routes }
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
