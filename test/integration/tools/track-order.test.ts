import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { trackOrder } from '../../../tools/track-order.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('track_order on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('tracks the seed order with courier, waybill, location, ETA and a tracking link', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ORD-2025-001' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data).toMatchObject({
      orderNumber: 'ORD-2025-001',
      orderStatus: 'SHIPPED',
      shipment: { carrier: 'jne', trackingNumber: 'JNE123456789', status: 'IN_TRANSIT', location: 'Jakarta' },
      stale: false,
    })
    expect(result.data.shipment?.events.length).toBeGreaterThan(0)
    const reply = trackOrder.render(result, 'id')
    expect(reply.text).toBe(
      '📦 Status Pengiriman Pesanan ORD-2025-001\n\nStatus: 🚚 Dalam Perjalanan\nKurir: JNE\nNomor Resi: JNE123456789\nLokasi Terakhir: Jakarta\nEstimasi Tiba: 26 November 2025',
    )
    expect(reply.buttons?.[0]).toMatchObject({ label: '🔗 Lacak Paket' })
    const button = reply.buttons?.[0]?.action
    expect(button && 'url' in button ? button.url : '').toMatch(/^https:\/\/www\.jne\.co\.id\//)
    expect(trackOrder.render(result, 'en').text).toContain('Waybill: JNE123456789')
  })

  it('accepts a loosely written order number', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ord 2025 001' })
    expect(result).toMatchObject({ ok: true, data: { orderNumber: 'ORD-2025-001' } })
  })

  it('shows a delivered order as "Terkirim" with its waybill', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ORD-2025-003' })
    const text = trackOrder.render(result, 'id').text
    expect(text).toContain('Terkirim')
    expect(text).toContain('SCP1234567890')
    expect(text).toContain('Diterima: 5 Oktober 2025')
  })

  it("shows Siti's ORD-2025-006 delivered by J&T two days before seeding, with the day in WIB", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ORD-2025-006' })
    expect(result).toMatchObject({
      ok: true,
      data: {
        orderNumber: 'ORD-2025-006',
        orderStatus: 'DELIVERED',
        shipment: { carrier: 'jnt', trackingNumber: 'JT0012345678', status: 'DELIVERED', location: 'Bandung' },
      },
    })
    if (!result.ok) return
    const deliveredAt = new Date(result.data.shipment?.deliveredAt ?? Number.NaN)
    const stored = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-006' } })
    expect(deliveredAt.getTime()).toBe(stored.createdAt.getTime() + 3 * 24 * 3_600_000)
    expect(deliveredAt.getTime()).toBeLessThanOrEqual(Date.now() - 2 * 24 * 3_600_000)
    const day = (locale: string) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric' })
    const id = trackOrder.render(result, 'id').text
    for (const part of ['Terkirim', 'J&T Express', 'JT0012345678', `Diterima: ${day('id-ID').format(deliveredAt)}`]) {
      expect(id).toContain(part)
    }
    const en = trackOrder.render(result, 'en').text
    expect(en).toContain('Waybill: JT0012345678')
    expect(en).toContain(`Delivered: ${day('en-GB').format(deliveredAt)}`)
  })

  it('shows the order status of an order without a shipment', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ORD-2025-002' })
    expect(result).toMatchObject({ ok: true, data: { orderStatus: 'PENDING', shipment: null } })
    expect(trackOrder.render(result, 'id').text).toContain('Menunggu Pembayaran')
    expect(trackOrder.render(result, 'en').text).toContain('Awaiting Payment')
  })

  it('answers "not found" for an unknown order', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ORD-2099-999' })
    expect(result).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    expect(trackOrder.render(result, 'id').text).toContain('Pesanan ORD-2099-999 tidak ditemukan')
  })

  it("answers another customer's order exactly like an unknown one, leaking nothing", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ORD-2025-001' })
    expect(result).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    const everything =
      JSON.stringify(result) + trackOrder.render(result, 'id').text + trackOrder.render(result, 'en').text
    for (const secret of ['JNE123456789', 'Adi', 'Jakarta', 'cust-adi', 'Merdeka']) {
      expect(everything).not.toContain(secret)
    }
    expect(trackOrder.render(result, 'id').text).toContain('Pesanan ORD-2025-001 tidak ditemukan')
  })

  it('asks an unverified sender to verify and reveals nothing', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ORD-2025-001' })
    expect(result).toMatchObject({ ok: false, error: { code: 'verification_required' } })
    const text = trackOrder.render(result, 'id').text
    expect(text).toContain('verifikasi')
    expect(text).not.toContain('JNE123456789')
  })
})

describe.each(testDbKinds)('track_order after a cancellation (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('shows a cancelled order as "Dibatalkan"', async () => {
    await buildServices(db).orders.cancelOrder('cust-adi', 'ORD-2025-002', 'test', 'test')
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(trackOrder, ctx, { orderNumber: 'ORD-2025-002' })
    expect(result).toMatchObject({ ok: true, data: { orderStatus: 'CANCELLED', shipment: null } })
    expect(trackOrder.render(result, 'id').text).toContain('Dibatalkan')
    expect(trackOrder.render(result, 'en').text).toContain('Cancelled')
  })
})
