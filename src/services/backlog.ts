/**
 * What waits for someone, read from the database: the outbox's pending notifications and the hand-offs staff have
 * not closed, with the age of the oldest of each. Ages are measured with the database's clock, so every instance
 * asking at the same moment gets the same values (the metrics' gauges and the outbox alert read it).
 */
import type { Db } from '../db/client.ts'

export interface Backlog {
  outboxPending: number
  outboxOldestSeconds: number
  handoffsWaiting: number
  handoffOldestSeconds: number
}

interface BacklogRow {
  outbox_pending: bigint | number
  outbox_oldest: number | string | null
  handoffs_waiting: bigint | number
  handoff_oldest: number | string | null
}

/** One statement for all four values. Timestamps are stored in UTC without a time zone. */
export async function readBacklog(prisma: Db): Promise<Backlog> {
  const [row] = await prisma.$queryRaw<BacklogRow[]>`
    SELECT
      (SELECT count(*) FROM "Notification" WHERE "status" = 'PENDING') AS outbox_pending,
      (SELECT EXTRACT(EPOCH FROM ((now() AT TIME ZONE 'UTC') - min("createdAt")))::float8
         FROM "Notification" WHERE "status" = 'PENDING') AS outbox_oldest,
      (SELECT count(*) FROM "Handoff" WHERE "status" = 'OPEN') AS handoffs_waiting,
      (SELECT EXTRACT(EPOCH FROM ((now() AT TIME ZONE 'UTC') - min("openedAt")))::float8
         FROM "Handoff" WHERE "status" = 'OPEN') AS handoff_oldest`
  const age = (v: number | string | null | undefined) => Math.max(0, Number(v ?? 0))
  return {
    outboxPending: Number(row?.outbox_pending ?? 0),
    outboxOldestSeconds: age(row?.outbox_oldest),
    handoffsWaiting: Number(row?.handoffs_waiting ?? 0),
    handoffOldestSeconds: age(row?.handoff_oldest),
  }
}
