/**
 * The stored inbox of webhook channels (WhatsApp): a message is written here before the webhook is answered, and
 * handled after. A worker owns a row while its lease (`nextAttemptAt` in the future) lasts and renews it while it
 * works; a row whose worker died becomes due again when the lease runs out, so a message is never lost between
 * "200 OK" and the answer.
 *
 * Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several instances never take the same row; a redelivery of
 * a message finds its `(channel, externalId)` taken and is not stored again.
 *
 * @example
 * const inbox = createInboxService({ prisma })
 * const fresh = await inbox.take([{ channel: 'whatsapp', externalId: 'wamid.1', senderId: '628…', payload, sentAt }])
 * // handle `fresh` now; `claimDue` hands out what an earlier process left behind
 */
import type { Db } from '../db/client.ts'
import type { InboxMessage } from '../generated/prisma/client.ts'
import type { Channel } from '../generated/prisma/enums.ts'

export interface InboxItem {
  channel: Channel
  externalId: string
  senderId: string
  payload: object
  sentAt: Date
}

export type InboxRow = InboxMessage

export interface InboxDeps {
  prisma: Db
  now?: () => Date
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500)
}

export function createInboxService(deps: InboxDeps) {
  const { prisma } = deps
  const now = deps.now ?? (() => new Date())
  const leased = (leaseMs: number) => new Date(now().getTime() + leaseMs)

  /**
   * Stores the messages not seen before, leased to the caller for `leaseMs`, and returns only those (a repeat of
   * a stored message returns nothing). One statement.
   */
  async function take(items: readonly InboxItem[], leaseMs: number): Promise<InboxRow[]> {
    if (items.length === 0) return []
    const lease = leased(leaseMs)
    return prisma.inboxMessage.createManyAndReturn({
      data: items.map((item) => ({ ...item, nextAttemptAt: lease })),
      skipDuplicates: true,
    })
  }

  /**
   * Claims up to `limit` due rows of a channel (new ones never handled, retries, rows of a worker that died),
   * oldest message first, leased for `leaseMs`. Senders in `busy` are skipped: this worker is still answering
   * them, and their next message must wait for the one before.
   */
  async function claimDue(channel: Channel, limit: number, leaseMs: number, busy: readonly string[] = []) {
    if (limit <= 0) return []
    const at = now()
    const lease = leased(leaseMs)
    const claimed = await prisma.$queryRaw<{ id: string }[]>`
      UPDATE "InboxMessage" SET "nextAttemptAt" = ${lease}
      WHERE "id" IN (
        SELECT "id" FROM "InboxMessage"
        WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${at} AND "channel" = ${channel}::"Channel"
          AND NOT ("senderId" = ANY(${busy as string[]}::text[]))
        ORDER BY "sentAt", "createdAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`
    if (claimed.length === 0) return []
    return prisma.inboxMessage.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      orderBy: [{ sentAt: 'asc' }, { createdAt: 'asc' }],
    })
  }

  /** Extends the lease of rows still being handled (a worker's heartbeat); one statement. */
  async function renew(ids: readonly string[], leaseMs: number): Promise<void> {
    if (ids.length === 0) return
    await prisma.inboxMessage.updateMany({
      where: { id: { in: [...ids] }, status: 'PENDING' },
      data: { nextAttemptAt: leased(leaseMs) },
    })
  }

  /** Keeps the answer the core gave, so a retry only sends it; renews the lease. */
  async function saveReplies(id: string, replies: unknown, leaseMs: number): Promise<void> {
    await prisma.inboxMessage.updateMany({
      where: { id, status: 'PENDING' },
      data: { replies: replies as object, nextAttemptAt: leased(leaseMs) },
    })
  }

  /** The row is handled. */
  async function done(id: string): Promise<void> {
    await prisma.inboxMessage.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'DONE', handledAt: now(), lastError: null },
    })
  }

  /** Handling failed: tried again after `retryInMs`, or given up (FAILED) when `retryInMs` is null. */
  async function failed(id: string, attempts: number, error: unknown, retryInMs: number | null): Promise<void> {
    await prisma.inboxMessage.updateMany({
      where: { id, status: 'PENDING' },
      data:
        retryInMs === null
          ? { status: 'FAILED', attempts, lastError: errorText(error), handledAt: now() }
          : { attempts, lastError: errorText(error), nextAttemptAt: leased(retryInMs) },
    })
  }

  /** When the sender last wrote on the channel (their newest stored message), or null. */
  async function lastMessageAt(channel: Channel, senderId: string): Promise<Date | null> {
    const row = await prisma.inboxMessage.findFirst({
      where: { channel, senderId },
      orderBy: { sentAt: 'desc' },
      select: { sentAt: true },
    })
    return row?.sentAt ?? null
  }

  /** Removes handled rows older than `olderThan` (their message is kept in the conversation). */
  async function prune(olderThan: Date): Promise<number> {
    const { count } = await prisma.inboxMessage.deleteMany({
      where: { status: { in: ['DONE', 'FAILED'] }, sentAt: { lt: olderThan } },
    })
    return count
  }

  return { take, claimDue, renew, saveReplies, done, failed, lastMessageAt, prune }
}

export type InboxService = ReturnType<typeof createInboxService>
