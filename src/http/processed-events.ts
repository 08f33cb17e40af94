/**
 * Idempotency for webhooks and channel updates: a delivery is handled only by the request that manages to insert
 * its `ProcessedEvent(source, eventKey)` row; the unique constraint decides races between concurrent repeats.
 * When handling then fails, the row is removed again so the sender's retry is not mistaken for a repeat.
 * Plain SQL (one statement each), since every Telegram update and every webhook passes through here.
 */
import { randomUUID } from 'node:crypto'
import { type SqlQuery, utcTimestamp } from '../db/sql.ts'

const claimSql = `
INSERT INTO "ProcessedEvent" (id, source, "eventKey", "createdAt")
VALUES ($1::text, $2::text, $3::text, $4::timestamp(3))
ON CONFLICT (source, "eventKey") DO NOTHING
RETURNING id
`

/** True when this call claimed the event; false when it was already processed (or is being processed). */
export async function claimEvent(query: SqlQuery, source: string, eventKey: string): Promise<boolean> {
  const rows = await query(claimSql, [randomUUID(), source, eventKey, utcTimestamp(new Date())])
  return rows.length === 1
}

/** Gives a claimed event back after its handling failed. */
export async function releaseEvent(query: SqlQuery, source: string, eventKey: string): Promise<void> {
  await query('DELETE FROM "ProcessedEvent" WHERE source = $1::text AND "eventKey" = $2::text', [source, eventKey])
}

/** True when the event was already recorded (webhooks check this before asking a gateway about a repeat). */
export async function isEventProcessed(query: SqlQuery, source: string, eventKey: string): Promise<boolean> {
  const rows = await query('SELECT 1 FROM "ProcessedEvent" WHERE source = $1::text AND "eventKey" = $2::text', [
    source,
    eventKey,
  ])
  return rows.length > 0
}
