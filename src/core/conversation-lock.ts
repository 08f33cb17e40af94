/**
 * One conversation is answered one message at a time, in the order the messages arrived.
 *
 * In this process: a promise chain per key, joined synchronously when `run` is called, so call order is
 * answer order. Across processes (several instances on one PostgreSQL): a connection of its own holds the
 * session-level `pg_advisory_lock(hashtext(key))` while the work runs, so two instances never interleave one
 * conversation. The work gets that connection's `query`, so the conversation's own statements (intake, outcome)
 * run on it: no second connection per message, and each statement commits on its own, so the customer's message
 * is stored before the agent runs. The unlock is sent after the work returns; the next message of the
 * conversation, here or elsewhere, waits on the database lock until it lands. PGlite is one process and needs
 * only the chain.
 *
 * A holder that hangs cannot keep a conversation forever: its session's `idle_session_timeout` (the hold
 * timeout) ends the session, which frees the lock; its later statements go through the pool instead.
 *
 * @example await lock.run('telegram:42:42', (query) => answer(message, query))
 */
import type { Database } from '../db/client.ts'
import type { ReservedConnection, SqlQuery } from '../db/sql.ts'
import type { Logger } from '../logger.ts'

export interface ConversationLockDeps {
  db: Pick<Database, 'kind' | 'sql'>
  log?: Logger
  /**
   * How long the lock's session may sit idle before PostgreSQL ends it and so frees the lock (default 120 s):
   * work that hangs cannot hold a conversation forever.
   */
  holdTimeoutMs?: number
  /**
   * At most this many database locks at once in this process: each holds one pooled connection while the work
   * itself needs others, so the pool must never fill with lock holders (default 4).
   */
  maxHeld?: number
}

export interface ConversationLock {
  /**
   * Runs `work` once every earlier `run` with the same key has finished (fulfilled or not). `work` gets the
   * statement runner to use for the conversation's own reads and writes.
   */
  run<T>(key: string, work: (query: SqlQuery) => Promise<T>): Promise<T>
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
      await connection.exec(
        `SELECT pg_advisory_unlock(hashtext(${connection.literal(key)})); RESET idle_session_timeout`,
      )
    } catch (error) {
      // The session outlived its idle timeout: the lock went with it, and the work is done and saved.
      broken = error as Error
      deps.log?.warn({ err: error, key }, 'conversation lock released late')
    }
    connection.release(broken)
  }

  /** The held connection while it lives; the pool once the server has ended its session. */
  function queryVia(connection: ReservedConnection): SqlQuery {
    return async <Row>(text: string, params?: readonly unknown[]) => {
      if (!connection.lost) {
        try {
          return await connection.query<Row>(text, params)
        } catch (error) {
          if (!connection.lost) throw error
        }
      }
      return deps.db.sql.query<Row>(text, params)
    }
  }

  async function withDatabaseLock<T>(key: string, work: (query: SqlQuery) => Promise<T>): Promise<T> {
    if (deps.db.kind !== 'postgres') return work(deps.db.sql.query)
    await held.acquire()
    let connection: ReservedConnection | null = null
    try {
      connection = await deps.db.sql.reserve()
      if (!connection) throw new Error('no connection to hold the conversation lock')
      await connection.exec(
        `SET idle_session_timeout = ${Math.max(1, Math.round(holdTimeoutMs))}; ` +
          `SELECT pg_advisory_lock(hashtext(${connection.literal(key)}))`,
      )
    } catch (error) {
      // A failed lock statement may still have taken the session-level lock: the connection goes with it.
      connection?.release(error as Error)
      held.release()
      throw error
    }
    const holder = connection
    try {
      return await work(queryVia(holder))
    } finally {
      void unlock(holder, key).finally(held.release)
    }
  }

  return {
    run<T>(key: string, work: (query: SqlQuery) => Promise<T>): Promise<T> {
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
