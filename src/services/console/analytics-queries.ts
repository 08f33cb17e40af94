/**
 * The console's analytics over a date range [from, to): one SQL statement per chart, grouped by day in the shop's
 * time zone. Each returns rows of plain values, so the same rows feed the chart and the CSV export.
 *
 * - conversations per day by channel
 * - automated resolution rate (conversations no person took part in) and hand-off rate
 * - median (and p90) time from a hand-off opening to the first human answer
 * - CSAT: ratings 1–5 and their average
 * - tool calls per tool: count, success rate, p50 / p95 latency
 * - LLM tokens and estimated cost per day, and the costliest conversations
 * - knowledge gaps: the customer messages the bot could not answer, most frequent first, with a conversation each
 */
import type { Db } from '../../db/client.ts'

export interface DateRange {
  from: Date
  to: Date
}

export const analyticsTables = [
  'conversations_per_day',
  'resolution',
  'first_reply',
  'csat',
  'tools',
  'cost_per_day',
  'cost_per_conversation',
  'knowledge_gaps',
] as const
export type AnalyticsTable = (typeof analyticsTables)[number]

export type Row = Record<string, string | number | null>

export interface AnalyticsQueryDeps {
  prisma: Db
  /** IANA zone days are counted in (default Asia/Jakarta). */
  timeZone?: string
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

export function createAnalyticsQueries(deps: AnalyticsQueryDeps) {
  const { prisma } = deps
  const zone = deps.timeZone ?? 'Asia/Jakarta'

  const queries: Record<AnalyticsTable, (range: DateRange) => Promise<Row[]>> = {
    async conversations_per_day({ from, to }) {
      const rows = await prisma.$queryRaw<{ day: string; channel: string; conversations: bigint }[]>`
        SELECT to_char(("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${zone}, 'YYYY-MM-DD') AS "day",
               "channel"::text AS "channel", count(*) AS "conversations"
        FROM "Conversation" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}
        GROUP BY 1, 2 ORDER BY 1, 2`
      return rows.map((r) => ({ day: r.day, channel: r.channel, conversations: Number(r.conversations) }))
    },

    async resolution({ from, to }) {
      const rows = await prisma.$queryRaw<{ total: bigint; handed_off: bigint }[]>`
        SELECT count(*) AS "total",
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Handoff" h WHERE h."conversationId" = c."id")) AS "handed_off"
        FROM "Conversation" c WHERE c."createdAt" >= ${from} AND c."createdAt" < ${to}`
      const total = Number(rows[0]?.total ?? 0)
      const handedOff = Number(rows[0]?.handed_off ?? 0)
      const rate = (n: number) => (total === 0 ? null : Math.round((n / total) * 1000) / 10)
      return [
        {
          conversations: total,
          automated: total - handedOff,
          handed_off: handedOff,
          automated_rate_pct: rate(total - handedOff),
          handoff_rate_pct: rate(handedOff),
        },
      ]
    },

    async first_reply({ from, to }) {
      const rows = await prisma.$queryRaw<
        { answered: bigint; unanswered: bigint; p50: number | null; p90: number | null }[]
      >`
        WITH firsts AS (
          SELECT h."id",
                 (SELECT min(m."createdAt") FROM "Message" m
                   WHERE m."conversationId" = h."conversationId" AND m."role" = 'admin' AND m."createdAt" >= h."openedAt"
                     AND (m."content" IS NULL OR m."content"->>'kind' IS DISTINCT FROM 'handoff_timeout')) AS "firstAt",
                 h."openedAt"
          FROM "Handoff" h WHERE h."openedAt" >= ${from} AND h."openedAt" < ${to}
        )
        SELECT count("firstAt") AS "answered", count(*) - count("firstAt") AS "unanswered",
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "firstAt" - "openedAt")) AS "p50",
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM "firstAt" - "openedAt")) AS "p90"
        FROM firsts`
      const r = rows[0]
      return [
        {
          handoffs_answered: Number(r?.answered ?? 0),
          handoffs_unanswered: Number(r?.unanswered ?? 0),
          median_seconds: r?.p50 === null || r?.p50 === undefined ? null : Math.round(Number(r.p50)),
          p90_seconds: r?.p90 === null || r?.p90 === undefined ? null : Math.round(Number(r.p90)),
        },
      ]
    },

    async csat({ from, to }) {
      const rows = await prisma.$queryRaw<{ rating: number; count: bigint }[]>`
        SELECT "rating", count(*) AS "count" FROM "Handoff"
        WHERE "rating" IS NOT NULL AND "closedAt" >= ${from} AND "closedAt" < ${to}
        GROUP BY 1 ORDER BY 1`
      const counts = new Map(rows.map((r) => [Number(r.rating), Number(r.count)]))
      const total = [...counts.values()].reduce((a, b) => a + b, 0)
      const sum = [...counts.entries()].reduce((a, [score, n]) => a + score * n, 0)
      const average = total === 0 ? null : Math.round((sum / total) * 100) / 100
      return [1, 2, 3, 4, 5].map((score) => ({ rating: score, count: counts.get(score) ?? 0, average }))
    },

    async tools({ from, to }) {
      const rows = await prisma.$queryRaw<
        { tool: string; calls: bigint; ok: bigint; p50: number | null; p95: number | null }[]
      >`
        SELECT "name" AS "tool", count(*) AS "calls", count(*) FILTER (WHERE "ok") AS "ok",
               percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs") AS "p50",
               percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs") AS "p95"
        FROM "ToolCall" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}
        GROUP BY 1 ORDER BY 2 DESC, 1`
      return rows.map((r) => ({
        tool: r.tool,
        calls: Number(r.calls),
        success_rate_pct: Math.round((Number(r.ok) / Number(r.calls)) * 1000) / 10,
        p50_ms: num(r.p50) === null ? null : Math.round(Number(r.p50)),
        p95_ms: num(r.p95) === null ? null : Math.round(Number(r.p95)),
      }))
    },

    async cost_per_day({ from, to }) {
      const rows = await prisma.$queryRaw<
        { day: string; input: bigint | null; output: bigint | null; cost: bigint | null; conversations: bigint }[]
      >`
        SELECT to_char(("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${zone}, 'YYYY-MM-DD') AS "day",
               sum(COALESCE("inputTokens", 0) + COALESCE("cacheReadTokens", 0) + COALESCE("cacheWriteTokens", 0)) AS "input",
               sum(COALESCE("outputTokens", 0)) AS "output", sum(COALESCE("costMicroUsd", 0)) AS "cost",
               count(DISTINCT "conversationId") AS "conversations"
        FROM "Message"
        WHERE "role" = 'assistant' AND "createdAt" >= ${from} AND "createdAt" < ${to}
        GROUP BY 1 ORDER BY 1`
      return rows.map((r) => {
        const cost = Number(r.cost ?? 0) / 1_000_000
        const conversations = Number(r.conversations)
        return {
          day: r.day,
          input_tokens: Number(r.input ?? 0),
          output_tokens: Number(r.output ?? 0),
          cost_usd: Math.round(cost * 10_000) / 10_000,
          cost_per_conversation_usd: conversations === 0 ? null : Math.round((cost / conversations) * 10_000) / 10_000,
        }
      })
    },

    async cost_per_conversation({ from, to }) {
      const rows = await prisma.$queryRaw<
        { id: string; channel: string; input: number; output: number; cost: bigint }[]
      >`
        SELECT "id", "channel"::text AS "channel", "inputTokens" + "cacheReadTokens" + "cacheWriteTokens" AS "input",
               "outputTokens" AS "output", "costMicroUsd" AS "cost"
        FROM "Conversation" WHERE "createdAt" >= ${from} AND "createdAt" < ${to} AND "costMicroUsd" > 0
        ORDER BY "costMicroUsd" DESC LIMIT 20`
      return rows.map((r) => ({
        conversation_id: r.id,
        channel: r.channel,
        input_tokens: Number(r.input),
        output_tokens: Number(r.output),
        cost_usd: Math.round((Number(r.cost) / 1_000_000) * 10_000) / 10_000,
      }))
    },

    async knowledge_gaps({ from, to }) {
      const rows = await prisma.$queryRaw<{ text: string; count: bigint; conversation_id: string }[]>`
        SELECT lower(trim(u."text")) AS "text", count(*) AS "count", max(a."conversationId") AS "conversation_id"
        FROM "Message" a
        JOIN LATERAL (
          SELECT m."text" FROM "Message" m
          WHERE m."conversationId" = a."conversationId" AND m."role" = 'user' AND m."createdAt" <= a."createdAt"
          ORDER BY m."createdAt" DESC LIMIT 1
        ) u ON TRUE
        WHERE a."role" = 'assistant' AND a."createdAt" >= ${from} AND a."createdAt" < ${to}
          AND COALESCE((a."content"->>'gaveUpStreak')::int, 0) > 0
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`
      return rows.map((r) => ({ message: r.text, count: Number(r.count), conversation_id: r.conversation_id }))
    },
  }

  /** Every chart of the dashboard for one range. */
  async function dashboard(range: DateRange): Promise<Record<AnalyticsTable, Row[]>> {
    const entries = await Promise.all(analyticsTables.map(async (name) => [name, await queries[name](range)] as const))
    return Object.fromEntries(entries) as Record<AnalyticsTable, Row[]>
  }

  return { table: (name: AnalyticsTable, range: DateRange) => queries[name](range), dashboard }
}

/** Rows as CSV (RFC 4180; a leading =, +, - or @ is quoted with an apostrophe so a spreadsheet does not run it). */
export function toCsv(rows: Row[]): string {
  if (rows.length === 0) return ''
  const columns = Object.keys(rows[0] as Row)
  const cell = (value: string | number | null): string => {
    if (value === null) return ''
    let text = String(value)
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return `${[columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c] ?? null)).join(','))].join('\r\n')}\r\n`
}

export type AnalyticsQueries = ReturnType<typeof createAnalyticsQueries>
