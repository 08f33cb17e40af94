/**
 * GET /api/chat/history: the session's conversation so far in POST /api/chat's shape, customer, bot and staff
 * (role `admin`) messages in order, the digits of a verification command masked, and nothing of another session.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildWebServer, type WebServer } from '../../helpers/web.ts'

interface HistoryBody {
  replies: { id: string; role: string; text: string; at: string; buttons?: unknown }[]
  verified: boolean
}

describe.each(testDbKinds)('web chat history (%s)', (kind) => {
  let db: Database
  let server: WebServer
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    server = buildWebServer(db)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await server.app.close()
    await db.close()
  })

  async function session(): Promise<string> {
    const res = await server.app.inject({ method: 'GET', url: '/api/chat/session' })
    const cookie = res.cookies.find((c) => c.name === 'layan_sid')
    if (!cookie) throw new Error('no session cookie')
    return cookie.value
  }
  const say = (sid: string, text: string) =>
    server.app.inject({ method: 'POST', url: '/api/chat', cookies: { layan_sid: sid }, payload: { text } })
  const history = async (sid?: string) => {
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/chat/history',
      ...(sid ? { cookies: { layan_sid: sid } } : {}),
    })
    return { status: res.statusCode, body: res.json() as HistoryBody }
  }

  it('gives back the conversation so far, staff replies included, in order', async () => {
    const sid = await session()
    expect((await history(sid)).body).toEqual({ replies: [], verified: false })
    await say(sid, 'halo')
    await say(sid, 'verifikasi ORD-2025-001 7890')
    await say(sid, 'lacak ORD-2025-001')
    // A staff member's reply, as the console stores it: a message with role admin in the same conversation.
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { channel: 'web' } })
    await db.prisma.message.create({
      data: { conversationId: conversation.id, role: 'admin', text: 'Halo Pak Adi, paketnya kami cek ya.' },
    })

    const { status, body } = await history(sid)
    expect(status).toBe(200)
    expect(body.verified).toBe(true)
    expect(body.replies.map((r) => r.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'admin',
    ])
    expect(body.replies[0]?.text).toBe('halo')
    expect(body.replies[1]?.text).toContain('UrbanStyle ID')
    expect(body.replies[2]?.text).toBe('verifikasi ORD-2025-001 ••••')
    expect(body.replies[5]?.text).toContain('JNE123456789')
    expect(body.replies[6]?.text).toBe('Halo Pak Adi, paketnya kami cek ya.')
    for (const r of body.replies) {
      expect(Number.isNaN(Date.parse(r.at))).toBe(false)
      expect(r.id).toBeTruthy()
      expect(r.buttons).toBeUndefined()
    }
    expect(JSON.stringify(body)).not.toContain('7890')
  })

  it('shows another session nothing, and a request without a session gets an empty history and a cookie', async () => {
    const mine = await session()
    await say(mine, 'stok kaos M?')
    const other = await session()
    expect((await history(other)).body.replies).toEqual([])
    const none = await server.app.inject({ method: 'GET', url: '/api/chat/history' })
    expect(none.statusCode).toBe(200)
    expect(none.json()).toEqual({ replies: [], verified: false })
    expect(none.cookies.find((c) => c.name === 'layan_sid')).toBeTruthy()
    expect(await db.prisma.channelIdentity.count()).toBe(1)
  })
})
