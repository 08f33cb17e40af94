/**
 * Shopify's backfill pages (products with their inventory levels, customers, orders; cursors saved so an
 * interrupted backfill resumes) and its reconcile: products and orders updated since the last reconcile looked
 * (with a few minutes' overlap), applied live, which heals webhooks Shopify gave up on.
 */

import type { ShopifyClient } from '../../../gateways/shop-platforms/shopify/client.ts'
import {
  customersAnswer,
  customersQuery,
  ordersAnswer,
  ordersQuery,
  productsAnswer,
  productsQuery,
} from '../../../gateways/shop-platforms/shopify/queries.ts'
import type { Logger } from '../../../logger.ts'
import type { BackfillSource } from '../backfill.ts'
import type { ShopSyncService } from '../index.ts'
import { reconcileOverlapMs } from '../woocommerce/sync.ts'
import { customerInput, orderInput, productInput } from './mapping.ts'

/** Items per page: products carry up to 100 variants each, so fewer of them. */
const pageSizes = { products: 25, customers: 100, orders: 50 } as const

async function productsPage(client: ShopifyClient, after: string | null, query: string | null) {
  const answer = await client.query(productsQuery, { first: pageSizes.products, after, query }, productsAnswer)
  const mapped = answer.products.nodes.map(productInput)
  return {
    inputs: mapped.map((m) => m.input),
    levels: mapped.flatMap((m) => m.levels),
    next: answer.products.pageInfo.hasNextPage ? (answer.products.pageInfo.endCursor ?? null) : null,
  }
}

async function ordersPage(client: ShopifyClient, after: string | null, query: string | null) {
  const answer = await client.query(ordersQuery, { first: pageSizes.orders, after, query }, ordersAnswer)
  return {
    inputs: answer.orders.nodes.map(orderInput),
    next: answer.orders.pageInfo.hasNextPage ? (answer.orders.pageInfo.endCursor ?? null) : null,
  }
}

export function shopifyBackfillSource(client: ShopifyClient): BackfillSource {
  return {
    source: 'shopify',
    kinds: ['products', 'customers', 'orders'],
    async page(kind, position) {
      if (kind === 'products') return productsPage(client, position, null)
      if (kind === 'customers') {
        const answer = await client.query(
          customersQuery,
          { first: pageSizes.customers, after: position, query: null },
          customersAnswer,
        )
        return {
          inputs: answer.customers.nodes.map(customerInput),
          next: answer.customers.pageInfo.hasNextPage ? (answer.customers.pageInfo.endCursor ?? null) : null,
        }
      }
      return ordersPage(client, position, null)
    },
  }
}

export interface ReconcileResult {
  since: Date
  applied: number
  changed: number
  failed: number
}

/** One reconcile pass. @throws PlatformError when Shopify cannot be asked */
export async function reconcileShopify(deps: {
  client: ShopifyClient
  shopSync: ShopSyncService
  log: Logger
  now: () => Date
}): Promise<ReconcileResult> {
  const health = await deps.shopSync.health.read('shopify')
  const startedAt = deps.now()
  const last = health?.reconciledUpTo ?? health?.backfillDoneAt ?? new Date(startedAt.getTime() - 24 * 3600_000)
  const since = new Date(last.getTime() - reconcileOverlapMs)
  const filter = `updated_at:>'${since.toISOString()}'`
  const result: ReconcileResult = { since, applied: 0, changed: 0, failed: 0 }
  const options = { source: 'shopify' as const, actor: 'reconcile:shopify', live: true }
  for (const kind of ['products', 'orders'] as const) {
    let cursor: string | null = null
    do {
      const page: {
        inputs: Parameters<ShopSyncService['applyInputs']>[0]
        levels?: ReturnType<typeof productInput>['levels']
        next: string | null
      } =
        kind === 'products'
          ? await productsPage(deps.client, cursor, filter)
          : await ordersPage(deps.client, cursor, filter)
      const results = await deps.shopSync.applyInputs(page.inputs, options)
      if (page.levels?.length) {
        await deps.shopSync.applyStockLevels(
          page.levels.map((l) => ({ ...l, updatedAt: new Date(l.updatedAt) })),
          options,
        )
      }
      for (const r of results) {
        result.applied += 1
        if (!r.ok) {
          result.failed += 1
          deps.log.warn({ kind, ref: r.ref, error: r.error }, 'shopify record refused in reconcile')
        } else if (r.outcome === 'created' || r.outcome === 'updated') result.changed += 1
      }
      cursor = page.next
    } while (cursor)
  }
  await deps.shopSync.health.reconciled('shopify', startedAt)
  return result
}
