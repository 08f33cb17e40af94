import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { openDatabase } from '../../../src/db/client.ts'
import { prepareDatabase } from '../../../src/db/prepare.ts'
import { seedDemoShop } from '../../../src/db/seed.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

describe.each(testDbKinds)('demo shop seed (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
  })
  afterAll(() => db.close())

  async function snapshot() {
    const p = db.prisma
    return {
      customers: await p.customer.findMany({ orderBy: { id: 'asc' } }),
      products: await p.product.findMany({ orderBy: { id: 'asc' } }),
      inventory: await p.inventory.findMany({ orderBy: { sku: 'asc' } }),
      orders: await p.order.findMany({
        orderBy: { orderNumber: 'asc' },
        include: { items: true, payment: true, shipping: { include: { events: true } } },
      }),
    }
  }

  it('creates exactly the demo shop, and a second run changes nothing', async () => {
    const now = new Date('2026-11-26T01:00:00Z')
    expect((await seedDemoShop(db.prisma, now)).created).toBe(true)
    const first = await snapshot()

    expect(first.customers.map((c) => [c.id, c.name, c.phoneNumber])).toEqual([
      ['cust-adi', 'Adi Mulyana', '+6281234567890'],
      ['cust-budi', 'Budi Santoso', '+6281355512345'],
      ['cust-siti', 'Siti Rahma', '+6281298765432'],
    ])
    const stock = Object.fromEntries(first.inventory.map((i) => [i.sku, i.quantity]))
    expect(stock).toEqual({
      'CELANA-001-30': 8,
      'CELANA-001-31': 8,
      'CELANA-001-32': 8,
      'CELANA-001-33': 6,
      'DRESS-001-L': 0,
      'DRESS-001-M': 0,
      'DRESS-001-S': 0,
      'DRESS-002-L': 3,
      'DRESS-002-M': 6,
      'DRESS-002-S': 4,
      'JAKET-001-L': 1,
      'JAKET-001-M': 2,
      'KAOS-001-L': 20,
      'KAOS-001-M': 15,
      'KAOS-001-S': 10,
      'KAOS-001-XL': 5,
      'KEMEJA-001-L': 5,
      'KEMEJA-001-M': 4,
      'KEMEJA-001-S': 3,
    })
    expect(first.inventory.every((i) => i.warehouseLocation === 'Jakarta')).toBe(true)

    const byNumber = Object.fromEntries(first.orders.map((o) => [o.orderNumber, o]))
    const o1 = byNumber['ORD-2025-001']!
    expect([o1.customerId, o1.status, o1.totalAmount, o1.shippingCost]).toEqual([
      'cust-adi',
      'SHIPPED',
      150_000,
      12_000,
    ])
    expect(o1.items.map((i) => [i.sku, i.quantity, i.price]).sort()).toEqual([
      ['CELANA-001-31', 1, 59_000],
      ['KAOS-001-M', 1, 79_000],
    ])
    expect(o1.payment).toMatchObject({
      method: 'bank_transfer',
      status: 'COMPLETED',
      transactionId: 'TRX-123456',
      amount: 150_000,
    })
    expect(o1.payment?.paidAt?.toISOString()).toBe('2025-11-20T08:30:00.000Z')
    expect(o1.shipping).toMatchObject({
      trackingNumber: 'JNE123456789',
      carrier: 'jne',
      currentStatus: 'IN_TRANSIT',
      currentLocation: 'Jakarta',
    })
    expect(o1.shipping?.estimatedDelivery?.toISOString()).toBe('2025-11-26T00:00:00.000Z')

    const o2 = byNumber['ORD-2025-002']!
    expect([o2.status, o2.totalAmount, o2.payment?.status, o2.payment?.vaNumber]).toEqual([
      'PENDING',
      264_000,
      'PENDING',
      '8808123456789012',
    ])
    expect(o2.createdAt.toISOString()).toBe(now.toISOString())
    expect(o2.payment?.expiresAt?.getTime()).toBe(now.getTime() + 24 * 3_600_000)

    expect(byNumber['ORD-2025-003']).toMatchObject({ status: 'DELIVERED', totalAmount: 139_000 })
    expect(byNumber['ORD-2025-003']?.shipping).toMatchObject({
      trackingNumber: 'SCP1234567890',
      carrier: 'sicepat',
      currentStatus: 'DELIVERED',
      currentLocation: 'Bandung',
    })
    expect(byNumber['ORD-2025-004']).toMatchObject({
      customerId: 'cust-siti',
      status: 'PROCESSING',
      totalAmount: 170_000,
    })
    expect(byNumber['ORD-2025-004']?.payment).toMatchObject({
      method: 'e_wallet',
      provider: 'OVO',
      status: 'COMPLETED',
    })
    expect(byNumber['ORD-2025-005']).toMatchObject({ customerId: 'cust-siti', status: 'PENDING', totalAmount: 71_000 })
    expect(byNumber['ORD-2025-005']?.payment).toMatchObject({ method: 'cod', status: 'PENDING' })

    // Delivered two days before seeding, inside the return window; its stock left before, so the counts above
    // (KAOS-001-M 15) are untouched by it.
    const day = 24 * 3_600_000
    const o6 = byNumber['ORD-2025-006']!
    expect([o6.customerId, o6.status, o6.subtotal, o6.shippingCost, o6.totalAmount]).toEqual([
      'cust-siti',
      'DELIVERED',
      79_000,
      12_000,
      91_000,
    ])
    expect(o6.shippingAddress).toBe('Jl. Dago No. 45, Bandung 40135')
    expect(o6.items.map((i) => [i.sku, i.quantity, i.price])).toEqual([['KAOS-001-M', 1, 79_000]])
    expect(o6.payment).toMatchObject({
      method: 'e_wallet',
      provider: 'ShopeePay',
      status: 'COMPLETED',
      transactionId: 'TRX-100606',
      amount: 91_000,
    })
    expect(o6.createdAt.getTime()).toBe(now.getTime() - 5 * day)
    expect(o6.payment?.paidAt?.getTime()).toBeGreaterThan(o6.createdAt.getTime())
    expect(o6.shipping).toMatchObject({
      trackingNumber: 'JT0012345678',
      carrier: 'jnt',
      currentStatus: 'DELIVERED',
      currentLocation: 'Bandung',
    })
    expect(o6.shipping?.shippedAt?.getTime()).toBe(now.getTime() - 4 * day)
    expect(o6.shipping?.deliveredAt?.getTime()).toBe(now.getTime() - 2 * day)
    const events = [...(o6.shipping?.events ?? [])].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    expect(events.map((e) => e.status)).toEqual([
      'PENDING_PICKUP',
      'IN_TRANSIT',
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
    ])
    expect(events.at(-1)?.occurredAt.getTime()).toBe(now.getTime() - 2 * day)
    for (const e of events) expect(e.occurredAt.getTime()).toBeLessThan(now.getTime())
    expect(first.orders.map((o) => o.orderNumber)).toEqual([
      'ORD-2025-001',
      'ORD-2025-002',
      'ORD-2025-003',
      'ORD-2025-004',
      'ORD-2025-005',
      'ORD-2025-006',
    ])
    for (const o of first.orders) expect(o.totalAmount).toBe(o.subtotal + o.shippingCost)

    expect((await seedDemoShop(db.prisma, new Date('2030-01-01T00:00:00Z'))).created).toBe(false)
    expect(await snapshot()).toEqual(first)
  })
})

describe('embedded database on disk', () => {
  it('migrates and seeds itself when empty, and keeps its data across restarts', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'layan-data-')), 'db')
    const first = await openDatabase({ dataDir })
    await prepareDatabase(first, { migrate: true, seedWhenEmpty: true })
    await first.prisma.inventory.update({ where: { sku: 'KAOS-001-M' }, data: { quantity: 14 } })
    await first.close()

    const second = await openDatabase({ dataDir })
    await prepareDatabase(second, { migrate: true, seedWhenEmpty: true })
    expect(await second.prisma.order.count()).toBe(6)
    expect((await second.prisma.inventory.findUnique({ where: { sku: 'KAOS-001-M' } }))?.quantity).toBe(14)
    await second.close()
  }, 90_000)
})
