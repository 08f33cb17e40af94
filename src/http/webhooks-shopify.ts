/**
 * `POST /webhooks/shopify`: Shopify's webhooks (orders/create, orders/updated, fulfillments/create,
 * products/create, products/update, inventory_levels/update). Mounted when Shopify is configured.
 *
 * - `X-Shopify-Hmac-Sha256` must be the base64 HMAC-SHA256 of the raw body with the app's client secret (or
 *   SHOPIFY_WEBHOOK_SECRET): otherwise 401 and nothing changes.
 * - Repeats are dropped by `X-Shopify-Webhook-Id`: the id is the delivery's receipt, committed with its effect.
 * - An order or product webhook names the resource; Layan reads it back through the Admin API (the current
 *   version, with everything the webhook alone lacks, such as a fulfillment's order) and applies it live. When
 *   Shopify cannot be asked the answer is 503 and nothing is recorded, so Shopify delivers it again.
 * - An inventory level (item and location) is stored and the SKU's stock becomes the sum of its locations.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { PlatformError } from '../gateways/shop-platforms/http.ts'
import type { ShopifyClient } from '../gateways/shop-platforms/shopify/client.ts'
import type { Logger } from '../logger.ts'
import { isDomainError } from '../services/errors.ts'
import type { ProcessedEvents } from '../services/processed-events.ts'
import type { RecordInput, ShopSyncService, SyncResult } from '../services/shop-sync/index.ts'
import { parseRecord } from '../services/shop-sync/records.ts'
import { readShopifyOrder, readShopifyProduct } from '../services/shop-sync/shopify/read-back.ts'
import { HttpError, unauthorized } from './errors.ts'
import type { HttpRouteHook } from './server.ts'
import { verifyBase64Hmac } from './webhook-signature.ts'

export const shopifyWebhookPath = '/webhooks/shopify'
const maxBodyBytes = 1024 * 1024

export interface ShopifyWebhookOptions {
  /** SHOPIFY_WEBHOOK_SECRET, else SHOPIFY_CLIENT_SECRET. */
  secret: string
  client: ShopifyClient
  shopSync: Pick<ShopSyncService, 'applyDelivery' | 'applyStockLevels' | 'health'>
  /** Repeat detection (the delivery's receipt is written with its effect by the shop-sync service). */
  events: Pick<ProcessedEvents, 'isProcessed'>
  log: Logger
}

export type ShopifyWebhookResult = SyncResult['outcome'] | 'ignored' | 'refused'

const idOf = z.looseObject({ id: z.union([z.number(), z.string()]) })
const fulfillmentPayload = z.looseObject({ order_id: z.union([z.number(), z.string()]) })
const levelPayload = z.looseObject({
  inventory_item_id: z.union([z.number(), z.string()]),
  location_id: z.union([z.number(), z.string()]),
  available: z.number().int().nullable(),
  updated_at: z.string(),
})

export function shopifyWebhookRoute(options: ShopifyWebhookOptions): HttpRouteHook {
  const { log, shopSync, client } = options
  return (app: FastifyInstance) => {
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, done) => {
      done(null, body)
    })

    // A platform delivers in bursts from few addresses (a bulk edit, a backlog after downtime): the per-IP limit of
    // the rest of the server would make it retry and then give up; only correctly signed bodies cost any work.
    const routeOptions = { bodyLimit: maxBodyBytes, config: { rateLimit: { max: 1000, timeWindow: 60_000 } } }
    app.post(shopifyWebhookPath, routeOptions, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      const signature = request.headers['x-shopify-hmac-sha256']
      if (!verifyBase64Hmac(body, options.secret, signature)) {
        log.warn({ signed: signature !== undefined }, 'shopify webhook refused: bad or missing signature')
        throw unauthorized()
      }
      const answer = (result: ShopifyWebhookResult) => reply.code(200).send({ success: true, result })
      const topic = String(request.headers['x-shopify-topic'] ?? '')
      const webhookId = String(request.headers['x-shopify-webhook-id'] ?? '').slice(0, 200)
      const receipt = {
        source: 'shopify',
        eventKey: webhookId || `body:${createHash('sha256').update(body).digest('base64url')}`,
      }
      if (await options.events.isProcessed(receipt.source, receipt.eventKey)) return answer('duplicate')
      let json: unknown
      try {
        json = JSON.parse(body.toString('utf8'))
      } catch {
        log.warn({ topic }, 'signed shopify webhook body is not JSON; ignored')
        return answer('ignored')
      }
      const live = { source: 'shopify' as const, actor: 'webhook:shopify', live: true }

      async function applyInput(input: RecordInput) {
        const parsed = parseRecord(input.type, input.data)
        if (!parsed.ok) {
          log.warn({ topic, field: parsed.field, error: parsed.message }, 'shopify webhook record refused')
          await shopSync.health.failed('shopify', `webhook ${topic}: ${parsed.field}: ${parsed.message}`)
          return 'refused' as const
        }
        const [result] = await shopSync.applyDelivery([parsed.record], live, receipt)
        return result?.outcome ?? 'unchanged'
      }

      async function applyOrder(orderId: string | number): Promise<ShopifyWebhookResult> {
        const input = await readShopifyOrder(client, orderId)
        return input ? applyInput(input) : 'ignored'
      }

      async function applyTopic(): Promise<ShopifyWebhookResult> {
        switch (topic) {
          case 'orders/create':
          case 'orders/updated': {
            const payload = idOf.safeParse(json)
            return payload.success ? applyOrder(payload.data.id) : shapeRefused()
          }
          case 'fulfillments/create':
          case 'fulfillments/update': {
            const payload = fulfillmentPayload.safeParse(json)
            return payload.success ? applyOrder(payload.data.order_id) : shapeRefused()
          }
          case 'products/create':
          case 'products/update': {
            const payload = idOf.safeParse(json)
            if (!payload.success) return shapeRefused()
            const mapped = await readShopifyProduct(client, payload.data.id)
            if (!mapped) return 'ignored'
            const outcome = await applyInput(mapped.input)
            if (outcome !== 'refused' && outcome !== 'duplicate' && mapped.levels.length) {
              await shopSync.applyStockLevels(
                mapped.levels.map((l) => ({ ...l, updatedAt: new Date(l.updatedAt) })),
                live,
              )
            }
            return outcome
          }
          case 'inventory_levels/update': {
            const payload = levelPayload.safeParse(json)
            if (!payload.success || Number.isNaN(Date.parse(payload.data.updated_at))) return shapeRefused()
            const level = {
              stockItemId: String(payload.data.inventory_item_id),
              locationId: String(payload.data.location_id),
              available: payload.data.available ?? 0,
              updatedAt: new Date(payload.data.updated_at),
            }
            const [result] = await shopSync.applyStockLevels([level], live, receipt)
            return result?.outcome ?? 'unchanged'
          }
          default:
            log.info({ topic: topic.slice(0, 60) }, 'shopify webhook topic not used; ignored')
            return 'ignored'
        }
      }

      async function shapeRefused(): Promise<'refused'> {
        log.warn({ topic }, 'signed shopify webhook of an unexpected shape; refused')
        await shopSync.health.failed('shopify', `webhook ${topic}: unexpected shape`)
        return 'refused'
      }

      try {
        const result = await applyTopic()
        if (result !== 'ignored' && result !== 'refused') await shopSync.health.webhookApplied('shopify')
        return answer(result)
      } catch (error) {
        if (error instanceof PlatformError) {
          log.warn({ topic, error: error.message }, 'shopify could not be asked; the webhook will be delivered again')
          await shopSync.health.failed('shopify', error.message).catch(() => undefined)
          throw new HttpError(503, 'platform_unavailable', 'Shopify could not be asked; deliver again later')
        }
        if (!isDomainError(error)) throw error
        log.warn({ topic, error: error.message }, 'shopify webhook record refused')
        await shopSync.health.failed('shopify', `webhook ${topic}: ${error.message}`)
        return answer('refused')
      }
    })
  }
}
