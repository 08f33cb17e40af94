/**
 * The shop API, `/api/shop/*`: how the shop's own system of record pushes its catalogue, customers, orders and
 * stock into Layan. Server-to-server, behind its own `Authorization: Bearer <SHOP_API_TOKEN>` (never the bot
 * token); mounted only when that token is set. Every write is an idempotent upsert by the shop's own id carrying
 * the shop's `updatedAt`: an older version never overwrites a newer one, the same content again changes nothing.
 *
 * | route                              | what                                                                |
 * |------------------------------------|---------------------------------------------------------------------|
 * | PUT  /api/shop/products/:productId | a product with its variants (SKU, size, colour, stock)              |
 * | PUT  /api/shop/customers/:externalId | a customer (phone or email may be missing)                        |
 * | PUT  /api/shop/orders/:orderNumber | an order with items, payment and shipments                          |
 * | POST /api/shop/stock               | set or adjust stock counts, with a reason                           |
 * | POST /api/shop/batch               | up to 500 of the above for a first import (never notifies anyone)    |
 * | GET  /api/shop/sync                | how each connected system's sync is doing                           |
 *
 * Single writes are live: a payment that becomes paid and a parcel of a shipped order reach the customer as if
 * made here. A batch item that breaks a rule is rolled back alone and reported with its field.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Services } from '../services/index.ts'
import { shopSources } from '../services/shop-sync/context.ts'
import type { ItemResult } from '../services/shop-sync/index.ts'
import {
  customerRecordSchema,
  externalIdSchema,
  orderNumberSchema,
  orderRecordSchema,
  productRecordSchema,
  type ShopRecord,
  stockRecordSchema,
} from '../services/shop-sync/records.ts'
import { bearerToken, requireSecret } from './auth.ts'
import { errorResponseSchema, HttpError } from './errors.ts'

export interface ShopApiDeps {
  services: Pick<Services, 'shopSync'>
  /** SHOP_API_TOKEN. */
  token: string
}

/** Records one batch may carry. */
export const maxBatchItems = 500
/** The batch route's own body limit (the server's default is 64 KiB). */
export const batchBodyLimit = 16 * 1024 * 1024
/** Stock changes one call may carry, and its body limit. */
const maxStockChanges = 500
const stockBodyLimit = 1024 * 1024

const actor = 'shop-api'
const meta = { tags: ['shop'], security: [{ shopToken: [] }] }
const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  413: errorResponseSchema,
  429: errorResponseSchema,
  500: errorResponseSchema,
}

const outcome = z
  .enum(['created', 'updated', 'unchanged', 'stale'])
  .describe('stale: the shop sent an older version than the one held; nothing changed')

const itemResultSchema = z.object({
  index: z.number().int(),
  type: z.enum(['product', 'customer', 'order', 'stock']),
  ref: z.string().describe("The record's own id: productId, customer externalId, orderNumber or SKU"),
  ok: z.boolean(),
  outcome: outcome.optional(),
  id: z.string().optional().describe("Layan's id of the record"),
  changes: z.array(z.string()).optional(),
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).optional(),
})

function toItemJson(result: ItemResult) {
  if (!result.ok) {
    return {
      index: result.index,
      type: result.type,
      ref: result.ref,
      ok: false,
      outcome: undefined,
      error: result.error,
    }
  }
  const { index, type, ref, outcome: done, id, changes } = result
  return {
    index,
    type,
    ref,
    ok: true,
    outcome: done === 'duplicate' ? ('unchanged' as const) : done,
    id,
    ...(changes?.length ? { changes } : {}),
  }
}

function counts(results: ReturnType<typeof toItemJson>[]) {
  const tally = { created: 0, updated: 0, unchanged: 0, stale: 0, failed: 0 }
  for (const r of results) {
    if (!r.ok) tally.failed += 1
    else if (r.outcome) tally[r.outcome] += 1
  }
  return tally
}

export function shopApiRoutes(deps: ShopApiDeps): FastifyPluginAsyncZod {
  const { shopSync } = deps.services
  const live = { source: 'shop' as const, actor, live: true }

  /** Applies one live record; its result, or its rule failure as a 400 naming the field. */
  async function applyOne(record: ShopRecord) {
    const [result] = await shopSync.apply([record], { ...live, chunkSize: 1 })
    if (!result) throw new HttpError(500, 'internal_error', 'Internal server error')
    if (!result.ok) throw new HttpError(400, result.error.code, result.error.message, result.error.field)
    return { outcome: result.outcome === 'duplicate' ? ('unchanged' as const) : result.outcome, id: result.id }
  }

  return async (app) => {
    app.addHook('preParsing', requireSecret(deps.token, bearerToken))

    app.put(
      '/products/:productId',
      {
        schema: {
          ...meta,
          summary: 'Create or update a product with its variants and stock',
          params: z.object({ productId: externalIdSchema }),
          body: productRecordSchema.omit({ productId: true }),
          response: {
            200: z.object({
              success: z.literal(true),
              outcome,
              product: z.object({ id: z.string(), productId: z.string(), skus: z.array(z.string()) }),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const data = { ...request.body, productId: request.params.productId }
        const result = await applyOne({ type: 'product', data })
        return {
          success: true as const,
          outcome: result.outcome,
          product: { id: result.id, productId: data.productId, skus: data.variants.map((v) => v.sku) },
        }
      },
    )

    app.put(
      '/customers/:externalId',
      {
        schema: {
          ...meta,
          summary: 'Create or update a customer (phone in any Indonesian form; phone or email may be missing)',
          params: z.object({ externalId: externalIdSchema }),
          body: customerRecordSchema.omit({ externalId: true }),
          response: {
            200: z.object({
              success: z.literal(true),
              outcome,
              customer: z.object({ id: z.string(), externalId: z.string() }),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const data = { ...request.body, externalId: request.params.externalId }
        const result = await applyOne({ type: 'customer', data })
        return {
          success: true as const,
          outcome: result.outcome,
          customer: { id: result.id, externalId: data.externalId },
        }
      },
    )

    app.put(
      '/orders/:orderNumber',
      {
        schema: {
          ...meta,
          summary: 'Create or update an order with its items, payment and shipments',
          params: z.object({ orderNumber: orderNumberSchema }),
          body: orderRecordSchema.omit({ orderNumber: true }),
          response: {
            200: z.object({
              success: z.literal(true),
              outcome,
              order: z.object({ id: z.string(), orderNumber: z.string() }),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const data = { ...request.body, orderNumber: request.params.orderNumber }
        const result = await applyOne({ type: 'order', data })
        return {
          success: true as const,
          outcome: result.outcome,
          order: { id: result.id, orderNumber: data.orderNumber },
        }
      },
    )

    app.post(
      '/stock',
      {
        bodyLimit: stockBodyLimit,
        schema: {
          ...meta,
          summary: 'Set (quantity) or adjust (adjust + movementId) stock counts by SKU, with a reason',
          body: z.object({ changes: z.array(stockRecordSchema).min(1).max(maxStockChanges) }),
          response: {
            200: z.object({
              success: z.literal(true),
              results: z.array(itemResultSchema),
              counts: z.record(z.string(), z.number().int()),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const records = request.body.changes.map((data) => ({ type: 'stock' as const, data }))
        const results = (await shopSync.apply(records, live)).map(toItemJson)
        return { success: true as const, results, counts: counts(results) }
      },
    )

    app.post(
      '/batch',
      {
        bodyLimit: batchBodyLimit,
        schema: {
          ...meta,
          summary: `Up to ${maxBatchItems} records of any kind for a first import; nobody is notified`,
          body: z.object({
            items: z
              .array(
                z.object({
                  type: z.enum(['product', 'customer', 'order', 'stock']),
                  data: z.record(z.string(), z.unknown()).describe('The body of the single route, with its id'),
                }),
              )
              .min(1)
              .max(maxBatchItems),
          }),
          response: {
            200: z.object({
              success: z.literal(true),
              results: z.array(itemResultSchema),
              counts: z.record(z.string(), z.number().int()),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const results = (
          await shopSync.applyInputs(request.body.items, {
            source: 'shop',
            actor: `${actor}:batch`,
            live: false,
            fieldPrefix: (index) => `items.${index}.data.`,
          })
        ).map(toItemJson)
        return { success: true as const, results, counts: counts(results) }
      },
    )

    app.get(
      '/sync',
      {
        schema: {
          ...meta,
          summary: 'Sync health of each connected system: last webhook, last reconcile, errors',
          response: {
            200: z.object({
              success: z.literal(true),
              sources: z.array(
                z.object({
                  source: z.string(),
                  lastWebhookAt: z.string().nullable(),
                  lastReconcileAt: z.string().nullable(),
                  reconciledUpTo: z.string().nullable(),
                  lastErrorAt: z.string().nullable(),
                  lastError: z.string().nullable(),
                  errorCount: z.number().int(),
                  backfillDoneAt: z.string().nullable(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async () => {
        const iso = (d: Date | null) => (d ? d.toISOString() : null)
        const sources = []
        for (const source of shopSources) {
          const h = await shopSync.health.read(source)
          if (!h) continue
          sources.push({
            source,
            lastWebhookAt: iso(h.lastWebhookAt),
            lastReconcileAt: iso(h.lastReconcileAt),
            reconciledUpTo: iso(h.reconciledUpTo),
            lastErrorAt: iso(h.lastErrorAt),
            lastError: h.lastError,
            errorCount: h.errorCount,
            backfillDoneAt: iso(h.backfillDoneAt),
          })
        }
        return { success: true as const, sources }
      },
    )
  }
}
