/**
 * Gauges read from the database when Prometheus scrapes: the outbox's backlog and the hand-offs staff have not
 * closed. Ages are measured with the database's clock, so every instance scraped at the same moment reports the same
 * values. When the database does not answer, `layan_database_up` is 0 and the other gauges keep no value.
 */
import { Gauge, type Registry } from 'prom-client'
import type { Db } from '../db/client.ts'

interface Backlog {
  outbox_pending: bigint | number
  outbox_oldest: number | string | null
  handoffs_waiting: bigint | number
  handoff_oldest: number | string | null
}

/** One statement for all four values. Timestamps are stored in UTC without a time zone. */
export async function readBacklog(prisma: Db) {
  const [row] = await prisma.$queryRaw<Backlog[]>`
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

export function registerDatabaseGauges(registry: Registry, prisma: Db): void {
  const registers = [registry]
  // One read per scrape, shared by the five gauges: a scrape calls every collect() before any of them resolves.
  let pending: Promise<Awaited<ReturnType<typeof readBacklog>> | null> | null = null
  const read = () => {
    pending ??= readBacklog(prisma)
      .catch(() => null)
      .finally(() => {
        pending = null
      })
    return pending
  }
  const gauge = (name: string, help: string, pick: (b: Awaited<ReturnType<typeof readBacklog>>) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const backlog = await read()
        if (backlog) this.set(pick(backlog))
        else this.reset()
      },
    })
  gauge('layan_outbox_pending', 'Notifications waiting to be delivered', (b) => b.outboxPending)
  gauge('layan_outbox_oldest_seconds', 'Age of the oldest notification waiting', (b) => b.outboxOldestSeconds)
  gauge('layan_handoffs_waiting', 'Hand-offs open, waiting for staff', (b) => b.handoffsWaiting)
  gauge('layan_handoff_oldest_seconds', 'Age of the oldest open hand-off', (b) => b.handoffOldestSeconds)
  new Gauge({
    name: 'layan_database_up',
    help: '1 when the database answered the last scrape, else 0',
    registers,
    async collect() {
      this.set((await read()) ? 1 : 0)
    },
  })
}
