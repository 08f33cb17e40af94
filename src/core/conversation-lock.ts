/**
 * One conversation is answered one message at a time, in the order the messages arrived.
 *
 * In this process: a promise chain per key, joined synchronously when `run` is called, so call order is
 * answer order. Across processes (several instances on one PostgreSQL): while the work runs, a transaction
 * holds `pg_advisory_xact_lock(hashtext(key))`, so two instances never interleave one conversation. PGlite is
 * one process and needs only the chain.
 *
 * @example await lock.run('telegram:42:42', () => answer(message))
 */
import type { Database } from '../db/client.ts'
import type { Logger } from '../logger.ts'

export interface ConversationLockDeps {
  db: Pick<Database, 'kind' | 'prisma'>
  log?: Logger
  /** How long the database lock may be held before PostgreSQL's transaction is given up (default 120 s). */
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

/** Limits how many tasks run at once; waiters start in arrival order. */
function createSemaphore(size: number) {
  let free = size
  const waiting: (() => void)[] = []
  return {
    async use<T>(task: () => Promise<T>): Promise<T> {
      if (free > 0) free--
      else await new Promise<void>((resolve) => waiting.push(resolve))
      try {
        return await task()
      } finally {
        const next = waiting.shift()
        if (next) next()
        else free++
      }
    },
  }
}

export function createConversationLock(deps: ConversationLockDeps): ConversationLock {
  const tails = new Map<string, Promise<unknown>>()
  const held = createSemaphore(deps.maxHeld ?? 4)
  const holdTimeoutMs = deps.holdTimeoutMs ?? 120_000

  async function withDatabaseLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (deps.db.kind !== 'postgres') return work()
    return held.use(async () => {
      let finished = false
      let result: T | undefined
      try {
        await deps.db.prisma.$transaction(
          async (tx) => {
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}::text))`
            result = await work()
            finished = true
          },
          { maxWait: 30_000, timeout: holdTimeoutMs },
        )
      } catch (error) {
        // The work is done and saved; only the lock's transaction outlived its timeout. Keep the answer.
        if (!finished) throw error
        deps.log?.warn({ err: error, key }, 'conversation lock released late')
      }
      return result as T
    })
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
