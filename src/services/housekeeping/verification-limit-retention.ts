/**
 * VerificationLimit rows (src/services/verification-limits.ts) matter only while their window or lock lasts, yet
 * every order number and address an attacker tries adds one. Rows untouched for longer than the retention
 * (seven days by default, far beyond the longest window) and not locked are deleted in batches.
 *
 * @example const removed = await pruneVerificationLimits(sql.query, { olderThan, now })
 */
import { type SqlQuery, utcTimestamp } from '../../db/sql.ts'

// One batch: delete up to $3 rows last changed before $1 whose lock (if any) ended before $2.
const pruneSql = `
WITH gone AS (
  DELETE FROM "VerificationLimit"
  WHERE key IN (
    SELECT key FROM "VerificationLimit"
    WHERE "updatedAt" < $1::timestamp(3) AND ("lockedUntil" IS NULL OR "lockedUntil" < $2::timestamp(3))
    LIMIT $3::int
  )
  RETURNING 1
)
SELECT count(*)::int AS n FROM gone
`

/** Deletes stale verification limits; returns how many went. */
export async function pruneVerificationLimits(
  query: SqlQuery,
  options: { olderThan: Date; now: Date; batchSize?: number; shouldStop?: () => boolean },
): Promise<number> {
  const batchSize = options.batchSize ?? 5_000
  let removed = 0
  for (;;) {
    const rows = await query<{ n: number }>(pruneSql, [
      utcTimestamp(options.olderThan),
      utcTimestamp(options.now),
      batchSize,
    ])
    const n = Number(rows[0]?.n ?? 0)
    removed += n
    if (n < batchSize || options.shouldStop?.()) return removed
  }
}
