/**
 * `POST /webhooks/woocommerce`: WooCommerce's webhooks (order.created, order.updated, order.deleted,
 * product.created, product.updated, customer.created, customer.updated). Mounted when WOOCOMMERCE_WEBHOOK_SECRET is
 * set.
 *
 * - `X-WC-Webhook-Signature` must be the base64 HMAC-SHA256 of the raw body with the webhook secret (401 and no
 *   change otherwise), except WooCommerce's unsigned ping when a webhook is saved (a form body `webhook_id=N`),
 *   answered 200 with nothing changed: WooCommerce disables a webhook whose ping is refused.
 * - The record is applied before the answer, together with the delivery's receipt (the topic and a digest of the
 *   body) in one transaction: a repeat is `duplicate`; a crash before the commit leaves neither, so the retry is
 *   applied. An older version than the one held is `stale` and changes nothing.
 * - A record Layan refuses (a rule of the data) is answered 200 `refused`, logged and counted in the sync health:
 *   WooCommerce retrying it would not help, and failures disable the webhook.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { WooClient } from '../gateways/shop-platforms/woocommerce/client.ts'
import {
  wooCustomerSchema,
  wooDeletedSchema,
  wooOrderSchema,
  wooProductSchema,
} from '../gateways/shop-platforms/woocommerce/payloads.ts'
import type { Logger } from '../logger.ts'
import { isDomainError } from '../services/errors.ts'
import type { RecordInput, ShopSyncService, SyncResult } from '../services/shop-sync/index.ts'
import { parseRecord } from '../services/shop-sync/records.ts'
import { customerInput, orderInput, productInput } from '../services/shop-sync/woocommerce/mapping.ts'
import { wooProductInput } from '../services/shop-sync/woocommerce/sync.ts'
import { unauthorized } from './errors.ts'
import type { HttpRouteHook } from './server.ts'
import { verifyBase64Hmac } from './webhook-signature.ts'

export const wooWebhookPath = '/webhooks/woocommerce'
const maxBodyBytes = 1024 * 1024

export interface WooWebhookOptions {
  /** WOOCOMMERCE_WEBHOOK_SECRET. */
  secret: string
  shopSync: Pick<ShopSyncService, 'applyDelivery' | 'applyOrderDeletion' | 'health'>
  /** The REST client, to read a variable product's variations (absent: such a product is skipped). */
  client?: WooClient | null
  log: Logger
}

export type WooWebhookResult = SyncResult['outcome'] | 'ping' | 'ignored' | 'refused'

/** WooCommerce's ping when a webhook is saved: `webhook_id=N`, unsigned. */
export function isWooPing(body: Buffer): boolean {
  return body.length < 64 && /^webhook_id=\d+$/.test(body.toString('utf8').trim())
}

export function wooWebhookRoute(options: WooWebhookOptions): HttpRouteHook {
  const { log, shopSync } = options
  return (app: FastifyInstance) => {
    // Raw bytes for every content type on this route: the signature covers the body exactly as sent.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, done) => {
      done(null, body)
    })

    // A platform delivers in bursts from few addresses (a bulk edit, a backlog after downtime): the per-IP limit of
    // the rest of the server would make it retry and then give up; only correctly signed bodies cost any work.
    const routeOptions = { bodyLimit: maxBodyBytes, config: { rateLimit: { max: 1000, timeWindow: 60_000 } } }
    app.post(wooWebhookPath, routeOptions, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      const signature = request.headers['x-wc-webhook-signature']
      const answer = (result: WooWebhookResult) => reply.code(200).send({ success: true, result })
      if (signature === undefined && isWooPing(body)) {
        log.info('woocommerce webhook ping answered')
        return answer('ping')
      }
      if (!verifyBase64Hmac(body, options.secret, signature)) {
        log.warn({ signed: signature !== undefined }, 'woocommerce webhook refused: bad or missing signature')
        throw unauthorized()
      }
      const topic = String(request.headers['x-wc-webhook-topic'] ?? '')
      let json: unknown
      try {
        json = JSON.parse(body.toString('utf8'))
      } catch {
        log.warn({ topic }, 'signed woocommerce webhook body is not JSON; ignored')
        return answer('ignored')
      }
      const receipt = {
        source: 'woocommerce',
        eventKey: `${topic}:${createHash('sha256').update(body).digest('base64url')}`,
      }
      const live = { source: 'woocommerce' as const, actor: 'webhook:woocommerce', live: true }
      try {
        const result = await applyTopic(topic, json)
        if (result !== 'ignored' && result !== 'refused') await shopSync.health.webhookApplied('woocommerce')
        return answer(result)
      } catch (error) {
        if (!isDomainError(error)) throw error
        log.warn({ topic, error: error.message }, 'woocommerce webhook record refused')
        await shopSync.health.failed('woocommerce', `webhook ${topic}: ${error.message}`)
        return answer('refused')
      }

      async function applyInput(input: RecordInput | null) {
        if (!input) return 'ignored' as const
        const parsed = parseRecord(input.type, input.data)
        if (!parsed.ok) {
          log.warn({ topic, field: parsed.field, error: parsed.message }, 'woocommerce webhook record refused')
          await shopSync.health.failed('woocommerce', `webhook ${topic}: ${parsed.field}: ${parsed.message}`)
          return 'refused' as const
        }
        const [result] = await shopSync.applyDelivery([parsed.record], live, receipt)
        return result?.outcome ?? 'unchanged'
      }

      async function applyTopic(topic: string, json: unknown): Promise<WooWebhookResult> {
        switch (topic) {
          case 'order.created':
          case 'order.updated': {
            const order = wooOrderSchema.safeParse(json)
            if (!order.success) return shapeRefused(topic)
            return applyInput(orderInput(order.data))
          }
          case 'order.deleted': {
            const deleted = wooDeletedSchema.safeParse(json)
            if (!deleted.success) return shapeRefused(topic)
            return (await shopSync.applyOrderDeletion(String(deleted.data.id), live, receipt)).outcome
          }
          case 'product.created':
          case 'product.updated': {
            const product = wooProductSchema.safeParse(json)
            if (!product.success) return shapeRefused(topic)
            if (product.data.type === 'variable') {
              if (!options.client) {
                log.warn({ id: product.data.id }, 'variable product skipped: its variations need the REST API keys')
                return 'ignored'
              }
              // Unreachable WooCommerce throws: 500, and WooCommerce delivers it again later.
              return applyInput(await wooProductInput(options.client, product.data))
            }
            return applyInput(productInput(product.data))
          }
          case 'customer.created':
          case 'customer.updated': {
            const customer = wooCustomerSchema.safeParse(json)
            if (!customer.success) return shapeRefused(topic)
            return applyInput(customerInput(customer.data))
          }
          default:
            log.info({ topic: topic.slice(0, 60) }, 'woocommerce webhook topic not used; ignored')
            return 'ignored'
        }
      }

      async function shapeRefused(topic: string): Promise<'refused'> {
        log.warn({ topic }, 'signed woocommerce webhook of an unexpected shape; refused')
        await shopSync.health.failed('woocommerce', `webhook ${topic}: unexpected shape`)
        return 'refused'
      }
    })
  }
}
