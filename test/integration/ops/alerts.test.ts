/**
 * Alerts about the bot itself on a real database (both kinds): one alert per condition and one recovery notice even
 * with two monitors (two instances) checking, each rendered with its runbook line; the database-unreachable alert
 * goes straight to the staff channels, once per outage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../../src/core/types.ts'
import { type Database, type Db, openDatabase } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createAlertMonitor } from '../../../src/ops/alert-monitor.ts'
import { trackGatewayHealth } from '../../../src/ops/gateway-health.ts'
import { createMetrics } from '../../../src/ops/metrics.ts'
import { readBacklog } from '../../../src/services/backlog.ts'
import { createBotAlertStore } from '../../../src/services/notifications/bot-alerts.ts'
import { renderStaffNotification } from '../../../src/services/notifications/render-notification.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { urlForDatabase } from '../../helpers/postgres-templates.ts'

/** What a monitor reads and writes on one database (as main.ts builds it). */
const onDatabase = (prisma: Db) => ({ store: createBotAlertStore({ prisma }), readBacklog: () => readBacklog(prisma) })

const thresholds = {
  windowMinutes: 10,
  toolFailures: 5,
  toolFailureRate: 0.2,
  gatewayDownMinutes: 5,
  outboxOldestMinutes: 15,
}

describe.each(testDbKinds)('alerts about the bot (%s)', (kind) => {
  let db: Database
  let other: Database | null = null
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await other?.close()
    other = null
    await db.close().catch(() => undefined)
  })

  /** A second instance's view of the same database (PostgreSQL: its own pool). */
  async function secondPrisma() {
    if (kind === 'pglite') return db.prisma
    const [row] = await db.prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`
    other = await openDatabase({
      databaseUrl: urlForDatabase(String(process.env.TEST_DATABASE_URL), row?.db as string),
      poolSize: 2,
    })
    return other.prisma
  }

  const alerts = () =>
    db.prisma.notification.findMany({ where: { kind: 'bot_alert' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })

  it('tool failures alert once across two instances, with a runbook line, and recover once', async () => {
    const sent: Reply[] = []
    const deps = { log: silentLogger(), thresholds, sendToStaffNow: async (r: Reply) => void sent.push(r) }
    const a = createAlertMonitor({ ...deps, ...onDatabase(db.prisma) })
    const b = createAlertMonitor({ ...deps, ...onDatabase(await secondPrisma()) })
    const rows = Array.from({ length: 10 }, (_, i) => ({
      name: 'track_order',
      input: {},
      ok: i >= 6,
      errorCode: i < 6 ? 'internal_error' : null,
      latencyMs: 5,
    }))
    await db.prisma.toolCall.createMany({ data: rows })
    await Promise.all([a.check(), b.check(), a.check(), b.check()])
    let found = (await alerts()).filter((n) => (n.payload as { condition: string }).condition === 'tool_failures')
    expect(found).toHaveLength(1)
    expect(found[0]?.payload).toMatchObject({ state: 'firing', detail: '6 of 10 tool calls failed in the last 10 min' })
    const text = renderStaffNotification('bot_alert', found[0]?.payload, 'en')?.text ?? ''
    expect(text).toContain('many tool calls fail')
    expect(text).toContain('Check first:')
    expect(renderStaffNotification('bot_alert', found[0]?.payload, 'id')?.text).toContain('Periksa dulu:')

    await db.prisma.toolCall.updateMany({ data: { createdAt: new Date(Date.now() - 3_600_000) } })
    await Promise.all([a.check(), b.check()])
    await a.check()
    found = (await alerts()).filter((n) => (n.payload as { condition: string }).condition === 'tool_failures')
    expect(found.map((n) => (n.payload as { state: string }).state)).toEqual(['firing', 'resolved'])
    expect(renderStaffNotification('bot_alert', found[1]?.payload, 'en')?.text).toContain('back to normal')
    // Nothing else fired on a healthy shop.
    expect((await alerts()).map((n) => (n.payload as { condition: string }).condition)).toEqual([
      'tool_failures',
      'tool_failures',
    ])
    expect(sent).toEqual([])
  })

  it('a gateway failing for N minutes alerts; an answer from it resolves the alert', async () => {
    let clock = Date.now()
    const tracked = trackGatewayHealth(createMetrics({ defaultMetrics: false }).observer, () => clock)
    const monitor = createAlertMonitor({
      ...onDatabase(db.prisma),
      log: silentLogger(),
      thresholds,
      gateways: tracked.health,
      sendToStaffNow: async () => undefined,
      now: () => new Date(clock),
    })
    tracked.observer.gatewayRequest('midtrans', 'unreachable', 0.01)
    clock += 4 * 60_000
    tracked.observer.gatewayRequest('midtrans', 'timeout', 8)
    await monitor.check()
    expect(await alerts()).toHaveLength(0)
    clock += 2 * 60_000
    await monitor.check()
    expect((await alerts()).map((n) => n.payload)).toMatchObject([
      { condition: 'gateway_unreachable', state: 'firing' },
    ])
    expect(JSON.stringify((await alerts())[0]?.payload)).toContain('midtrans since')
    tracked.observer.gatewayRequest('midtrans', 'ok', 0.2)
    await monitor.check()
    expect((await alerts()).map((n) => (n.payload as { state: string }).state)).toEqual(['firing', 'resolved'])
  })

  it('Claude unusable (a set-up fault, then an open breaker) is one alert until it works again', async () => {
    let status: Parameters<typeof createAlertMonitor>[0]['claudeStatus'] extends (() => infer S) | undefined ? S : never
    status = {
      model: 'claude-sonnet-5-5',
      setup: {
        state: 'setup_fault',
        checkedAt: new Date().toISOString(),
        fault: { model: 'claude-sonnet-5-5', status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
      },
      breaker: { state: 'closed', openUntil: null },
    } as typeof status
    const monitor = createAlertMonitor({
      ...onDatabase(db.prisma),
      log: silentLogger(),
      thresholds,
      claudeStatus: () => status,
      sendToStaffNow: async () => undefined,
    })
    await monitor.check()
    status = {
      ...status,
      setup: { state: 'ok', checkedAt: new Date().toISOString() },
      breaker: { state: 'open', openUntil: new Date().toISOString() },
    }
    await monitor.check()
    const firing = await alerts()
    expect(firing).toHaveLength(1)
    expect(JSON.stringify(firing[0]?.payload)).toContain('HTTP 401 authentication_error')
    status = { ...status, breaker: { state: 'closed', openUntil: null } }
    await monitor.check()
    expect((await alerts()).map((n) => (n.payload as { state: string }).state)).toEqual(['firing', 'resolved'])
  })

  it('the database unreachable: sent straight to staff, once per outage per instance', async () => {
    const sent: Reply[] = []
    const monitor = createAlertMonitor({
      ...onDatabase(db.prisma),
      log: silentLogger(),
      thresholds,
      sendToStaffNow: async (reply) => void sent.push(reply),
    })
    await monitor.check()
    expect(sent).toHaveLength(0)
    await db.close()
    await monitor.check()
    await monitor.check()
    expect(sent).toHaveLength(1)
    expect(sent[0]?.text).toContain('database')
    expect(sent[0]?.text).toMatch(/Periksa dulu:.*DATABASE_URL/)
  })
})
