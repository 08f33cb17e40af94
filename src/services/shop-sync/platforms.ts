/**
 * The shop platforms Layan is connected to (WooCommerce, Shopify), built from the settings: their API clients and
 * webhook secrets (the HTTP layer mounts their webhook routes, src/http/shop-webhooks.ts), and a reconcile loop that
 * heals missed webhooks every SHOP_RECONCILE_MINUTES. A platform that cannot be reached (at start or any later
 * pass) is logged, counted in the sync health and tried again with backoff; it never stops the server. Staff are
 * alerted when a platform's sync has gone stale.
 *
 * @example
 * const platforms = createShopPlatforms({ config, shopSync: services.shopSync, prisma, log })
 * buildServer({ ..., register: shopWebhookRoutes({ platforms, ... }) }); platforms.start()
 */
import type { Db } from '../../db/client.ts'
import { type ConnectorConfig, shopifyClientFrom, wooClientFrom } from '../../gateways/shop-platforms/select.ts'
import type { Logger } from '../../logger.ts'
import type { ShopSource } from './context.ts'
import type { ShopSyncService } from './index.ts'
import { reconcileShopify } from './shopify/sync.ts'
import { alertStale, isStale } from './stale-alert.ts'
import { reconcileWoo } from './woocommerce/sync.ts'

export interface ShopPlatformsDeps {
  config: ConnectorConfig
  shopSync: ShopSyncService
  prisma: Db
  log: Logger
  now?: () => Date
  fetch?: typeof fetch
  /** First retry after a failed pass (doubles up to the reconcile interval); default one minute. */
  retryMs?: number
}

interface Platform {
  source: ShopSource
  reconcile: () => Promise<{ applied: number; changed: number; failed: number }>
}

export function createShopPlatforms(deps: ShopPlatformsDeps) {
  const { config, shopSync, log } = deps
  const now = deps.now ?? (() => new Date())
  const woo = wooClientFrom(config, deps.fetch)
  const shopify = shopifyClientFrom(config, deps.fetch)
  const platforms: Platform[] = []

  if (woo) {
    const wooLog = log.child({ component: 'woocommerce' })
    if (
      config.WOOCOMMERCE_URL?.startsWith('http://') &&
      !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(config.WOOCOMMERCE_URL)
    ) {
      // WooCommerce refuses HTTP Basic over plain HTTP, and the keys would travel in the clear.
      wooLog.warn('WOOCOMMERCE_URL is plain http: WooCommerce accepts the REST API keys only over https')
    }
    platforms.push({
      source: 'woocommerce',
      reconcile: () => reconcileWoo({ client: woo, shopSync, log: wooLog, now }),
    })
  }
  const shopifySecret = config.SHOPIFY_WEBHOOK_SECRET ?? config.SHOPIFY_CLIENT_SECRET
  if (shopify) {
    const shopifyLog = log.child({ component: 'shopify' })
    platforms.push({
      source: 'shopify',
      reconcile: () => reconcileShopify({ client: shopify, shopSync, log: shopifyLog, now }),
    })
  }

  const intervalMs = config.SHOP_RECONCILE_MINUTES * 60_000
  const timers = new Map<ShopSource, NodeJS.Timeout>()
  const running = new Map<ShopSource, Promise<void>>()
  let stopped = false

  /** One reconcile pass of a platform; failures are logged and recorded, never thrown. True on success. */
  async function reconcileOnce(platform: Platform): Promise<boolean> {
    const started = Date.now()
    try {
      const result = await platform.reconcile()
      log.info({ source: platform.source, ...result, ms: Date.now() - started }, 'shop reconcile done')
      return true
    } catch (error) {
      const message = (error as Error).message
      log.warn({ source: platform.source, error: message }, 'shop reconcile failed; it will be tried again')
      await shopSync.health.failed(platform.source, `reconcile: ${message}`).catch(() => undefined)
      const health = await shopSync.health.read(platform.source).catch(() => null)
      if (health && isStale(health, now(), Math.max(3 * intervalMs, 30 * 60_000))) {
        await alertStale(deps.prisma, platform.source, health).catch((e: unknown) =>
          log.error({ err: e }, 'stale sync alert could not be queued'),
        )
      }
      return false
    }
  }

  function schedule(platform: Platform, delayMs: number, failures: number): void {
    if (stopped) return
    const timer = setTimeout(() => {
      const pass = reconcileOnce(platform).then((ok) => {
        running.delete(platform.source)
        const retry = Math.min(intervalMs, (deps.retryMs ?? 60_000) * 2 ** failures)
        schedule(platform, ok ? intervalMs : retry, ok ? 0 : failures + 1)
      })
      running.set(platform.source, pass)
    }, delayMs)
    timer.unref()
    timers.set(platform.source, timer)
  }

  return {
    /** The WooCommerce REST client (null when its keys are not set). */
    woo,
    /** The Shopify Admin API client (null when not configured). */
    shopify,
    /** The secrets that sign each platform's webhooks; a platform without one has no webhook route. */
    webhookSecrets: {
      woocommerce: config.WOOCOMMERCE_WEBHOOK_SECRET ?? null,
      shopify: shopify ? (shopifySecret ?? null) : null,
    },
    /** Which platforms are on, for the start-up line. */
    describe: () => ({
      woocommerce: woo ? 'on' : config.WOOCOMMERCE_WEBHOOK_SECRET ? 'webhooks only' : 'off',
      shopify: shopify ? (shopifySecret ? 'on' : 'no webhook secret') : 'off',
    }),
    /** Starts the reconcile loop: a first pass soon after start, then every SHOP_RECONCILE_MINUTES. */
    start(firstDelayMs = 5_000): void {
      for (const platform of platforms) schedule(platform, firstDelayMs, 0)
    },
    /** Runs one pass of every platform now (tests, `npm run sync -- --reconcile`). */
    async reconcileNow(): Promise<Record<string, boolean>> {
      const out: Record<string, boolean> = {}
      for (const platform of platforms) out[platform.source] = await reconcileOnce(platform)
      return out
    },
    async stop(): Promise<void> {
      stopped = true
      for (const timer of timers.values()) clearTimeout(timer)
      await Promise.all(running.values())
    },
  }
}

export type ShopPlatforms = ReturnType<typeof createShopPlatforms>
