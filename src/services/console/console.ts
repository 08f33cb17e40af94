/**
 * The staff console's services, built once by createApp (`app.console`): accounts and sessions, the inbox's
 * queries, claim/reply/close, live events, analytics; the first owner from the settings; and the upkeep that runs
 * once a minute while the server does (hand-offs nobody answered go back to the bot, expired sessions are dropped).
 * The routes at /console (src/http/console) receive these and nothing below them.
 *
 * @example
 * const consoleParts = createConsole({ prisma, now, log, settings, handoffs, desk, notify })
 * await consoleParts.ensureOwner()
 * consoleParts.start()
 */
import type { Config } from '../../config.ts'
import type { Db } from '../../db/client.ts'
import type { Logger } from '../../logger.ts'
import type { HandoffDesk } from '../handoff-desk.ts'
import type { Handoffs } from '../handoffs.ts'
import { createConsoleAccounts } from './accounts.ts'
import { createAnalyticsQueries } from './analytics-queries.ts'
import { createConsoleEvents } from './events.ts'
import { createHandoffActions } from './handoff-actions.ts'
import { createInboxQueries } from './inbox-queries.ts'
import { createConsoleNotices } from './notices.ts'
import { createConsoleSessions } from './sessions.ts'

/** The console's settings (src/config.ts documents each). */
export type ConsoleSettings = Pick<
  Config,
  | 'CONSOLE_OWNER_EMAIL'
  | 'CONSOLE_OWNER_PASSWORD'
  | 'CONSOLE_SESSION_HOURS'
  | 'CONSOLE_LOGIN_MAX_FAILURES'
  | 'CONSOLE_LOGIN_LOCK_MINUTES'
  | 'CONSOLE_LOGIN_RATE_PER_MINUTE'
  | 'HANDOFF_WAIT_TIMEOUT_MINUTES'
>

export const defaultConsoleSettings: ConsoleSettings = {
  CONSOLE_SESSION_HOURS: 12,
  CONSOLE_LOGIN_MAX_FAILURES: 5,
  CONSOLE_LOGIN_LOCK_MINUTES: 15,
  CONSOLE_LOGIN_RATE_PER_MINUTE: 10,
  HANDOFF_WAIT_TIMEOUT_MINUTES: 30,
}

export interface ConsoleDeps {
  prisma: Db
  now: () => Date
  log: Logger
  settings: ConsoleSettings
  handoffs: Pick<Handoffs, 'open' | 'close' | 'findOpen'>
  desk: Pick<HandoffDesk, 'reply' | 'requestRating' | 'returnUnanswered'>
  /** Kicks the outbox after something was queued for a customer. */
  notify?: () => void
  /** How often the upkeep runs (default one minute). */
  upkeepMs?: number
  /** How often the live events look for changes (default 2000 ms). */
  eventPollMs?: number
}

export function createConsole(deps: ConsoleDeps) {
  const { prisma, now, settings, log } = deps
  const accounts = createConsoleAccounts({
    prisma,
    now,
    lockout: { maxFailures: settings.CONSOLE_LOGIN_MAX_FAILURES, lockMinutes: settings.CONSOLE_LOGIN_LOCK_MINUTES },
  })
  const sessions = createConsoleSessions({ prisma, now, idleHours: settings.CONSOLE_SESSION_HOURS })
  const events = createConsoleEvents({ prisma, pollMs: deps.eventPollMs })
  const actions = createHandoffActions({
    prisma,
    now,
    handoffs: deps.handoffs,
    desk: deps.desk,
    ...(deps.notify ? { notify: deps.notify } : {}),
  })
  // Whether staff can answer hand-offs here: at least one account can sign in. Read at start and by the upkeep, so
  // the hand-off tool (a synchronous check) knows it without a query per message.
  let staffed = false

  /** Creates the owner named in the settings when there is no such account yet. */
  async function ensureOwner(): Promise<void> {
    if (settings.CONSOLE_OWNER_EMAIL && settings.CONSOLE_OWNER_PASSWORD) {
      const outcome = await accounts.ensureOwner(settings.CONSOLE_OWNER_EMAIL, settings.CONSOLE_OWNER_PASSWORD)
      if (outcome === 'created') log.info('console owner account created from CONSOLE_OWNER_EMAIL')
    }
    staffed = await accounts.anyActive()
  }

  /** Hand-offs nobody answered in time go back to the bot; expired sessions go; whether anyone can sign in. */
  async function upkeep(): Promise<void> {
    const minutes = settings.HANDOFF_WAIT_TIMEOUT_MINUTES
    const [returned] = await Promise.all([
      minutes > 0 ? deps.desk.returnUnanswered(minutes) : 0,
      sessions.prune(),
      accounts.anyActive().then((any) => {
        staffed = any
      }),
    ])
    if (returned > 0) {
      log.info({ returned }, 'waiting hand-offs went back to the bot')
      events.publish({ type: 'conversation' })
      deps.notify?.()
    }
  }

  let timer: NodeJS.Timeout | null = null
  let running: Promise<unknown> = Promise.resolve()
  return {
    /** The app's clock (waiting times are counted with it). */
    now,
    accounts,
    sessions,
    inbox: createInboxQueries({ prisma, now }),
    actions,
    events,
    analytics: createAnalyticsQueries({ prisma }),
    /** What staff were told (the outbox's staff notices), and the console's staff sender. */
    notices: createConsoleNotices({ prisma, staffed: () => staffed }),
    /** Console sign-ins a minute from one client address. */
    loginRatePerMinute: settings.CONSOLE_LOGIN_RATE_PER_MINUTE,
    ensureOwner,
    /** Whether an account can sign in (as of the start or the last upkeep). */
    staffed: () => staffed,
    upkeep,
    /** Runs the upkeep once a minute until `stop`. */
    start(): void {
      if (timer) return
      timer = setInterval(() => {
        running = upkeep().catch((error: unknown) => log.error({ err: error }, 'console upkeep failed'))
      }, deps.upkeepMs ?? 60_000)
      timer.unref()
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = null
      await running
    },
  }
}

export type ConsoleParts = ReturnType<typeof createConsole>
