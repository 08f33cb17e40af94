/**
 * GET /api/chat/live, the web chat's stream of staff messages, over a real socket: the console's answer, the
 * rating question after closing and the notice of a hand-off that went back to the bot each arrive with the id of
 * the message stored in the conversation, the id GET /api/chat/history gives it (the page shows each once, however
 * it comes first); another session's stream hears nothing of it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import {
  buildConsoleServer,
  type ConsoleServer,
  type ConsoleSession,
  signIn,
  staffEmail,
} from '../../../helpers/console.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../../helpers/http.ts'

interface LiveEvent {
  id?: string
  from?: string
  text: string
  buttons: { label: string; action: { token?: string } }[]
}

/** An open stream: the `reply` events received so far, and how to stop listening. */
async function openLive(base: string, cookie: string, path = '/api/chat/live', cookieName = 'layan_sid') {
  const controller = new AbortController()
  const res = await fetch(`${base}${path}`, {
    headers: { cookie: `${cookieName}=${cookie}` },
    signal: controller.signal,
  })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
  const events: LiveEvent[] = []
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffered += decoder.decode(value, { stream: true })
      let end = buffered.indexOf('\n\n')
      while (end >= 0) {
        const block = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        const data = block.split('\n').find((line) => line.startsWith('data: '))
        if (block.includes('event: reply') && data) events.push(JSON.parse(data.slice(6)) as LiveEvent)
        end = buffered.indexOf('\n\n')
      }
    }
  })().catch(() => undefined)
  return {
    events,
    async close() {
      controller.abort()
      await reading
    },
  }
}

describe.each(testDbKinds)('web chat live stream (%s)', (kind) => {
  let db: Database
  let server: ConsoleServer
  let staff: ConsoleSession
  let base: string
  let clock: Date
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    clock = new Date()
    server = await buildConsoleServer(db, { now: () => clock })
    staff = await signIn(server.app, staffEmail)
    base = await server.app.listen({ host: '127.0.0.1', port: 0 })
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await server.app.close()
    await db.close()
  })

  async function visitor() {
    const res = await server.app.inject({ method: 'GET', url: '/api/chat/session' })
    const cookie = res.cookies.find((c) => c.name === 'layan_sid')?.value as string
    const say = (text: string) =>
      server.app.inject({ method: 'POST', url: '/api/chat', cookies: { layan_sid: cookie }, payload: { text } })
    const history = async () =>
      (await server.app.inject({ method: 'GET', url: '/api/chat/history', cookies: { layan_sid: cookie } })).json()
        .replies as { id: string; role: string; text: string }[]
    return { cookie, say, history }
  }
  const api = (url: string, payload?: object) =>
    server.app.inject({
      method: 'POST',
      url: `/console/api${url}`,
      cookies: staff.cookies,
      headers: staff.headers,
      ...(payload ? { payload } : {}),
    })

  it('sends the answer and the rating question with the ids the history gives them, to that session only', async () => {
    const customer = await visitor()
    const other = await visitor()
    await customer.say('Saya mau bicara dengan CS')
    await other.say('halo')
    const live = await openLive(base, customer.cookie)
    const otherLive = await openLive(base, other.cookie)
    try {
      const conversation = await db.prisma.conversation.findFirstOrThrow({
        where: { channel: 'web', externalChatId: customer.cookie.split('.')[0] },
      })
      expect(
        (await api(`/conversations/${conversation.id}/reply`, { text: 'Halo kak, saya bantu ya' })).statusCode,
      ).toBe(200)
      expect((await server.outbox.runOnce()).sent).toBe(1)
      await expect.poll(() => live.events.length).toBe(1)
      const answer = live.events[0] as LiveEvent
      // The text as stored: the page labels staff messages itself, live and after a reload alike.
      expect(answer.text).toBe('Halo kak, saya bantu ya')
      expect(answer.from).toBe('staff')
      const stored = (await customer.history()).filter((m) => m.role === 'admin')
      expect(stored.map((m) => m.text)).toEqual(['Halo kak, saya bantu ya'])
      expect(answer.id).toBe(stored[0]?.id)

      expect((await api(`/conversations/${conversation.id}/close`)).statusCode).toBe(200)
      expect((await server.outbox.runOnce()).sent).toBe(1)
      await expect.poll(() => live.events.length).toBe(2)
      const question = live.events[1] as LiveEvent
      expect(question.buttons.map((b) => b.label)).toHaveLength(5)
      expect(question.from).toBe('staff')
      expect(question.buttons[4]?.action.token).toMatch(/^rate:.+:5$/)
      const afterClose = (await customer.history()).filter((m) => m.role === 'admin')
      expect(afterClose).toHaveLength(2)
      expect(question.id).toBe(afterClose[1]?.id)
      expect(question.text).toBe(afterClose[1]?.text)
      expect(otherLive.events).toEqual([])
    } finally {
      await live.close()
      await otherLive.close()
    }
  })

  it("ends open streams (the chat page's and the console's) when the server closes, so a shutdown does not wait for them", async () => {
    const customer = await visitor()
    await customer.say('halo')
    const live = await openLive(base, customer.cookie)
    const inbox = await openLive(base, staff.cookies.layan_console as string, '/console/api/events', 'layan_console')
    const started = Date.now()
    await server.app.close()
    expect(Date.now() - started).toBeLessThan(3000)
    await live.close()
    await inbox.close()
  })

  it('sends the notice of a hand-off that went back to the bot with its stored id', async () => {
    const customer = await visitor()
    await customer.say('Saya mau bicara dengan CS')
    const live = await openLive(base, customer.cookie)
    try {
      clock = new Date(clock.getTime() + 31 * 60_000)
      expect(await server.staff.desk.returnUnanswered(30)).toBe(1)
      expect((await server.outbox.runOnce()).sent).toBe(1)
      await expect.poll(() => live.events.length).toBe(1)
      const [notice] = (await customer.history()).filter((m) => m.role === 'admin')
      expect(notice?.text).toMatch(/belum ada staf UrbanStyle ID/)
      expect(live.events[0]?.id).toBe(notice?.id)
      expect(live.events[0]?.text).toBe(notice?.text)
    } finally {
      await live.close()
    }
  })
})
