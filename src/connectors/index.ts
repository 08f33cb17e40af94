/**
 * The shop platforms Layan is connected to (WooCommerce, Shopify), built from the settings: their webhook routes
 * for the HTTP server, and a reconcile loop that heals missed webhooks every SHOP_RECONCILE_MINUTES. A platform
 * that cannot be reached (at start or any later pass) is logged, counted in the sync health and tried again with
 * backoff; it never stops the server. Staff are alerted when a platform's sync has gone stale.
 *
 * @example
 * const connectors = createShopConnectors({ config, shopSync: services.shopSync, prisma, sql, log })
 * buildServer({ ..., register: [...connectors.routes] }); connectors.start()
 */
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import type { SqlClient } from '../db/sql.ts'
import type { HttpRouteHook } from '../http/server.ts'
import type { Logger } from '../logger.ts'
import type { ShopSource } from '../services/shop-sync/context.ts'
import type { ShopSyncService } from '../services/shop-sync/index.ts'
import { createShopifyClient, type ShopifyClient } from './shopify/client.ts'
import { reconcileShopify } from './shopify/sync.ts'
import { shopifyWebhookRoute } from './shopify/webhook.ts'
import { alertStale, isStale } from './stale-alert.ts'
import { createWooClient, type WooClient } from './woocommerce/client.ts'
import { reconcileWoo } from './woocommerce/sync.ts'
import { wooWebhookRoute } from './woocommerce/webhook.ts'

export type ConnectorConfig = Pick<
  Config,
  | 'WOOCOMMERCE_URL'
  | 'WOOCOMMERCE_CONSUMER_KEY'
  | 'WOOCOMMERCE_CONSUMER_SECRET'
  | 'WOOCOMMERCE_WEBHOOK_SECRET'
  | 'SHOPIFY_SHOP'
  | 'SHOPIFY_CLIENT_ID'
  | 'SHOPIFY_CLIENT_SECRET'
  | 'SHOPIFY_ACCESS_TOKEN'
  | 'SHOPIFY_WEBHOOK_SECRET'
  | 'SHOPIFY_API_VERSION'
  | 'SHOP_RECONCILE_MINUTES'
  | 'SHOP_PLATFORM_TIMEOUT_MS'
>

/** The WooCommerce REST client, when its address and keys are set. */
export function wooClientFrom(config: ConnectorConfig, fetchImpl?: typeof fetch): WooClient | null {
  if (!config.WOOCOMMERCE_URL || !config.WOOCOMMERCE_CONSUMER_KEY || !config.WOOCOMMERCE_CONSUMER_SECRET) return null
  return createWooClient({
    url: config.WOOCOMMERCE_URL,
    key: config.WOOCOMMERCE_CONSUMER_KEY,
    secret: config.WOOCOMMERCE_CONSUMER_SECRET,
    timeoutMs: config.SHOP_PLATFORM_TIMEOUT_MS,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  })
}

/** The Shopify Admin API client, when the shop and a way to authenticate are set. */
export function shopifyClientFrom(config: ConnectorConfig, fetchImpl?: typeof fetch): ShopifyClient | null {
  if (!config.SHOPIFY_SHOP) return null
  if (!config.SHOPIFY_ACCESS_TOKEN && !(config.SHOPIFY_CLIENT_ID && config.SHOPIFY_CLIENT_SECRET)) return null
  return createShopifyClient({
    shop: config.SHOPIFY_SHOP,
    apiVersion: config.SHOPIFY_API_VERSION,
    ...(config.SHOPIFY_ACCESS_TOKEN ? { accessToken: config.SHOPIFY_ACCESS_TOKEN } : {}),
    ...(config.SHOPIFY_CLIENT_ID ? { clientId: config.SHOPIFY_CLIENT_ID } : {}),
    ...(config.SHOPIFY_CLIENT_SECRET ? { clientSecret: config.SHOPIFY_CLIENT_SECRET } : {}),
    timeoutMs: config.SHOP_PLATFORM_TIMEOUT_MS,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  })
}

export interface ShopConnectorsDeps {
  config: ConnectorConfig
  shopSync: ShopSyncService
  prisma: Db
  sql: SqlClient
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

export function createShopConnectors(deps: ShopConnectorsDeps) {
  const { config, shopSync, log } = deps
  const now = deps.now ?? (() => new Date())
  const woo = wooClientFrom(config, deps.fetch)
  const shopify = shopifyClientFrom(config, deps.fetch)
  const routes: HttpRouteHook[] = []
  const platforms: Platform[] = []

  if (config.WOOCOMMERCE_WEBHOOK_SECRET) {
    routes.push(
      wooWebhookRoute({
        secret: config.WOOCOMMERCE_WEBHOOK_SECRET,
        shopSync,
        client: woo,
        log: log.child({ component: 'woocommerce' }),
      }),
    )
  }
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
    if (shopifySecret) {
      routes.push(
        shopifyWebhookRoute({ secret: shopifySecret, client: shopify, shopSync, sql: deps.sql, log: shopifyLog }),
      )
    }
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
    /** Route hooks for `buildServer({ register })`. */
    routes,
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

export type ShopConnectors = ReturnType<typeof createShopConnectors>
