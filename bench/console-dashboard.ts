/**
 * The console's dashboard queries over a generated history: 10,000 conversations with 100,000 customer and bot
 * messages (plus staff answers), 1 in 7 handed off (most rated), three tool calls each, spread over 90 days and
 * five channels, on PostgreSQL (PGlite too in `--quick`, with a tenth of it). Each chart's query runs over the whole
 * 90 days; the lines give p50/p95/p99 beside a `SELECT 1` round trip on the same database. The target is p95 ≤ 300 ms
 * per chart on PostgreSQL.
 */
import { analyticsTables, createAnalyticsQueries } from '../src/services/console/analytics-queries.ts'
import { createInboxQueries } from '../src/services/console/inbox-queries.ts'
import { type BenchDbKind, benchDbKinds, openBenchDatabase } from './bench-db.ts'
import type { BenchOptions } from './services.ts'
import { sample, summarize } from './stats.ts'

const channels = `(ARRAY['web','telegram','discord','whatsapp','cli'])`

/** Inserts the generated history with set-based SQL (a few seconds for the full size). */
async function generateHistory(run: (sql: string) => Promise<unknown>, conversations: number): Promise<void> {
  await run(`
    INSERT INTO "ChannelIdentity" ("id", "channel", "externalUserId", "externalChatId", "createdAt", "updatedAt")
    SELECT 'bi' || g, ${channels}[1 + g % 5]::"Channel", 'bench-' || g, 'bench-' || g, now(), now()
    FROM generate_series(1, ${conversations}) g`)
  await run(`
    INSERT INTO "Conversation" ("id", "channel", "externalChatId", "identityId", "createdAt", "updatedAt",
      "inputTokens", "outputTokens", "costMicroUsd")
    SELECT 'bc' || g, ${channels}[1 + g % 5]::"Channel", 'bench-' || g, 'bi' || g, ts, ts, 4000, 600, 21000 + g % 5000
    FROM (SELECT g, (now() AT TIME ZONE 'UTC') - random() * interval '90 days' AS ts
          FROM generate_series(1, ${conversations}) g) s`)
  // Ten messages a conversation, customer and bot in turn; one bot answer in 17 gave up (a knowledge gap).
  await run(`
    INSERT INTO "Message" ("id", "conversationId", "role", "text", "content", "inputTokens", "outputTokens",
      "costMicroUsd", "createdAt")
    SELECT c."id" || '-' || k, c."id", (CASE WHEN k % 2 = 0 THEN 'user' ELSE 'assistant' END)::"MessageRole",
      CASE WHEN k % 2 = 0
        THEN (ARRAY['udh dikirim blm kak?','cara bayar gimana','ada ukuran XL?','bisa COD ga?','kapan restock?',
                    'bisa tukar ukuran?'])[1 + (length(c."id") + k) % 6]
        ELSE 'Baik kak, saya bantu cek ya.' END,
      CASE WHEN k % 2 = 1 AND (hashtext(c."id") + k) % 17 = 0 THEN '{"gaveUpStreak": 1}'::jsonb END,
      CASE WHEN k % 2 = 1 THEN 800 END, CASE WHEN k % 2 = 1 THEN 120 END, CASE WHEN k % 2 = 1 THEN 4200 END,
      c."createdAt" + k * interval '40 seconds'
    FROM "Conversation" c CROSS JOIN generate_series(0, 9) k WHERE c."id" LIKE 'bc%'`)
  await run(`
    INSERT INTO "Handoff" ("id", "conversationId", "reason", "status", "assignee", "rating", "openedAt", "claimedAt", "closedAt")
    SELECT 'bh' || c."id", c."id", 'customer_asked', 'CLOSED', 'console:staff@shop.test',
      CASE WHEN hashtext(c."id") % 4 <> 0 THEN 1 + abs(hashtext(c."id")) % 5 END,
      c."createdAt" + interval '7 minutes', c."createdAt" + interval '9 minutes', c."createdAt" + interval '40 minutes'
    FROM "Conversation" c WHERE c."id" LIKE 'bc%' AND abs(hashtext(c."id")) % 7 = 0`)
  await run(`
    INSERT INTO "Message" ("id", "conversationId", "role", "text", "createdAt")
    SELECT h."id" || '-a', h."conversationId", 'admin', 'Halo kak, saya bantu ya',
      h."openedAt" + (abs(hashtext(h."id")) % 1800) * interval '1 second'
    FROM "Handoff" h WHERE h."id" LIKE 'bh%'`)
  await run(`
    INSERT INTO "ToolCall" ("id", "conversationId", "name", "input", "ok", "errorCode", "latencyMs", "createdAt")
    SELECT c."id" || '-t' || k, c."id",
      (ARRAY['track_order','check_inventory','search_products','verify_payment','order_summary'])[1 + (abs(hashtext(c."id")) + k) % 5],
      '{}'::jsonb, random() > 0.05, NULL, 5 + (random() * 250)::int, c."createdAt" + k * interval '80 seconds'
    FROM "Conversation" c CROSS JOIN generate_series(1, 3) k WHERE c."id" LIKE 'bc%'`)
  await run('ANALYZE')
}

export async function runConsoleDashboardBench({ quick, emit }: BenchOptions): Promise<void> {
  const kinds: BenchDbKind[] = quick ? benchDbKinds() : benchDbKinds().filter((k) => k === 'postgres')
  if (kinds.length === 0) {
    console.error('bench: console dashboard needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL): skipped')
    return
  }
  const conversations = quick ? 1000 : 10_000
  const n = quick ? 3 : 40
  for (const kind of kinds) {
    const { db } = await openBenchDatabase(kind, 'layan_bench_console')
    try {
      const prisma = db.prisma
      const started = performance.now()
      await generateHistory((sql) => prisma.$executeRawUnsafe(sql), conversations)
      const messages = await prisma.message.count()
      console.error(
        `bench: generated ${conversations} conversations, ${messages} messages in ${Math.round(performance.now() - started)} ms`,
      )
      const base = { db: kind, conversations, messages }
      const select1 = summarize(await sample(n, () => prisma.$queryRaw`SELECT 1`))
      emit({ bench: 'console.select1', ...base, ...select1 })

      const analytics = createAnalyticsQueries({ prisma })
      const to = new Date()
      const range = { from: new Date(to.getTime() - 91 * 86_400_000), to }
      const p95 = (samples: number[]) => {
        const sorted = [...samples].sort((a, b) => a - b)
        return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0) * 1000) / 1000
      }
      for (const table of analyticsTables) {
        await analytics.table(table, range)
        const samples = await sample(n, () => analytics.table(table, range))
        const timing = summarize(samples)
        emit({
          bench: `console.chart.${table}`,
          ...base,
          range_days: 91,
          ...timing,
          p95_ms: p95(samples),
          target_p95_ms: 300,
          baseline: 'console.select1',
          ratio: select1.p50_ms > 0 ? Math.round((timing.p50_ms / select1.p50_ms) * 10) / 10 : 0,
        })
      }
      const inbox = createInboxQueries({ prisma, now: () => new Date() })
      for (const [name, filter] of [
        ['console.inbox.all', {}],
        ['console.inbox.waiting', { status: 'waiting' as const }],
        ['console.inbox.search', { q: 'bench-77' }],
      ] as const) {
        await inbox.listConversations(filter)
        const samples = await sample(n, () => inbox.listConversations(filter))
        emit({ bench: name, ...base, ...summarize(samples), p95_ms: p95(samples), baseline: 'console.select1' })
      }
    } finally {
      await db.close()
    }
  }
}
