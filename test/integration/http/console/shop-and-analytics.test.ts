/**
 * Stock and shipping from the console go through the same services and audit as /stock and /ship; the analytics
 * answer known figures for a history made here, CSV exports are spreadsheet-safe, and every console route is in
 * the OpenAPI document under the tag `console`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { toCsv } from '../../../../src/services/console/analytics-queries.ts'
import {
  buildConsoleServer,
  type ConsoleServer,
  type ConsoleSession,
  signIn,
  staffEmail,
} from '../../../helpers/console.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../../helpers/http.ts'

describe.each(testDbKinds)('console stock, shipping and analytics (%s)', (kind) => {
  let db: Database
  let server: ConsoleServer
  let staff: ConsoleSession
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    server = await buildConsoleServer(db)
    staff = await signIn(server.app, staffEmail)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await server.app.close()
    await db.close()
  })

  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({
      method,
      url: `/console/api${url}`,
      cookies: staff.cookies,
      headers: staff.headers,
      ...(payload ? { payload } : {}),
    })

  it('sets a stock count with a reason as a movement by the staff member, and refuses bad input', async () => {
    const res = await api('POST', '/stock/JAKET-001-M', { quantity: 1, reason: 'rusak 1 pcs' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ sku: 'JAKET-001-M', after: 1 })
    const movement = await db.prisma.inventoryMovement.findFirstOrThrow({
      where: { sku: 'JAKET-001-M' },
      orderBy: { createdAt: 'desc' },
    })
    expect(movement).toMatchObject({ actor: `console:${staffEmail}`, reason: 'rusak 1 pcs', quantityAfter: 1 })
    expect((await api('POST', '/stock/JAKET-001-M', { quantity: -3, reason: 'x' })).statusCode).toBe(400)
    expect((await api('POST', '/stock/JAKET-001-M', { quantity: 3, reason: '' })).statusCode).toBe(400)
    expect((await api('POST', '/stock/NOPE-999-M', { quantity: 3, reason: 'x' })).statusCode).toBe(404)
    const low = (await api('GET', '/stock/low')).json()
    expect(low.low.map((p: { productId: string }) => p.productId)).toContain('JAKET-001')
    const found = (await api('GET', '/stock?q=jaket')).json()
    expect(found.products.map((p: { productId: string }) => p.productId)).toEqual(['JAKET-001'])
  })

  it('lists what staff were told: a stock change that leaves a product low becomes a notice in the console', async () => {
    expect((await api('GET', '/notices')).json().notices).toEqual([])
    // Dress Linen Polos: S 4, M 6, L 3; with S and M gone only 3 are left, under its threshold of 5.
    expect((await api('POST', '/stock/DRESS-002-S', { quantity: 0, reason: 'rusak' })).statusCode).toBe(200)
    expect((await api('POST', '/stock/DRESS-002-M', { quantity: 0, reason: 'rusak' })).statusCode).toBe(200)
    await server.outbox.runOnce()
    const [notice] = (await api('GET', '/notices')).json().notices
    expect(notice).toMatchObject({ kind: 'low_stock', text: expect.stringContaining('Dress Linen Polos') })
    const english = (await api('GET', '/notices?lang=en')).json().notices[0]
    expect(english.text).not.toBe(notice.text)
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { id: notice.id } })
    expect(row).toMatchObject({ audience: 'admin', status: 'SENT' })
  })

  it('lists the open COD orders the customer has not confirmed, signed in only', async () => {
    const open = await api('GET', '/orders/cod-unconfirmed')
    expect(open.statusCode).toBe(200)
    expect(open.json().orders).toEqual([
      expect.objectContaining({ orderNumber: 'ORD-2025-005', customerName: 'Siti Rahma', amount: 71_000 }),
    ])
    const siti = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-005' } })
    await db.prisma.payment.update({
      where: { orderId: siti.id },
      data: { codConfirmedAt: new Date(), codConfirmedBy: `customer:${siti.customerId}` },
    })
    expect((await api('GET', '/orders/cod-unconfirmed')).json().orders).toEqual([])
    const anonymous = await server.app.inject({ method: 'GET', url: '/console/api/orders/cod-unconfirmed' })
    expect(anonymous.statusCode).toBe(401)
  })

  it('sets a shipping status and location; the customer is notified and the change audited', async () => {
    const res = await api('POST', '/shipping/ord-2025-001', { status: 'OUT_FOR_DELIVERY', location: 'Bandung' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ orderNumber: 'ORD-2025-001', status: 'OUT_FOR_DELIVERY', location: 'Bandung' })
    const notice = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'shipping_status' } })
    expect(notice.payload).toMatchObject({ orderNumber: 'ORD-2025-001', status: 'OUT_FOR_DELIVERY' })
    expect(await db.prisma.auditLog.count({ where: { actor: `console:${staffEmail}` } })).toBeGreaterThan(0)
    expect((await api('POST', '/shipping/ORD-9999-999', { status: 'IN_TRANSIT' })).statusCode).toBe(404)
    expect((await api('POST', '/shipping/ORD-2025-001', { status: 'LOST' })).statusCode).toBe(400)
  })

  it('answers the analytics of a known history', async () => {
    const at = new Date('2026-03-10T05:00:00Z') // 12:00 in Jakarta
    const make = async (i: number, channel: 'web' | 'telegram') => {
      const identity = await db.prisma.channelIdentity.create({ data: { channel, externalUserId: `a-${i}` } })
      return db.prisma.conversation.create({
        data: {
          channel,
          externalChatId: `a-${i}`,
          identityId: identity.id,
          createdAt: at,
          costMicroUsd: 1_000_000n * BigInt(i),
        },
      })
    }
    const conversations = await Promise.all([make(1, 'web'), make(2, 'web'), make(3, 'telegram'), make(4, 'telegram')])
    const [c1, c2, c3] = conversations
    const minutes = (n: number) => new Date(at.getTime() + n * 60_000)
    await db.prisma.handoff.create({
      data: {
        conversationId: c1.id,
        reason: 'x',
        status: 'CLOSED',
        openedAt: minutes(1),
        closedAt: minutes(30),
        rating: 5,
      },
    })
    await db.prisma.handoff.create({
      data: {
        conversationId: c2.id,
        reason: 'x',
        status: 'CLOSED',
        openedAt: minutes(1),
        closedAt: minutes(30),
        rating: 2,
      },
    })
    await db.prisma.message.createMany({
      data: [
        { conversationId: c1.id, role: 'admin', text: 'halo', createdAt: minutes(3) },
        { conversationId: c2.id, role: 'admin', text: 'halo', createdAt: minutes(11) },
        { conversationId: c3.id, role: 'user', text: 'Bisa kirim ke Papua?', createdAt: minutes(1) },
        {
          conversationId: c3.id,
          role: 'assistant',
          text: 'Maaf',
          content: { gaveUpStreak: 1 },
          createdAt: minutes(2),
          inputTokens: 100,
          outputTokens: 20,
          costMicroUsd: 500,
        },
      ],
    })
    await db.prisma.toolCall.createMany({
      data: [10, 20, 30, 40].map((latencyMs, i) => ({
        conversationId: c3.id,
        name: 'track_order',
        input: {},
        ok: i !== 3,
        latencyMs,
        createdAt: at,
      })),
    })
    const { tables } = (await api('GET', '/analytics?from=2026-03-10&to=2026-03-10')).json()
    expect(tables.conversations_per_day).toEqual([
      { day: '2026-03-10', channel: 'telegram', conversations: 2 },
      { day: '2026-03-10', channel: 'web', conversations: 2 },
    ])
    expect(tables.resolution[0]).toMatchObject({
      conversations: 4,
      automated: 2,
      handed_off: 2,
      automated_rate_pct: 50,
    })
    expect(tables.first_reply[0]).toMatchObject({ handoffs_answered: 2, median_seconds: 360 })
    expect(tables.csat.find((r: { rating: number }) => r.rating === 5)).toMatchObject({ count: 1, average: 3.5 })
    expect(tables.tools).toEqual([{ tool: 'track_order', calls: 4, success_rate_pct: 75, p50_ms: 25, p95_ms: 39 }])
    expect(tables.cost_per_day[0]).toMatchObject({ day: '2026-03-10', input_tokens: 100, output_tokens: 20 })
    expect(tables.cost_per_conversation[0]).toMatchObject({ cost_usd: 4 })
    expect(tables.knowledge_gaps).toEqual([{ message: 'bisa kirim ke papua?', count: 1, conversation_id: c3.id }])
    // The day before is empty; a range the wrong way round is refused.
    const before = (await api('GET', '/analytics?from=2026-03-09&to=2026-03-09')).json()
    expect(before.tables.conversations_per_day).toEqual([])
    expect((await api('GET', '/analytics?from=2026-03-10&to=2026-03-01')).statusCode).toBe(400)
    const csv = await api('GET', '/analytics/tools.csv?from=2026-03-10&to=2026-03-10')
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.body).toBe('tool,calls,success_rate_pct,p50_ms,p95_ms\r\ntrack_order,4,75,25,39\r\n')
  })

  it('lists every console route in the OpenAPI document under the tag console', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json()
    for (const { method, url } of server.routes) {
      const path = url.replace(/:(\w+)/g, '{$1}')
      expect(doc.paths[path]?.[method.toLowerCase()]?.tags, `${method} ${path}`).toEqual(['console'])
    }
  })
})

describe('analytics CSV', () => {
  it('quotes commas and quotes, and defuses spreadsheet formulas', () => {
    expect(
      toCsv([
        { message: '=HYPERLINK("x")', count: 2 },
        { message: 'a, "b"', count: 1 },
      ]),
    ).toBe('message,count\r\n"\'=HYPERLINK(""x"")",2\r\n"a, ""b""",1\r\n')
    expect(toCsv([])).toBe('')
  })
})
