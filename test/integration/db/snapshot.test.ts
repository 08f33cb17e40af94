/**
 * New embedded databases from the build's snapshots (src/db/snapshot.ts): the demo snapshot gives what seeding at
 * that moment gives, relative times included; a stale snapshot is not used; a folder is only ever filled when it
 * was empty, and a creation that was interrupted is redone.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../../src/db/client.ts'
import { seedDemoShop } from '../../../src/db/seed.ts'
import { readSnapshot, snapshotDir, snapshotFile, snapshotMetaFile } from '../../../src/db/snapshot.ts'
import { createTestDatabase } from '../../helpers/db.ts'

const HOUR = 3_600_000

/** The demo shop's rows that carry times, in a stable order. */
async function datedRows(db: Database) {
  const orders = await db.prisma.order.findMany({
    orderBy: { orderNumber: 'asc' },
    include: { payment: true, shipping: { include: { events: { orderBy: { occurredAt: 'asc' } } } } },
  })
  return orders.map((o) => ({
    orderNumber: o.orderNumber,
    status: o.status,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    payment: {
      status: o.payment?.status,
      createdAt: o.payment?.createdAt.toISOString(),
      expiresAt: o.payment?.expiresAt?.toISOString() ?? null,
      paidAt: o.payment?.paidAt?.toISOString() ?? null,
    },
    shipping: o.shipping && {
      shippedAt: o.shipping.shippedAt?.toISOString(),
      estimatedDelivery: o.shipping.estimatedDelivery?.toISOString(),
      deliveredAt: o.shipping.deliveredAt?.toISOString() ?? null,
      events: o.shipping.events.map((e) => [e.status, e.occurredAt.toISOString()]),
    },
  }))
}

describe('embedded databases from the build snapshots', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'layan-snapshot-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('the build made current snapshots (the global setup runs it)', () => {
    const demo = readSnapshot('demo')
    expect('archive' in demo, JSON.stringify(demo)).toBe(true)
  })

  describe('the demo snapshot, dated to the moment the database is made', () => {
    const now = new Date('2027-03-04T05:06:07.089Z')
    let fromSnapshot: Database
    let seeded: Database
    beforeAll(async () => {
      fromSnapshot = await openDatabase({ inMemory: true, snapshot: 'demo', now })
      seeded = await createTestDatabase('pglite', { seed: false })
      await seedDemoShop(seeded.prisma, now)
    }, 120_000)
    afterAll(async () => {
      await fromSnapshot.close()
      await seeded.close()
    })

    it('says it came from the snapshot', () => {
      expect(fromSnapshot.created).toMatchObject({ from: 'snapshot', kind: 'demo' })
    })

    it('holds what seeding at that moment holds: the same orders, payments and shipments at the same times', async () => {
      const rows = await datedRows(fromSnapshot)
      expect(rows).toEqual(await datedRows(seeded))
      const unpaid = rows.find((r) => r.orderNumber === 'ORD-2025-002')
      expect(unpaid?.createdAt).toBe(now.toISOString())
      expect(unpaid?.payment.expiresAt).toBe(new Date(now.getTime() + 24 * HOUR).toISOString())
      expect(rows.find((r) => r.orderNumber === 'ORD-2025-005')?.createdAt).toBe(now.toISOString())
      // ORD-2025-006 lies before the seeding time (created 5 days, delivered 2 days before) and moves as well.
      const delivered = rows.find((r) => r.orderNumber === 'ORD-2025-006')
      expect(delivered?.createdAt).toBe(new Date(now.getTime() - 5 * 24 * HOUR).toISOString())
      expect(delivered?.shipping?.deliveredAt).toBe(new Date(now.getTime() - 2 * 24 * HOUR).toISOString())
      // Fixed dates of the acceptance documents stay as they are.
      expect(rows.find((r) => r.orderNumber === 'ORD-2025-001')?.createdAt).toBe('2025-11-20T03:00:00.000Z')
    })

    it('dates the rows made at seeding time (customers, products, stock) to that moment too', async () => {
      for (const c of await fromSnapshot.prisma.customer.findMany()) {
        expect(c.createdAt.getTime()).toBeGreaterThanOrEqual(now.getTime())
        expect(c.createdAt.getTime()).toBeLessThan(now.getTime() + 60_000)
      }
      for (const p of await fromSnapshot.prisma.product.findMany()) {
        expect(p.updatedAt.getTime()).toBeGreaterThanOrEqual(now.getTime())
        expect(p.updatedAt.getTime()).toBeLessThan(now.getTime() + 60_000)
      }
      expect(await fromSnapshot.prisma.inventory.count()).toBe(await seeded.prisma.inventory.count())
    })
  })

  it('the empty snapshot is migrated and holds no shop', async () => {
    const db = await openDatabase({ inMemory: true, snapshot: 'empty' })
    try {
      expect(db.created).toMatchObject({ from: 'snapshot', kind: 'empty' })
      expect(await db.prisma.customer.count()).toBe(0)
      expect(await db.prisma.product.count()).toBe(0)
      const [row] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations')
      expect(row?.n).toBeGreaterThan(0)
    } finally {
      await db.close()
    }
  })

  it('a snapshot made from other migrations or demo data is not used', () => {
    const stale = path.join(scratch, 'stale')
    mkdirSync(stale)
    writeFileSync(snapshotFile('demo', stale), readFileSync(snapshotFile('demo', snapshotDir)))
    const meta = JSON.parse(readFileSync(snapshotMetaFile(snapshotDir), 'utf8')) as { inputs: string }
    writeFileSync(
      snapshotMetaFile(stale),
      JSON.stringify({ ...meta, inputs: `${meta.inputs.slice(0, -1)}${meta.inputs.endsWith('0') ? '1' : '0'}` }),
    )
    const result = readSnapshot('demo', stale)
    expect(result).toEqual({ unusable: expect.stringContaining('changed since it was built') })
    expect(readSnapshot('demo', path.join(scratch, 'none'))).toEqual({
      unusable: expect.stringContaining('none built'),
    })
  })

  it('a new data directory is created from the snapshot and opened as it is on the next start', async () => {
    const dataDir = path.join(scratch, 'data')
    const first = await openDatabase({ dataDir, snapshot: 'demo' })
    expect(first.created).toMatchObject({ from: 'snapshot', kind: 'demo' })
    await first.prisma.inventory.update({ where: { sku: 'KAOS-001-M' }, data: { quantity: 3 } })
    await first.close()
    expect(existsSync(path.join(dataDir, 'layan.creating'))).toBe(false)

    const second = await openDatabase({ dataDir, snapshot: 'demo' })
    try {
      expect(second.created).toBeUndefined()
      expect((await second.prisma.inventory.findUnique({ where: { sku: 'KAOS-001-M' } }))?.quantity).toBe(3)
    } finally {
      await second.close()
    }
  }, 60_000)

  it('a creation that was interrupted is made again', async () => {
    const dataDir = path.join(scratch, 'interrupted')
    mkdirSync(dataDir)
    // What a start killed half way through unpacking leaves: the marker and part of a data directory.
    writeFileSync(path.join(dataDir, 'layan.creating'), 'then\n')
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '18\n')
    mkdirSync(path.join(dataDir, 'base'))
    const db = await openDatabase({ dataDir, snapshot: 'demo' })
    try {
      expect(db.created).toMatchObject({ from: 'snapshot' })
      expect(await db.prisma.order.count()).toBe(6)
    } finally {
      await db.close()
    }
  }, 60_000)

  it('a folder with files of its own but no database is refused and left as it was', async () => {
    const dataDir = path.join(scratch, 'someone-elses')
    mkdirSync(dataDir)
    writeFileSync(path.join(dataDir, 'notes.txt'), 'mine')
    await expect(openDatabase({ dataDir, snapshot: 'demo' })).rejects.toThrow(/holds files but no database/)
    expect(readFileSync(path.join(dataDir, 'notes.txt'), 'utf8')).toBe('mine')
    expect(existsSync(path.join(dataDir, 'layan.lock'))).toBe(false)
    expect(existsSync(path.join(dataDir, 'layan.creating'))).toBe(false)
  })
})
