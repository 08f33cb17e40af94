/**
 * The shop platforms' API clients, chosen by the settings: WooCommerce's REST client when its address and keys are
 * set, Shopify's Admin API client when the shop and a way to authenticate are set; null otherwise.
 *
 * @example const woo = wooClientFrom(config) // WooClient | null
 */
import type { Config } from '../../config.ts'
import { createShopifyClient, type ShopifyClient } from './shopify/client.ts'
import { createWooClient, type WooClient } from './woocommerce/client.ts'

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
