/**
 * How each connected system's sync is doing (ShopSync rows): the last webhook, the last reconcile and up to when
 * it looked, the last error and how many followed the last success, and where an interrupted backfill resumes.
 */
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DbOrTx } from '../db-types.ts'
import type { ShopSource } from './context.ts'

export interface SyncHealth {
  source: ShopSource
  lastWebhookAt: Date | null
  lastReconcileAt: Date | null
  reconciledUpTo: Date | null
  lastErrorAt: Date | null
  lastError: string | null
  errorCount: number
  backfillDoneAt: Date | null
}

/** Backfill positions by kind ("products", "orders", ...), as the connector stores them. */
export type BackfillState = Record<string, unknown>

const ensure = (db: DbOrTx, source: ShopSource) =>
  db.shopSync.upsert({ where: { source }, create: { source }, update: {}, select: { source: true } })

export function createSyncHealth(db: DbOrTx, now: () => Date) {
  return {
    /** A webhook of the source was applied. */
    async webhookApplied(source: ShopSource): Promise<void> {
      await ensure(db, source)
      await db.shopSync.update({ where: { source }, data: { lastWebhookAt: now(), errorCount: 0 } })
    },

    /** A reconcile pass finished, having looked at changes up to `upTo`. */
    async reconciled(source: ShopSource, upTo: Date): Promise<void> {
      await ensure(db, source)
      await db.shopSync.update({
        where: { source },
        data: { lastReconcileAt: now(), reconciledUpTo: upTo, errorCount: 0 },
      })
    },

    /** Something failed (platform unreachable, a record refused); kept for staff with a count. */
    async failed(source: ShopSource, message: string): Promise<void> {
      await ensure(db, source)
      await db.shopSync.update({
        where: { source },
        data: { lastErrorAt: now(), lastError: message.slice(0, 500), errorCount: { increment: 1 } },
      })
    },

    async read(source: ShopSource): Promise<SyncHealth | null> {
      const row = await db.shopSync.findUnique({ where: { source } })
      if (!row) return null
      return {
        source,
        lastWebhookAt: row.lastWebhookAt,
        lastReconcileAt: row.lastReconcileAt,
        reconciledUpTo: row.reconciledUpTo,
        lastErrorAt: row.lastErrorAt,
        lastError: row.lastError,
        errorCount: row.errorCount,
        backfillDoneAt: row.backfillDoneAt,
      }
    },

    async backfillState(source: ShopSource): Promise<{ state: BackfillState; doneAt: Date | null }> {
      const row = await db.shopSync.findUnique({ where: { source }, select: { backfill: true, backfillDoneAt: true } })
      const state =
        row?.backfill && typeof row.backfill === 'object' && !Array.isArray(row.backfill) ? row.backfill : {}
      return { state: state as BackfillState, doneAt: row?.backfillDoneAt ?? null }
    },

    /** Saves the backfill's position; `done` marks it finished (a new backfill then starts from the beginning). */
    async saveBackfill(source: ShopSource, state: BackfillState, done = false): Promise<void> {
      await ensure(db, source)
      await db.shopSync.update({
        where: { source },
        data: {
          backfill: state as Prisma.InputJsonValue,
          ...(done ? { backfillDoneAt: now() } : { backfillDoneAt: null }),
        },
      })
    },
  }
}
