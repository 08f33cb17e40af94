import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createConversationLock } from '../../../src/services/conversation-lock.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Work that records when it started and ended, taking a random short time. */
function tracedWork(log: string[], name: string) {
  return async () => {
    log.push(`start ${name}`)
    await pause(5 + Math.floor(Math.random() * 20))
    log.push(`end ${name}`)
    return name
  }
}

function assertNoOverlap(log: string[]): void {
  for (let i = 0; i < log.length; i += 2) {
    const name = log[i]?.slice('start '.length)
    expect(log[i]).toBe(`start ${name}`)
    expect(log[i + 1]).toBe(`end ${name}`)
  }
}

// pg_locks lists the whole server's locks; other test files run beside this one in databases of their own.
const thisDatabase = 'database = (SELECT oid FROM pg_database WHERE datname = current_database())'
describe.each(testDbKinds)('conversation lock (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
  })
  afterAll(async () => {
    await db.close()
  })

  it('runs one key’s work one at a time, in call order, and keeps going after a failure', async () => {
    const lock = createConversationLock({ db })
    const log: string[] = []
    const results = await Promise.allSettled([
      lock.run('k', tracedWork(log, 'a')),
      lock.run('k', async () => {
        log.push('start b')
        log.push('end b')
        throw new Error('b failed')
      }),
      lock.run('k', tracedWork(log, 'c')),
      lock.run('k', tracedWork(log, 'd')),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d'])
  })

  it('lets different keys run side by side', async () => {
    const lock = createConversationLock({ db })
    const log: string[] = []
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let started: () => void = () => {}
    const oneStarted = new Promise<void>((resolve) => {
      started = resolve
    })
    const slow = lock.run('one', async () => {
      log.push('one waits')
      started()
      await gate
      log.push('one done')
    })
    // "one" holds its key (on PostgreSQL taking it is a round trip) before "two" asks for another key.
    await oneStarted
    await lock.run('two', async () => {
      log.push('two ran')
    })
    release()
    await slow
    expect(log).toEqual(['one waits', 'two ran', 'one done'])
  })
})

// Two lock instances stand for two processes: only PostgreSQL's advisory lock keeps them apart.
describe.each(testDbKinds.filter((kind) => kind === 'postgres'))('conversation lock across instances (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false, poolSize: 8 })
  })
  afterAll(async () => {
    await db.close()
  })

  it('never interleaves one conversation between two instances', async () => {
    const first = createConversationLock({ db })
    const second = createConversationLock({ db })
    const log: string[] = []
    const runs = []
    for (let i = 0; i < 6; i++) {
      const lock = i % 2 === 0 ? first : second
      runs.push(lock.run('telegram:42:42', tracedWork(log, `w${i}`)))
    }
    expect((await Promise.all(runs)).sort()).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5'])
    expect(log).toHaveLength(12)
    assertNoOverlap(log)
  })

  it('does not hold other conversations back', async () => {
    const first = createConversationLock({ db })
    const second = createConversationLock({ db })
    const log: string[] = []
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const slow = first.run('conversation-a', async () => {
      log.push('a holds')
      await gate
    })
    await pause(50)
    await second.run('conversation-b', async () => {
      log.push('b ran')
    })
    release()
    await slow
    expect(log).toEqual(['a holds', 'b ran'])
  })

  it('frees a conversation whose holder hangs once the hold timeout passes, and keeps the holder’s answer', async () => {
    const hung = createConversationLock({ db, holdTimeoutMs: 300 })
    const other = createConversationLock({ db })
    const log: string[] = []
    const stuck = hung.run('telegram:7:7', async ({ query, last }) => {
      log.push('hung holds')
      await pause(1500)
      log.push('hung done')
      // The server ended the holder's session; its statements still run, through the pool.
      const [row] = await query<{ answer: string }>('SELECT $1::text AS answer', ['late answer'])
      const [stored] = await last<{ stored: boolean }>('SELECT $1::boolean AS stored', [true])
      return stored?.stored ? row?.answer : 'last statement lost'
    })
    await pause(50)
    const started = performance.now()
    await other.run('telegram:7:7', async () => {
      log.push('other ran')
    })
    const waited = performance.now() - started
    expect(log).toEqual(['hung holds', 'other ran'])
    expect(waited).toBeGreaterThanOrEqual(150)
    expect(await stuck).toBe('late answer')
    expect(log).toEqual(['hung holds', 'other ran', 'hung done'])
  })

  it('runs the work’s statements on the connection that holds the lock', async () => {
    const lock = createConversationLock({ db })
    const held = await lock.run('web:2:2', ({ query }) =>
      query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted)
           AS held`,
      ),
    )
    expect(held[0]?.held).toBe(true)
    // The unlock is sent after the answer returns; it lands promptly.
    await expect
      .poll(
        async () =>
          (
            await db.sql.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND ${thisDatabase}`,
            )
          )[0]?.n,
      )
      .toBe(0)
  })

  it('releases the lock after the answer, so the next message of the conversation waits only for that', async () => {
    const lock = createConversationLock({ db })
    const other = createConversationLock({ db })
    expect(await lock.run('web:1:1', async () => 'first')).toBe('first')
    // The COMMIT is sent after the answer returns; another instance still gets the lock right after it.
    expect(await other.run('web:1:1', async () => 'second')).toBe('second')
  })

  it('sends the opening with the lock: it runs after the previous holder committed, and the work gets its rows', async () => {
    await db.sql.query('CREATE TABLE IF NOT EXISTS lock_probe (key text, n int)')
    const first = createConversationLock({ db })
    const second = createConversationLock({ db })
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const holder = first.run('web:3:3', async ({ query }) => {
      await gate
      await query(`INSERT INTO lock_probe (key, n) VALUES ('web:3:3', 1)`)
    })
    await pause(50)
    const seen = second.run<number, { n: number }>(
      'web:3:3',
      async (_sql, opened) => opened[0]?.n ?? -1,
      () => ({ text: `SELECT count(*)::int AS n FROM lock_probe WHERE key = $1::text`, params: ['web:3:3'] }),
    )
    await pause(50)
    release()
    await holder
    expect(await seen).toBe(1)
  })

  it('commits the last statement and releases the lock in the same round trip', async () => {
    await db.sql.query('CREATE TABLE IF NOT EXISTS lock_probe (key text, n int)')
    const lock = createConversationLock({ db })
    const advisoryLocks = async () =>
      (
        await db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND ${thisDatabase}`,
        )
      )[0]?.n
    const during = await lock.run('web:4:4', async ({ last }) => {
      await last(`INSERT INTO lock_probe (key, n) VALUES ($1::text, $2::int)`, ['web:4:4', 7])
      // The work has not returned, yet the row is committed and the lock is free.
      const [row] = await db.sql.query<{ n: number }>('SELECT n FROM lock_probe WHERE key = $1::text', ['web:4:4'])
      return { n: row?.n, locks: await advisoryLocks() }
    })
    expect(during).toEqual({ n: 7, locks: 0 })
  })

  it('releases the lock when the last statement fails, and leaves no transaction open', async () => {
    const lock = createConversationLock({ db, maxHeld: 1 })
    const other = createConversationLock({ db })
    await expect(
      lock.run('web:5:5', async ({ last }) => {
        await last('SELECT 1 / $1::int', [0])
      }),
    ).rejects.toThrow(/division by zero/)
    expect(await other.run('web:5:5', async () => 'next')).toBe('next')
    // The same single slot's next holder gets a clean session.
    expect(await lock.run('web:6:6', async ({ query }) => query<{ ok: number }>('SELECT 1 AS ok'))).toEqual([{ ok: 1 }])
    await expect
      .poll(
        async () =>
          (
            await db.sql.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND datname = current_database()`,
            )
          )[0]?.n,
      )
      .toBe(0)
  })
})
