/**
 * Where a command on this machine puts the shop's data (the CSV importer, `npm run sync`, `npm run demo:remove`):
 * straight into the database through the shop-sync service (`localSink`, here), or, when a running server holds
 * the embedded database (its only writer), into that server through its local control routes
 * (adapters/cli/remote-shop-sink.ts → src/http/shop-local-routes.ts, which apply through the server's own
 * `localSink`). Either way the records go through the same checks and the same service.
 */
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { type DemoRemovalReport, removeDemoData } from '../demo-removal.ts'
import type { ShopSource } from './context.ts'
import type { ItemResult, RecordInput, ShopSyncService } from './index.ts'

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
