/**
 * A first backfill of a platform's catalogue, customers and orders, page by page through a sink. After each page
 * its position is saved (ShopSync.backfill), so a backfill that stops (the platform fails, the process ends)
 * resumes after the last page it finished; pages are ordered by id, so a resumed one neither skips nor repeats,
 * and whatever is applied twice is an unchanged upsert anyway. A backfill never notifies anybody.
 */
import type { ImportReport } from '../shop-import/csv-import.ts'
import type { ShopSource } from './context.ts'
import type { ItemResult, RecordInput } from './index.ts'
import type { ShopSink } from './sink.ts'

/** One page of one kind, already mapped to record inputs. */
export interface BackfillPage {
  inputs: RecordInput[]
  /** Stock levels that come with the page (Shopify), applied after its records. */
  levels?: { stockItemId: string; locationId: string; available: number; updatedAt: string }[]
  /** Where the next page starts (a page number or a cursor), or null after the last. */
  next: string | null
  /** How many items the kind has in all, when the platform says. */
  total?: number
}

export interface BackfillSource {
  source: ShopSource
  kinds: readonly string[]
  /** The page of `kind` that starts at `position` (null: the first). */
  page(kind: string, position: string | null): Promise<BackfillPage>
}

export interface BackfillReport {
  counts: ImportReport['counts']
  errors: { kind: string; ref: string; message: string }[]
  /** True when the run went on from where an earlier one stopped. */
  resumed: boolean
}

type KindState = { position: string | null; done: boolean; seen: number }

export async function runBackfill(
  from: BackfillSource,
  sink: ShopSink,
  options: { restart?: boolean; onProgress?: (kind: string, seen: number, total: number | undefined) => void } = {},
): Promise<BackfillReport> {
  const saved = await sink.backfillState(from.source)
  const state = (options.restart || saved.done ? {} : saved.state) as Record<string, KindState>
  const report: BackfillReport = {
    counts: { created: 0, updated: 0, unchanged: 0, stale: 0, failed: 0 },
    errors: [],
    resumed: Object.keys(state).length > 0,
  }
  const actor = `sync:${from.source}`
  for (const kind of from.kinds) {
    const at: KindState = state[kind] ?? { position: null, done: false, seen: 0 }
    while (!at.done) {
      const page = await from.page(kind, at.position)
      const results = page.inputs.length ? await sink.applyInputs(page.inputs, { source: from.source, actor }) : []
      for (const result of results) tally(report, kind, result)
      if (page.levels?.length) await sink.applyStockLevels(page.levels, { source: from.source, actor })
      at.seen += page.inputs.length
      at.position = page.next
      at.done = page.next === null
      state[kind] = at
      await sink.saveBackfill(from.source, state, false)
      options.onProgress?.(kind, at.seen, page.total)
    }
  }
  await sink.saveBackfill(from.source, state, true)
  return report
}

function tally(report: BackfillReport, kind: string, result: ItemResult): void {
  if (!result.ok) {
    report.counts.failed += 1
    report.errors.push({ kind, ref: result.ref, message: result.error.message })
    return
  }
  report.counts[result.outcome === 'duplicate' ? 'unchanged' : result.outcome] += 1
}
