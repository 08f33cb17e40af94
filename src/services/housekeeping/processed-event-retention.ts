/**
 * ProcessedEvent rows exist only to recognise a repeated delivery: a Telegram update, a channel message, a
 * Midtrans or courier webhook. Senders stop repeating within hours (Telegram keeps an update for 24 hours;
 * Midtrans and the couriers retry for less), yet every message adds one or two rows. Without pruning the table and
 * its unique index grow for ever, and every message's claim gets slower. Rows older than the retention (seven days
 * by default, far beyond any sender's retries) are deleted in batches, so no single statement holds many locks.
 *
 * @example const removed = await pruneProcessedEvents(sql.query, { olderThan: new Date(Date.now() - 7 * 86_400_000) })
 */
import { type SqlQuery, utcTimestamp } from '../../db/sql.ts'

/** How long a delivery is remembered: a week, well past the longest retry schedule of any sender. */
export const processedEventRetentionMs = 7 * 24 * 60 * 60 * 1000

// One batch: delete up to $2 rows created before $1, and count them.
const pruneSql = `
WITH gone AS (
  DELETE FROM "ProcessedEvent"
  WHERE id IN (SELECT id FROM "ProcessedEvent" WHERE "createdAt" < $1::timestamp(3) LIMIT $2::int)
  RETURNING 1
)
SELECT count(*)::int AS n FROM gone
`

export interface PruneOptions {
  /** Rows created before this are deleted. */
  olderThan: Date
  /** Rows per statement (default 5,000). */
  batchSize?: number
  /** Checked between batches: a shutdown stops the pruning after the batch in hand. */
  shouldStop?: () => boolean
}

/** Deletes the remembered deliveries older than `olderThan`; returns how many went. */
export async function pruneProcessedEvents(query: SqlQuery, options: PruneOptions): Promise<number> {
  const batchSize = options.batchSize ?? 5_000
  let removed = 0
  for (;;) {
    const rows = await query<{ n: number }>(pruneSql, [utcTimestamp(options.olderThan), batchSize])
    const n = Number(rows[0]?.n ?? 0)
    removed += n
    if (n < batchSize || options.shouldStop?.()) return removed
  }
}
