/**
 * What a start does to a database (src/db/prepare.ts) on both kinds: the demo shop goes into an empty database
 * only when asked (SEED_DEMO), and never into one that has a shop.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { prepareDatabase } from '../../../src/db/prepare.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'

describe.each(testDbKinds)('preparing a database at start (%s)', (kind) => {
  const open: Database[] = []
  async function emptyDatabase(): Promise<Database> {
    const db = await createTestDatabase(kind, { seed: false })
    open.push(db)
    return db
  }
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close()
  })

  it(
    'seeds the demo shop into an empty database when asked',
    async () => {
      const db = await emptyDatabase()
      const now = new Date('2027-01-02T03:04:05Z')
      await prepareDatabase(db, { migrate: false, seedWhenEmpty: true, now })
      expect(await db.prisma.customer.count()).toBe(3)
      expect(await db.prisma.order.count()).toBe(6)
      const unpaid = await db.prisma.order.findUnique({
        where: { orderNumber: 'ORD-2025-002' },
        include: { payment: true },
      })
      expect(unpaid?.createdAt).toEqual(now)
      expect(unpaid?.payment?.expiresAt).toEqual(new Date(now.getTime() + 24 * 3_600_000))
    },
    firstDatabaseTimeoutMs,
  )

  it('leaves an empty database empty when not asked', async () => {
    const db = await emptyDatabase()
    await prepareDatabase(db, { migrate: false, seedWhenEmpty: false })
    expect(await db.prisma.customer.count()).toBe(0)
    expect(await db.prisma.product.count()).toBe(0)
  })

  it("never seeds a database that has a shop of its own, and keeps that shop's data", async () => {
    const db = await emptyDatabase()
    await db.prisma.customer.create({ data: { id: 'own-1', name: 'Pelanggan Toko', phoneNumber: '+6281111111111' } })
    await prepareDatabase(db, { migrate: true, seedWhenEmpty: true })
    expect(await db.prisma.customer.findMany({ select: { id: true } })).toEqual([{ id: 'own-1' }])
    expect(await db.prisma.order.count()).toBe(0)
  })
})
