/**
 * The webhook routes of the shop platforms that are configured with a webhook secret (`POST /webhooks/woocommerce`,
 * `POST /webhooks/shopify`), for `buildServer({ register })`. The platforms' clients and secrets come from the app
 * (src/services/shop-sync/platforms.ts); every record goes through the shop-sync service.
 *
 * @example buildServer({ ..., register: [...shopWebhookRoutes({ platforms, shopSync, events, log })] })
 */
import type { Logger } from '../logger.ts'
import type { ProcessedEvents } from '../services/processed-events.ts'
import type { ShopSyncService } from '../services/shop-sync/index.ts'
import type { ShopPlatforms } from '../services/shop-sync/platforms.ts'
import type { HttpRouteHook } from './server.ts'
import { shopifyWebhookRoute } from './webhooks-shopify.ts'
import { wooWebhookRoute } from './webhooks-woocommerce.ts'

export interface ShopWebhookDeps {
  platforms: Pick<ShopPlatforms, 'woo' | 'shopify' | 'webhookSecrets'>
  shopSync: ShopSyncService
  events: Pick<ProcessedEvents, 'isProcessed'>
  log: Logger
}

export function shopWebhookRoutes(deps: ShopWebhookDeps): HttpRouteHook[] {
  const { platforms, shopSync, log } = deps
  const routes: HttpRouteHook[] = []
  if (platforms.webhookSecrets.woocommerce) {
    routes.push(
      wooWebhookRoute({
        secret: platforms.webhookSecrets.woocommerce,
        shopSync,
        client: platforms.woo,
        log: log.child({ component: 'woocommerce' }),
      }),
    )
  }
  if (platforms.shopify && platforms.webhookSecrets.shopify) {
    routes.push(
      shopifyWebhookRoute({
        secret: platforms.webhookSecrets.shopify,
        client: platforms.shopify,
        shopSync,
        events: deps.events,
        log: log.child({ component: 'shopify' }),
      }),
    )
  }
  return routes
}
