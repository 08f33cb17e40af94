/**
 * POST /api/chat/photo over HTTP: the raw image body from a web chat session, through the core to the attachment
 * service. Kept only for a verified session and only when the bytes are a JPEG, PNG or WebP image; 413 above
 * RETURN_PHOTO_MAX_BYTES; kept for the next request or linked to the open one, never to another customer's.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildWebServer, type WebServer } from '../../helpers/web.ts'

/** Two days after ORD-2025-003 (Adi's) was delivered: inside the return window. */
const now = () => new Date('2025-10-07T03:00:00Z')
const maxBytes = 20_000

const jpeg = (size: number) => {
  const bytes = Buffer.alloc(size, 9)
  bytes.set([0xff, 0xd8, 0xff, 0xe1])
  return bytes
}
const png = (size: number) => {
  const bytes = Buffer.alloc(size, 5)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return bytes
}

interface Session {
  cookie: string
  say(text: string): Promise<string[]>
  photo(
    body: Buffer | string,
    type?: string,
    query?: string,
  ): Promise<{ status: number; texts: string[]; json: Record<string, unknown> }>
}

async function session(app: FastifyInstance): Promise<Session> {
  const res = await app.inject({ method: 'GET', url: '/api/chat/session' })
  const cookie = res.cookies.find((c) => c.name === 'layan_sid')?.value
  if (!cookie) throw new Error('no session cookie')
  return {
    cookie,
    async say(text) {
      const reply = await app.inject({
        method: 'POST',
        url: '/api/chat',
        cookies: { layan_sid: cookie },
        payload: { text },
      })
      return (reply.json().replies as { text: string }[]).map((r) => r.text)
    },
    async photo(body, type = 'image/jpeg', query = '') {
      const reply = await app.inject({
        method: 'POST',
        url: `/api/chat/photo${query}`,
        cookies: { layan_sid: cookie },
        headers: { 'content-type': type },
        payload: body,
      })
      const json = reply.json() as Record<string, unknown>
      const replies = (json.replies as { text: string }[] | undefined) ?? []
      return { status: reply.statusCode, texts: replies.map((r) => r.text), json }
    },
  }
}

describe.each(testDbKinds)('web chat photo upload (%s)', (kind) => {
  let db: Database
  let server: WebServer
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    server = buildWebServer(db, { now, config: { RETURN_PHOTO_MAX_BYTES: maxBytes } })
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await server.app.close()
    await db.close()
  })

  const photosOf = (customerId: string) =>
    db.prisma.attachment.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' } })
  const conversationOf = async (sessionId: string) => {
    const identity = await db.prisma.channelIdentity.findUniqueOrThrow({
      where: { channel_externalUserId: { channel: 'web', externalUserId: sessionId } },
    })
    return db.prisma.conversation.findFirstOrThrow({ where: { identityId: identity.id } })
  }
  const sessionIdOf = (cookie: string) => cookie.split('.')[0] ?? ''

  it('refuses a photo without a session (401) and an unverified session’s photo; nothing is stored', async () => {
    const bare = await server.app.inject({
      method: 'POST',
      url: '/api/chat/photo',
      headers: { 'content-type': 'image/jpeg' },
      payload: jpeg(1000),
    })
    expect(bare.statusCode).toBe(401)
    expect(bare.json().error.code).toBe('session_required')

    const visitor = await session(server.app)
    const res = await visitor.photo(jpeg(1000), 'image/jpeg', '?locale=en')
    expect(res.status).toBe(200)
    expect(res.json.verified).toBe(false)
    expect(res.texts).toEqual([
      '📷 Photo not stored: to send a photo for a return, please verify first by sending "verify <order number> <last 4 digits of your phone>", for example: verify ORD-2025-123 1234.',
    ])
    expect(await db.prisma.attachment.count()).toBe(0)
  })

  it('keeps a JPEG for the next request, links it when the request is made, and links a PNG sent after it', async () => {
    const adi = await session(server.app)
    expect((await adi.say('verifikasi ORD-2025-001 7890')).join()).toContain('Adi Mulyana')
    const first = await adi.photo(jpeg(12_000))
    expect(first).toMatchObject({ status: 200, json: { verified: true } })
    expect(first.texts).toEqual([
      '📷 Foto diterima; sebutkan pesanan dan barang yang ingin diretur, lalu foto ini ikut tersimpan bersama permintaannya.',
    ])
    const conversation = await conversationOf(sessionIdOf(adi.cookie))
    expect(await photosOf('cust-adi')).toMatchObject([
      { conversationId: conversation.id, returnId: null, channel: 'web', mime: 'image/jpeg', sizeBytes: 12_000 },
    ])

    const request = await server.services.returns.create(
      'cust-adi',
      { orderNumber: 'ORD-2025-003', items: [{}], reason: 'kancing lepas', resolution: 'refund' },
      { actor: 'customer', conversationId: conversation.id },
    )
    expect(request.number).toBe('ORD-2025-003-R1')

    const second = await adi.photo(png(3000), 'image/png')
    expect(second.texts).toEqual(['📷 Foto diterima dan disimpan bersama permintaan ORD-2025-003-R1.'])
    const photos = await photosOf('cust-adi')
    expect(photos.map((p) => p.mime)).toEqual(['image/jpeg', 'image/png'])
    const stored = await db.prisma.returnRequest.findUniqueOrThrow({ where: { number: 'ORD-2025-003-R1' } })
    expect(photos.map((p) => p.returnId)).toEqual([stored.id, stored.id])
    const forStaff = await server.services.returns.photo('ORD-2025-003-R1', photos[1]?.id ?? '')
    expect(Buffer.from(forStaff.data).equals(png(3000))).toBe(true)
  })

  it('refuses text declared as an image, a body over the limit (413) and a body that is not an image type (415)', async () => {
    const adi = await session(server.app)
    await adi.say('verifikasi ORD-2025-001 7890')
    const before = await db.prisma.attachment.count()

    const fake = await adi.photo('this is only text pretending to be a JPEG', 'image/jpeg')
    expect(fake.status).toBe(200)
    expect(fake.texts).toEqual([
      '📷 Maaf, file ini bukan foto yang bisa kami simpan. Kirim foto berformat JPEG, PNG atau WebP, ya.',
    ])

    const big = await adi.photo(jpeg(maxBytes + 1))
    expect(big.status).toBe(413)
    expect(big.json).toEqual({
      success: false,
      error: {
        code: 'payload_too_large',
        message: 'Photo too large: at most 20000 bytes (RETURN_PHOTO_MAX_BYTES) / Foto terlalu besar',
      },
    })

    const plain = await adi.photo('hello', 'text/plain')
    expect(plain.status).toBe(415)
    const gif = await adi.photo(Buffer.from('GIF89a...'), 'image/gif')
    expect(gif.status).toBe(415)

    expect(await db.prisma.attachment.count()).toBe(before)
  })

  it('never links a photo to another customer’s request', async () => {
    const siti = await session(server.app)
    expect((await siti.say('verifikasi ORD-2025-004 5432')).join()).toContain('Siti Rahma')
    const res = await siti.photo(jpeg(2000))
    // Adi's open request is not hers: the photo waits for a request of her own.
    expect(res.texts).toEqual([
      '📷 Foto diterima; sebutkan pesanan dan barang yang ingin diretur, lalu foto ini ikut tersimpan bersama permintaannya.',
    ])
    expect(await photosOf('cust-siti')).toMatchObject([{ returnId: null }])
    const adiRequest = await db.prisma.returnRequest.findUniqueOrThrow({
      where: { number: 'ORD-2025-003-R1' },
      include: { photos: true },
    })
    expect(adiRequest.photos.every((p) => p.customerId === 'cust-adi')).toBe(true)
  })

  it('is documented in the OpenAPI document with its image body types', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json()
    const operation = doc.paths['/api/chat/photo'].post
    expect(Object.keys(operation.requestBody.content)).toEqual(['image/jpeg', 'image/png', 'image/webp'])
    expect(operation.requestBody.content['image/png'].schema).toMatchObject({ type: 'string', format: 'binary' })
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401', '413', '415']))
  })

  it('keeps at most ten photos a conversation in 24 hours', async () => {
    const sitiAgain = await session(server.app)
    await sitiAgain.say('verifikasi ORD-2025-004 5432')
    for (let i = 0; i < 10; i++) expect((await sitiAgain.photo(jpeg(500))).texts[0]).toMatch(/^📷 Foto diterima/)
    const refused = await sitiAgain.photo(jpeg(500))
    expect(refused.texts).toEqual([
      '📷 Maaf, sudah 10 foto tersimpan dari percakapan ini dalam 24 jam terakhir; foto ini tidak kami simpan. Tim kami akan menghubungi Anda bila butuh foto lain.',
    ])
    const conversation = await conversationOf(sessionIdOf(sitiAgain.cookie))
    expect(await db.prisma.attachment.count({ where: { conversationId: conversation.id } })).toBe(10)
  })
})
