/**
 * Upgrading a database whose refunds were stuck in REFUND_PENDING (before failed refund requests were retried):
 * the migration queues one outbox retry for each card or e-wallet refund, none for refunds done by hand, and the
 * outbox then gets the refund from the gateway.
 */

import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../../src/db/client.ts'
import { applyMigrations, defaultMigrationPaths } from '../../../src/db/migrate.ts'
import { seedDemoShop } from '../../../src/db/seed.ts'
import { createMidtransGateway } from '../../../src/gateways/midtrans.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createOutboxWorker } from '../../../src/services/notifications/outbox.ts'
import { createRefundTask } from '../../../src/services/notifications/refund-task.ts'
import { testDbKinds } from '../../helpers/db.ts'
import { testMidtransServerKey } from '../../helpers/http.ts'
import { adminQuery, urlForDatabase } from '../../helpers/postgres-templates.ts'
import { buildServices } from '../../helpers/services.ts'
import { createFakeMidtrans } from '../../msw/midtrans.ts'

const midtrans = createFakeMidtrans({ serverKey: testMidtransServerKey })
const server = setupServer(...midtrans.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => midtrans.reset())
afterAll(() => server.close())

const backfill = '20261207113154_verification_limits_and_refund_retries'

/** The migrations before the backfill, in a folder of their own. */
function earlierMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'layan-migrations-'))
  for (const name of readdirSync(defaultMigrationPaths.migrationsDir)) {
    if (name < backfill || !/^\d{14}_/.test(name))
      cpSync(path.join(defaultMigrationPaths.migrationsDir, name), path.join(dir, name), { recursive: true })
  }
  return dir
}

async function emptyDatabase(kind: 'pglite' | 'postgres'): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDatabase({ inMemory: true })
    return { db, drop: () => db.close() }
  }
  const admin = String(process.env.TEST_DATABASE_URL)
  const name = `layan_upgrade_${process.pid}_${randomBytes(3).toString('hex')}`
  await adminQuery(admin, `CREATE DATABASE ${name}`)
  const db = await openDatabase({ databaseUrl: urlForDatabase(admin, name), poolSize: 2 })
  return {
    db,
    drop: async () => {
      await db.close()
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

describe.each(testDbKinds)('upgrading stuck refunds (%s)', (kind) => {
  it('queues a retry for each stuck card or e-wallet refund, and the outbox gets it refunded', async () => {
    const { db, drop } = await emptyDatabase(kind)
    const old = earlierMigrations()
    try {
      await applyMigrations(db.adapterFactory, { ...defaultMigrationPaths, migrationsDir: old })
      await seedDemoShop(db.prisma)
      // Cancelled and paid before the upgrade, the refund request failed: e-wallet ORD-2025-004 and, refunded by
      // hand, the bank transfer of ORD-2025-001.
      for (const orderNumber of ['ORD-2025-004', 'ORD-2025-001']) {
        await db.prisma.order.update({ where: { orderNumber }, data: { status: 'CANCELLED' } })
        await db.prisma.payment.updateMany({
          where: { order: { orderNumber } },
          data: { status: 'REFUND_PENDING', refundKey: `${orderNumber}-refund` },
        })
      }

      // The backfill and every migration written after it.
      const later = readdirSync(defaultMigrationPaths.migrationsDir).filter((n) => /^\d{14}_/.test(n) && n >= backfill)
      expect(await applyMigrations(db.adapterFactory)).toEqual(later.sort())
      const tasks = await db.prisma.notification.findMany({ where: { kind: 'refund_request' } })
      expect(tasks.map((t) => [t.audience, t.status, t.payload])).toEqual([
        ['task', 'PENDING', { orderNumber: 'ORD-2025-004', amount: 170_000 }],
      ])

      midtrans.setTransaction('ORD-2025-004', {
        transaction_status: 'settlement',
        gross_amount: 170_000,
        payment_type: 'gopay',
      })
      const gateway = createMidtransGateway({
        serverKey: testMidtransServerKey,
        timeoutMs: 2000,
        baseUrl: midtrans.baseUrl,
      })
      const services = buildServices(db, { paymentGateway: gateway })
      const outbox = createOutboxWorker({
        prisma: db.prisma,
        log: silentLogger(),
        now: () => new Date(Date.now() + 60_000),
        tasks: [createRefundTask({ orders: services.orders })],
      })
      expect(await outbox.runOnce()).toMatchObject({ claimed: 1, sent: 1 })
      const payment = await db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: 'ORD-2025-004' } } })
      expect(payment.status).toBe('REFUNDED')
      expect(
        midtrans.requests
          .filter((r) => r.action === 'refund')
          .map((r) => (r.body as { refund_key: string }).refund_key),
      ).toEqual(['ORD-2025-004-refund'])
    } finally {
      rmSync(old, { recursive: true, force: true })
      await drop()
    }
  })
})
