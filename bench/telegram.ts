/**
 * Telegram benchmark: updates/s through the whole bot (update-id dedupe, normalization, the conversation core
 * with the rule agent on the database, rendering, sendMessage, and the typing action when an answer takes a
 * noticeable time) beside a bare grammY bot that echoes the same updates, in the same run. Both talk to the same
 * local Bot API server over HTTP (TELEGRAM_API_ROOT-style `apiRoot`), so the echo bot pays the same client and
 * network costs. The outgoing
 * throttler is off for both: it enforces Telegram's real per-chat pacing, which is not what is measured here.
 *
 * PostgreSQL when BENCH_/TEST_/DATABASE_URL names a server, else PGlite. `ratio` is the echo bot's throughput
 * over ours (DESIGN §10): the target is ours ≥ 25% of the echo bot's, i.e. ratio ≤ 4. A third line,
 * `telegram.core_only`, feeds the same messages straight to `core.handle`, so the adapter's own share (update
 * dedupe, rendering, the API calls) is its ratio against `telegram.updates`. A fourth, `telegram.floor`, is a
 * bare grammY bot that answers each message with the floor of a message (message-floor.ts: lock, store, a stock
 * check, store, unlock), the least a bot that keeps its conversations can do. The four run in alternating rounds
 * and each figure is the median over the rounds (`share_per_round` lists a bot's rate over the echo bot's).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Bot } from 'grammy'
import type { Update, UserFromGetMe } from 'grammy/types'
import { createTelegramBot } from '../adapters/telegram/bot.ts'
import { createApp } from '../src/app.ts'
import { silentLogger } from '../src/logger.ts'
import { createAdminOrderService } from '../src/services/admin-orders.ts'
import { createHandoffDesk } from '../src/services/handoff-desk.ts'
import { createHandoffNotices } from '../src/services/notifications/handoff-notices.ts'
import { createLowStockWatcher } from '../src/services/notifications/low-stock.ts'
import { testBotInfo } from '../test/msw/telegram.ts'
import { type BenchDbKind, benchServerUrl, openBenchDatabase } from './bench-db.ts'
import { createMessageFloor } from './message-floor.ts'

export interface TelegramBenchOptions {
  quick: boolean
  emit: (line: object) => void
}

const token = '424242:BENCH-token'
const botInfo: UserFromGetMe = { ...testBotInfo, id: 424242, username: 'layan_bench_bot' }

/** What customers typically send: greetings, stock and FAQ questions, an order question before verifying. */
const texts = [
  'halo kak',
  'cek stok KAOS-001',
  'stok kemeja linen ukuran M ada?',
  'cara bayarnya gimana?',
  'jam buka toko?',
  'lacak ORD-2025-001',
  'ada jaket denim L?',
  'makasih ya',
]

const round = (v: number) => Math.round(v * 100) / 100

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** A local Bot API: every method answers ok; sendMessage with a plausible Message. Counts the calls. */
async function startLocalBotApi(): Promise<{ server: Server; apiRoot: string; calls: { n: number } }> {
  const calls = { n: 0 }
  let messageId = 1
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      calls.n++
      const method = request.url?.split('/').pop() ?? ''
      const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}
      const result =
        method === 'sendMessage'
          ? {
              message_id: messageId++,
              date: Math.floor(Date.now() / 1000),
              chat: { id: body.chat_id, type: 'private' },
              text: body.text,
            }
          : true
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ ok: true, result }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, apiRoot: `http://127.0.0.1:${port}`, calls }
}

let nextUpdateId = 1

/** `count` private text updates from `users` different customers. */
function makeUpdates(count: number, users: number): Update[] {
  return Array.from({ length: count }, (_, i) => {
    const userId = 700_000 + (i % users)
    return {
      update_id: nextUpdateId++,
      message: {
        message_id: nextUpdateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: 'private', first_name: 'Pelanggan' },
        from: { id: userId, is_bot: false, first_name: 'Pelanggan', language_code: 'id' },
        text: texts[i % texts.length] ?? 'halo',
      },
    } as Update
  })
}

/** Handles the items with `concurrency` in flight (as the runner does) and returns items per second. */
async function throughput<T>(items: T[], concurrency: number, handle: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]
        if (item !== undefined) await handle(item)
      }
    }),
  )
  return items.length / ((performance.now() - started) / 1000)
}

function drive(bot: Bot, updates: Update[], concurrency: number): Promise<number> {
  return throughput(updates, concurrency, (update) => bot.handleUpdate(update))
}

export async function runTelegramBench({ quick, emit }: TelegramBenchOptions): Promise<void> {
  const kind: BenchDbKind = benchServerUrl() ? 'postgres' : 'pglite'
  const rounds = quick ? 1 : 5
  const perRound = quick ? 64 : 500
  const warmup = quick ? 16 : 600
  const concurrency = 16
  const users = Math.max(concurrency, Math.floor((perRound * rounds) / 10))
  const { db, counter } = await openBenchDatabase(kind, 'layan_bench_telegram')
  const api = await startLocalBotApi()
  try {
    const log = silentLogger()
    const prisma = db.prisma
    const notices = createHandoffNotices({ prisma })
    const { core, services, handoffs } = createApp({
      db,
      log,
      agent: 'rules',
      config: { RATE_LIMIT_PER_MINUTE: 1_000_000 },
      onHandoffOpened: notices.opened,
    })
    const bot = createTelegramBot({
      token,
      core,
      log,
      services,
      handoffs,
      desk: createHandoffDesk({ prisma }),
      adminOrders: createAdminOrderService({ prisma }),
      lowStock: createLowStockWatcher({ prisma, log }),
      adminIds: [],
      shopName: 'UrbanStyle ID',
      apiRoot: api.apiRoot,
      botInfo,
      api: { throttle: false },
    })
    const echo = new Bot(token, { botInfo, client: { apiRoot: api.apiRoot } })
    echo.on('message:text', (ctx) => ctx.reply(ctx.message.text))

    // The floor bot: one conversation per chat, made up front.
    const floorConversations = await db.sql.query<{ id: string }>(
      `WITH identity AS (
         INSERT INTO "ChannelIdentity" (id, channel, "externalUserId", "createdAt", "updatedAt")
         VALUES ('bench-floor', 'telegram', 'bench-floor', now(), now()) RETURNING id
       )
       INSERT INTO "Conversation" (id, channel, "externalChatId", "identityId", locale, "createdAt", "updatedAt")
       SELECT 'floor-' || (700000 + g), 'telegram', 'floor-' || (700000 + g), identity.id, 'id', now(), now()
       FROM identity, generate_series(0, $1::int - 1) AS g RETURNING id`,
      [users],
    )
    if (floorConversations.length !== users) throw new Error('the floor bot has no conversations')
    const floorMessage = createMessageFloor(db, () => services.inventory.checkProductStock('KAOS-001'))
    const floorBot = new Bot(token, { botInfo, client: { apiRoot: api.apiRoot } })
    floorBot.on('message:text', async (ctx) => {
      await floorMessage(`floor-${ctx.chat.id}`, ctx.message.text)
      await ctx.reply('Stok KAOS-001 tersedia.')
    })

    // The core alone with the same messages, to show what the adapter adds on top of it.
    const driveCore = async (updates: Update[]) => {
      const messages = updates.map((update) => ({
        channel: 'telegram' as const,
        externalUserId: String(update.message?.from?.id),
        externalChatId: String(update.message?.chat.id),
        externalMessageId: `bench:${update.update_id}`,
        text: update.message?.text ?? '',
        receivedAt: new Date(),
      }))
      return throughput(messages, concurrency, (message) => core.handle(message))
    }

    await drive(echo, makeUpdates(warmup, users), concurrency)
    await drive(bot, makeUpdates(warmup, users), concurrency)
    await driveCore(makeUpdates(warmup, users))
    await drive(floorBot, makeUpdates(warmup, users), concurrency)

    // Rounds alternate the four, so a change in the machine's load over the run reaches all of them alike.
    const echoRates: number[] = []
    const botRates: number[] = []
    const coreRates: number[] = []
    const floorRates: number[] = []
    let botCalls = 0
    let botStatements = 0
    let floorStatements = 0
    for (let r = 0; r < rounds; r++) {
      echoRates.push(await drive(echo, makeUpdates(perRound, users), concurrency))
      const callsBefore = api.calls.n
      const sqlBefore = counter.n
      botRates.push(await drive(bot, makeUpdates(perRound, users), concurrency))
      botCalls += api.calls.n - callsBefore
      botStatements += counter.n - sqlBefore
      coreRates.push(await driveCore(makeUpdates(perRound, users)))
      const floorSqlBefore = counter.n
      floorRates.push(await drive(floorBot, makeUpdates(perRound, users), concurrency))
      floorStatements += counter.n - floorSqlBefore
    }
    const echoRate = median(echoRates)
    const rate = median(botRates)
    const coreRate = median(coreRates)
    const floorRate = median(floorRates)
    const updates = perRound * rounds
    emit({
      bench: 'telegram.echo',
      db: kind,
      updates,
      rounds,
      concurrency,
      updates_per_s: round(echoRate),
    })
    emit({
      bench: 'telegram.updates',
      db: kind,
      updates,
      rounds,
      concurrency,
      updates_per_s: round(rate),
      api_calls_per_update: round(botCalls / updates),
      sql_statements_per_update: round(botStatements / updates),
      baseline: 'telegram.echo',
      ratio: round(echoRate / rate),
      share_per_round: botRates.map((bot, i) => round(bot / (echoRates[i] ?? bot))),
    })
    emit({
      bench: 'telegram.core_only',
      db: kind,
      updates,
      rounds,
      concurrency,
      updates_per_s: round(coreRate),
      baseline: 'telegram.updates',
      ratio: round(rate / coreRate),
    })
    emit({
      bench: 'telegram.floor',
      db: kind,
      updates,
      rounds,
      concurrency,
      updates_per_s: round(floorRate),
      sql_statements_per_update: round(floorStatements / updates),
      baseline: 'telegram.echo',
      ratio: round(echoRate / floorRate),
      share_per_round: floorRates.map((floor, i) => round(floor / (echoRates[i] ?? floor))),
    })
  } finally {
    await new Promise((resolve) => api.server.close(resolve))
    await db.close()
  }
}
