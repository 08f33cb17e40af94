/**
 * Where a command on this machine puts the shop's data (the CSV importer, `npm run sync`, `npm run demo:remove`):
 * straight into the database through the shop-sync service, or, when a running server holds the embedded
 * database (its only writer), into that server through its local control routes (src/http/shop-local-routes.ts).
 * Either way the records go through the same checks and the same service.
 */
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import { type DemoRemovalReport, removeDemoData } from '../services/demo-removal.ts'
import type { ShopSource } from '../services/shop-sync/context.ts'
import type { ItemResult, RecordInput, ShopSyncService } from '../services/shop-sync/index.ts'

export interface SinkApplyOptions {
  source: ShopSource
  actor: string
  dryRun?: boolean
}

/** One inventory level as a platform reports it, not yet checked. */
export interface StockLevelInput {
  stockItemId: string
  locationId: string
  available: number
  updatedAt: string
}

export const stockLevelInputSchema = z.object({
  stockItemId: z.string().min(1).max(128),
  locationId: z.string().min(1).max(128),
  available: z.number().int().min(-1_000_000).max(1_000_000),
  updatedAt: z.iso.datetime({ offset: true }),
})

export interface ShopSink {
  /** "local", or the address of the server that applies the records. */
  where: string
  /** Applies records as a bulk load (nobody is notified); one result per input. */
  applyInputs(inputs: RecordInput[], options: SinkApplyOptions): Promise<ItemResult[]>
  applyStockLevels(levels: StockLevelInput[], options: SinkApplyOptions): Promise<void>
  backfillState(source: ShopSource): Promise<{ state: Record<string, unknown>; done: boolean }>
  saveBackfill(source: ShopSource, state: Record<string, unknown>, done: boolean): Promise<void>
  reportFailure(source: ShopSource, message: string): Promise<void>
  removeDemo(dryRun: boolean): Promise<DemoRemovalReport>
}

/** The sink of a process that has the database open itself. */
export function localSink(shopSync: ShopSyncService, prisma: Db): ShopSink {
  return {
    where: 'local',
    applyInputs: (inputs, options) => shopSync.applyInputs(inputs, { ...options, live: false }),
    async applyStockLevels(levels, options) {
      await shopSync.applyStockLevels(
        levels.map((l) => {
          const level = stockLevelInputSchema.parse(l)
          return { ...level, updatedAt: new Date(level.updatedAt) }
        }),
        { ...options, live: false },
      )
    },
    async backfillState(source) {
      const { state, doneAt } = await shopSync.health.backfillState(source)
      return { state, done: doneAt !== null }
    },
    saveBackfill: (source, state, done) => shopSync.health.saveBackfill(source, state, done),
    reportFailure: (source, message) => shopSync.health.failed(source, message),
    removeDemo: (dryRun) => removeDemoData(prisma, { dryRun, actor: 'cli:demo-remove' }),
  }
}

const itemResultSchema = z.looseObject({
  index: z.number().int(),
  type: z.enum(['product', 'customer', 'order', 'stock']),
  ref: z.string(),
  ok: z.boolean(),
})
const resultsSchema = z.object({ results: z.array(itemResultSchema) })
const backfillSchema = z.object({ state: z.record(z.string(), z.unknown()), done: z.boolean() })
const demoReportSchema = z.looseObject({
  dryRun: z.boolean(),
  removed: z.object({ orders: z.array(z.string()), customers: z.array(z.string()), products: z.array(z.string()) }),
  kept: z.array(z.object({ entity: z.enum(['Order', 'Customer', 'Product']), id: z.string(), reason: z.string() })),
  realRecords: z.number().int(),
})

/** The sink of a command whose database a running server holds: every call goes to that server. */
export function remoteSink(control: { url: string; token: string }, fetchImpl: typeof fetch = fetch): ShopSink {
  async function post(path: string, body: unknown): Promise<unknown> {
    let response: Response
    try {
      response = await fetchImpl(`${control.url}/local/shop/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    } catch (error) {
      throw new Error(`the running server at ${control.url} did not answer (${(error as Error).message})`)
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '')
      throw new Error(`the running server at ${control.url} answered HTTP ${response.status} ${text.slice(0, 300)}`)
    }
    return response.json()
  }
  return {
    where: control.url,
    async applyInputs(inputs, options) {
      return resultsSchema.parse(await post('apply', { inputs, ...options })).results as ItemResult[]
    },
    async applyStockLevels(levels, options) {
      await post('stock-levels', { levels, ...options })
    },
    async backfillState(source) {
      return backfillSchema.parse(await post('backfill/read', { source }))
    },
    async saveBackfill(source, state, done) {
      await post('backfill/save', { source, state, done })
    },
    async reportFailure(source, message) {
      await post('failure', { source, message })
    },
    async removeDemo(dryRun) {
      return demoReportSchema.parse(await post('demo-remove', { dryRun })) as DemoRemovalReport
    },
  }
}
