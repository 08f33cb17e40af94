/**
 * The staff console at /console, put together from its parts: accounts and sessions, the inbox and hand-off
 * actions, stock and shipping, analytics, live events, and the time-out of hand-offs nobody answers. `main.ts`
 * calls this once and mounts `routes`; the first owner comes from CONSOLE_OWNER_EMAIL / CONSOLE_OWNER_PASSWORD.
 *
 * @example
 * const consoleApp = buildConsole({ prisma, config, handoffs, desk, services, lowStock, notify, log })
 * await consoleApp.ensureOwner()
 * buildServer({ ..., register: [consoleApp.routes] })
 */
import fastifyCookie from '@fastify/cookie'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.ts'
import type { Handoffs } from '../../core/handoff.ts'
import type { Db } from '../../db/client.ts'
import type { Logger } from '../../logger.ts'
import type { LowStockWatcher } from '../../notifications/low-stock.ts'
import { createConsoleAccounts } from '../../services/console/accounts.ts'
import { createAnalyticsQueries } from '../../services/console/analytics-queries.ts'
import { createConsoleEvents } from '../../services/console/events.ts'
import { createHandoffActions } from '../../services/console/handoff-actions.ts'
import { createInboxQueries } from '../../services/console/inbox-queries.ts'
import { createConsoleSessions } from '../../services/console/sessions.ts'
import type { HandoffDesk } from '../../services/handoff-desk.ts'
import type { Services } from '../../services/index.ts'
import { pageRoutes } from './page-routes.ts'
import { accountRoutes } from './routes-account.ts'
import { analyticsRoutes } from './routes-analytics.ts'
import { inboxRoutes } from './routes-inbox.ts'
import { shopRoutes } from './routes-shop.ts'

export type ConsoleConfig = Pick<
  Config,
  | 'CONSOLE_OWNER_EMAIL'
  | 'CONSOLE_OWNER_PASSWORD'
  | 'CONSOLE_SESSION_HOURS'
  | 'CONSOLE_LOGIN_MAX_FAILURES'
  | 'CONSOLE_LOGIN_LOCK_MINUTES'
  | 'CONSOLE_LOGIN_RATE_PER_MINUTE'
  | 'HANDOFF_WAIT_TIMEOUT_MINUTES'
  | 'SHOP_NAME'
>

export interface ConsoleDeps {
  prisma: Db
  config: ConsoleConfig
  handoffs: Pick<Handoffs, 'open' | 'close' | 'findOpen'>
  desk: Pick<HandoffDesk, 'reply' | 'requestRating'>
  services: Pick<Services, 'inventory' | 'shipping'>
  lowStock: Pick<LowStockWatcher, 'afterStockChange'>
  secureCookies: boolean
  log: Logger
  notify?: () => void
  now?: () => Date
  /** How often waiting hand-offs are checked for the time-out (default one minute). */
  timeoutCheckMs?: number
  /** How often the live events look for changes (default 2000 ms). */
  eventPollMs?: number
}

export function buildConsole(deps: ConsoleDeps) {
  const { prisma, config } = deps
  const now = deps.now ?? (() => new Date())
  const accounts = createConsoleAccounts({
    prisma,
    now,
    lockout: { maxFailures: config.CONSOLE_LOGIN_MAX_FAILURES, lockMinutes: config.CONSOLE_LOGIN_LOCK_MINUTES },
  })
  const sessions = createConsoleSessions({ prisma, now, idleHours: config.CONSOLE_SESSION_HOURS })
  const inbox = createInboxQueries({ prisma, now })
  const events = createConsoleEvents({ prisma, pollMs: deps.eventPollMs })
  const actions = createHandoffActions({
    prisma,
    now,
    handoffs: deps.handoffs,
    desk: deps.desk,
    shopName: config.SHOP_NAME,
    notify: deps.notify,
  })
  const analytics = createAnalyticsQueries({ prisma })

  async function routes(app: FastifyInstance): Promise<void> {
    await app.register(fastifyCookie)
    await app.register(pageRoutes())
    await app.register(
      accountRoutes({
        accounts,
        sessions,
        secureCookies: deps.secureCookies,
        loginRatePerMinute: config.CONSOLE_LOGIN_RATE_PER_MINUTE,
      }),
    )
    await app.register(inboxRoutes({ sessions, inbox, actions, events, now }))
    await app.register(
      shopRoutes({
        sessions,
        inventory: deps.services.inventory,
        shipping: deps.services.shipping,
        lowStock: deps.lowStock,
        notify: deps.notify,
      }),
    )
    await app.register(analyticsRoutes({ sessions, analytics }))
  }

  /** Creates the owner named in the settings when there is no such account yet. */
  async function ensureOwner(): Promise<void> {
    if (!config.CONSOLE_OWNER_EMAIL || !config.CONSOLE_OWNER_PASSWORD) return
    const outcome = await accounts.ensureOwner(config.CONSOLE_OWNER_EMAIL, config.CONSOLE_OWNER_PASSWORD)
    if (outcome === 'created') deps.log.info('console owner account created from CONSOLE_OWNER_EMAIL')
  }

  let timer: NodeJS.Timeout | null = null
  let running: Promise<unknown> = Promise.resolve()
  /** Starts the periodic time-out of unanswered hand-offs (when HANDOFF_WAIT_TIMEOUT_MINUTES is above 0). */
  function start(): void {
    const minutes = config.HANDOFF_WAIT_TIMEOUT_MINUTES
    if (minutes <= 0 || timer) return
    timer = setInterval(() => {
      running = Promise.all([actions.expireWaiting(minutes), sessions.prune()])
        .then(([expired]) => {
          if (expired > 0) {
            deps.log.info({ expired }, 'waiting hand-offs went back to the bot')
            events.publish({ type: 'conversation' })
          }
        })
        .catch((error: unknown) => deps.log.error({ err: error }, 'hand-off time-out check failed'))
    }, deps.timeoutCheckMs ?? 60_000)
    timer.unref()
  }
  async function stop(): Promise<void> {
    if (timer) clearInterval(timer)
    timer = null
    await running
  }

  return { routes, ensureOwner, start, stop, accounts, sessions, inbox, actions, events, analytics }
}

export type ConsoleApp = ReturnType<typeof buildConsole>
