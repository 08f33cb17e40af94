/**
 * Tells staff (through the outbox, like every staff notice) when a platform's sync has gone stale: no successful
 * reconcile for `staleAfterMs` while errors pile up. Once per stale spell: the key names the last success, so the
 * next alert needs a success first.
 */
import type { Db } from '../../db/client.ts'
import { claimReceipt } from '../receipts.ts'
import type { ShopSource } from './context.ts'
import type { SyncHealth } from './health.ts'

/** True when the source has not synced successfully for `staleAfterMs` and has failed since. */
export function isStale(health: SyncHealth | null, now: Date, staleAfterMs: number): boolean {
  if (!health || health.errorCount === 0) return false
  const success = [health.lastReconcileAt, health.lastWebhookAt, health.backfillDoneAt]
    .filter((d): d is Date => d !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0]
  const since = success ?? health.lastErrorAt
  return since !== null && now.getTime() - since.getTime() >= staleAfterMs
}

/** Queues the staff alert once per stale spell; true when queued now. */
export async function alertStale(prisma: Db, source: ShopSource, health: SyncHealth): Promise<boolean> {
  const lastSuccess = health.lastReconcileAt ?? health.lastWebhookAt ?? health.backfillDoneAt
  const key = `sync_stale:${source}:${lastSuccess?.toISOString() ?? 'never'}`
  return prisma.$transaction(async (tx) => {
    if (!(await claimReceipt(tx, { source: 'alert', eventKey: key }))) return false
    await tx.notification.create({
      data: {
        audience: 'admin',
        kind: 'shop_sync_stale',
        payload: {
          source,
          lastSuccessAt: lastSuccess?.toISOString() ?? null,
          lastError: health.lastError,
          errorCount: health.errorCount,
        },
      },
    })
    return true
  })
}
