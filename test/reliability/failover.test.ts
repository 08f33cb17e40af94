/**
 * Failover: two server processes on one PostgreSQL in Telegram webhook mode, behind a local stand-in of the Bot API
 * that also delivers updates as Telegram does (to either instance, as a load balancer would; an update whose delivery
 * got no 2xx is delivered again, to the other). A burst of customer messages, one process killed with SIGKILL
 * mid-burst: every message is answered; a repeated answer is possible only for messages in flight at the kill (the
 * Bot API has no idempotency key), and repeats are bounded by that number; every answer is stored once and marked
 * sent; every staff notification queued is sent exactly once.
 *
 * What makes it hold wherever the kill lands: the customer's message and the update id are claimed in one statement
 * (a redelivery of a message taken in without an answer is answered then); the answer is kept with the message until
 * the bot marks it sent, so a redelivery after the answer was stored and before it reached Telegram gets that stored
 * answer (the agent does not run again), and one after it was marked sent is dropped. Only a kill between Telegram
 * accepting the answer and the mark can send it twice: such a message was in flight at the kill.
 *
 * PostgreSQL only (several processes share the database): `npm test` always has one (TEST_DATABASE_URL or the
 * throwaway server it starts). Run on its own without TEST_DATABASE_URL, the suite says loudly that it did not run,
 * and under CI that fails.
 */

import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.ts'
import { describeMissing, underCi } from '../helpers/capabilities.ts'
import { type ProcessDatabase, processDatabase } from '../helpers/process-database.ts'
import { commandEnv, freePort, type Started, startEntry, stop, waitForHealth } from '../helpers/processes.ts'

const token = '123456:FAILOVER-layan-token-abcdefghijklmnop'
const secret = 'failover-webhook-secret'
const adminChat = '-100777'
const burst = 40

/**
 * The Bot API: answers every method, records sendMessage calls. A message takes `sendDelayMs` to reach Telegram, as
 * over the internet, and one whose sender died meanwhile never arrives: a kill then catches answers on their way out,
 * stored and not yet at Telegram, which the redelivery must bring.
 */
async function startBotApi(sendDelayMs = 150) {
  const sent: { chatId: string; text: string }[] = []
  let messageId = 5000
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const method = req.url?.split('/').pop() ?? ''
      let body: Record<string, unknown> = {}
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
      } catch {
        body = {}
      }
      res.setHeader('content-type', 'application/json')
      if (method === 'getMe') {
        res.end(
          JSON.stringify({
            ok: true,
            result: { id: 123456, is_bot: true, first_name: 'Layan', username: 'layan_test_bot' },
          }),
        )
        return
      }
      if (method === 'sendMessage') {
        let senderGone = false
        res.on('close', () => {
          senderGone = !res.writableFinished
        })
        await new Promise((resolve) => setTimeout(resolve, sendDelayMs))
        if (senderGone || res.destroyed) return
        sent.push({ chatId: String(body.chat_id), text: String(body.text ?? '') })
        res.end(
          JSON.stringify({
            ok: true,
            result: {
              message_id: messageId++,
              date: Math.floor(Date.now() / 1000),
              chat: { id: Number(body.chat_id), type: 'private' },
              text: body.text,
            },
          }),
        )
        return
      }
      res.end(JSON.stringify({ ok: true, result: true }))
    })
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${port}`, sent, close: () => new Promise<void>((r) => server.close(() => r())) }
}

function update(i: number) {
  const user = 900_000 + i
  return {
    update_id: 70_000 + i,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user, type: 'private', first_name: `Pelanggan ${i}` },
      from: { id: user, is_bot: false, first_name: `Pelanggan ${i}`, language_code: 'id' },
      text: 'Apakah Kaos Basic Crewneck ukuran M masih ada?',
    },
  }
}

const postgres = Boolean(process.env.TEST_DATABASE_URL)
if (!postgres) {
  const block = describeMissing([
    {
      suites: ['test/reliability/failover.test.ts'],
      needs: 'PostgreSQL (TEST_DATABASE_URL)',
      enable:
        'export TEST_DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/layan_test, or run it through `npm test`, which starts a throwaway server',
    },
  ])
  if (underCi) throw new Error(`CI=true and the failover suite cannot run without PostgreSQL:${block}`)
  process.stderr.write(block)
}

describe.runIf(postgres)('failover: two instances on one PostgreSQL, one killed mid-burst', () => {
  let api: Awaited<ReturnType<typeof startBotApi>>
  let database: ProcessDatabase
  const servers: Started[] = []
  beforeAll(async () => {
    api = await startBotApi()
    database = await processDatabase('postgres', 'failover')
  })
  afterAll(async () => {
    for (const s of servers) await stop(s, 'SIGKILL')
    await api.close()
    await database.drop()
  })

  it('answers every message, repeats at most those in flight at the kill, sends every notification once', async () => {
    const bases: string[] = []
    for (let i = 0; i < 2; i++) {
      const port = await freePort()
      const base = `http://127.0.0.1:${port}`
      const server = startEntry('src/main.ts', ['--migrate'], {
        env: commandEnv({
          ...database.env,
          PORT: String(port),
          SEED_DEMO: 'true',
          TELEGRAM_BOT_TOKEN: token,
          TELEGRAM_API_ROOT: api.url,
          TELEGRAM_WEBHOOK_URL: `https://bot.example.com/tg/hook`,
          TELEGRAM_WEBHOOK_SECRET: secret,
          ADMIN_TELEGRAM_CHAT_ID: adminChat,
          RATE_LIMIT_PER_MINUTE: '1000',
          ALERT_CHECK_SECONDS: '0',
          LOG_LEVEL: 'info',
        }),
      })
      servers.push(server)
      await waitForHealth(base, server)
      bases.push(base)
    }
    // Staff notifications queued before the burst: both outboxes compete for them.
    const db = await openDatabase({ databaseUrl: database.url as string, poolSize: 2 })
    const notices = 12
    await db.prisma.notification.createMany({
      data: Array.from({ length: notices }, (_, i) => ({
        audience: 'admin',
        kind: 'handoff_message',
        payload: { handoffId: `fo-${i}`, channel: 'web', displayName: 'tester', text: `catatan-${i}-akhir` },
      })),
    })

    const alive = [true, true]
    let inFlightAtKill = 0
    // Update → the instance its delivery is waiting on (only those at the killed one can be answered twice).
    const inFlight = new Map<number, number>()
    const deliver = async (i: number): Promise<void> => {
      for (let attempt = 0; attempt < 10; attempt++) {
        const target = alive[(i + attempt) % 2] ? (i + attempt) % 2 : alive[0] ? 0 : 1
        inFlight.set(i, target)
        try {
          const res = await fetch(`${bases[target]}/tg/hook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
            body: JSON.stringify(update(i)),
          })
          await res.arrayBuffer()
          if (res.ok) return
        } catch {
          // connection reset by the kill: Telegram delivers it again
        } finally {
          inFlight.delete(i)
        }
        await new Promise((r) => setTimeout(r, 200))
      }
      throw new Error(`update ${i} was never acknowledged`)
    }

    const deliveries: Promise<void>[] = []
    for (let i = 0; i < burst; i++) {
      deliveries.push(deliver(i))
      if (i === burst / 2) {
        inFlightAtKill = [...inFlight.values()].filter((target) => target === 0).length
        alive[0] = false
        servers[0]?.child.kill('SIGKILL')
      }
      await new Promise((r) => setTimeout(r, 15))
    }
    await Promise.all(deliveries)
    await servers[0]?.exited

    // Every customer got an answer; repeats only for what was in flight at the kill.
    const deadline = Date.now() + 30_000
    const answered = () => new Set(api.sent.map((s) => s.chatId).filter((id) => Number(id) >= 900_000))
    while (answered().size < burst && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(answered().size).toBe(burst)
    const perChat = new Map<string, number>()
    for (const s of api.sent) if (Number(s.chatId) >= 900_000) perChat.set(s.chatId, (perChat.get(s.chatId) ?? 0) + 1)
    const repeated = [...perChat.values()].filter((n) => n > 1).length
    expect(repeated).toBeLessThanOrEqual(inFlightAtKill)
    // Each answer stored once and marked sent: nothing left for a redelivery to send again.
    const answers = await db.sql.query<{ chat: string; answers: number; unsent: number }>(
      `SELECT c."externalChatId" AS chat, count(*)::int AS answers,
           count(*) FILTER (WHERE m."deliveredAt" IS NULL OR m."pendingDelivery" IS NOT NULL)::int AS unsent
         FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
         WHERE c.channel = 'telegram' AND m.role = 'assistant' GROUP BY c."externalChatId"`,
    )
    expect(answers).toHaveLength(burst)
    expect(answers.filter((row) => row.answers !== 1 || row.unsent !== 0)).toEqual([])
    const resent = servers.map((s) => s.output().split('sending it again').length - 1).reduce((a, b) => a + b, 0)
    process.stderr.write(
      `failover: ${burst} customers, ${inFlightAtKill} in flight at the killed instance, ${repeated} answered twice, ${resent} stored answers sent again to a redelivery\n`,
    )

    // Every staff notification sent exactly once (the killed worker's leases run out, the other takes them).
    const noticeDeadline = Date.now() + 180_000
    const adminTexts = () => api.sent.filter((s) => s.chatId === adminChat).map((s) => s.text)
    while (
      (await db.prisma.notification.count({ where: { kind: 'handoff_message', status: 'SENT' } })) < notices &&
      Date.now() < noticeDeadline
    ) {
      await new Promise((r) => setTimeout(r, 500))
    }
    for (let i = 0; i < notices; i++) {
      expect(adminTexts().filter((t) => t.includes(`catatan-${i}-akhir`))).toHaveLength(1)
    }
    expect(await db.prisma.notification.count({ where: { kind: 'handoff_message', status: 'SENT' } })).toBe(notices)
    await db.close()
  }, 400_000)
})
