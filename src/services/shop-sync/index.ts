/**
 * The one way the shop's own data gets into Layan (`services.shopSync`): the shop API, the CSV importer and the
 * WooCommerce and Shopify connectors all apply records here, so audit, notifications and exactly-once hold alike.
 *
 * Records are applied in transactions of up to `chunkSize` records, each record inside a savepoint: a record that
 * breaks a rule is rolled back alone and reported with its field, the others commit. A dry run applies everything
 * the same way and rolls the whole transaction back, so it reports exactly what would change.
 *
 * @example
 * const results = await services.shopSync.apply([{ type: 'customer', data }], { source: 'shop', actor: 'shop-api', live: true })
 */
import type { Db } from '../../db/client.ts'
import type { Logger } from '../../logger.ts'
import type { Tx } from '../db-types.ts'
import { isDomainError } from '../errors.ts'
import { claimReceipt, type Receipt } from '../receipts.ts'
import type { ShopSource, SyncContext, SyncResult } from './context.ts'
import { upsertCustomer } from './customers.ts'
import { createSyncHealth } from './health.ts'
import { markOrderDeleted, upsertOrder } from './orders.ts'
import { upsertProduct } from './products.ts'
import { parseRecord, type ShopRecord, type ShopRecordType } from './records.ts'
import { applyStockLevel, applyStockRecord, type StockLevelRecord } from './stock.ts'

export type { ShopSource, SyncOutcome, SyncResult } from './context.ts'

export interface ShopSyncDeps {
  prisma: Db
  log: Logger
  now: () => Date
}

export interface ApplyOptions {
  source: ShopSource
  actor: string
  /** Notify customers of what changed (live changes); false for imports and backfills. */
  live: boolean
  /** Records per transaction (default 100). */
  chunkSize?: number
  /** Apply and roll back: the outcomes say what would change. */
  dryRun?: boolean
}

/** What happened to one record of a call, by its position. */
export type ItemResult =
  | ({ index: number; type: ShopRecord['type']; ref: string; ok: true } & SyncResult)
  | {
      index: number
      type: ShopRecord['type']
      ref: string
      ok: false
      error: { code: string; message: string; field?: string }
    }

/** The record's own id, as results name it. */
export function recordRef(record: ShopRecord): string {
  switch (record.type) {
    case 'product':
      return record.data.productId
    case 'customer':
      return record.data.externalId
    case 'order':
      return record.data.orderNumber
    case 'stock':
      return record.data.sku
  }
}

/** A record as it arrived, not yet checked. */
export interface RecordInput {
  type: ShopRecordType
  data: unknown
}

/** The own id an unchecked input names, for its result. */
function inputRef(input: RecordInput): string {
  const data = (input.data ?? {}) as Record<string, unknown>
  const ref = data.productId ?? data.externalId ?? data.orderNumber ?? data.sku ?? ''
  return String(typeof ref === 'string' || typeof ref === 'number' ? ref : '').slice(0, 128)
}

class DryRunRollback extends Error {}

// PGlite runs one transaction at a time, so concurrent writers queue: give them room to wait.
const txOptions = { maxWait: 30_000, timeout: 120_000 }

function applyRecord(tx: Tx, ctx: SyncContext, record: ShopRecord): Promise<SyncResult> {
  switch (record.type) {
    case 'product':
      return upsertProduct(tx, ctx, record.data)
    case 'customer':
      return upsertCustomer(tx, ctx, record.data)
    case 'order':
      return upsertOrder(tx, ctx, record.data)
    case 'stock':
      return applyStockRecord(tx, ctx, record.data)
  }
}

/** A record's failure as a result, or null for failures that are not the record's fault (rethrown). */
function recordError(error: unknown): { code: string; message: string; field?: string } | null {
  if (isDomainError(error)) {
    const field = typeof error.details.field === 'string' ? error.details.field : undefined
    return { code: error.code, message: error.message, ...(field ? { field } : {}) }
  }
  // A unique key another writer took meanwhile (two first deliveries of one record at once).
  if ((error as { code?: string }).code === 'P2002') {
    return { code: 'conflict', message: 'changed by another request at the same time; send it again' }
  }
  return null
}

export function createShopSyncService(deps: ShopSyncDeps) {
  const { prisma, log } = deps
  const health = createSyncHealth(prisma, deps.now)

  function context(options: Pick<ApplyOptions, 'source' | 'actor' | 'live'>, receipt?: Receipt): SyncContext {
    return { ...options, now: deps.now, log, ...(receipt ? { receipt } : {}) }
  }

  /** Applies records in order; one result per record. Errors of the database itself are thrown. */
  async function apply(records: ShopRecord[], options: ApplyOptions): Promise<ItemResult[]> {
    const ctx = context(options)
    const chunkSize = Math.max(1, options.chunkSize ?? 100)
    const results: ItemResult[] = []
    for (let start = 0; start < records.length; start += chunkSize) {
      const chunk = records.slice(start, start + chunkSize)
      const run = async (tx: Tx) => {
        const out: ItemResult[] = []
        for (const [offset, record] of chunk.entries()) {
          const base = { index: start + offset, type: record.type, ref: recordRef(record) }
          await tx.$executeRawUnsafe('SAVEPOINT shop_record')
          try {
            const result = await applyRecord(tx, ctx, record)
            await tx.$executeRawUnsafe('RELEASE SAVEPOINT shop_record')
            out.push({ ...base, ok: true, ...result })
          } catch (error) {
            const failure = recordError(error)
            if (!failure) throw error
            await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT shop_record')
            await tx.$executeRawUnsafe('RELEASE SAVEPOINT shop_record')
            out.push({ ...base, ok: false, error: failure })
          }
        }
        if (options.dryRun) {
          results.push(...out)
          throw new DryRunRollback()
        }
        return out
      }
      try {
        results.push(...(await prisma.$transaction(run, txOptions)))
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error
      }
    }
    return results
  }

  /**
   * Applies one record a webhook delivered, together with the delivery's receipt: a repeat is 'duplicate' and
   * changes nothing; a crash before the commit leaves neither, so the platform's retry is applied.
   * @throws the record's rule failure (RecordRejected, InvalidInput, …); nothing is then recorded
   */
  async function applyDelivery(
    records: ShopRecord[],
    options: Omit<ApplyOptions, 'chunkSize' | 'dryRun'>,
    receipt: Receipt,
  ): Promise<SyncResult[]> {
    const ctx = context(options, receipt)
    return prisma.$transaction(async (tx) => {
      if (!(await claimReceipt(tx, receipt))) return [{ outcome: 'duplicate' as const, id: receipt.eventKey }]
      const out: SyncResult[] = []
      for (const record of records) out.push(await applyRecord(tx, ctx, record))
      return out
    }, txOptions)
  }

  /** An order the shop deleted (a webhook): CANCELLED with the word "deleted", with the delivery's receipt. */
  async function applyOrderDeletion(
    externalId: string,
    options: Omit<ApplyOptions, 'chunkSize' | 'dryRun'>,
    receipt: Receipt,
  ): Promise<SyncResult> {
    const ctx = context(options, receipt)
    return prisma.$transaction(async (tx) => {
      if (!(await claimReceipt(tx, receipt))) return { outcome: 'duplicate' as const, id: receipt.eventKey }
      return markOrderDeleted(tx, ctx, externalId)
    }, txOptions)
  }

  /** Applies inventory levels (Shopify), with the delivery's receipt when a webhook carried them. */
  async function applyStockLevels(
    levels: StockLevelRecord[],
    options: Omit<ApplyOptions, 'chunkSize' | 'dryRun'>,
    receipt?: Receipt,
  ): Promise<SyncResult[]> {
    const ctx = context(options, receipt)
    return prisma.$transaction(async (tx) => {
      if (receipt && !(await claimReceipt(tx, receipt)))
        return [{ outcome: 'duplicate' as const, id: receipt.eventKey }]
      const out: SyncResult[] = []
      for (const level of levels) out.push(await applyStockLevel(tx, ctx, level))
      return out
    }, txOptions)
  }

  /**
   * Checks and applies records as they arrived (a batch, a CSV file, a command on this machine): one result per
   * input, in order; an input that fails its schema is reported with its field (prefixed by `fieldPrefix(index)`).
   */
  async function applyInputs(
    inputs: readonly RecordInput[],
    options: ApplyOptions & { fieldPrefix?: (index: number) => string },
  ): Promise<ItemResult[]> {
    const parsed = inputs.map((input, index) => ({ index, input, parsed: parseRecord(input.type, input.data) }))
    const valid = parsed.flatMap((p) => (p.parsed.ok ? [{ index: p.index, record: p.parsed.record }] : []))
    const applied = await apply(
      valid.map((v) => v.record),
      options,
    )
    const results: ItemResult[] = new Array(inputs.length)
    for (const [n, result] of applied.entries()) {
      const index = valid[n]?.index ?? n
      results[index] = { ...result, index }
    }
    for (const p of parsed) {
      if (p.parsed.ok) continue
      const field = options.fieldPrefix ? `${options.fieldPrefix(p.index)}${p.parsed.field}` : p.parsed.field
      results[p.index] = {
        index: p.index,
        type: p.input.type,
        ref: inputRef(p.input),
        ok: false,
        error: { code: 'invalid_input', message: `${p.parsed.field}: ${p.parsed.message}`, field },
      }
    }
    return results
  }

  return { apply, applyInputs, applyDelivery, applyOrderDeletion, applyStockLevels, health }
}

export type ShopSyncService = ReturnType<typeof createShopSyncService>
