/**
 * One conversation is answered one message at a time, in the order the messages arrived.
 *
 * In this process: a promise chain per key, joined synchronously when `run` is called, so call order is
 * answer order. Across processes (several instances on one PostgreSQL): while the work runs, a transaction on
 * a connection of its own holds `pg_advisory_xact_lock(hashtext(key))`, so two instances never interleave one
 * conversation. Taking and releasing it are one round trip each (plain SQL: through Prisma's interactive
 * transactions it was four). PGlite is one process and needs only the chain.
 *
 * @example await lock.run('telegram:42:42', () => answer(message))
 */
import type { Database } from '../db/client.ts'
import type { ReservedConnection } from '../db/sql.ts'
import type { Logger } from '../logger.ts'

export interface ConversationLockDeps {
  db: Pick<Database, 'kind' | 'sql'>
  log?: Logger
  /**
   * How long the lock's transaction may sit idle before PostgreSQL ends its session and so frees the lock
   * (default 120 s): work that hangs cannot hold a conversation forever.
   */
  holdTimeoutMs?: number
  /**
   * At most this many database locks at once in this process: each holds one pooled connection while the work
   * itself needs others, so the pool must never fill with lock holders (default 4).
   */
  maxHeld?: number
}

export interface ConversationLock {
  /** Runs `work` once every earlier `run` with the same key has finished (fulfilled or not). */
  run<T>(key: string, work: () => Promise<T>): Promise<T>
}

/** Counts held database locks; waiters get a slot in arrival order. */
function createSlots(size: number) {
  let free = size
  const waiting: (() => void)[] = []
  return {
    async acquire(): Promise<void> {
      if (free > 0) free--
      else await new Promise<void>((resolve) => waiting.push(resolve))
    },
    release(): void {
      const next = waiting.shift()
      if (next) next()
      else free++
    },
  }
}

export function createConversationLock(deps: ConversationLockDeps): ConversationLock {
  const tails = new Map<string, Promise<unknown>>()
  const held = createSlots(deps.maxHeld ?? 4)
  const holdTimeoutMs = deps.holdTimeoutMs ?? 120_000

  async function unlock(connection: ReservedConnection, key: string): Promise<void> {
    let broken: Error | undefined
    try {
      await connection.exec('COMMIT')
    } catch (error) {
      // The session outlived its idle timeout: the lock went with it, and the work is done and saved.
      broken = error as Error
      deps.log?.warn({ err: error, key }, 'conversation lock released late')
    }
    connection.release(broken)
  }

  async function withDatabaseLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (deps.db.kind !== 'postgres') return work()
    await held.acquire()
    let connection: ReservedConnection | null = null
    try {
      connection = await deps.db.sql.reserve()
      await connection?.exec(
        `BEGIN; SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1, Math.round(holdTimeoutMs))}; ` +
          `SELECT pg_advisory_xact_lock(hashtext(${connection.literal(key)}))`,
      )
    } catch (error) {
      connection?.release(error as Error)
      held.release()
      throw error
    }
    const holder = connection
    try {
      return await work()
    } finally {
      // Released while the answer is on its way: the next message of this conversation, here or in another
      // instance, waits on the database lock itself until the COMMIT lands.
      if (holder) void unlock(holder, key).finally(held.release)
      else held.release()
    }
  }

  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve()
      const current = previous.then(
        () => withDatabaseLock(key, work),
        () => withDatabaseLock(key, work),
      )
      const tail = current.catch(() => undefined)
      tails.set(key, tail)
      // Forget the key once nothing waits on it, so the map does not grow with every conversation ever seen.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key)
      })
      return current
    },
  }
}
