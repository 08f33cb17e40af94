/**
 * The staff console at /console: the page and its API (accounts, inbox and hand-offs, stock and shipping,
 * analytics). Routes only: the console's services come built from createApp (`app.console`), with the shop's
 * inventory and shipping services and the low-stock watcher; `main.ts` mounts this on the HTTP server.
 *
 * @example
 * buildServer({ ..., register: [consoleRoutes({ console: app.console, inventory, shipping, lowStock, notify,
 *   secureCookies })] })
 */
import fastifyCookie from '@fastify/cookie'
import type { FastifyInstance } from 'fastify'
import type { CodConfirmations } from '../../services/cod-confirmations.ts'
import type { ConsoleParts } from '../../services/console/console.ts'
import type { InventoryService } from '../../services/inventory.ts'
import type { LowStockWatcher } from '../../services/notifications/low-stock.ts'
import type { ShippingService } from '../../services/shipping.ts'
import { pageRoutes } from './page-routes.ts'
import { accountRoutes } from './routes-account.ts'
import { analyticsRoutes } from './routes-analytics.ts'
import { inboxRoutes } from './routes-inbox.ts'
import { type ReturnRouteDeps, returnRoutes } from './routes-returns.ts'
import type { SetupRouteDeps } from './routes-setup.ts'
import { setupRoutes } from './routes-setup.ts'
import { shopRoutes } from './routes-shop.ts'

export interface ConsoleRouteDeps {
  console: Pick<
    ConsoleParts,
    'now' | 'accounts' | 'sessions' | 'inbox' | 'actions' | 'events' | 'analytics' | 'notices' | 'loginRatePerMinute'
  >
  inventory: InventoryService
  shipping: ShippingService
  /** Unconfirmed cash-on-delivery orders. */
  cod: Pick<CodConfirmations, 'listUnconfirmed'>
  lowStock: Pick<LowStockWatcher, 'afterStockChange'>
  /** Returns and exchanges (services.returns). */
  returns: ReturnRouteDeps['returns']
  secureCookies: boolean
  /** Kicks the outbox after something was queued for a customer. */
  notify?: () => void
  /** The set-up card (what the shop still has to connect); off when not given. */
  setup?: Omit<SetupRouteDeps, 'sessions'>
}

export function consoleRoutes(deps: ConsoleRouteDeps) {
  const { now, accounts, sessions, inbox, actions, events, analytics, notices } = deps.console
  return async function routes(app: FastifyInstance): Promise<void> {
    await app.register(fastifyCookie)
    await app.register(pageRoutes())
    await app.register(
      accountRoutes({
        accounts,
        sessions,
        secureCookies: deps.secureCookies,
        loginRatePerMinute: deps.console.loginRatePerMinute,
      }),
    )
    await app.register(inboxRoutes({ sessions, inbox, notices, actions, events, now }))
    await app.register(
      shopRoutes({
        sessions,
        inventory: deps.inventory,
        shipping: deps.shipping,
        cod: deps.cod,
        lowStock: deps.lowStock,
        notify: deps.notify,
      }),
    )
    await app.register(returnRoutes({ sessions, returns: deps.returns, notify: deps.notify }))
    await app.register(analyticsRoutes({ sessions, analytics }))
    if (deps.setup) await app.register(setupRoutes({ sessions, ...deps.setup }))
  }
}
