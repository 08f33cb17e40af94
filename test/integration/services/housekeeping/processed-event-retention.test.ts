import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { createHousekeeping } from '../../../../src/services/housekeeping/housekeeping.ts'
import { pruneProcessedEvents } from '../../../../src/services/housekeeping/processed-event-retention.ts'
import { createProcessedEvents } from '../../../../src/services/processed-events.ts'
import { capturingLogger } from '../../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'

const day = 24 * 60 * 60 * 1000

describe.each(testDbKinds)('processed delivery retention (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
  }, 60_000)
  afterAll(async () => {
    await db.close()
  })

  /** `count` events of `source`, created `ageDays` ago. */
  async function remember(source: string, count: number, ageDays: number) {
    const createdAt = new Date(Date.now() - ageDays * day)
    await db.prisma.processedEvent.createMany({
      data: Array.from({ length: count }, (_, i) => ({ source, eventKey: `${ageDays}-${i}`, createdAt })),
    })
  }

  const keysOf = async (source: string) =>
    (await db.prisma.processedEvent.findMany({ where: { source }, orderBy: { eventKey: 'asc' } })).map(
      (e) => e.eventKey,
    )

  it('deletes only what is older than the cut-off, batch after batch', async () => {
    await remember('test:prune', 7, 10)
    await remember('test:prune', 2, 1)
    const removed = await pruneProcessedEvents(db.sql.query, {
      olderThan: new Date(Date.now() - 7 * day),
      batchSize: 3,
    })
    expect(removed).toBe(7)
    expect(await keysOf('test:prune')).toEqual(['1-0', '1-1'])
  })

  it('a pruned delivery can be claimed again, a kept one is still a repeat', async () => {
    await remember('test:reclaim', 1, 30)
    await remember('test:reclaim', 1, 0)
    expect(await createProcessedEvents(db.sql).claim('test:reclaim', '30-0')).toBe(false)
    await pruneProcessedEvents(db.sql.query, { olderThan: new Date(Date.now() - 7 * day) })
    expect(await createProcessedEvents(db.sql).claim('test:reclaim', '30-0')).toBe(true)
    expect(await createProcessedEvents(db.sql).claim('test:reclaim', '0-0')).toBe(false)
  })

  it('the housekeeping pass keeps a week of deliveries and logs what it removed', async () => {
    await remember('test:pass', 3, 8)
    await remember('test:pass', 2, 6)
    const { log, lines } = capturingLogger()
    const housekeeping = createHousekeeping({ sql: db.sql, log })
    expect(await housekeeping.runOnce()).toBeGreaterThanOrEqual(3)
    expect(await keysOf('test:pass')).toEqual(['6-0', '6-1'])
    expect(lines.some((line) => line.msg === 'old processed deliveries pruned')).toBe(true)
    expect(await housekeeping.runOnce()).toBe(0)
  })

  it('runs on its timer after start and not after stop', async () => {
    await remember('test:timer', 2, 9)
    const housekeeping = createHousekeeping({ sql: db.sql, log: capturingLogger().log, firstDelayMs: 5, intervalMs: 5 })
    housekeeping.start()
    await expect.poll(() => keysOf('test:timer'), { timeout: 5_000 }).toEqual([])
    await housekeeping.stop()
    await remember('test:timer', 1, 9)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await keysOf('test:timer')).toEqual(['9-0'])
  })

  it('a failed pass is logged and the next one still runs', async () => {
    const { log, lines } = capturingLogger()
    let calls = 0
    const failingOnce = {
      query: (async (text: string, params?: readonly unknown[]) => {
        calls++
        if (calls === 1) throw new Error('connection reset')
        return db.sql.query(text, params)
      }) as Database['sql']['query'],
    }
    await remember('test:retry', 1, 12)
    const housekeeping = createHousekeeping({ sql: failingOnce, log, firstDelayMs: 5, intervalMs: 5 })
    housekeeping.start()
    await expect.poll(() => keysOf('test:retry'), { timeout: 5_000 }).toEqual([])
    await housekeeping.stop()
    expect(lines.some((line) => line.msg === 'housekeeping pass failed')).toBe(true)
  })
})
