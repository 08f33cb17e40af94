/**
 * A size exchange from the customer's request to the shipped replacement, through the real core (Claude answered
 * by MSW asks for the return; the customer presses the button), the real services and database: the wanted size
 * leaves stock exactly once, comes back when a request is rejected or expires, and the replacement is a second
 * shipment of the same order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReplyButton } from '../../../src/core/types.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { type ClaudeCore, claudeCore, say, useAnthropicServer, verifiedSender } from '../../helpers/claude.ts'
import { inbound } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'
import { textResponse, toolUseResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()
const siti = '+6281298765432'
const DAY = 86_400_000

/** ORD-2025-004 (Siti: 2 × KAOS-001-S, OVO) made a delivered order, `daysAgo` days ago. */
async function deliver(db: Database, daysAgo: number) {
  const order = await db.prisma.order.update({ where: { orderNumber: 'ORD-2025-004' }, data: { status: 'DELIVERED' } })
  const deliveredAt = new Date(Date.now() - daysAgo * DAY)
  await db.prisma.shippingTracking.create({
    data: {
      orderId: order.id,
      trackingNumber: 'JT9990000004',
      carrier: 'jnt',
      currentStatus: 'DELIVERED',
      shippedAt: new Date(deliveredAt.getTime() - 2 * DAY),
      deliveredAt,
    },
  })
  return order
}

const stockOf = async (db: Database, sku: string) =>
  (await db.prisma.inventory.findUniqueOrThrow({ where: { sku } })).quantity

const button = (replies: { buttons?: ReplyButton[] }[], kind: 'confirm' | 'reject') =>
  replies.flatMap((r) => r.buttons ?? []).find((b) => 'kind' in b.action && b.action.kind === kind)

describe.each(testDbKinds)('a size exchange end to end (%s)', (kind) => {
  let db: Database
  let built: ClaudeCore
  let user: string

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    built = claudeCore(db, silentLogger())
    user = await verifiedSender(built, `siti-${Math.random()}`, siti)
  })
  afterEach(async () => {
    await db.close()
  })

  async function askExchange(text = 'kaosnya kekecilan, mau tukar ke M ya ORD-2025-004') {
    anthropic.script(
      toolUseResponse([
        {
          name: 'request_return',
          input: {
            orderNumber: 'ORD-2025-004',
            items: [{ sku: 'KAOS-001-S', quantity: 1, wantedSize: 'M' }],
            reason: 'kekecilan',
            resolution: 'exchange',
          },
        },
      ]),
      textResponse('Silakan tekan tombol "Ya, ajukan" untuk mengajukan penukaran.'),
    )
    return say(built, user, text)
  }

  it("reserves the size once on the press, and ships the replacement as the order's second shipment", async () => {
    await deliver(db, 2)
    const before = { m: await stockOf(db, 'KAOS-001-M'), s: await stockOf(db, 'KAOS-001-S') }

    const asked = await askExchange()
    const confirm = button(asked.replies, 'confirm')
    expect(confirm).toBeDefined()
    expect(JSON.stringify(asked.replies)).toContain('ukuran S → ukuran M')
    // Asking moves nothing.
    expect(await stockOf(db, 'KAOS-001-M')).toBe(before.m)
    expect(await db.prisma.returnRequest.count()).toBe(0)

    const action = confirm?.action as { kind: 'confirm'; token: string }
    const done = await built.core.handle(inbound(user, '', { action }))
    expect(done[0]?.text).toContain('ORD-2025-004-R1')
    expect(await stockOf(db, 'KAOS-001-M')).toBe(before.m - 1)

    // A second press of the same button stores nothing and moves nothing.
    const again = await built.core.handle(inbound(user, '', { action }))
    expect(again[0]?.text).not.toContain('ORD-2025-004-R2')
    expect(await db.prisma.returnRequest.count()).toBe(1)
    expect(await stockOf(db, 'KAOS-001-M')).toBe(before.m - 1)

    // Staff: approve, parcel received (the returned S goes back to stock), replacement shipped.
    const services = buildServices(db)
    await services.returns.approve('ORD-2025-004-R1', 'console:owner')
    await services.returns.receive('ORD-2025-004-R1', 'console:owner')
    expect(await stockOf(db, 'KAOS-001-S')).toBe(before.s + 1)
    const shipped = await services.returns.shipReplacement(
      'ORD-2025-004-R1',
      { carrier: 'jne', trackingNumber: 'jne777000111' },
      'console:owner',
    )
    expect(shipped.status).toBe('REPLACEMENT_SHIPPED')
    expect(await stockOf(db, 'KAOS-001-M')).toBe(before.m - 1)

    const order = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: 'ORD-2025-004' },
      include: { shipments: { orderBy: { createdAt: 'asc' } }, shipping: true },
    })
    expect(order.shipments.map((s) => s.trackingNumber)).toEqual(['JT9990000004', 'JNE777000111'])
    expect(order.shipping?.trackingNumber).toBe('JT9990000004')

    const movements = await db.prisma.inventoryMovement.findMany({
      where: { sku: 'KAOS-001-M', reason: { contains: 'ORD-2025-004-R1' } },
    })
    expect(movements.map((m) => m.delta)).toEqual([-1])

    const steps = await db.prisma.notification.findMany({
      where: { kind: 'return_update' },
      orderBy: { createdAt: 'asc' },
    })
    expect(steps.map((n) => (n.payload as { step: string }).step)).toEqual([
      'approved',
      'received',
      'replacement_shipped',
    ])
    expect(await db.prisma.notification.count({ where: { kind: 'return_requested', audience: 'admin' } })).toBe(1)
    const audit = await db.prisma.auditLog.findMany({
      where: { entity: 'ReturnRequest' },
      orderBy: { createdAt: 'asc' },
    })
    expect(audit.map((a) => a.action)).toEqual([
      'return.requested',
      'return.approved',
      'return.received',
      'return.replacement_shipped',
    ])
    expect(audit[0]?.actor).toBe('customer:cust-siti')
  })

  it('gives the reserved size back once when staff reject, and once when an approved request expires', async () => {
    await deliver(db, 1)
    const m = await stockOf(db, 'KAOS-001-M')
    const first = await askExchange()
    await built.core.handle(inbound(user, '', { action: button(first.replies, 'confirm')?.action as never }))
    expect(await stockOf(db, 'KAOS-001-M')).toBe(m - 1)

    const services = buildServices(db)
    await services.returns.reject('ORD-2025-004-R1', 'Barang sudah dicuci', 'console:owner')
    expect(await stockOf(db, 'KAOS-001-M')).toBe(m)
    await expect(services.returns.reject('ORD-2025-004-R1', 'lagi', 'console:owner')).rejects.toMatchObject({
      code: 'return_wrong_state',
    })
    expect(await stockOf(db, 'KAOS-001-M')).toBe(m)

    // The item is free again: a new request may be made, approved, and left to expire.
    const second = await askExchange('mau tukar lagi ke M, ORD-2025-004')
    await built.core.handle(inbound(user, '', { action: button(second.replies, 'confirm')?.action as never }))
    expect(await stockOf(db, 'KAOS-001-M')).toBe(m - 1)
    await services.returns.approve('ORD-2025-004-R2', 'console:owner')
    const later = buildServices(db, { now: () => new Date(Date.now() + 15 * DAY) })
    expect(await later.returns.expireOverdue()).toBe(1)
    expect(await later.returns.expireOverdue()).toBe(0)
    expect(await stockOf(db, 'KAOS-001-M')).toBe(m)
    expect((await later.returns.get('ORD-2025-004-R2')).status).toBe('EXPIRED')
  })

  it('refuses an order outside the window with no button and tells the reason', async () => {
    await deliver(db, 9)
    const asked = await askExchange()
    expect(button(asked.replies, 'confirm')).toBeUndefined()
    expect(asked.tools[0]).toMatchObject({ name: 'request_return' })
    expect(JSON.stringify(asked.tools[0])).toContain('outside_window')
    expect(await db.prisma.pendingAction.count({ where: { action: 'request_return' } })).toBe(0)
  })
})
