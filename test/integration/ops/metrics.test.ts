/**
 * GET /metrics over the server as main.ts composes it (real core, rule agent, web chat, webhooks) on both databases:
 * counters move with a real conversation, the route is guarded and never rate-limited nor documented, webhook
 * results are counted, and the database gauges agree across two instances on one PostgreSQL.
 */
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { registerWebChat } from '../../../adapters/web/routes.ts'
import { createApp } from '../../../src/app.ts'
import { type Database, openDatabase } from '../../../src/db/client.ts'
import { createOfflinePaymentGateway } from '../../../src/gateways/payment-offline.ts'
import { instrumentHttp, metricsRoute } from '../../../src/http/metrics.ts'
import { openApiPath } from '../../../src/http/openapi.ts'
import { buildServer, type RateLimitSettings } from '../../../src/http/server.ts'
import { silentLogger } from '../../../src/logger.ts'
import { registerDatabaseGauges } from '../../../src/ops/db-gauges.ts'
import { countMessages } from '../../../src/ops/instrument.ts'
import { createMetrics } from '../../../src/ops/metrics.ts'
import { readBacklog } from '../../../src/services/backlog.ts'
import { createChatHistory } from '../../../src/services/chat-history.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs, testCourierSecret } from '../../helpers/http.ts'
import { parseMetrics, sample } from '../../helpers/metrics.ts'
import { urlForDatabase } from '../../helpers/postgres-templates.ts'

interface Options {
  token?: string
  rateLimit?: RateLimitSettings | false
}

function buildOpsServer(db: Database, options: Options = {}): FastifyInstance {
  const log = silentLogger()
  const metrics = createMetrics()
  registerDatabaseGauges(metrics.registry, () => readBacklog(db.prisma))
  const config = { RATE_LIMIT_PER_MINUTE: 1000, COURIER_WEBHOOK_SECRET: testCourierSecret }
  const built = createApp({ db, log, agent: 'rules', config, observer: metrics.observer })
  const handle = countMessages(built.core.handleWithTrace.bind(built.core), metrics.observer, built.agent.name)
  return buildServer({
    services: built.services,
    config,
    log,
    paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
    rateLimit: options.rateLimit ?? false,
    instrument: (root) => instrumentHttp(root, { observer: metrics.observer }),
    register: [
      metricsRoute({ registry: metrics.registry, ...(options.token ? { token: options.token } : {}) }),
      (scope) =>
        registerWebChat(scope, {
          handle,
          isVerified: async (sessionId) =>
            Boolean((await built.services.crm.findIdentity('web', sessionId))?.customerId),
          history: (sessionId) => createChatHistory({ prisma: db.prisma }).forChat('web', sessionId, sessionId),
          sessionSecret: 'metrics-test-session-secret-0123456789',
          shopName: 'UrbanStyle ID',
          secureCookies: false,
        }),
    ],
  })
}

async function scrape(app: FastifyInstance): Promise<Map<string, number>> {
  const res = await app.inject({ method: 'GET', url: '/metrics' })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toContain('text/plain')
  return parseMetrics(res.body)
}

describe.each(testDbKinds)('GET /metrics (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await app?.close()
    await db.close()
  })

  it('counters move with a real conversation: messages, replies, reply time, tools, HTTP routes', async () => {
    app = buildOpsServer(db)
    const before = await scrape(app)
    const session = await app.inject({ method: 'GET', url: '/api/chat/session' })
    const cookie = String(session.headers['set-cookie']).split(';')[0] as string
    const say = async (text: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/chat', headers: { cookie }, payload: { text } })
      expect(res.statusCode).toBe(200)
      return res.json().replies as { text: string }[]
    }
    await say('verifikasi ORD-2025-002 7890')
    expect((await say('lacak ORD-2025-002'))[0]?.text).toContain('ORD-2025-002')
    await say('cek pesanan ORD-2099-999')
    const after = await scrape(app)

    const diff = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels)
    expect(diff('layan_messages_total', { channel: 'web', direction: 'in' })).toBe(3)
    expect(diff('layan_messages_total', { channel: 'web', direction: 'out' })).toBeGreaterThanOrEqual(3)
    expect(diff('layan_reply_seconds_count', { channel: 'web', agent: 'rules' })).toBe(3)
    expect(diff('layan_reply_seconds_sum', { channel: 'web', agent: 'rules' })).toBeGreaterThan(0)
    expect(diff('layan_tool_calls_total', { tool: 'track_order', outcome: 'ok' })).toBe(1)
    expect(diff('layan_tool_seconds_count', { tool: 'track_order' })).toBeGreaterThanOrEqual(1)
    const notFound = [...after.keys()].filter((k) => k.startsWith('layan_tool_calls_total') && k.includes('not_found'))
    expect(notFound.length).toBe(1)
    expect(
      diff('layan_http_request_duration_seconds_count', { method: 'POST', route: '/api/chat', status_code: '200' }),
    ).toBe(3)
    // No label carries an order number, a session or a raw URL.
    const labelsText = [...after.keys()].join('\n')
    expect(labelsText).not.toMatch(/ORD-|session=|\?/)
    // prom-client's process metrics under their usual names.
    expect(after.has('process_resident_memory_bytes')).toBe(true)
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true)
  })

  it('a token is required when METRICS_TOKEN is set (401), else only an unforwarded loopback client (403)', async () => {
    app = buildOpsServer(db, { token: 'metrics-token-0123456789abcdef' })
    for (const authorization of [undefined, 'Bearer wrong', 'Basic bWV0cmljczp4', 'Bearer ']) {
      const res = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      })
      expect(res.statusCode).toBe(401)
      expect(res.body).not.toContain('layan_')
    }
    const ok = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer metrics-token-0123456789abcdef' },
    })
    expect(ok.statusCode).toBe(200)
    await app.close()

    app = buildOpsServer(db)
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200)
    const refused = [
      { remoteAddress: '203.0.113.9' },
      { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } },
      { remoteAddress: '127.0.0.1', headers: { forwarded: 'for=203.0.113.9' } },
      { remoteAddress: '::1', headers: { 'x-forwarded-for': '127.0.0.1' } },
    ]
    for (const request of refused) {
      const res = await app.inject({ method: 'GET', url: '/metrics', ...request })
      expect(res.statusCode).toBe(403)
      expect(res.body).not.toContain('layan_')
    }
  })

  it('is never rate-limited and is not in the OpenAPI document', async () => {
    app = buildOpsServer(db, { rateLimit: { max: 2, timeWindowMs: 60_000 } })
    for (let i = 0; i < 6; i++) expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200)
    // The limit is on for everything else.
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push((await app.inject({ method: 'GET', url: '/api/chat/session' })).statusCode)
    expect(statuses).toContain(429)
    await app.close()
    app = buildOpsServer(db)
    const doc = await app.inject({ method: 'GET', url: openApiPath })
    expect(Object.keys(doc.json().paths)).not.toContain('/metrics')
  })

  it('counts webhook deliveries by result: applied, duplicate, rejected', async () => {
    app = buildOpsServer(db)
    const event = { waybill: 'JNE123456789', status: 'DELIVERED', location: 'Jakarta Selatan', eventId: 'evt-m1' }
    const send = (secret: string) =>
      app.inject({ method: 'POST', url: '/webhooks/courier', headers: { 'x-courier-secret': secret }, payload: event })
    expect((await send('wrong')).statusCode).toBe(401)
    expect((await send(testCourierSecret)).statusCode).toBe(200)
    expect((await send(testCourierSecret)).json().result).toBe('duplicate')
    const after = await scrape(app)
    expect(sample(after, 'layan_webhooks_total', { source: 'courier', result: 'rejected' })).toBe(1)
    expect(sample(after, 'layan_webhooks_total', { source: 'courier', result: 'applied' })).toBe(1)
    expect(sample(after, 'layan_webhooks_total', { source: 'courier', result: 'duplicate' })).toBe(1)
  })

  it('the database gauges show the outbox backlog and open hand-offs', async () => {
    app = buildOpsServer(db)
    const empty = await scrape(app)
    const pending = sample(empty, 'layan_outbox_pending')
    const waiting = sample(empty, 'layan_handoffs_waiting')
    // A customer asks for a person: a real hand-off opens (and staff are queued a notice).
    const session = await app.inject({ method: 'GET', url: '/api/chat/session' })
    const cookie = String(session.headers['set-cookie']).split(';')[0] as string
    const asked = await app.inject({
      method: 'POST',
      url: '/api/chat',
      headers: { cookie },
      payload: { text: 'saya mau bicara dengan CS manusia' },
    })
    expect(asked.statusCode).toBe(200)
    expect(await db.prisma.handoff.count({ where: { status: 'OPEN' } })).toBe(waiting + 1)
    await db.prisma.handoff.updateMany({ data: { openedAt: new Date(Date.now() - 120_000) } })
    const old = new Date(Date.now() - 600_000)
    await db.prisma.notification.create({
      data: { audience: 'admin', kind: 'low_stock', payload: {}, createdAt: old, nextAttemptAt: old },
    })
    const queued = await db.prisma.notification.count({ where: { status: 'PENDING' } })
    const after = await scrape(app)
    expect(sample(after, 'layan_outbox_pending')).toBe(queued)
    expect(queued).toBeGreaterThan(pending)
    expect(sample(after, 'layan_outbox_oldest_seconds')).toBeGreaterThanOrEqual(599)
    expect(sample(after, 'layan_handoffs_waiting')).toBe(waiting + 1)
    expect(sample(after, 'layan_handoff_oldest_seconds')).toBeGreaterThanOrEqual(119)
    expect(sample(after, 'layan_database_up')).toBe(1)
  })
})

describe('database gauges across instances (postgres)', () => {
  it('two instances on one database report the same backlog', async () => {
    const db = await createTestDatabase('postgres')
    // A second process's view: its own pool and registry on the same database.
    const [row] = await db.prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`
    const second = await openDatabase({
      databaseUrl: urlForDatabase(process.env.TEST_DATABASE_URL as string, row?.db as string),
      poolSize: 2,
    })
    try {
      const old = new Date(Date.now() - 300_000)
      for (let i = 0; i < 3; i++) {
        await db.prisma.notification.create({
          data: { audience: 'admin', kind: 'low_stock', payload: {}, createdAt: old, nextAttemptAt: old },
        })
      }
      const a = createMetrics({ defaultMetrics: false })
      const b = createMetrics({ defaultMetrics: false })
      registerDatabaseGauges(a.registry, () => readBacklog(db.prisma))
      registerDatabaseGauges(b.registry, () => readBacklog(second.prisma))
      const [first, other] = await Promise.all([a.registry.metrics(), b.registry.metrics()])
      const x = parseMetrics(first)
      const y = parseMetrics(other)
      for (const name of ['layan_outbox_pending', 'layan_handoffs_waiting'])
        expect(sample(x, name)).toBe(sample(y, name))
      expect(sample(x, 'layan_outbox_pending')).toBeGreaterThanOrEqual(3)
      for (const name of ['layan_outbox_oldest_seconds', 'layan_handoff_oldest_seconds']) {
        expect(Math.abs(sample(x, name) - sample(y, name))).toBeLessThan(1)
      }
      expect((await readBacklog(second.prisma)).outboxPending).toBe(sample(x, 'layan_outbox_pending'))
    } finally {
      await second.close()
      await db.close()
    }
  }, 120_000)
})
