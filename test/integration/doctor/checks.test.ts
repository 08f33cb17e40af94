/**
 * `npm run doctor`'s checks against the outside APIs they are about (MSW: Anthropic's Models API, Telegram's Bot
 * API, Discord) and a real database: what passes, what fails, and what it says to fix.
 */
import { randomBytes } from 'node:crypto'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'
import { type CheckResult, runDoctor } from '../../../src/doctor/checks.ts'
import { adminQuery, templateNames, urlForDatabase } from '../../helpers/postgres-templates.ts'
import { createAnthropicFake, errorResponse, modelInfo } from '../../msw/anthropic.ts'
import { createFakeTelegram, testBotToken } from '../../msw/telegram.ts'

const anthropic = createAnthropicFake()
const telegram = createFakeTelegram({ token: testBotToken })
const discord = http.get('https://discord.com/api/v10/users/@me', ({ request }) =>
  request.headers.get('authorization') === 'Bot good-discord-token'
    ? HttpResponse.json({ id: '42', username: 'layan-bot' })
    : HttpResponse.json({ message: '401: Unauthorized', code: 0 }, { status: 401 }),
)
const server = setupServer(...anthropic.handlers, ...telegram.handlers, discord)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => anthropic.reset())
afterAll(() => server.close())

const check = (results: CheckResult[], name: string) => results.find((result) => result.name === name)

async function doctor(env: Record<string, string>) {
  return runDoctor({ config: loadConfig({ DATA_DIR: '/tmp/layan-doctor-data', ...env }), timeoutMs: 3000 })
}

describe('npm run doctor checks', () => {
  it('reports parts that are off without failing', async () => {
    const results = await doctor({})
    expect(results.map((result) => [result.name, result.status])).toEqual([
      ['database', 'ok'],
      ['claude', 'off'],
      ['telegram', 'off'],
      ['discord', 'off'],
      ['midtrans', 'off'],
      ['production', 'off'],
    ])
  })

  it('accepts a working key and model with the Models API, naming the model', async () => {
    const results = await doctor({ ANTHROPIC_API_KEY: 'sk-ant-good', ANTHROPIC_MODEL: 'claude-sonnet-5-5' })
    expect(check(results, 'claude')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('claude-sonnet-5-5'),
    })
    expect(anthropic.modelRequests).toEqual(['claude-sonnet-5-5'])
  })

  it.each([
    [errorResponse(401), /API key is refused/],
    [errorResponse(404, { errorType: 'not_found_error' }), /unknown to this key: check ANTHROPIC_MODEL/],
    [errorResponse(403), /may not use/],
  ])('fails a refused set-up and says what to fix (%#)', async (response, hint) => {
    anthropic.modelsAlways(response)
    const results = await doctor({ ANTHROPIC_API_KEY: 'sk-ant-bad' })
    expect(check(results, 'claude')).toMatchObject({ status: 'fail', detail: expect.stringMatching(hint) })
  })

  it('warns about a deprecated model, from the Models API or from the installed SDK, and fails a retired one', async () => {
    anthropic.models({ 'claude-x': modelInfo('claude-x', { lifecycle: 'deprecated', retires_at: '2027-01-01' }) })
    expect(check(await doctor({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_MODEL: 'claude-x' }), 'claude')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('2027-01-01'),
    })
    anthropic.models(null)
    expect(
      check(await doctor({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_MODEL: 'claude-sonnet-4-5' }), 'claude'),
    ).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('November 30th, 2026'),
    })
    anthropic.models({ 'claude-y': modelInfo('claude-y', { lifecycle: 'retired' }) })
    expect(check(await doctor({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_MODEL: 'claude-y' }), 'claude')?.status).toBe('fail')
  })

  it('checks the Telegram and Discord tokens and the settings around them', async () => {
    const results = await doctor({
      TELEGRAM_BOT_TOKEN: testBotToken,
      TELEGRAM_WEBHOOK_URL: 'http://bot.example.com/telegram/webhook',
      DISCORD_TOKEN: 'good-discord-token',
      DISCORD_APP_ID: '42',
      DISCORD_ADMIN_ROLE_ID: '7',
    })
    expect(check(results, 'telegram')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/@layan_test_bot[\s\S]*must be https[\s\S]*TELEGRAM_WEBHOOK_SECRET/),
    })
    expect(check(results, 'discord')).toMatchObject({ status: 'ok', detail: 'layan-bot' })
    const bad = await doctor({ DISCORD_TOKEN: 'wrong', DISCORD_APP_ID: '42' })
    expect(check(bad, 'discord')).toMatchObject({ status: 'fail', detail: expect.stringContaining('401') })
  })

  it('catches a Midtrans sandbox key used for production, and a production service without a session secret', async () => {
    const results = await doctor({
      MIDTRANS_SERVER_KEY: 'SB-Mid-server-abc',
      MIDTRANS_PRODUCTION: 'true',
      NODE_ENV: 'production',
    })
    expect(check(results, 'midtrans')?.status).toBe('fail')
    expect(check(results, 'production')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('SESSION_SECRET'),
    })
  })

  it.skipIf(!process.env.TEST_DATABASE_URL)('checks that PostgreSQL answers and has every migration', async () => {
    const base = process.env.TEST_DATABASE_URL!
    const migrated = `layan_doc_${randomBytes(4).toString('hex')}`
    const empty = `layan_doc_${randomBytes(4).toString('hex')}`
    await adminQuery(base, `CREATE DATABASE ${migrated} TEMPLATE ${templateNames().empty}`)
    await adminQuery(base, `CREATE DATABASE ${empty}`)
    try {
      const ok = await doctor({ DATABASE_URL: urlForDatabase(base, migrated) })
      expect(check(ok, 'database')).toMatchObject({ status: 'ok', detail: expect.stringContaining('every migration') })
      const bare = await doctor({ DATABASE_URL: urlForDatabase(base, empty) })
      expect(check(bare, 'database')).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining('npm run db:migrate'),
      })
      const wrong = await doctor({ DATABASE_URL: urlForDatabase(base, `${empty}_missing`) })
      expect(check(wrong, 'database')?.status).toBe('fail')
    } finally {
      await adminQuery(base, `DROP DATABASE IF EXISTS ${migrated} WITH (FORCE)`)
      await adminQuery(base, `DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`)
    }
  })
})
