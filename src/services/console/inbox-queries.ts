/**
 * What the console's inbox reads: conversations across channels with their status, and one conversation in full
 * (transcript, tool calls, the customer and their orders, pending actions). Staff see a customer's phone and
 * email masked; the owner sees them only through `revealContact`, which is audited.
 *
 * A conversation's status comes from its latest hand-off:
 * - `waiting`: a hand-off is open and no person has taken or answered it (with the time since it opened);
 * - `staff`:   a hand-off is open and a person took it (claim) or answered in it;
 * - `closed`:  the latest hand-off is closed and the customer has not written since;
 * - `bot`:     otherwise (never handed off, or talking to the bot again after a closed hand-off).
 */
import type { Db } from '../../db/client.ts'
import { type Channel, Prisma } from '../../generated/prisma/client.ts'
import { writeAudit } from '../audit.ts'
import { maskEmailAddress, maskPhoneNumber } from './masking.ts'

export const conversationStatuses = ['bot', 'waiting', 'staff', 'closed'] as const
export type ConversationStatus = (typeof conversationStatuses)[number]

export interface ConversationFilter {
  status?: ConversationStatus
  channel?: Channel
  /** A customer's name, a phone number (any part of its digits) or an order number. */
  q?: string
  limit?: number
}

export interface ConversationListItem {
  id: string
  channel: Channel
  status: ConversationStatus
  customer: { id: string; name: string } | null
  displayName: string | null
  lastText: string | null
  lastRole: string | null
  lastAt: Date
  handoffId: string | null
  assignee: string | null
  /** When the open hand-off started waiting for a person (status `waiting` only). */
  waitingSince: Date | null
  reason: string | null
}

interface ListRow {
  id: string
  channel: Channel
  status: ConversationStatus
  customerId: string | null
  customerName: string | null
  displayName: string | null
  lastText: string | null
  lastRole: string | null
  lastAt: Date
  handoffId: string | null
  assignee: string | null
  openedAt: Date | null
  reason: string | null
}

export interface InboxQueryDeps {
  prisma: Db
  now: () => Date
}

function searchCondition(q: string): Prisma.Sql {
  const text = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const digits = q.replace(/\D/g, '')
  const conditions = [
    Prisma.sql`cu."name" ILIKE ${text}`,
    Prisma.sql`i."displayName" ILIKE ${text}`,
    Prisma.sql`c."lastOrderNumber" ILIKE ${text}`,
    Prisma.sql`EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = c."customerId" AND o."orderNumber" ILIKE ${text})`,
  ]
  // Phone numbers are stored as +62…: "0812 3456" and "62812…" both find "+62812…".
  if (digits.length >= 4) {
    const local = digits.startsWith('0') ? `62${digits.slice(1)}` : digits
    conditions.push(Prisma.sql`regexp_replace(cu."phoneNumber", '\\D', '', 'g') LIKE ${`%${local}%`}`)
  }
  return Prisma.sql`(${Prisma.join(conditions, ' OR ')})`
}

export function createInboxQueries(deps: InboxQueryDeps) {
  const { prisma } = deps

  /**
   * The conversations a list is chosen from. A search reaches every conversation; otherwise the list is made of
   * open hand-offs (always), recently closed ones, and the most recently active conversations, so it stays fast
   * on a long history (the inbox is newest first).
   */
  function candidates(filter: ConversationFilter, limit: number): Prisma.Sql {
    if (filter.q?.trim()) return Prisma.sql`SELECT c."id" FROM "Conversation" c`
    const open = Prisma.sql`SELECT "conversationId" AS "id" FROM "Handoff" WHERE "status" = 'OPEN'`
    if (filter.status === 'waiting' || filter.status === 'staff') return open
    const channel = filter.channel ? Prisma.sql`WHERE "channel"::text = ${filter.channel}` : Prisma.empty
    const recent = Prisma.sql`(SELECT "id" FROM "Conversation" ${channel} ORDER BY "updatedAt" DESC LIMIT ${limit * 10})`
    if (filter.status === 'closed') {
      return Prisma.sql`(SELECT "conversationId" AS "id" FROM "Handoff" WHERE "status" = 'CLOSED'
        ORDER BY "closedAt" DESC LIMIT ${limit * 4})`
    }
    return Prisma.sql`${open} UNION ${recent}`
  }

  async function listConversations(filter: ConversationFilter = {}): Promise<ConversationListItem[]> {
    const where: Prisma.Sql[] = [Prisma.sql`TRUE`]
    if (filter.channel) where.push(Prisma.sql`c."channel"::text = ${filter.channel}`)
    if (filter.q?.trim()) where.push(searchCondition(filter.q.trim()))
    const statusFilter = filter.status ? Prisma.sql`WHERE s."status" = ${filter.status}` : Prisma.empty
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200)
    const rows = await prisma.$queryRaw<ListRow[]>`
      WITH picked AS (${candidates(filter, limit)}),
      base AS (
        SELECT c."id", c."channel", c."customerId", cu."name" AS "customerName", i."displayName",
               lm."text" AS "lastText", lm."role"::text AS "lastRole", COALESCE(lm."createdAt", c."createdAt") AS "lastAt",
               h."id" AS "handoffId", h."assignee", h."openedAt", h."reason",
               CASE
                 WHEN h."status" = 'OPEN' AND (h."assignee" IS NOT NULL OR EXISTS (
                   SELECT 1 FROM "Message" am WHERE am."conversationId" = c."id" AND am."role" = 'admin'
                     AND am."createdAt" >= h."openedAt")) THEN 'staff'
                 WHEN h."status" = 'OPEN' THEN 'waiting'
                 WHEN h."status" = 'CLOSED' AND NOT EXISTS (
                   SELECT 1 FROM "Message" um WHERE um."conversationId" = c."id" AND um."role" = 'user'
                     AND um."createdAt" > h."closedAt") THEN 'closed'
                 ELSE 'bot'
               END AS "status"
        FROM "Conversation" c
        JOIN (SELECT DISTINCT "id" FROM picked) p ON p."id" = c."id"
        JOIN "ChannelIdentity" i ON i."id" = c."identityId"
        LEFT JOIN "Customer" cu ON cu."id" = c."customerId"
        LEFT JOIN LATERAL (
          SELECT * FROM "Handoff" hh WHERE hh."conversationId" = c."id" ORDER BY hh."openedAt" DESC LIMIT 1
        ) h ON TRUE
        LEFT JOIN LATERAL (
          SELECT m."text", m."role", m."createdAt" FROM "Message" m WHERE m."conversationId" = c."id"
          ORDER BY m."createdAt" DESC LIMIT 1
        ) lm ON TRUE
        WHERE ${Prisma.join(where, ' AND ')}
      )
      SELECT * FROM base s ${statusFilter}
      ORDER BY (s."status" = 'waiting') DESC, s."lastAt" DESC
      LIMIT ${limit}`
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      status: row.status,
      customer: row.customerId && row.customerName ? { id: row.customerId, name: row.customerName } : null,
      displayName: row.displayName,
      lastText: row.lastText,
      lastRole: row.lastRole,
      lastAt: row.lastAt,
      handoffId: row.status === 'bot' ? null : row.handoffId,
      assignee: row.status === 'staff' ? row.assignee : null,
      waitingSince: row.status === 'waiting' ? row.openedAt : null,
      reason: row.status === 'bot' ? null : row.reason,
    }))
  }

  async function statusOf(conversationId: string): Promise<ConversationStatus | null> {
    const [row] = await prisma.$queryRaw<{ status: ConversationStatus }[]>`
      SELECT CASE
        WHEN h."status" = 'OPEN' AND (h."assignee" IS NOT NULL OR EXISTS (
          SELECT 1 FROM "Message" am WHERE am."conversationId" = c."id" AND am."role" = 'admin'
            AND am."createdAt" >= h."openedAt")) THEN 'staff'
        WHEN h."status" = 'OPEN' THEN 'waiting'
        WHEN h."status" = 'CLOSED' AND NOT EXISTS (
          SELECT 1 FROM "Message" um WHERE um."conversationId" = c."id" AND um."role" = 'user'
            AND um."createdAt" > h."closedAt") THEN 'closed'
        ELSE 'bot' END AS "status"
      FROM "Conversation" c
      LEFT JOIN LATERAL (
        SELECT * FROM "Handoff" hh WHERE hh."conversationId" = c."id" ORDER BY hh."openedAt" DESC LIMIT 1
      ) h ON TRUE
      WHERE c."id" = ${conversationId}`
    return row?.status ?? null
  }

  /** One conversation in full, or null. Contact details are masked for everyone; see `revealContact`. */
  async function conversationView(conversationId: string) {
    const conversation = await prisma.conversation.findUnique({
      where: { id: conversationId },
      include: { identity: { select: { displayName: true, externalUserId: true, verifiedAt: true } } },
    })
    if (!conversation) return null
    const [messages, toolCalls, handoffs, pending, customer, status] = await Promise.all([
      prisma.message.findMany({
        where: { conversationId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 500,
        select: { id: true, role: true, text: true, content: true, createdAt: true },
      }),
      prisma.toolCall.findMany({
        where: { conversationId },
        orderBy: { createdAt: 'asc' },
        take: 500,
        select: { id: true, name: true, input: true, ok: true, errorCode: true, latencyMs: true, createdAt: true },
      }),
      prisma.handoff.findMany({ where: { conversationId }, orderBy: { openedAt: 'desc' }, take: 20 }),
      prisma.pendingAction.findMany({
        where: { conversationId, usedAt: null, expiresAt: { gt: deps.now() } },
        select: { id: true, action: true, args: true, expiresAt: true, createdAt: true },
      }),
      conversation.customerId
        ? prisma.customer.findUnique({
            where: { id: conversation.customerId },
            include: {
              orders: {
                orderBy: { createdAt: 'desc' },
                take: 10,
                select: { orderNumber: true, status: true, totalAmount: true, createdAt: true },
              },
            },
          })
        : null,
      statusOf(conversationId),
    ])
    return {
      id: conversation.id,
      channel: conversation.channel,
      status: status ?? 'bot',
      locale: conversation.locale,
      displayName: conversation.identity.displayName,
      createdAt: conversation.createdAt,
      tokens: {
        input: conversation.inputTokens,
        output: conversation.outputTokens,
        costMicroUsd: Number(conversation.costMicroUsd),
      },
      customer: customer
        ? {
            id: customer.id,
            name: customer.name,
            phone: customer.phoneNumber ? maskPhoneNumber(customer.phoneNumber) : null,
            email: customer.email ? maskEmailAddress(customer.email) : null,
            orders: customer.orders,
          }
        : null,
      messages: messages.map((m) => ({ ...m, content: m.content ?? null })),
      toolCalls,
      handoffs: handoffs.map((h) => ({
        id: h.id,
        status: h.status,
        reason: h.reason,
        assignee: h.assignee,
        rating: h.rating,
        openedAt: h.openedAt,
        claimedAt: h.claimedAt,
        closedAt: h.closedAt,
      })),
      // What a write waits for and on which order; never its arguments, which may hold a customer's new address or
      // the bank account for a refund.
      pendingActions: pending.map(({ args, ...p }) => {
        const orderNumber = (args as { orderNumber?: unknown } | null)?.orderNumber
        return { ...p, orderNumber: typeof orderNumber === 'string' ? orderNumber : null }
      }),
    }
  }

  /** The customer's phone and email in clear, for the owner; every reveal is audited. */
  async function revealContact(customerId: string, actor: string) {
    const customer = await prisma.customer.findUnique({
      where: { id: customerId },
      select: { id: true, phoneNumber: true, email: true },
    })
    if (!customer) return null
    await writeAudit(prisma, {
      actor,
      action: 'console_contact_revealed',
      entity: 'Customer',
      entityId: customerId,
    })
    return { id: customer.id, phone: customer.phoneNumber, email: customer.email }
  }

  return { listConversations, conversationView, statusOf, revealContact }
}

export type InboxQueries = ReturnType<typeof createInboxQueries>
