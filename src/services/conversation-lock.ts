/**
 * One conversation is answered one message at a time, in the order the messages arrived.
 *
 * In this process: a promise chain per key, joined synchronously when `run` is called, so call order is
 * answer order. Across processes (several instances on one PostgreSQL): a connection of its own holds the
 * session-level `pg_advisory_lock(hashtext(key))` while the work runs, so two instances never interleave one
 * conversation. The work gets that connection (`LockedSql`), so the conversation's own statements run on it, and
 * the lock costs no round trip of its own:
 * - the work's first statement (`opening`, built only once the chain reaches this message) is sent together
 *   with the lock statement. It runs after the lock is granted, so it sees everything the previous holder
 *   committed, and it commits on its own (the customer's message is stored before the agent runs);
 * - the work's last statement (`LockedSql.last`) is sent together with the unlock: it commits, then the lock is
 *   released. Work that ends without one has the unlock sent after it returns.
 * PGlite is one process and needs only the chain.
 *
 * A holder that hangs cannot keep a conversation forever: its session's `idle_session_timeout` (the hold
 * timeout) ends the session, which frees the lock; its later statements go through the pool instead.
 *
 * @example await lock.run('telegram:42:42', (sql, [row]) => answer(message, sql, row), () => intakeStatement)
 */
import type { Database } from '../db/client.ts'
import type { ReservedConnection, SqlQuery, SqlStatement } from '../db/sql.ts'
import type { Logger } from '../logger.ts'
import { createSlots } from './slots.ts'

/** The statements of a conversation's work: on the connection holding the lock while it lives. */
export interface LockedSql {
  query: SqlQuery
  /** The work's last statement: it commits and the lock is released in the same round trip. */
  last: SqlQuery
}

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
   * Runs `work` once every earlier `run` with the same key has finished (fulfilled or not) and the lock is held.
   * `work` gets the statements to use for the conversation's own reads and writes and, when `opening` is given,
   * the rows of that first statement (else none).
   */
  run<T, Row = never>(
    key: string,
    work: (sql: LockedSql, opened: Row[]) => Promise<T>,
    opening?: () => SqlStatement,
  ): Promise<T>
}

export function createConversationLock(deps: ConversationLockDeps): ConversationLock {
  const tails = new Map<string, Promise<unknown>>()
  const held = createSlots(deps.maxHeld ?? 4)
  const holdTimeoutMs = deps.holdTimeoutMs ?? 120_000

  const unlockSteps = (connection: ReservedConnection, key: string) => [
    `SELECT pg_advisory_unlock(hashtext(${connection.literal(key)}))`,
    'RESET idle_session_timeout',
  ]

  async function unlock(connection: ReservedConnection, key: string, afterFailure: boolean): Promise<void> {
    let broken: Error | undefined
    try {
      // A failed last statement leaves its transaction open and aborted: end it first.
      await connection.batch([...(afterFailure ? ['ROLLBACK'] : []), ...unlockSteps(connection, key)])
    } catch (error) {
      // The session outlived its idle timeout: the lock went with it, and the work is done and saved.
      broken = error as Error
      deps.log?.warn({ err: error, key }, 'conversation lock released late')
    }
    connection.release(broken)
  }

  /** The held connection while it lives; the pool once the server has ended its session. */
  function lockedSql(connection: ReservedConnection, key: string, state: { unlocked: boolean; failed: boolean }) {
    const pooled = deps.db.sql.query
    const query: SqlQuery = async <Row>(text: string, params?: readonly unknown[]) => {
      if (!connection.lost && !state.unlocked) {
        try {
          return await connection.query<Row>(text, params)
        } catch (error) {
          if (!connection.lost) throw error
        }
      }
      return pooled<Row>(text, params)
    }
    const last: SqlQuery = async <Row>(text: string, params: readonly unknown[] = []) => {
      if (connection.lost || state.unlocked) return pooled<Row>(text, params)
      try {
        const rows = await connection.batch<Row>(['BEGIN', { text, params }, 'COMMIT', ...unlockSteps(connection, key)])
        state.unlocked = true
        return rows
      } catch (error) {
        if (!connection.lost) {
          state.failed = true
          throw error
        }
        return pooled<Row>(text, params)
      }
    }
    return { query, last }
  }

  async function withDatabaseLock<T, Row>(
    key: string,
    work: (sql: LockedSql, opened: Row[]) => Promise<T>,
    opening?: () => SqlStatement,
  ): Promise<T> {
    if (deps.db.kind !== 'postgres') {
      const { query } = deps.db.sql
      const statement = opening?.()
      const opened = statement ? await query<Row>(statement.text, statement.params) : []
      return work({ query, last: query }, opened)
    }
    await held.acquire()
    let connection: ReservedConnection | null = null
    let opened: Row[] = []
    try {
      connection = await deps.db.sql.reserve()
      if (!connection) throw new Error('no connection to hold the conversation lock')
      const lockSteps = [
        `SET idle_session_timeout = ${Math.max(1, Math.round(holdTimeoutMs))}`,
        `SELECT pg_advisory_lock(hashtext(${connection.literal(key)}))`,
      ]
      opened = await connection.batch<Row>(opening ? [...lockSteps, opening()] : lockSteps)
    } catch (error) {
      // The lock may be held even though the batch failed: the connection goes, and the lock with it.
      connection?.release(error as Error)
      held.release()
      throw error
    }
    const holder = connection
    const state = { unlocked: false, failed: false }
    try {
      return await work(lockedSql(holder, key, state), opened)
    } finally {
      if (state.unlocked) {
        holder.release()
        held.release()
      } else {
        void unlock(holder, key, state.failed).finally(held.release)
      }
    }
  }

  return {
    run<T, Row = never>(
      key: string,
      work: (sql: LockedSql, opened: Row[]) => Promise<T>,
      opening?: () => SqlStatement,
    ): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve()
      const current = previous.then(
        () => withDatabaseLock(key, work, opening),
        () => withDatabaseLock(key, work, opening),
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
