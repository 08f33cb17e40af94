/**
 * Messages sent on a channel that reports delivery (WhatsApp) and how far each got: accepted by the API, then
 * sent, delivered, read, or failed. Statuses arrive late, out of order and repeated; a row only ever moves
 * forward (the DeliveryStatus enum is declared in that order, and PostgreSQL compares enums by it), and a status
 * that arrives before we stored the send creates the row.
 *
 * @example
 * await deliveries.recordSent([{ channel: 'whatsapp', externalId: 'wamid.1', recipientId: '628…', kind: 'text' }])
 * await deliveries.recordStatuses([{ channel: 'whatsapp', externalId: 'wamid.1', recipientId: '628…',
 *   status: 'read', at: new Date() }])
 */
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.ts'
import { Prisma } from '../generated/prisma/client.ts'
import type { Channel, DeliveryStatus } from '../generated/prisma/enums.ts'

export interface SentMessage {
  channel: Channel
  externalId: string
  recipientId: string
  kind: string
  notificationId?: string | null
}

export interface StatusReport {
  channel: Channel
  externalId: string
  recipientId: string
  status: DeliveryStatus
  at: Date
  errorCode?: number | null
  errorTitle?: string | null
}

export interface DeliveryDeps {
  prisma: Db
  now?: () => Date
}

export function createDeliveryService(deps: DeliveryDeps) {
  const { prisma } = deps
  const now = deps.now ?? (() => new Date())

  /** Stores messages the API accepted (one statement); a status that came first keeps its place. */
  async function recordSent(messages: readonly SentMessage[]): Promise<void> {
    if (messages.length === 0) return
    const at = now()
    const rows = messages.map(
      (m) =>
        Prisma.sql`(${randomUUID()}, ${m.channel}::"Channel", ${m.externalId}, ${m.recipientId}, ${m.kind.slice(0, 40)},
          ${m.notificationId ?? null}, 'accepted'::"DeliveryStatus", ${at}, ${at}, ${at})`,
    )
    await prisma.$executeRaw`
      INSERT INTO "OutboundMessage"
        ("id", "channel", "externalId", "recipientId", "kind", "notificationId", "status", "statusAt", "createdAt", "updatedAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("channel", "externalId") DO UPDATE SET
        "kind" = EXCLUDED."kind",
        "notificationId" = COALESCE(EXCLUDED."notificationId", "OutboundMessage"."notificationId"),
        "updatedAt" = EXCLUDED."updatedAt"`
  }

  /**
   * Records reported statuses (one statement per report); a status behind the stored one changes nothing, so
   * repeats and late arrivals are harmless. Returns how many rows moved forward.
   */
  async function recordStatuses(reports: readonly StatusReport[]): Promise<number> {
    let moved = 0
    for (const r of reports) {
      const at = now()
      moved += await prisma.$executeRaw`
        INSERT INTO "OutboundMessage"
          ("id", "channel", "externalId", "recipientId", "kind", "status", "statusAt", "errorCode", "errorTitle",
           "createdAt", "updatedAt")
        VALUES (${randomUUID()}, ${r.channel}::"Channel", ${r.externalId}, ${r.recipientId}, 'unknown',
          ${r.status}::"DeliveryStatus", ${r.at}, ${r.errorCode ?? null}, ${r.errorTitle?.slice(0, 300) ?? null},
          ${at}, ${at})
        ON CONFLICT ("channel", "externalId") DO UPDATE SET
          "status" = EXCLUDED."status",
          "statusAt" = EXCLUDED."statusAt",
          "errorCode" = COALESCE(EXCLUDED."errorCode", "OutboundMessage"."errorCode"),
          "errorTitle" = COALESCE(EXCLUDED."errorTitle", "OutboundMessage"."errorTitle"),
          "updatedAt" = EXCLUDED."updatedAt"
        WHERE EXCLUDED."status" > "OutboundMessage"."status"`
    }
    return moved
  }

  /** Removes rows older than `olderThan`. */
  async function prune(olderThan: Date): Promise<number> {
    const { count } = await prisma.outboundMessage.deleteMany({ where: { createdAt: { lt: olderThan } } })
    return count
  }

  return { recordSent, recordStatuses, prune }
}

export type DeliveryService = ReturnType<typeof createDeliveryService>
