/**
 * How updates arrive: webhook mode through the real HTTP server (right secret handled once, wrong or missing
 * secret 401, outside the per-IP rate limit), what `start()` tells Telegram in each mode (command menus in the
 * admin scopes, setWebhook with the secret; or deleteWebhook and long polling), and nothing before `start()`.
 */
import type { FastifyInstance } from 'fastify'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { webhookPath, webhookSecret } from '../../../adapters/telegram/webhook.ts'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { createFakeTelegram, testBotToken } from '../../msw/telegram.ts'
import { adminChatId, adminUserId, buildTelegramHarness, type TelegramHarness } from './harness.ts'

const telegram = createFakeTelegram()
const server = setupServer(...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => telegram.clear())
afterAll(() => server.close())

const webhookUrl = 'https://toko.example/hooks/telegram/'
const secret = 'Rahasia_webhook-123'

describe('webhook settings', () => {
  it('takes the route from the URL and derives a valid secret from the token when none is set', () => {
    expect(webhookPath(webhookUrl)).toBe('/hooks/telegram')
    expect(webhookPath('https://toko.example')).toBe('/webhooks/telegram')
    const derived = webhookSecret(testBotToken)
    expect(derived).toMatch(/^[0-9a-f]{64}$/)
    expect(webhookSecret(testBotToken)).toBe(derived)
    expect(webhookSecret('other:token')).not.toBe(derived)
    expect(webhookSecret(testBotToken, secret)).toBe(secret)
    expect(() => webhookSecret(testBotToken, 'no spaces allowed')).toThrow(/TELEGRAM_WEBHOOK_SECRET/)
  })
})

describe.each(testDbKinds)('telegram webhook and start-up (%s)', (kind) => {
  let db: Database
  let h: TelegramHarness
  let app: FastifyInstance

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildTelegramHarness(db, { webhookUrl, webhookSecret: secret })
    const route = h.adapter.webhookRoute
    if (!route) throw new Error('webhook mode expected')
    // A tight per-IP limit: Telegram's deliveries must not count against it.
    app = buildTestServer(db, { register: [route], rateLimit: { max: 2, timeWindowMs: 60_000 } })
    await app.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  const post = (update: object, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/hooks/telegram', payload: update, headers, remoteAddress })

  it('talks to Telegram only once started: command menus in the admin scopes, then setWebhook with the secret', async () => {
    expect(h.adapter.mode).toBe('webhook')
    expect(telegram.calls).toEqual([])
    await h.adapter.start()
    const menus = telegram.callsOf('setMyCommands')
    const scopes = menus.map((c) => c.body.scope ?? null)
    expect(scopes).toEqual([
      null,
      null,
      { type: 'chat', chat_id: String(adminChatId) },
      { type: 'chat', chat_id: String(adminUserId) },
    ])
    expect(menus[0]?.body.commands).toEqual([{ command: 'start', description: 'Mulai dan verifikasi nomor HP' }])
    expect(menus[1]?.body.language_code).toBe('en')
    expect(menus[2]?.body.commands.map((c: { command: string }) => c.command)).toEqual([
      'start',
      'stock',
      'lowstock',
      'ship',
      'order',
      'return',
      'cod',
      'handoffs',
      'reply',
      'close',
      'unlock',
    ])
    expect(telegram.callsOf('setWebhook').map((c) => c.body)).toEqual([
      { url: webhookUrl, secret_token: secret, allowed_updates: ['message', 'edited_message', 'callback_query'] },
    ])
    expect(telegram.callsOf('getUpdates')).toEqual([])
    await h.adapter.stop()
  })

  it('handles an update with the right secret once, even when Telegram delivers it again', async () => {
    const update = telegram.updates.text({ text: 'cek stok KAOS-001', from: 8301 })
    const headers = { 'x-telegram-bot-api-secret-token': secret }
    for (let i = 0; i < 4; i++) expect((await post(update, headers)).statusCode).toBe(200)
    const texts = telegram.textsTo(8301)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('Kaos Basic Crewneck')
  })

  it('answers 401 to a wrong or missing secret and handles nothing', async () => {
    const update = telegram.updates.text({ text: 'cek stok KAOS-001', from: 8302 })
    const wrong = await post(update, { 'x-telegram-bot-api-secret-token': `${secret}x` })
    expect(wrong.statusCode).toBe(401)
    expect((await post(update)).statusCode).toBe(401)
    expect(telegram.calls).toEqual([])
    expect(
      await db.prisma.processedEvent.count({
        where: { source: 'telegram:update', eventKey: String(update.update_id) },
      }),
    ).toBe(0)
  })

  it('limits guessing the secret per address: ten failures, then 429 even for the right one', async () => {
    const guesser = '192.0.2.66'
    const update = telegram.updates.text({ text: 'cek stok KAOS-001', from: 8303 })
    const codes: number[] = []
    for (let i = 0; i < 30; i++) {
      codes.push((await post(update, { 'x-telegram-bot-api-secret-token': `guess-${i}` }, guesser)).statusCode)
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(codes.slice(10)).toEqual(Array(20).fill(429))
    const right = await post(update, { 'x-telegram-bot-api-secret-token': secret }, guesser)
    expect(right.statusCode).toBe(429)
    expect(telegram.calls).toEqual([])
    // Telegram's own deliveries from another address are not affected, and stay outside the per-IP limit.
    for (let i = 0; i < 5; i++) {
      const fromTelegram = telegram.updates.text({ text: 'halo', from: 8304 })
      expect(
        (await post(fromTelegram, { 'x-telegram-bot-api-secret-token': secret }, '149.154.167.1')).statusCode,
      ).toBe(200)
    }
  })
})

describe.each(testDbKinds)('telegram long polling (%s)', (kind) => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await db.close()
  })

  it('removes any webhook and polls for the handled update types until stopped', async () => {
    const h = buildTelegramHarness(db, { adminChatId: null })
    expect(h.adapter.mode).toBe('polling')
    expect(h.adapter.webhookRoute).toBeNull()
    expect(h.adapter.staffSender).toBeNull()
    await h.adapter.start()
    await expect.poll(() => telegram.callsOf('getUpdates').length).toBeGreaterThan(0)
    await h.adapter.stop()
    const methods = telegram.calls.map((c) => c.method)
    expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'))
    expect(telegram.callsOf('getUpdates')[0]?.body.allowed_updates).toEqual([
      'message',
      'edited_message',
      'callback_query',
    ])
    expect(telegram.callsOf('setMyCommands').map((c) => c.body.scope?.chat_id ?? null)).toEqual([
      null,
      null,
      String(adminUserId),
    ])
    const after = telegram.calls.length
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(telegram.calls.length).toBe(after)
  })
})
