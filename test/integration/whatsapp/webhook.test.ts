/**
 * `/webhooks/whatsapp` through the real HTTP server: the GET handshake, the signature over the raw bytes (a
 * forged, missing, tampered or re-serialized body is 401 and stores nothing), delivery statuses recorded and
 * only moving forward, other phone numbers and unknown shapes ignored with 200, a per-IP limit of its own,
 * and a storage failure answered 500 so Meta delivers again.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { signWhatsAppBody } from '../../../adapters/whatsapp/signature.ts'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { createFakeGraph, testAppSecret, testVerifyToken } from '../../msw/whatsapp.ts'
import { buildWhatsAppHarness, type WhatsAppHarness } from './harness.ts'

const graph = createFakeGraph()
const server = setupServer(...graph.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => graph.clear())
afterAll(() => server.close())

const adi = '6281234567890'

describe.each(testDbKinds)('whatsapp webhook (%s)', (kind) => {
  let db: Database
  let h: WhatsAppHarness

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildWhatsAppHarness(db)
    await h.app.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await h.app.close()
    await db.close()
  })

  const handshake = (query: Record<string, string>) => h.app.inject({ method: 'GET', url: '/webhooks/whatsapp', query })

  it('answers the verification handshake with the challenge, as plain text, only for the right token', async () => {
    const ok = await handshake({
      'hub.mode': 'subscribe',
      'hub.verify_token': testVerifyToken,
      'hub.challenge': '1158201444',
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toBe('1158201444')
    expect(ok.headers['content-type']).toMatch(/^text\/plain/)

    const refusedQueries: Record<string, string>[] = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${testVerifyToken}x`, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': testVerifyToken, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': testVerifyToken, 'hub.challenge': '<script>alert(1)</script> x' },
      {},
    ]
    for (const query of refusedQueries) {
      const refused = await handshake(query)
      expect(refused.statusCode).toBe(403)
      expect(refused.body).not.toContain('script')
    }
  })

  it('refuses (401) anything not signed with the app secret over the exact bytes, and stores nothing', async () => {
    const message = graph.webhook.text({ from: adi, text: 'cek stok KAOS-001' })
    const body = JSON.stringify(graph.webhook.delivery({ messages: [message] }))
    const good = signWhatsAppBody(body, testAppSecret)
    const attempts: { payload: string; headers: Record<string, string> }[] = [
      { payload: body, headers: { 'content-type': 'application/json' } },
      {
        payload: body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsAppBody(body, 'other-secret') },
      },
      {
        payload: body.replace('KAOS-001', 'KAOS-002'),
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': good },
      },
      {
        payload: body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': good.replace('sha256=', 'sha1=') },
      },
      { payload: body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': good.slice(0, -2) } },
      { payload: body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' } },
      // The same JSON re-serialized with other spacing is other bytes: the signature covers the raw body.
      {
        payload: JSON.stringify(JSON.parse(body), null, 2),
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': good },
      },
      { payload: '', headers: { 'x-hub-signature-256': good } },
    ]
    for (const attempt of attempts) {
      const response = await h.app.inject({ method: 'POST', url: '/webhooks/whatsapp', ...attempt })
      expect(response.statusCode).toBe(401)
      expect(response.json()).toMatchObject({ success: false, error: { code: 'unauthorized' } })
    }
    await h.adapter.worker.idle()
    expect(await db.prisma.inboxMessage.count({ where: { externalId: message.message.id } })).toBe(0)
    expect(graph.calls).toEqual([])
  })

  it('reads the raw bytes whatever the content type, escapes and spacing included', async () => {
    const message = graph.webhook.text({ from: adi, text: 'cek stok KAOS-001' })
    // Meta escapes non-ASCII characters; the bytes signed are the bytes checked.
    const body = JSON.stringify(graph.webhook.delivery({ messages: [message] }), null, 1).replace('Adi', '\\u0041di')
    const response = await h.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      payload: body,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'x-hub-signature-256': signWhatsAppBody(body, testAppSecret),
      },
    })
    expect(response.statusCode).toBe(200)
    await h.adapter.worker.idle()
    expect(graph.textsTo(adi)).toHaveLength(1)
    expect(graph.textsTo(adi)[0]).toContain('Kaos Basic Crewneck')
  })

  it('records delivery statuses, which only move forward, with the error of a failed message', async () => {
    await h.deliver(graph.webhook.delivery({ messages: [graph.webhook.text({ from: adi, text: 'halo' })] }))
    const [sent] = await db.prisma.outboundMessage.findMany({
      where: { recipientId: adi },
      orderBy: { createdAt: 'desc' },
      take: 1,
    })
    if (!sent) throw new Error('no answer recorded')
    graph.clear()
    const status = (s: string, extra = {}) => graph.webhook.status({ id: sent.externalId, status: s, ...extra })

    expect(
      (await h.deliver(graph.webhook.delivery({ statuses: [status('sent'), status('delivered')] }))).statusCode,
    ).toBe(200)
    expect((await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe('delivered')
    await h.deliver(graph.webhook.delivery({ statuses: [status('read')] }))
    await h.deliver(graph.webhook.delivery({ statuses: [status('delivered'), status('sent'), status('deleted')] }))
    expect((await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe('read')

    const failed = graph.webhook.status({
      id: 'wamid.OUT-failed',
      status: 'failed',
      errorCode: 131047,
      errorTitle: 'Re-engagement message',
    })
    await h.deliver(graph.webhook.delivery({ statuses: [failed] }))
    expect(
      await db.prisma.outboundMessage.findUniqueOrThrow({
        where: { channel_externalId: { channel: 'whatsapp', externalId: 'wamid.OUT-failed' } },
      }),
    ).toMatchObject({ status: 'failed', errorCode: 131047, errorTitle: 'Re-engagement message', recipientId: adi })
    expect(graph.calls).toEqual([])
  })

  it('answers 200 and does nothing for another phone number, another field or an unknown shape', async () => {
    const message = graph.webhook.text({ from: adi, text: 'halo' })
    const other = graph.webhook.delivery({ messages: [message] }, '999999999999')
    const field = graph.webhook.delivery({ messages: [message] })
    field.entry[0].changes[0].field = 'message_template_status_update'
    const shapes = [other, field, { object: 'page', entry: [] }, { hello: 'world' }, [1, 2, 3]]
    for (const payload of shapes) expect((await h.deliver(payload)).statusCode).toBe(200)
    const notJson = 'this is not json'
    const response = await h.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      payload: notJson,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsAppBody(notJson, testAppSecret) },
    })
    expect(response.statusCode).toBe(200)
    // A malformed item is skipped; the good one beside it is answered.
    const good = graph.webhook.text({ from: adi, text: 'cek stok KAOS-001' })
    const bad = { ...graph.webhook.text({ from: adi, text: 'x' }), message: { from: adi, type: 'text' } }
    await h.deliver(graph.webhook.delivery({ messages: [bad, good] }))
    expect(await db.prisma.inboxMessage.count({ where: { externalId: message.message.id } })).toBe(0)
    expect(graph.textsTo(adi)).toHaveLength(1)
  })

  it("has its own higher per-IP limit (Meta sends every delivery), and takes Meta's larger bodies", async () => {
    const limited = buildWhatsAppHarness(db)
    const { buildTestServer } = await import('../../helpers/http.ts')
    const app = buildTestServer(db, {
      register: [limited.adapter.webhookRoute],
      rateLimit: { max: 2, timeWindowMs: 60_000 },
    })
    await app.ready()
    try {
      for (let i = 0; i < 5; i++) {
        const body = JSON.stringify(
          graph.webhook.delivery({ statuses: [graph.webhook.status({ id: `wamid.rl-${i}`, status: 'sent' })] }),
        )
        const response = await app.inject({
          method: 'POST',
          url: '/webhooks/whatsapp',
          payload: body,
          headers: graph.signed(body),
        })
        expect(response.statusCode).toBe(200)
      }
      // The rest of the server still has its tight limit.
      const handshake = () => app.inject({ method: 'GET', url: '/webhooks/whatsapp' })
      expect((await handshake()).statusCode).toBe(403)
      expect((await handshake()).statusCode).toBe(403)
      expect((await handshake()).statusCode).toBe(429)
      const big = JSON.stringify({ ...graph.webhook.delivery({ statuses: [] }), padding: 'x'.repeat(200_000) })
      expect(
        (await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: big, headers: graph.signed(big) }))
          .statusCode,
      ).toBe(200)
      const huge = 'x'.repeat(3 * 1024 * 1024 + 1)
      expect(
        (await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: huge, headers: graph.signed(huge) }))
          .statusCode,
      ).toBe(413)
    } finally {
      await app.close()
    }
  })
})

describe.each(testDbKinds)('whatsapp webhook when the database fails (%s)', (kind) => {
  let db: Database
  let h: WhatsAppHarness

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildWhatsAppHarness(db)
    await h.app.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await h.app.close()
    await db.close()
  })

  it('answers 500 when the message cannot be stored, so Meta delivers it again, and handles the redelivery', async () => {
    const delivery = graph.webhook.delivery({
      messages: [graph.webhook.text({ from: adi, text: 'cek stok KAOS-001' })],
    })
    await db.sql.query('ALTER TABLE "InboxMessage" RENAME TO "InboxMessageAway"')
    try {
      const response = await h.deliver(delivery)
      expect(response.statusCode).toBe(500)
      expect(JSON.stringify(response.json())).not.toContain('InboxMessage')
    } finally {
      await db.sql.query('ALTER TABLE "InboxMessageAway" RENAME TO "InboxMessage"')
    }
    expect(graph.calls).toEqual([])
    expect((await h.deliver(delivery)).statusCode).toBe(200)
    expect(graph.textsTo(adi)).toHaveLength(1)
  })
})
