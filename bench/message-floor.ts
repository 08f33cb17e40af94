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

export interface MessageFloor {
  send(): Promise<void>
  close(): void
}

/** `conversationId` names an existing conversation; `service` is the tool's own call. */
export async function openMessageFloor(
  db: Pick<Database, 'sql'>,
  conversationId: string,
  question: string,
  service: () => Promise<unknown>,
): Promise<MessageFloor> {
  const connection = await db.sql.reserve()
  let clock = Date.now()
  const stamp = () => {
    clock += 2
    return utcTimestamp(new Date(clock))
  }
  if (!connection) {
    return {
      async send() {
        await db.sql.query(storeAndReadSql, [randomUUID(), conversationId, question, stamp()])
        await service()
        await db.sql.query(storeAnswerSql, [randomUUID(), conversationId, 'Pesanan sedang dikirim.', stamp()])
      },
      close() {},
    }
  }
  const key = connection.literal(`floor:${conversationId}`)
  return {
    async send() {
      await connection.batch([
        `SELECT pg_advisory_lock(hashtext(${key}))`,
        { text: storeAndReadSql, params: [randomUUID(), conversationId, question, stamp()] },
      ])
      await service()
      await connection.batch([
        'BEGIN',
        { text: storeAnswerSql, params: [randomUUID(), conversationId, 'Pesanan sedang dikirim.', stamp()] },
        'COMMIT',
        `SELECT pg_advisory_unlock(hashtext(${key}))`,
      ])
    },
    close() {
      connection.release()
    },
  }
}
