/**
 * Periodic upkeep of the database in the running service: the pruning of old ProcessedEvent rows
 * (processed-event-retention.ts) and of stale verification limits (verification-limit-retention.ts), and the expiry of
 * approved returns whose parcel never came (their reserved sizes go back to stock). Runs once soon after start and
 * then every hour (a return's deadline is a day, so an hour late is fine); a failed pass is logged and
 * tried again at the next one. Several instances may run it at once: each deletes only rows that still exist.
 *
 * @example const housekeeping = createHousekeeping({ sql: db.sql, log }); housekeeping.start(); … await housekeeping.stop()
 */
import type { SqlClient } from '../../db/sql.ts'
import type { Logger } from '../../logger.ts'
import { processedEventRetentionMs, pruneProcessedEvents } from './processed-event-retention.ts'
import { pruneVerificationLimits } from './verification-limit-retention.ts'

export interface HousekeepingDeps {
  sql: Pick<SqlClient, 'query'>
  log: Logger
  now?: () => Date
  /** Between passes (default one hour). */
  intervalMs?: number
  /** Before the first pass, so it does not compete with start-up (default one minute). */
  firstDelayMs?: number
  /** How long a processed delivery is remembered (default seven days). */
  retentionMs?: number
  /** Expires overdue approved returns (services.returns.expireOverdue); resolves with how many. */
  expireReturns?: () => Promise<number>
}

export interface Housekeeping {
  /** One pass now; resolves with the number of ProcessedEvent rows removed. */
  runOnce(): Promise<number>
  start(): void
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>
}

export function createHousekeeping(deps: HousekeepingDeps): Housekeeping {
  const now = deps.now ?? (() => new Date())
  const intervalMs = deps.intervalMs ?? 60 * 60 * 1000
  const retentionMs = deps.retentionMs ?? processedEventRetentionMs
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<number> | undefined
  let stopped = true
  // Set by stop() only: a pass asked for by hand runs to the end.
  let stopRequested = false

  function runOnce(): Promise<number> {
    running ??= (async () => {
      try {
        const at = now()
        const olderThan = new Date(at.getTime() - retentionMs)
        const shouldStop = () => stopRequested
        const removed = await pruneProcessedEvents(deps.sql.query, { olderThan, shouldStop })
        if (removed > 0) deps.log.info({ removed }, 'old processed deliveries pruned')
        const limits = await pruneVerificationLimits(deps.sql.query, { olderThan, now: at, shouldStop })
        if (limits > 0) deps.log.info({ removed: limits }, 'stale verification limits pruned')
        if (deps.expireReturns && !stopRequested) {
          const expired = await deps.expireReturns()
          if (expired > 0) deps.log.info({ expired }, 'overdue returns expired')
        }
        return removed
      } finally {
        running = undefined
      }
    })()
    return running
  }

  function schedule(delayMs: number) {
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => deps.log.error({ err: error }, 'housekeeping pass failed'))
        .finally(() => {
          if (!stopped) schedule(intervalMs)
        })
    }, delayMs)
    timer.unref?.()
  }

  return {
    runOnce,
    start() {
      if (!stopped) return
      stopped = false
      stopRequested = false
      schedule(deps.firstDelayMs ?? 60 * 1000)
    },
    async stop() {
      stopped = true
      stopRequested = true
      clearTimeout(timer)
      await running?.catch(() => undefined)
    },
  }
}
