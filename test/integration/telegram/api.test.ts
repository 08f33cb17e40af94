/**
 * The Bot API client's transformers as production installs them: messages to one chat are paced by the
 * throttler while the typing action is not, and a 429's retry_after is waited out by auto-retry.
 */
import { Api } from 'grammy'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { installApiTransformers } from '../../../adapters/telegram/api.ts'
import { createFakeTelegram, testBotToken } from '../../msw/telegram.ts'

const telegram = createFakeTelegram()
const server = setupServer(...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => telegram.clear())
afterAll(() => server.close())

describe('Bot API transformers', () => {
  it('paces messages to one chat but never the typing action', async () => {
    const api = new Api(testBotToken)
    installApiTransformers(api)
    const started = Date.now()
    await Promise.all([
      api.sendMessage(1, 'satu'),
      api.sendMessage(1, 'dua'),
      api.sendMessage(1, 'tiga'),
      api.sendChatAction(1, 'typing'),
    ])
    const messages = telegram.callsOf('sendMessage')
    expect(messages.map((c) => c.body.text)).toEqual(['satu', 'dua', 'tiga'])
    const gaps = messages.slice(1).map((c, i) => c.at - (messages[i]?.at ?? 0))
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250)
    const typing = telegram.callsOf('sendChatAction')[0]
    expect((typing?.at ?? Infinity) - started).toBeLessThan(250)
  })

  it('retries after a 429 with retry_after, and gives up after three retries', async () => {
    const api = new Api(testBotToken)
    installApiTransformers(api, { throttle: false })
    const tooMany = { kind: 'api', code: 429, description: 'Too Many Requests: retry after 0', retryAfter: 0 } as const
    telegram.failNext('sendMessage', tooMany, tooMany)
    await api.sendMessage(2, 'halo')
    expect(telegram.callsOf('sendMessage')).toHaveLength(3)

    telegram.clear()
    telegram.failNext('sendMessage', tooMany, tooMany, tooMany, tooMany, tooMany)
    await expect(api.sendMessage(2, 'halo')).rejects.toThrow(/429/)
    expect(telegram.callsOf('sendMessage')).toHaveLength(4)
  })
})
