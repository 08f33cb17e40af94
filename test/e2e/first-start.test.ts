/**
 * `npm start` as a newcomer and a container meet it: the first start on a new DATA_DIR says what it is doing and
 * gives the demo shop dated to that start; the next start opens the same data; SEED_DEMO=false gives an empty
 * shop; on an empty PostgreSQL database `--migrate` with SEED_DEMO=true gives a migrated demo shop (what
 * `docker compose up` runs) and without SEED_DEMO an empty one.
 */

import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { adminQuery, urlForDatabase } from '../helpers/postgres-templates.ts'
import { commandEnv, freePort, type Started, startEntry, stop, waitForHealth } from '../helpers/processes.ts'
import { webChatVisitor } from '../helpers/web-client.ts'

const token = 'first-start-test-token-0123456789'
const scratch = mkdtempSync(path.join(tmpdir(), 'layan-first-start-'))

async function start(
  env: Record<string, string | undefined>,
  args: string[] = [],
): Promise<{ server: Started; base: string }> {
  const port = await freePort()
  const server = startEntry('src/main.ts', args, {
    env: commandEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', BOT_API_TOKEN: token, ...env }),
  })
  const base = `http://127.0.0.1:${port}`
  await waitForHealth(base, server)
  return { server, base }
}

async function botApi(base: string, route: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}/api/bot${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return (await response.json()) as Record<string, unknown>
}

async function chat(base: string, text: string): Promise<string> {
  return (await webChatVisitor(base)).say(text)
}

/** The log messages in the order they were written. */
function messages(server: Started): string[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '')
}

const stockQuestion = 'Apakah Kaos Basic Crewneck ukuran M masih ada?'

describe('first start and the ones after it', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('creates the demo shop in a new DATA_DIR with progress lines, dated to that start, and reopens it', async () => {
    const dataDir = path.join(scratch, 'data')
    const before = Date.now()
    const first = await start({ DATA_DIR: dataDir })
    const ready = Date.now()
    try {
      const steps = messages(first.server)
      const creating = steps.indexOf(`creating the embedded database in ${dataDir} from the demo snapshot`)
      const created = steps.indexOf(`embedded database created in ${dataDir}`)
      const running = steps.findIndex((m) => m.startsWith('Layan is running'))
      expect(creating, steps.join('\n')).toBeGreaterThanOrEqual(0)
      expect(created).toBeGreaterThan(creating)
      expect(running).toBeGreaterThan(created)
      // The schema engine is not needed: the snapshot has every migration.
      expect(steps.some((m) => m.startsWith('applying'))).toBe(false)

      expect(await chat(first.base, stockQuestion)).toContain('Ukuran M: 15 unit')
      const summary = (await botApi(first.base, '/order/summary', { customerId: 'cust-adi' })) as {
        summary: { recentOrders: { orderNumber: string; status: string; createdAt: string }[] }
      }
      const unpaid = summary.summary.recentOrders.find((o) => o.orderNumber === 'ORD-2025-002')
      expect(unpaid?.status).toBe('PENDING')
      const createdAt = Date.parse(unpaid?.createdAt ?? '')
      expect(createdAt).toBeGreaterThanOrEqual(before - 1000)
      expect(createdAt).toBeLessThanOrEqual(ready)
      const payment = await botApi(first.base, '/payment/verify', {
        customerId: 'cust-adi',
        orderNumber: 'ORD-2025-002',
      })
      expect(payment.instructions).toContain('8808 1234 5678 9012')
      // Siti's ORD-2025-006 was ordered five days before the start (and delivered two days before it).
      const siti = (await botApi(first.base, '/order/summary', { customerId: 'cust-siti' })) as typeof summary
      const delivered = siti.summary.recentOrders.find((o) => o.orderNumber === 'ORD-2025-006')
      expect(delivered?.status).toBe('DELIVERED')
      const fiveDays = 5 * 24 * 3_600_000
      expect(Date.parse(delivered?.createdAt ?? '')).toBeGreaterThanOrEqual(before - fiveDays - 1000)
      expect(Date.parse(delivered?.createdAt ?? '')).toBeLessThanOrEqual(ready - fiveDays)

      const cancelled = await botApi(first.base, '/order/cancel', {
        customerId: 'cust-adi',
        orderNumber: 'ORD-2025-005',
      })
      expect(cancelled.success, JSON.stringify(cancelled)).toBe(false) // Siti's order, not Adi's
      expect(
        (await botApi(first.base, '/order/cancel', { customerId: 'cust-siti', orderNumber: 'ORD-2025-005' })).success,
      ).toBe(true)
    } finally {
      expect(await stop(first.server)).toBe(0)
    }

    const second = await start({ DATA_DIR: dataDir })
    try {
      const steps = messages(second.server)
      expect(steps.some((m) => m.startsWith('creating the embedded database'))).toBe(false)
      expect(steps.some((m) => m.startsWith('applying') || m.startsWith('seeding'))).toBe(false)
      const summary = (await botApi(second.base, '/order/summary', { customerId: 'cust-siti' })) as {
        summary: { recentOrders: { orderNumber: string; status: string }[] }
      }
      expect(summary.summary.recentOrders.find((o) => o.orderNumber === 'ORD-2025-005')?.status).toBe('CANCELLED')
    } finally {
      expect(await stop(second.server)).toBe(0)
    }
  }, 180_000)

  it('SEED_DEMO=false: a new DATA_DIR gets an empty shop', async () => {
    const { server, base } = await start({ DATA_DIR: path.join(scratch, 'empty'), SEED_DEMO: 'false' })
    try {
      expect(messages(server)).toContain(
        `creating the embedded database in ${path.join(scratch, 'empty')} from the empty snapshot`,
      )
      expect(await chat(base, stockQuestion)).not.toContain('Ukuran M: 15 unit')
      // The demo's customers do not exist in an empty shop.
      expect(await botApi(base, '/order/summary', { customerId: 'cust-adi' })).toMatchObject({
        success: false,
        error: { code: 'customer_not_found' },
      })
    } finally {
      expect(await stop(server)).toBe(0)
    }
  }, 120_000)
})

describe('on an empty PostgreSQL database (as docker compose runs it)', () => {
  const baseUrl = process.env.TEST_DATABASE_URL
  async function withEmptyDatabase(work: (url: string) => Promise<void>): Promise<void> {
    if (!baseUrl) throw new Error('TEST_DATABASE_URL is not set')
    const name = `layan_first_${randomBytes(4).toString('hex')}`
    await adminQuery(baseUrl, `CREATE DATABASE ${name}`)
    try {
      await work(urlForDatabase(baseUrl, name))
    } finally {
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  }

  it('--migrate with SEED_DEMO=true migrates and seeds the demo shop once', async () => {
    await withEmptyDatabase(async (url) => {
      const first = await start({ DATABASE_URL: url, SEED_DEMO: 'true' }, ['--migrate'])
      try {
        const steps = messages(first.server)
        expect(
          steps.some((m) => /^applying \d+ migration/.test(m)),
          steps.join('\n'),
        ).toBe(true)
        expect(steps.indexOf('demo shop seeded')).toBeGreaterThan(steps.indexOf('database migrated'))
        expect(await chat(first.base, stockQuestion)).toContain('Ukuran M: 15 unit')
        await botApi(first.base, '/order/cancel', { customerId: 'cust-siti', orderNumber: 'ORD-2025-005' })
      } finally {
        expect(await stop(first.server)).toBe(0)
      }
      const second = await start({ DATABASE_URL: url, SEED_DEMO: 'true' }, ['--migrate'])
      try {
        const steps = messages(second.server)
        expect(steps.some((m) => m.startsWith('applying') || m.startsWith('seeding'))).toBe(false)
        const summary = (await botApi(second.base, '/order/summary', { customerId: 'cust-siti' })) as {
          summary: { recentOrders: { orderNumber: string; status: string }[] }
        }
        expect(summary.summary.recentOrders.find((o) => o.orderNumber === 'ORD-2025-005')?.status).toBe('CANCELLED')
      } finally {
        expect(await stop(second.server)).toBe(0)
      }
    })
  }, 180_000)

  it('without SEED_DEMO the migrated database stays an empty shop', async () => {
    await withEmptyDatabase(async (url) => {
      const { server, base } = await start({ DATABASE_URL: url }, ['--migrate'])
      try {
        expect(messages(server).some((m) => m.startsWith('seeding'))).toBe(false)
        expect(await chat(base, stockQuestion)).not.toContain('Ukuran M: 15 unit')
      } finally {
        expect(await stop(server)).toBe(0)
      }
    })
  }, 120_000)
})
