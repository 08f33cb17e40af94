/**
 * What the core reads and writes for one message, in two SQL statements instead of a dozen Prisma calls:
 *
 * - `intake` drops a repeated channel message or delivery (ProcessedEvent), finds or creates the sender's
 *   ChannelIdentity and the Conversation, reads the linked Customer, counts the sender's messages in the rate-limit window,
 *   stores the customer's message when the limit allows it, and reads the history and whether a hand-off is
 *   open. One statement, so it happens entirely or not at all: a failed intake leaves nothing behind and the
 *   channel's redelivery is answered normally.
 * - `outcome` stores the answer with its token usage, one ToolCall row per tool call, and the conversation's
 *   remembered order, language and customer.
 * - `delivered` marks an answer sent, on channels that deliver a message again until it is acknowledged: until
 *   then the answer is kept as sent (`pendingDelivery`), and the intake of a redelivery returns it to be sent again
 *   (`UndeliveredAnswer`) instead of dropping the repeat.
 *
 * Both run on PGlite and PostgreSQL alike.
 */
import { randomUUID } from 'node:crypto'
import { type SqlClient, type SqlQuery, type SqlStatement, utcTimestamp } from '../db/sql.ts'
import type { Channel, Customer, MessageRole } from '../generated/prisma/client.ts'

export interface IntakeInput {
  channel: Channel
  externalUserId: string
  externalChatId: string
  /** `${chatId}:${messageId}` under source `${channel}:message`; null when the channel gives no message id. */
  messageKey: string | null
  /** The delivery's own id, claimed beside the message key (InboundMessage.delivery). */
  delivery?: { source: string; key: string }
  /** Where proactive messages reach the sender (the identity's chat id). */
  identityChatId?: string
  displayName?: string
  /** The channel's language hint for the identity. */
  identityLocale?: string
  /** The language a new conversation starts in. */
  conversationLocale: string
  /** The customer's message as stored. */
  text: string
  externalMessageId: string | null
  content: unknown
  now: Date
  /** When the customer's message is stored (strictly increasing within the process). */
  storedAt: Date
  rateLimit: { limit: number; windowMs: number }
  historyLimit: number
}

export interface StoredConversation {
  id: string
  customerId: string | null
  lastOrderNumber: string | null
  locale: string
}

export interface IntakeResult {
  kind: 'taken'
  identity: { id: string; customerId: string | null }
  customer: Customer | null
  conversation: StoredConversation
  /** The sender's messages in the rate-limit window (at most `limit`; this one excluded). */
  recentCount: number
  /** Epoch ms of the oldest of those, null when there are none. */
  recentOldest: number | null
  /** False when the rate limit refused the message (then it was not stored). */
  stored: boolean
  /**
   * A repeat of a message taken in whose answer was never stored (the process answering it was killed): it is
   * answered now, from the message stored then.
   */
  resumed: boolean
  /** Oldest first; this message excluded. */
  history: { role: MessageRole; text: string; content: unknown }[]
  handoffOpen: boolean
}

/**
 * A repeat of a message whose answer was stored and kept for the channel but never marked sent (the process sending
 * it was killed): the channel sends the kept answer again. Nothing is stored and no agent runs.
 */
export interface UndeliveredAnswer {
  kind: 'undelivered'
  /** The stored answer's message id, for `delivered`. */
  answerId: string
  conversationId: string
  /** What `OutcomeInput.pendingDelivery` kept. */
  pending: unknown
}

export interface ToolCallRow {
  name: string
  input: unknown
  ok: boolean
  errorCode: string | null
  latencyMs: number
  at: Date
}

export type TokenCounts = Record<'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens', number>

export interface OutcomeInput {
  conversation: StoredConversation
  text: string
  content: unknown
  usage: Partial<TokenCounts>
  /** The model that used `usage`, and its estimated cost in micro-dollars. */
  model?: string | null
  costMicroUsd?: number | null
  toolCalls: ToolCallRow[]
  storedAt: Date
  lastOrderNumber: string | null
  locale: string
  customerId: string | null
  /**
   * The answer as the channel sends it, kept until `delivered` (channels that redeliver); absent when the channel
   * has it at once (web, terminal, Discord).
   */
  pendingDelivery?: unknown
}

/** The stored answer: its id, and with token usage the conversation's totals so far (else null). */
export interface StoredAnswer {
  id: string
  usage: ConversationUsage | null
}

/**
 * The intake is a statement the conversation lock sends with its own (see conversation-lock.ts), then read;
 * `via` is the statement runner to use: the conversation lock's connection while it is held.
 */
export interface ConversationStore {
  intakeStatement(input: IntakeInput): SqlStatement
  /**
   * The intake statement's rows as a result: the message taken in, or the kept answer of a repeat whose answer never
   * reached the channel; null when the message is a repeat to drop.
   */
  readIntake(rows: unknown[], input: IntakeInput, via?: SqlQuery): Promise<IntakeResult | UndeliveredAnswer | null>
  /** Stores the answer. */
  outcome(input: OutcomeInput, via?: SqlQuery): Promise<StoredAnswer>
  /** Marks a kept answer sent (one statement by primary key); a repeat of its message is dropped from then on. */
  delivered(answerId: string, at: Date): Promise<void>
}

/** A conversation's model and its tokens and estimated cost over every answer so far. */
export interface ConversationUsage extends TokenCounts {
  model: string | null
  costMicroUsd: number
}

// Parameters: $1 event id, $2 source, $3 event key, $4 now, $5 identity id, $6 channel, $7 external user id,
// $8 identity's chat id, $9 display name, $10 identity locale, $11 conversation id, $12 conversation chat id,
// $13 conversation locale, $14 message id, $15 text, $16 external message id, $17 content, $18 stored at,
// $19 window start, $20 limit, $21 history limit, $22 delivery event id, $23 delivery source, $24 delivery key,
// $25 whether to store the message (false when answering again one stored already, which history then leaves out).
// The message goes on only when every key it carries was new. A repeat is looked at further (`repeat`) when the
// message it repeats is still the last of its conversation (whoever took it in stopped before storing an answer: a
// process killed; `answerId` null), or when the message right after it is an answer still kept for the channel
// (stored, never marked sent: killed before or while sending it).
const intakeSql = `
WITH fresh AS (
  INSERT INTO "ProcessedEvent" (id, source, "eventKey", "createdAt")
  SELECT k.id, k.source, k.key, $4::timestamp(3)
  FROM (VALUES ($1::text, $2::text, $3::text), ($22::text, $23::text, $24::text)) AS k(id, source, key)
  WHERE k.key IS NOT NULL
  ON CONFLICT (source, "eventKey") DO NOTHING
  RETURNING id
), go AS (
  SELECT (SELECT count(*) FROM fresh) = ($3::text IS NOT NULL)::int + ($24::text IS NOT NULL)::int AS ok
), upserted AS (
  INSERT INTO "ChannelIdentity" AS ci
    (id, channel, "externalUserId", "externalChatId", "displayName", locale, "createdAt", "updatedAt")
  SELECT $5::text, $6::"Channel", $7::text, $8::text, $9::text, $10::text, $4::timestamp(3), $4::timestamp(3) FROM go WHERE go.ok
  ON CONFLICT (channel, "externalUserId") DO UPDATE SET
    "externalChatId" = COALESCE(EXCLUDED."externalChatId", ci."externalChatId"),
    "displayName" = COALESCE(EXCLUDED."displayName", ci."displayName"),
    locale = COALESCE(EXCLUDED.locale, ci.locale),
    "updatedAt" = EXCLUDED."updatedAt"
  WHERE (EXCLUDED."externalChatId" IS NOT NULL AND EXCLUDED."externalChatId" IS DISTINCT FROM ci."externalChatId")
     OR (EXCLUDED."displayName" IS NOT NULL AND EXCLUDED."displayName" IS DISTINCT FROM ci."displayName")
     OR (EXCLUDED.locale IS NOT NULL AND EXCLUDED.locale IS DISTINCT FROM ci.locale)
  RETURNING id, "customerId"
), ident AS (
  SELECT id, "customerId" FROM upserted
  UNION ALL
  SELECT ci.id, ci."customerId" FROM "ChannelIdentity" ci, go
  WHERE go.ok AND ci.channel = $6::"Channel" AND ci."externalUserId" = $7::text AND NOT EXISTS (SELECT 1 FROM upserted)
), created AS (
  INSERT INTO "Conversation" (id, channel, "externalChatId", "identityId", "customerId", locale, "createdAt", "updatedAt")
  SELECT $11::text, $6::"Channel", $12::text, ident.id, ident."customerId", $13::text, $4::timestamp(3), $4::timestamp(3) FROM ident
  ON CONFLICT (channel, "externalChatId", "identityId") DO NOTHING
  RETURNING id, "customerId", "lastOrderNumber", locale
), conv AS (
  SELECT * FROM created
  UNION ALL
  SELECT c.id, c."customerId", c."lastOrderNumber", c.locale FROM "Conversation" c, ident
  WHERE c.channel = $6::"Channel" AND c."externalChatId" = $12::text AND c."identityId" = ident.id
    AND NOT EXISTS (SELECT 1 FROM created)
), recent AS (
  -- Per conversation of the sender, a range scan of Message(conversationId, createdAt): the plan stays an index
  -- walk however large the table grows, and whatever the statistics say.
  SELECT m."createdAt" FROM "Conversation" c
  CROSS JOIN LATERAL (
    SELECT m."createdAt" FROM "Message" m
    WHERE m."conversationId" = c.id AND m."createdAt" > $19::timestamp(3) AND m.role = 'user'
    ORDER BY m."createdAt" DESC LIMIT $20::int
  ) m
  WHERE c."identityId" = (SELECT id FROM ident)
  ORDER BY m."createdAt" DESC LIMIT $20::int
), stored AS (
  INSERT INTO "Message" (id, "conversationId", role, text, "externalMessageId", content, "createdAt")
  SELECT $14::text, conv.id, 'user', $15::text, $16::text, $17::jsonb, $18::timestamp(3) FROM conv
  WHERE $25::boolean AND (SELECT count(*) FROM recent) < $20::int
  RETURNING id
), history AS (
  SELECT m.role::text AS role, m.text, m.content, m."createdAt", m.id FROM "Message" m
  WHERE m."conversationId" = (SELECT id FROM conv) AND m.role IN ('user', 'assistant', 'admin')
    AND ($25::boolean OR m."externalMessageId" IS DISTINCT FROM $16::text)
  ORDER BY m."conversationId" DESC, m."createdAt" DESC LIMIT $21::int
)
SELECT
  (SELECT ok FROM go) AS fresh,
  (SELECT json_build_object('id', id, 'customerId', "customerId") FROM ident) AS identity,
  (SELECT row_to_json(cu) FROM "Customer" cu WHERE cu.id = (SELECT "customerId" FROM ident)) AS customer,
  (SELECT row_to_json(conv) FROM conv) AS conversation,
  (SELECT count(*)::int FROM recent) AS "recentCount",
  (SELECT (extract(epoch FROM min("createdAt")) * 1000)::float8 FROM recent) AS "recentOldest",
  EXISTS (SELECT 1 FROM stored) AS stored,
  (SELECT COALESCE(json_agg(json_build_object('role', role, 'text', text, 'content', content)
     ORDER BY "createdAt", id), '[]') FROM history) AS history,
  EXISTS (SELECT 1 FROM "Handoff" h WHERE h."conversationId" = (SELECT id FROM conv) AND h.status = 'OPEN')
    AS "handoffOpen",
  CASE WHEN (SELECT ok FROM go) OR $16::text IS NULL THEN NULL ELSE (
    SELECT json_build_object('answerId', next.id, 'conversationId', c.id, 'pending', next."pendingDelivery")
    FROM "ChannelIdentity" ci
    JOIN "Conversation" c ON c."identityId" = ci.id AND c.channel = $6::"Channel" AND c."externalChatId" = $12::text
    JOIN "Message" m ON m."conversationId" = c.id AND m.role = 'user' AND m."externalMessageId" = $16::text
    LEFT JOIN LATERAL (
      SELECT later.id, later.role, later."pendingDelivery" FROM "Message" later
      WHERE later."conversationId" = c.id AND later."createdAt" >= m."createdAt" AND later.id <> m.id
      ORDER BY later."createdAt", later.id LIMIT 1
    ) next ON true
    WHERE ci.channel = $6::"Channel" AND ci."externalUserId" = $7::text
      AND (next.id IS NULL OR (next.role = 'assistant' AND next."pendingDelivery" IS NOT NULL))
    LIMIT 1
  ) END AS repeat
`

// Parameters: $1::text conversation id, $2::text tool calls (JSON array), $3 message id, $4 text, $5::text content, $6–$9 token
// usage, $10 stored at, $11::text last order number, $12::text locale, $13::text customer id, $14 model, $15 cost in
// micro-dollars, $16 whether there is usage, $17 the answer kept for the channel until it is marked sent. An answer
// with token usage adds it to the conversation's totals and returns them.
const outcomeSql = `
WITH calls AS (
  INSERT INTO "ToolCall" (id, "conversationId", name, input, ok, "errorCode", "latencyMs", "createdAt")
  SELECT x.id, $1::text, x.name, x.input, x.ok, x."errorCode", x."latencyMs", x."createdAt"::timestamp(3)
  FROM jsonb_to_recordset($2::jsonb)
    AS x(id text, name text, input jsonb, ok boolean, "errorCode" text, "latencyMs" int, "createdAt" text)
  RETURNING 1
), answer AS (
  INSERT INTO "Message"
    (id, "conversationId", role, text, content, "inputTokens", "outputTokens", "cacheReadTokens",
     "cacheWriteTokens", model, "costMicroUsd", "createdAt", "pendingDelivery")
  VALUES ($3::text, $1::text, 'assistant', $4::text, $5::jsonb, $6::int, $7::int, $8::int, $9::int, $14::text,
    $15::int, $10::timestamp(3), $17::jsonb)
  RETURNING 1
)
UPDATE "Conversation"
SET "lastOrderNumber" = $11::text, locale = $12::text, "customerId" = $13::text, "updatedAt" = $10::timestamp(3),
  model = COALESCE($14::text, model),
  "inputTokens" = "inputTokens" + COALESCE($6::int, 0),
  "outputTokens" = "outputTokens" + COALESCE($7::int, 0),
  "cacheReadTokens" = "cacheReadTokens" + COALESCE($8::int, 0),
  "cacheWriteTokens" = "cacheWriteTokens" + COALESCE($9::int, 0),
  "costMicroUsd" = "costMicroUsd" + COALESCE($15::bigint, 0)
WHERE id = $1::text AND ("lastOrderNumber" IS DISTINCT FROM $11::text OR locale IS DISTINCT FROM $12::text
  OR "customerId" IS DISTINCT FROM $13::text OR $16::boolean)
RETURNING model, "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "costMicroUsd"::float8 AS "costMicroUsd"
`

interface IntakeRow {
  fresh: boolean
  identity: { id: string; customerId: string | null } | null
  customer: (Omit<Customer, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string }) | null
  conversation: StoredConversation | null
  recentCount: number
  recentOldest: number | null
  stored: boolean
  history: { role: MessageRole; text: string; content: unknown }[]
  handoffOpen: boolean
  /** Set for a repeat to look at further (see the statement); null for a repeat to drop and for a new message. */
  repeat: { answerId: string | null; conversationId: string; pending: unknown } | null
}

// Marks a kept answer sent: $1 message id, $2 when.
const deliveredSql = `
UPDATE "Message" SET "deliveredAt" = $2::timestamp(3), "pendingDelivery" = NULL
WHERE id = $1::text AND "pendingDelivery" IS NOT NULL
`

/** `timestamp` columns come out of row_to_json as wall-clock text in UTC, without a zone. */
function utcDate(text: string): Date {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`)
}

/** JSON for a jsonb parameter; values JSON cannot hold become an empty object rather than a failed turn. */
function json(value: unknown): string | null {
  if (value === undefined || value === null) return null
  try {
    return JSON.stringify(value)
  } catch {
    return '{}'
  }
}

export function createConversationStore(sql: SqlClient): ConversationStore {
  /** `claim` false looks again at a message already claimed; `store` false does not store it again. */
  function statement(input: IntakeInput, claim: boolean, store = true): SqlStatement {
    const windowStart = new Date(input.now.getTime() - input.rateLimit.windowMs)
    return {
      text: intakeSql,
      params: [
        randomUUID(),
        `${input.channel}:message`,
        claim ? input.messageKey : null,
        utcTimestamp(input.now),
        randomUUID(),
        input.channel,
        input.externalUserId,
        input.identityChatId ?? null,
        input.displayName ?? null,
        input.identityLocale ?? null,
        randomUUID(),
        input.externalChatId,
        input.conversationLocale,
        randomUUID(),
        input.text,
        input.externalMessageId,
        json(input.content),
        utcTimestamp(input.storedAt),
        utcTimestamp(windowStart),
        input.rateLimit.limit,
        input.historyLimit,
        randomUUID(),
        input.delivery?.source ?? null,
        claim ? (input.delivery?.key ?? null) : null,
        store,
      ],
    }
  }

  async function readIntake(
    rows: unknown[],
    input: IntakeInput,
    via: SqlQuery = sql.query,
  ): Promise<IntakeResult | UndeliveredAnswer | null> {
    let row = rows[0] as IntakeRow | undefined
    const repeat = row && !row.fresh ? row.repeat : null
    // Under the conversation lock: a repeat whose answer is stored but was never marked sent gets that answer again.
    if (repeat?.answerId && repeat.pending !== null && repeat.pending !== undefined) {
      return {
        kind: 'undelivered',
        answerId: repeat.answerId,
        conversationId: repeat.conversationId,
        pending: repeat.pending,
      }
    }
    // A repeat whose message has no answer yet lost its first answer with the process that took it in, so the
    // repeat is answered (once: the answer stored now makes the next a plain repeat, or a kept one to send again).
    const resumed = Boolean(repeat && repeat.answerId === null)
    if (resumed) {
      const again = statement(input, false, false)
      row = (await via<IntakeRow>(again.text, again.params))[0]
    } else if (!row?.fresh) return null
    if (!row?.identity || !row.conversation) {
      // The sender's first messages in two chats at once: the other statement created the identity after
      // this one's snapshot was taken. The message is claimed already, so look again without the claim.
      const again = statement(input, false, !resumed)
      row = (await via<IntakeRow>(again.text, again.params))[0]
      if (!row?.identity || !row.conversation) throw new Error('conversation intake found no identity')
    }
    const customer = row.customer
      ? { ...row.customer, createdAt: utcDate(row.customer.createdAt), updatedAt: utcDate(row.customer.updatedAt) }
      : null
    return {
      kind: 'taken',
      identity: row.identity,
      customer,
      conversation: row.conversation,
      recentCount: Number(row.recentCount),
      recentOldest: row.recentOldest === null ? null : Number(row.recentOldest),
      stored: resumed || row.stored,
      resumed,
      history: row.history,
      handoffOpen: row.handoffOpen,
    }
  }

  return {
    intakeStatement: (input) => statement(input, true),
    readIntake,
    async outcome(input, via = sql.query) {
      const calls = input.toolCalls.map((call) => ({
        id: randomUUID(),
        name: call.name.slice(0, 100),
        input: call.input ?? {},
        ok: call.ok,
        errorCode: call.errorCode,
        latencyMs: Math.round(call.latencyMs),
        createdAt: utcTimestamp(call.at),
      }))
      const hasUsage = Object.values(input.usage).some((count) => typeof count === 'number' && count > 0)
      const id = randomUUID()
      const rows = await via<ConversationUsage>(outcomeSql, [
        input.conversation.id,
        json(calls) ?? '[]',
        id,
        input.text,
        json(input.content),
        input.usage.inputTokens ?? null,
        input.usage.outputTokens ?? null,
        input.usage.cacheReadTokens ?? null,
        input.usage.cacheWriteTokens ?? null,
        utcTimestamp(input.storedAt),
        input.lastOrderNumber,
        input.locale,
        input.customerId,
        hasUsage ? (input.model ?? null) : null,
        hasUsage ? Math.round(input.costMicroUsd ?? 0) : null,
        hasUsage,
        json(input.pendingDelivery),
      ])
      const totals = rows[0]
      if (!hasUsage || !totals) return { id, usage: null }
      return { id, usage: { ...totals, costMicroUsd: Number(totals.costMicroUsd) } }
    },
    async delivered(answerId, at) {
      await sql.query(deliveredSql, [answerId, utcTimestamp(at)])
    },
  }
}
