/**
 * Gauges read from the database (through the services) when Prometheus scrapes: the outbox's backlog and the hand-offs staff have not
 * closed. Ages are measured with the database's clock, so every instance scraped at the same moment reports the same
 * values. When the database does not answer, `layan_database_up` is 0 and the other gauges keep no value.
 */
import { Gauge, type Registry } from 'prom-client'
import type { Backlog } from '../services/backlog.ts'

/** `readBacklog` is the services' read (src/services/backlog.ts), bound to the database. */
export function registerDatabaseGauges(registry: Registry, readBacklog: () => Promise<Backlog>): void {
  const registers = [registry]
  // One read per scrape, shared by the five gauges: a scrape calls every collect() before any of them resolves.
  let pending: Promise<Backlog | null> | null = null
  const read = () => {
    pending ??= readBacklog()
      .catch(() => null)
      .finally(() => {
        pending = null
      })
    return pending
  }
  const gauge = (name: string, help: string, pick: (b: Backlog) => number) =>
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
