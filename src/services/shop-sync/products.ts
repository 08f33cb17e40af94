/**
 * Products from the shop's own system, with their variants (one Inventory row per SKU) and stock counts. Stock
 * moves through applyStockDelta like every other change, so each change leaves a movement row naming the source.
 * A variant the shop no longer lists keeps its row (movements name it) with no stock.
 */
import { writeAudit } from '../audit.ts'
import type { Tx } from '../db-types.ts'
import { applyStockDelta } from '../stock-movement.ts'
import { contentDigest, later, RecordRejected, type SyncContext, type SyncResult, versionVerdict } from './context.ts'
import type { ProductRecord } from './records.ts'

/** Size stored for a variant without one. */
export const noSize = 'All Size'

const idPrefix: Record<SyncContext['source'], string> = { shop: '', woocommerce: 'WC-', shopify: 'SHOPIFY-' }

/**
 * Layan's id for a new product: the shop's id in the form product ids take here (upper case, letters, digits and
 * dashes), prefixed by the platform, with "-2", "-3" … when another product has it.
 * @example productIdCandidate('shop', 'kaos_hitam') // 'KAOS-HITAM'
 */
export function productIdCandidate(source: SyncContext['source'], externalId: string): string {
  const body = externalId
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
  return `${idPrefix[source]}${body || 'P'}`
}

async function newProductId(tx: Tx, ctx: SyncContext, externalId: string): Promise<string> {
  const base = productIdCandidate(ctx.source, externalId)
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`
    const taken = await tx.product.findUnique({ where: { id }, select: { source: true, externalId: true } })
    if (!taken) return id
  }
  throw new RecordRejected('productId', 'no free product id')
}

/** Upserts a product record with its variants and their stock. */
export async function upsertProduct(tx: Tx, ctx: SyncContext, record: ProductRecord): Promise<SyncResult> {
  const digest = contentDigest(record)
  let held = await tx.product.findUnique({
    where: { source_externalId: { source: ctx.source, externalId: record.productId } },
  })
  const verdict = versionVerdict(held, record.updatedAt, digest)
  if (held && verdict) return { outcome: verdict, id: held.id }

  // Every SKU must be free or already this product's (a product without a source, such as a demo one, yields it).
  const skus = record.variants.map((v) => v.sku)
  const duplicate = skus.find((sku, i) => skus.indexOf(sku) !== i)
  if (duplicate) throw new RecordRejected(`variants.${skus.lastIndexOf(duplicate)}.sku`, 'listed twice')
  const rows = await tx.inventory.findMany({
    where: { sku: { in: skus } },
    include: { product: { select: { id: true, source: true } } },
  })
  for (const row of rows) {
    if (row.productId !== held?.id && row.product.source !== null) {
      throw new RecordRejected(`variants.${skus.indexOf(row.sku)}.sku`, `belongs to product ${row.productId}`)
    }
  }

  const fields = {
    name: record.name,
    nameEn: record.nameEn,
    description: record.description,
    category: record.category,
    price: record.price,
    // 0 or missing: unknown, so a quote weighs the default parcel instead of nothing.
    weightGrams: record.weight || null,
    active: record.active,
  }
  const created = !held
  if (!held) {
    held = await tx.product.create({
      data: {
        id: await newProductId(tx, ctx, record.productId),
        ...fields,
        source: ctx.source,
        externalId: record.productId,
        sourceUpdatedAt: record.updatedAt,
        sourceHash: digest,
      },
    })
  } else {
    await tx.product.update({
      where: { id: held.id },
      data: { ...fields, sourceUpdatedAt: later(held.sourceUpdatedAt, record.updatedAt), sourceHash: digest },
    })
  }
  const productId = held.id
  const stockChanges: string[] = []
  const bySku = new Map(rows.map((r) => [r.sku, r]))
  for (const variant of record.variants) {
    const row = bySku.get(variant.sku)
    const details = {
      productId,
      size: variant.size ?? noSize,
      colour: variant.colour,
      price: variant.price ?? null,
      externalId: variant.externalId ?? null,
      stockItemId: variant.stockItemId ?? null,
    }
    if (!row) {
      await tx.inventory.create({
        data: { sku: variant.sku, ...details, quantity: 0, sourceUpdatedAt: record.updatedAt },
      })
    } else {
      await tx.inventory.update({ where: { sku: variant.sku }, data: details })
    }
    // A count the shop set later (POST /stock, an inventory level) wins over the product's older one.
    const current = row?.quantity ?? 0
    const newer = row?.sourceUpdatedAt && row.sourceUpdatedAt.getTime() > record.updatedAt.getTime()
    if (!newer && variant.stock !== current) {
      await applyStockDelta(tx, {
        sku: variant.sku,
        delta: variant.stock - current,
        reason: `${ctx.source} product update`,
        actor: ctx.actor,
      })
      stockChanges.push(variant.sku)
    }
    if (row && !newer) {
      await tx.inventory.update({ where: { sku: variant.sku }, data: { sourceUpdatedAt: record.updatedAt } })
    }
  }
  // Variants the shop no longer lists: no stock to sell.
  const dropped = await tx.inventory.findMany({
    where: { productId, sku: { notIn: skus }, quantity: { gt: 0 } },
    select: { sku: true, quantity: true },
  })
  for (const row of dropped) {
    await applyStockDelta(tx, {
      sku: row.sku,
      delta: -row.quantity,
      reason: `${ctx.source}: variant no longer listed`,
      actor: ctx.actor,
    })
    stockChanges.push(row.sku)
  }
  await writeAudit(tx, {
    actor: ctx.actor,
    action: created ? 'shop.product.created' : 'shop.product.updated',
    entity: 'Product',
    entityId: productId,
    data: { source: ctx.source, externalId: record.productId, stockChanged: stockChanges },
  })
  return { outcome: created ? 'created' : 'updated', id: productId, changes: stockChanges }
}
