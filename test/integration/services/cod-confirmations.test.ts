/**
 * COD confirmation through the real parts: a COD order arriving through the shop API's live write queues one
 * confirmation request (never a batch), the customer's press on it confirms once (time and who, audited), asking
 * "konfirmasi COD …" goes through confirm_cod's button gate, someone else's, a non-COD and a cancelled order are
 * refused without revealing anything, and staff list the unconfirmed ones and are alerted once when one is late.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app.ts'
import type { Reply } from '../../../src/core/types.ts'
import type { Database } from '../../../src/db/client.ts'
import { createOfflinePaymentGateway } from '../../../src/gateways/payment-offline.ts'
import { buildServer } from '../../../src/http/server.ts'
import { silentLogger } from '../../../src/logger.ts'
import {
  renderCustomerNotification,
  renderStaffNotification,
} from '../../../src/services/notifications/render-notification.ts'
import { inbound, newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'

const shopToken = 'shop-token-for-tests-0123456789'
const auth = { authorization: `Bearer ${shopToken}` }

const codOrder = (externalId: string, overrides: Record<string, unknown> = {}) => ({
  customer: { externalId, name: `Pembeli ${externalId}`, phone: `0813${externalId.replace(/\D/g, '').padEnd(8, '7')}` },
  status: 'processing',
  items: [{ sku: 'KAOS-001-M', name: 'Kaos Basic Crewneck', size: 'M', quantity: 1, price: 79_000 }],
  shippingCost: 12_000,
  total: 91_000,
  shippingAddress: 'Jl. Kenanga No. 5, Bandung 40115',
  payment: { method: 'cod', status: 'pending' },
  updatedAt: '2026-12-07T08:00:00Z',
  ...overrides,
})

describe.each(testDbKinds)('COD confirmation (%s)', (kind) => {
  let db: Database
  let server: FastifyInstance
  let app: ReturnType<typeof createApp>
  let clock = new Date('2026-12-07T08:00:00Z')
  const put = (orderNumber: string, body: unknown) =>
    server.inject({ method: 'PUT', url: `/api/shop/orders/${orderNumber}`, headers: auth, payload: body as object })
  const requests = (orderNumber: string) =>
    db.prisma.notification.findMany({
      where: { kind: 'cod_confirmation_request', payload: { path: ['orderNumber'], equals: orderNumber } },
    })

  /** A web sender linked to the customer of `orderNumber`. */
  async function ownerOf(orderNumber: string): Promise<string> {
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber } })
    const user = newUser('cod')
    const identity = await app.services.crm.resolveIdentity('web', user)
    await app.services.crm.linkIdentity(identity.id, order.customerId, 'test')
    return user
  }
  async function say(user: string, text: string): Promise<Reply[]> {
    return (await app.core.handleWithTrace(inbound(user, text))).replies
  }
  async function press(user: string, token: string, kind: 'confirm' | 'reject' = 'confirm'): Promise<Reply[]> {
    return (await app.core.handleWithTrace(inbound(user, '', { action: { kind, token } }))).replies
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    app = createApp({
      db,
      log: silentLogger(),
      agent: 'rules',
      now: () => clock,
      config: { COD_CONFIRM_ALERT_HOURS: 24 },
    })
    server = buildServer({
      services: app.services,
      config: { SHOP_API_TOKEN: shopToken },
      log: silentLogger(),
      paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
      rateLimit: false,
    })
    await server.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await server.close()
    await db.close()
  })

  it('a live COD order gets one confirmation request with buttons of its own; the press confirms once', async () => {
    expect((await put('ORD-2026-701', codOrder('c-7001'))).statusCode).toBe(200)
    // The shop repeats itself with a newer version: still one request.
    expect((await put('ORD-2026-701', codOrder('c-7001', { updatedAt: '2026-12-07T08:05:00Z' }))).statusCode).toBe(200)
    const rows = await requests('ORD-2026-701')
    expect(rows).toHaveLength(1)
    const payload = rows[0]?.payload as { token: string; amount: number; expiresAt: string }
    expect(payload.amount).toBe(91_000)
    const pending = await db.prisma.pendingAction.findUniqueOrThrow({ where: { token: payload.token } })
    expect(pending).toMatchObject({ action: 'confirm_cod', identityId: null, args: { orderNumber: 'ORD-2026-701' } })

    const reply = renderCustomerNotification('cod_confirmation_request', payload, 'id', { shopName: 'UrbanStyle ID' })
    expect(reply?.text).toContain('Rp91.000')
    expect(reply?.text).toMatch(/WIB/)
    expect(reply?.buttons?.map((b) => b.label)).toEqual(['Ya, konfirmasi', 'Tidak'])

    const owner = await ownerOf('ORD-2026-701')
    const stranger = await ownerOf('ORD-2025-001')
    // Someone else's press changes nothing and says nothing about the order.
    const foreign = await press(stranger, payload.token)
    expect(foreign[0]?.text).not.toContain('ORD-2026-701')
    expect(
      (await db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: 'ORD-2026-701' } } })).codConfirmedAt,
    ).toBeNull()

    clock = new Date('2026-12-07T09:30:00Z')
    const done = await press(owner, payload.token)
    expect(done[0]?.text).toContain('pesanan COD ORD-2026-701 sudah dikonfirmasi')
    const payment = await db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: 'ORD-2026-701' } } })
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2026-701' } })
    expect(payment.codConfirmedAt?.toISOString()).toBe('2026-12-07T09:30:00.000Z')
    expect(payment.codConfirmedBy).toBe(`customer:${order.customerId}`)
    // The request no channel had delivered yet is not sent after the confirmation.
    const request = await db.prisma.notification.findUniqueOrThrow({ where: { id: rows[0]?.id ?? '' } })
    expect(request).toMatchObject({ status: 'FAILED', lastError: 'not sent: the customer confirmed the order first' })

    // A second press, and asking again, are harmless: one audit row, the first time kept.
    clock = new Date('2026-12-07T10:00:00Z')
    expect((await press(owner, payload.token))[0]?.text).toMatch(/sudah diproses/)
    const again = await say(owner, 'konfirmasi COD ORD-2026-701')
    expect(again[0]?.text).toContain('sudah dikonfirmasi pada 7 Desember 2026 16.30 WIB')
    expect(again[0]?.buttons ?? []).toEqual([])
    const audits = await db.prisma.auditLog.findMany({ where: { action: 'order.cod_confirmed', entityId: order.id } })
    expect(audits).toHaveLength(1)
    expect(audits[0]?.actor).toBe(`customer:${order.customerId}`)
    expect((await app.services.cod.listUnconfirmed()).map((o) => o.orderNumber)).not.toContain('ORD-2026-701')
  })

  it('asking "confirm COD" stages the same button gate; "No" changes nothing', async () => {
    expect((await put('ORD-2026-702', codOrder('c-7002'))).statusCode).toBe(200)
    const owner = await ownerOf('ORD-2026-702')
    const asked = await say(owner, 'I want to confirm COD ORD-2026-702 please')
    expect(asked[0]?.text).toContain('ORD-2026-702')
    const token = asked[0]?.buttons?.[0]?.action
    expect(asked[0]?.buttons?.map((b) => b.label)).toEqual(['Yes, confirm', 'No'])
    if (!token || !('token' in token)) throw new Error('no confirm button')
    const no = await press(owner, token.token, 'reject')
    expect(no[0]?.text).toContain('ORD-2026-702')
    expect(
      (await db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: 'ORD-2026-702' } } })).codConfirmedAt,
    ).toBeNull()

    const second = await say(owner, 'konfirmasi cod ORD-2026-702')
    const yes = second[0]?.buttons?.[0]?.action
    if (!yes || !('token' in yes)) throw new Error('no confirm button')
    expect((await press(owner, yes.token))[0]?.text).toContain('ORD-2026-702')
    expect(
      (await db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: 'ORD-2026-702' } } })).codConfirmedAt,
    ).not.toBeNull()
  })

  it("refuses a non-COD, a cancelled and someone else's order without buttons or details", async () => {
    const adi = await ownerOf('ORD-2025-002')
    const notCod = await say(adi, 'konfirmasi COD ORD-2025-002')
    expect(notCod[0]?.text).toContain('tidak sedang menunggu konfirmasi COD')
    expect(notCod[0]?.buttons ?? []).toEqual([])

    expect((await put('ORD-2026-703', codOrder('c-7003', { status: 'cancelled' }))).statusCode).toBe(200)
    expect(await requests('ORD-2026-703')).toHaveLength(0)
    const owner = await ownerOf('ORD-2026-703')
    const cancelled = await say(owner, 'konfirmasi COD ORD-2026-703')
    expect(cancelled[0]?.text).toContain('tidak sedang menunggu konfirmasi COD')
    expect(cancelled[0]?.buttons ?? []).toEqual([])

    expect((await put('ORD-2026-704', codOrder('c-7004'))).statusCode).toBe(200)
    const foreign = await say(adi, 'konfirmasi COD ORD-2026-704')
    expect(foreign[0]?.text).toContain('tidak ditemukan')
    expect(foreign[0]?.text).not.toContain('Rp91.000')
    expect(foreign[0]?.buttons ?? []).toEqual([])
  })

  it('a batch never asks; staff see the unconfirmed orders and are alerted once when one is late', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/api/shop/batch',
      headers: auth,
      payload: { items: [{ type: 'order', data: { ...codOrder('c-7005'), orderNumber: 'ORD-2026-705' } }] },
    })
    expect(res.statusCode).toBe(200)
    expect(await requests('ORD-2026-705')).toHaveLength(0)

    const open = (await app.services.cod.listUnconfirmed()).map((o) => o.orderNumber)
    expect(open).toEqual(expect.arrayContaining(['ORD-2026-704', 'ORD-2026-705']))
    expect(open).not.toContain('ORD-2026-702')
    expect(open).not.toContain('ORD-2026-703')

    const before = await db.prisma.notification.count({ where: { kind: 'cod_unconfirmed' } })
    expect(await app.services.cod.alertOverdue()).toBe(0) // not yet 24 hours
    clock = new Date(Date.now() + 3 * 86_400_000)
    const alerted = await app.services.cod.alertOverdue()
    expect(alerted).toBeGreaterThanOrEqual(2)
    expect(await app.services.cod.alertOverdue()).toBe(0)
    const rows = await db.prisma.notification.findMany({ where: { kind: 'cod_unconfirmed' } })
    expect(rows.length - before).toBe(alerted)
    const late = rows.find((r) => (r.payload as { orderNumber: string }).orderNumber === 'ORD-2026-704')
    expect(late?.audience).toBe('admin')
    expect(renderStaffNotification('cod_unconfirmed', late?.payload, 'id')?.text).toContain('ORD-2026-704')
    expect(
      (await app.services.cod.listUnconfirmed()).find((o) => o.orderNumber === 'ORD-2026-704')?.alertedAt,
    ).not.toBeNull()
  })
})
