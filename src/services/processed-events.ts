/**
 * Idempotency for webhooks and channel updates: a delivery is handled only by the request that manages to insert
 * its `ProcessedEvent(source, eventKey)` row; the unique constraint decides races between concurrent repeats.
 * Plain SQL (one statement each), since every Telegram update and every webhook passes through here.
 */
import { randomUUID } from 'node:crypto'
import { type SqlClient, utcTimestamp } from '../db/sql.ts'

const claimSql = `
INSERT INTO "ProcessedEvent" (id, source, "eventKey", "createdAt")
VALUES ($1::text, $2::text, $3::text, $4::timestamp(3))
ON CONFLICT (source, "eventKey") DO NOTHING
RETURNING id
`

/** Who has handled which delivery (a Telegram update, a webhook event). */
export interface ProcessedEvents {
  /** True when this call claimed the event; false when it was already processed (or is being processed). */
  claim(source: string, eventKey: string): Promise<boolean>
  /** True when the event was already recorded (webhooks check this before asking a gateway about a repeat). */
  isProcessed(source: string, eventKey: string): Promise<boolean>
}

export function createProcessedEvents(sql: Pick<SqlClient, 'query'>): ProcessedEvents {
  return {
    async claim(source, eventKey) {
      const rows = await sql.query(claimSql, [randomUUID(), source, eventKey, utcTimestamp(new Date())])
      return rows.length === 1
    },
    async isProcessed(source, eventKey) {
      const rows = await sql.query('SELECT 1 FROM "ProcessedEvent" WHERE source = $1::text AND "eventKey" = $2::text', [
        source,
        eventKey,
      ])
      return rows.length > 0
    },
  }
}
