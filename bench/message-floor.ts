/**
 * The floor of a message: the least a stored, ordered answer costs on this database with none of the core's
 * own work (no dedupe, identity, rate limit, agent, hand-off check or tool-call records). On PostgreSQL:
 * 1. the conversation's advisory lock, the customer's message stored (committed) and the last six read, in one
 *    round trip;
 * 2. the tool's own service call;
 * 3. the answer stored, committed and the lock released, in one round trip.
 * On PGlite the same three statements without the lock. The pipeline's time over this one is what the core
 * adds; this one over the service call is the lowest ratio any implementation of the pipeline can reach here.
 */
import { randomUUID } from 'node:crypto'
import type { Database } from '../src/db/client.ts'
import { utcTimestamp } from '../src/db/sql.ts'
import { createSlots } from '../src/services/slots.ts'

const storeAndReadSql = `
WITH stored AS (
  INSERT INTO "Message" (id, "conversationId", role, text, "createdAt")
  VALUES ($1::text, $2::text, 'user', $3::text, $4::timestamp(3))
  RETURNING 1
)
SELECT m.role::text AS role, m.text FROM "Message" m
WHERE m."conversationId" = $2::text AND (SELECT count(*) FROM stored) = 1
ORDER BY m."conversationId" DESC, m."createdAt" DESC LIMIT 6
`

const storeAnswerSql = `
INSERT INTO "Message" (id, "conversationId", role, text, "createdAt")
VALUES ($1::text, $2::text, 'assistant', $3::text, $4::timestamp(3))
`

/**
 * Sends floor messages: the function returned stores the question and an answer in the given (existing)
 * conversation around one call of `tool`. On PostgreSQL each message takes a pooled connection of its own for
 * the lock, as the core does, and like the core's lock at most `maxHeld` at once, so the tool's own queries
 * always find a free connection in the pool.
 */
export function createMessageFloor(
  db: Pick<Database, 'sql'>,
  tool: () => Promise<unknown>,
  maxHeld = 4,
): (conversationId: string, question: string) => Promise<void> {
  const held = createSlots(maxHeld)
  let clock = Date.now()
  const stamp = () => {
    clock += 2
    return utcTimestamp(new Date(clock))
  }
  const answer = 'Pesanan sedang dikirim.'
  return async (conversationId, question) => {
    await held.acquire()
    try {
      await floorMessage(conversationId, question)
    } finally {
      held.release()
    }
  }

  async function floorMessage(conversationId: string, question: string): Promise<void> {
    const connection = await db.sql.reserve()
    if (!connection) {
      await db.sql.query(storeAndReadSql, [randomUUID(), conversationId, question, stamp()])
      await tool()
      await db.sql.query(storeAnswerSql, [randomUUID(), conversationId, answer, stamp()])
      return
    }
    const key = connection.literal(`floor:${conversationId}`)
    try {
      await connection.batch([
        `SELECT pg_advisory_lock(hashtext(${key}))`,
        { text: storeAndReadSql, params: [randomUUID(), conversationId, question, stamp()] },
      ])
      await tool()
      await connection.batch([
        'BEGIN',
        { text: storeAnswerSql, params: [randomUUID(), conversationId, answer, stamp()] },
        'COMMIT',
        `SELECT pg_advisory_unlock(hashtext(${key}))`,
      ])
      connection.release()
    } catch (error) {
      // The lock may still be held: the connection goes, and the lock with it.
      connection.release(error as Error)
      throw error
    }
  }
}
