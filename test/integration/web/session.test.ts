/**
 * Web chat sessions from outside: requests that drop their cookies write nothing to the database (a session's
 * identity is created by its first message), a forged cookie is no session, and the cookie a refusal sets works.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildWebServer, type WebServer } from '../../helpers/web.ts'

describe.each(testDbKinds)('web chat sessions (%s)', (kind) => {
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

  const rows = async () => ({
    identities: await db.prisma.channelIdentity.count(),
    conversations: await db.prisma.conversation.count(),
    messages: await db.prisma.message.count(),
  })
  const post = (payload: object, cookies?: Record<string, string>) =>
    server.app.inject({ method: 'POST', url: '/api/chat', payload, ...(cookies ? { cookies } : {}) })

  it('200 cookie-less messages and page loads write no identity, conversation or message', async () => {
    const before = await rows()
    for (let i = 0; i < 100; i++) {
      const res = await post({ text: `verifikasi ORD-2025-001 ${String(i).padStart(4, '0')}` })
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe('session_required')
      expect(res.cookies.find((c) => c.name === 'layan_sid')?.httpOnly).toBe(true)
    }
    for (let i = 0; i < 100; i++) {
      const res = await server.app.inject({ method: 'GET', url: '/api/chat/session' })
      expect(res.json()).toEqual({ shopName: 'UrbanStyle ID', verified: false })
    }
    expect(await rows()).toEqual(before)
  })

  it('a cookie that was not signed by us is no session', async () => {
    const before = await rows()
    for (const forged of ['abcdefghijklmnopqrstuvwx', 'abcdefghijklmnopqrstuvwx.c2lnbmF0dXJl', '']) {
      const res = await post({ text: 'halo' }, { layan_sid: forged })
      expect(res.statusCode).toBe(401)
    }
    expect(await rows()).toEqual(before)
  })

  it('the cookie set with the refusal carries the message on the retry; the session gets one identity', async () => {
    const refused = await post({ text: 'Apakah Kaos Basic Crewneck ukuran M masih ada?' })
    const cookie = refused.cookies.find((c) => c.name === 'layan_sid')?.value ?? ''
    const res = await post({ text: 'Apakah Kaos Basic Crewneck ukuran M masih ada?' }, { layan_sid: cookie })
    expect(res.statusCode).toBe(200)
    expect(res.json().replies[0].text).toContain('Kaos Basic Crewneck')
    await post({ text: 'terima kasih' }, { layan_sid: cookie })
    expect(await db.prisma.channelIdentity.count({ where: { channel: 'web' } })).toBe(1)
    const session = await server.app.inject({ method: 'GET', url: '/api/chat/session', cookies: { layan_sid: cookie } })
    expect(session.json().verified).toBe(false)
    expect(session.cookies).toHaveLength(0)
  })
})
