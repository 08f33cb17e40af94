/**
 * WooCommerce's backfill pages (products with their variations, customers, orders) and its reconcile: every
 * product and order modified since the last reconcile looked (with a few minutes' overlap), applied live, so a
 * webhook WooCommerce failed to deliver (it gives up and disables a webhook after repeated failures) is healed.
 */

import type { WooClient } from '../../../gateways/shop-platforms/woocommerce/client.ts'
import type { WooProduct } from '../../../gateways/shop-platforms/woocommerce/payloads.ts'
import type { Logger } from '../../../logger.ts'
import type { BackfillSource } from '../backfill.ts'
import type { ShopSyncService } from '../index.ts'
import { customerInput, orderInput, productInput } from './mapping.ts'

/** How far before the last reconcile's time the next one looks again (clock skew, slow commits). */
export const reconcileOverlapMs = 5 * 60_000

/** A product as a record, a variable one with its variations read from WooCommerce. @throws PlatformError */
export async function wooProductInput(client: WooClient, product: WooProduct) {
  const variations = product.type === 'variable' ? await client.variations(product.id) : []
  return productInput(product, variations)
}

async function productInputs(client: WooClient, products: WooProduct[]) {
  const inputs = []
  for (const product of products) inputs.push(await wooProductInput(client, product))
  return inputs
}

export function wooBackfillSource(client: WooClient): BackfillSource {
  return {
    source: 'woocommerce',
    kinds: ['products', 'customers', 'orders'],
    async page(kind, position) {
      const number = position ? Number(position) : 1
      if (kind === 'products') {
        const page = await client.list('products', { page: number })
        return {
          inputs: await productInputs(client, page.items),
          next: number < page.totalPages ? String(number + 1) : null,
          total: page.total,
        }
      }
      if (kind === 'customers') {
        const page = await client.list('customers', { page: number })
        return {
          inputs: page.items.map(customerInput),
          next: number < page.totalPages ? String(number + 1) : null,
          total: page.total,
        }
      }
      const page = await client.list('orders', { page: number })
      return {
        inputs: page.items.flatMap((o) => orderInput(o) ?? []),
        next: number < page.totalPages ? String(number + 1) : null,
        total: page.total,
      }
    },
  }
}

export interface ReconcileResult {
  since: Date
  applied: number
  changed: number
  failed: number
}

/** One reconcile pass (the server runs it periodically). @throws PlatformError when WooCommerce cannot be asked */
export async function reconcileWoo(deps: {
  client: WooClient
  shopSync: ShopSyncService
  log: Logger
  now: () => Date
}): Promise<ReconcileResult> {
  const health = await deps.shopSync.health.read('woocommerce')
  const startedAt = deps.now()
  const last = health?.reconciledUpTo ?? health?.backfillDoneAt ?? new Date(startedAt.getTime() - 24 * 3600_000)
  const since = new Date(last.getTime() - reconcileOverlapMs)
  const result: ReconcileResult = { since, applied: 0, changed: 0, failed: 0 }
  const options = { source: 'woocommerce' as const, actor: 'reconcile:woocommerce', live: true }
  for (const kind of ['products', 'orders'] as const) {
    for (let page = 1; ; page++) {
      const listed =
        kind === 'products'
          ? await deps.client.list('products', { page, modifiedAfter: since })
          : await deps.client.list('orders', { page, modifiedAfter: since })
      const inputs =
        kind === 'products'
          ? await productInputs(deps.client, listed.items as WooProduct[])
          : (listed.items as Parameters<typeof orderInput>[0][]).flatMap((o) => orderInput(o) ?? [])
      const results = await deps.shopSync.applyInputs(inputs, options)
      for (const r of results) {
        result.applied += 1
        if (!r.ok) {
          result.failed += 1
          deps.log.warn({ kind, ref: r.ref, error: r.error }, 'woocommerce record refused in reconcile')
        } else if (r.outcome === 'created' || r.outcome === 'updated') result.changed += 1
      }
      if (page >= listed.totalPages) break
    }
  }
  await deps.shopSync.health.reconciled('woocommerce', startedAt)
  return result
}
