import type { FastifyInstance } from 'fastify'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createMidtransGateway } from '../../../src/gateways/midtrans.ts'
import { createSnapLinkGateway, snapSandboxUrl } from '../../../src/gateways/midtrans-snap.ts'
import { paymentLink } from '../../../tools/payment-link.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { botAuth, buildTestServer, firstDatabaseTimeoutMs, testMidtransServerKey } from '../../helpers/http.ts'
import { buildServices } from '../../helpers/services.ts'
import { createToolContext } from '../../helpers/tool-context.ts'
import { createFakeMidtrans } from '../../msw/midtrans.ts'

const midtrans = createFakeMidtrans({ serverKey: testMidtransServerKey })
const snapRequests: Record<string, unknown>[] = []
const snap = http.post(`${snapSandboxUrl}/transactions`, async ({ request }) => {
  const body = (await request.json()) as { transaction_details: { order_id: string } }
  snapRequests.push(body)
  const id = body.transaction_details.order_id
  return HttpResponse.json(
    { token: `snap-${id}`, redirect_url: `https://app.sandbox.midtrans.com/snap/v4/redirection/snap-${id}` },
    { status: 201 },
  )
})
const server = setupServer(snap, ...midtrans.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  midtrans.reset()
  snapRequests.length = 0
})
afterAll(() => server.close())

const paymentNotices = (db: Database) =>
  db.prisma.notification.findMany({ where: { kind: 'payment_completed', customerId: 'cust-adi' } })

describe.each(testDbKinds)('payment_link on the demo payment page (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    // Without a Midtrans key: the demo page is mounted.
    app = buildTestServer(db, { config: { BOT_API_TOKEN: 'bot-token-for-tests-0123456789' } })
    await app.ready()
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await app.close()
    await db.close()
  })

  it('gives a link, reuses it, pays on the demo page once, and tells the customer once', async () => {
    const adi = await createToolContext(db, { customerId: 'cust-adi' })
    const first = await runTool(paymentLink, adi, { orderNumber: 'ord 2025 002' })
    expect(first).toMatchObject({ ok: true, data: { orderNumber: 'ORD-2025-002', amount: 264_000, reused: false } })
    if (!first.ok) return
    const reply = paymentLink.render(first, 'id')
    expect(reply.text).toContain('Total: Rp264.000')
    expect(reply.text).toContain(`Bayar di sini: ${first.data.url}`)
    expect(reply.text).toMatch(/Berlaku sampai \d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB/)
    expect(reply.text).toContain('QRIS, GoPay, ShopeePay, BCA VA')
    expect(reply.buttons).toEqual([{ label: '💳 Bayar sekarang', action: { url: first.data.url } }])
    // The link dies with the VA payment's own deadline (24 h after the order), never later.
    const payment = await db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: 'ORD-2025-002' } } })
    expect(new Date(first.data.expiresAt).getTime()).toBeLessThanOrEqual(payment.expiresAt?.getTime() ?? 0)

    const again = await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-002' })
    expect(again).toMatchObject({ ok: true, data: { url: first.data.url, reused: true } })
    expect(paymentLink.render(again, 'en').text).toContain('no new charge')
    expect(await db.prisma.paymentLink.count()).toBe(1)

    const path = new URL(first.data.url).pathname
    const pageView = await app.inject({ method: 'GET', url: path })
    expect(pageView.statusCode).toBe(200)
    expect(pageView.body).toContain('Rp264.000')
    // What the page's form sends from a browser: an empty urlencoded body.
    const pay = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    })
    expect(pay.statusCode).toBe(200)
    expect(pay.body).toContain('Pembayaran ORD-2025-002 diterima')
    const paid = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: 'ORD-2025-002' },
      include: { payment: true },
    })
    expect([paid.status, paid.payment?.status]).toEqual(['PROCESSING', 'COMPLETED'])
    expect(await paymentNotices(db)).toHaveLength(1)

    // Pressing pay again, or asking for a link now: no second charge, no second notice.
    expect((await app.inject({ method: 'POST', url: path })).statusCode).toBe(409)
    expect(await paymentNotices(db)).toHaveLength(1)
    const after = await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-002' })
    expect(after).toMatchObject({ ok: false, error: { code: 'payment_link_refused', details: { reason: 'paid' } } })
    expect(paymentLink.render(after, 'id').text).toContain('sudah dibayar')
  })

  it("refuses paid, COD and someone else's orders, and the page knows no other token", async () => {
    const adi = await createToolContext(db, { customerId: 'cust-adi' })
    expect(await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-001' })).toMatchObject({
      ok: false,
      error: { details: { reason: 'paid' } },
    })
    expect(await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-005' })).toMatchObject({
      ok: false,
      error: { code: 'order_not_found' },
    })
    const siti = await createToolContext(db, { customerId: 'cust-siti' })
    const cod = await runTool(paymentLink, siti, { orderNumber: 'ORD-2025-005' })
    expect(paymentLink.render(cod, 'en').text).toContain('cash on delivery')
    const stranger = await createToolContext(db)
    expect(await runTool(paymentLink, stranger, { orderNumber: 'ORD-2025-002' })).toMatchObject({
      ok: false,
      error: { code: 'verification_required' },
    })
    expect((await app.inject({ method: 'POST', url: '/pay/demo/not-a-real-token-123' })).statusCode).toBe(404)
    expect(await db.prisma.paymentLink.count()).toBe(0)
  })

  it('a cancelled order gets no link, and a link of a cancelled order cannot be paid', async () => {
    const adi = await createToolContext(db, { customerId: 'cust-adi' })
    const first = await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-002' })
    if (!first.ok) throw new Error('no link')
    await buildServices(db).orders.cancelOrder('cust-adi', 'ORD-2025-002', undefined, 'test')
    expect(await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-002' })).toMatchObject({
      ok: false,
      error: { details: { reason: 'cancelled' } },
    })
    expect((await app.inject({ method: 'POST', url: new URL(first.data.url).pathname })).statusCode).toBe(409)
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
    expect(order.status).toBe('CANCELLED')
    expect(await paymentNotices(db)).toHaveLength(0)
  })

  it('POST /api/bot/payment/link answers in the seed style', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/bot/payment/link',
      headers: botAuth,
      payload: { customerId: 'cust-adi', orderNumber: 'ORD-2025-002' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ success: true, orderNumber: 'ORD-2025-002', amount: 264_000, reused: false })
    const paid = await app.inject({
      method: 'POST',
      url: '/api/bot/payment/link',
      headers: botAuth,
      payload: { customerId: 'cust-adi', orderNumber: 'ORD-2025-001' },
    })
    expect(paid.statusCode).toBe(409)
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/bot/payment/link',
      headers: botAuth,
      payload: { customerId: 'cust-siti', orderNumber: 'ORD-2025-002' },
    })
    expect(foreign.statusCode).toBe(404)
  })
})

describe.each(testDbKinds)('payment_link through Midtrans Snap (MSW) (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await db.close()
  })

  it('opens a Snap transaction per attempt, and the settlement of one attempt pays the order once', async () => {
    const paymentGateway = createMidtransGateway({
      serverKey: testMidtransServerKey,
      timeoutMs: 2000,
      baseUrl: midtrans.baseUrl,
    })
    const links = createSnapLinkGateway({
      serverKey: testMidtransServerKey,
      snapUrl: snapSandboxUrl,
      enabledPayments: ['other_qris', 'gopay', 'bca_va'],
      timeoutMs: 2000,
    })
    const services = buildServices(db, { paymentGateway, paymentLinkGateway: links })
    const adi = await createToolContext(db, { customerId: 'cust-adi', services })
    const first = await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-002' })
    expect(first).toMatchObject({ ok: true, data: { reused: false } })
    expect(snapRequests).toHaveLength(1)
    expect(snapRequests[0]).toMatchObject({
      transaction_details: { order_id: 'ORD-2025-002-1', gross_amount: 264_000 },
      enabled_payments: ['other_qris', 'gopay', 'bca_va'],
      item_details: [
        { id: 'JAKET-001-L', price: 249_000, quantity: 1 },
        { id: 'SHIPPING', price: 15_000, quantity: 1 },
      ],
    })
    expect((snapRequests[0] as { expiry: { start_time: string } }).expiry.start_time).toMatch(/ \+0700$/)
    await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-002' })
    expect(snapRequests).toHaveLength(1) // reused: no second Snap transaction

    // A second attempt once the first link has lapsed.
    await db.prisma.paymentLink.updateMany({ data: { expiresAt: new Date(Date.now() + 60_000) } })
    const second = await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-002' })
    expect(second).toMatchObject({ ok: true, data: { reused: false } })
    expect(snapRequests.at(-1)).toMatchObject({ transaction_details: { order_id: 'ORD-2025-002-2' } })

    // Attempt 2 settles: the order is paid once and attempt 1 is cancelled.
    midtrans.setTransaction('ORD-2025-002-2', { transaction_status: 'settlement', gross_amount: 264_000 })
    const status = await paymentGateway.getStatus('ORD-2025-002-2')
    await services.paymentLinks.recordAttemptStatus('ORD-2025-002-2', status, 'midtrans_webhook')
    await services.paymentLinks.recordAttemptStatus('ORD-2025-002-2', status, 'midtrans_webhook')
    const rows = await db.prisma.paymentLink.findMany({ orderBy: { attempt: 'asc' } })
    expect(rows.map((r) => [r.gatewayOrderId, r.status])).toEqual([
      ['ORD-2025-002-1', 'CANCELLED'],
      ['ORD-2025-002-2', 'PAID'],
    ])
    expect(await paymentNotices(db)).toHaveLength(1)
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
    expect(order.status).toBe('PROCESSING')
  })
})

describe.each(testDbKinds)('a Snap attempt settles through POST /webhooks/midtrans (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await db.close()
  })

  it('maps the attempt id back to the order, pays it once, and refuses an attempt we never made', async () => {
    const paymentGateway = createMidtransGateway({
      serverKey: testMidtransServerKey,
      timeoutMs: 2000,
      baseUrl: midtrans.baseUrl,
    })
    const links = createSnapLinkGateway({
      serverKey: testMidtransServerKey,
      snapUrl: snapSandboxUrl,
      enabledPayments: ['gopay'],
      timeoutMs: 2000,
    })
    const services = buildServices(db, { paymentGateway, paymentLinkGateway: links })
    const adi = await createToolContext(db, { customerId: 'cust-adi', services })
    expect(await runTool(paymentLink, adi, { orderNumber: 'ORD-2025-002' })).toMatchObject({ ok: true })

    const app = buildTestServer(db, { paymentGateway })
    await app.ready()
    try {
      midtrans.setTransaction('ORD-2025-002-1', {
        transaction_status: 'settlement',
        gross_amount: 264_000,
        payment_type: 'gopay',
      })
      const body = midtrans.notification('ORD-2025-002-1')
      const res = await app.inject({ method: 'POST', url: '/webhooks/midtrans', payload: body })
      expect(res.json()).toEqual({ success: true, result: 'updated' })
      const again = await app.inject({ method: 'POST', url: '/webhooks/midtrans', payload: body })
      expect(again.json()).toEqual({ success: true, result: 'duplicate' })
      const order = await db.prisma.order.findUniqueOrThrow({
        where: { orderNumber: 'ORD-2025-002' },
        include: { payment: true, paymentLinks: true },
      })
      expect([order.status, order.payment?.status, order.paymentLinks[0]?.status]).toEqual([
        'PROCESSING',
        'COMPLETED',
        'PAID',
      ])
      expect(await paymentNotices(db)).toHaveLength(1)

      midtrans.setTransaction('ORD-2025-002-9', { transaction_status: 'settlement', gross_amount: 264_000 })
      const stray = await app.inject({
        method: 'POST',
        url: '/webhooks/midtrans',
        payload: midtrans.notification('ORD-2025-002-9'),
      })
      expect(stray.statusCode).toBe(404)
    } finally {
      await app.close()
    }
  })
})
