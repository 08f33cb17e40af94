/**
 * The shop API through HTTP on a real database: idempotent upserts by the shop's own ids, versions by `updatedAt`,
 * per-item errors naming the field, the identity guard, live notices once and never from a batch, audit rows.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs, testBotToken, testHttpConfig } from '../../helpers/http.ts'

const shopToken = 'shop-token-for-tests-0123456789'
const auth = { authorization: `Bearer ${shopToken}` }

const product = (updatedAt: string, stockM = 10) => ({
  name: 'Kemeja Linen',
  category: 'Kemeja',
  price: 199_000,
  weight: 300,
  variants: [
    { sku: 'kml-01-m', size: 'M', colour: 'Putih', stock: stockM },
    { sku: 'KML-01-L', size: 'L', colour: 'Putih', stock: 4 },
  ],
  updatedAt,
})

const order = (overrides: Record<string, unknown> = {}) => ({
  customer: { externalId: 'c-77', name: 'Rina Wijaya', phone: '0813 1111 2222', email: 'rina@example.com' },
  status: 'processing',
  items: [
    { sku: 'KML-01-M', name: 'Kemeja Linen', size: 'M', quantity: 1, price: 199_000 },
    { sku: 'UNKNOWN-SKU-9', name: 'Gift wrap', quantity: 1, price: 5_000 },
  ],
  shippingCost: 15_000,
  total: 219_000,
  shippingAddress: 'Jl. Melati No. 3, Bandung 40111',
  payment: { method: 'bacs', status: 'pending' },
  updatedAt: '2026-12-01T10:00:00Z',
  ...overrides,
})

describe.each(testDbKinds)('shop API (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  const put = (url: string, payload: unknown, headers: Record<string, string> = auth) =>
    app.inject({ method: 'PUT', url, headers, payload: payload as object })
  const post = (url: string, payload: unknown, headers: Record<string, string> = auth) =>
    app.inject({ method: 'POST', url, headers, payload: payload as object })
  const notifications = (kind: string) => db.prisma.notification.findMany({ where: { kind } })

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    app = buildTestServer(db, { config: { ...testHttpConfig, SHOP_API_TOKEN: shopToken } })
    await app.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('refuses a missing or wrong token, and the bot token too', async () => {
    expect((await put('/api/shop/products/KML-01', product('2026-12-01T00:00:00Z'), {})).statusCode).toBe(401)
    const bot = { authorization: `Bearer ${testBotToken}` }
    expect((await put('/api/shop/products/KML-01', product('2026-12-01T00:00:00Z'), bot)).statusCode).toBe(401)
    expect(await db.prisma.product.count({ where: { source: 'shop' } })).toBe(0)
  })

  it('is not there at all without SHOP_API_TOKEN', async () => {
    const off = buildTestServer(db)
    const res = await off.inject({ method: 'PUT', url: '/api/shop/products/X', headers: auth, payload: {} })
    expect(res.statusCode).toBe(404)
    await off.close()
  })

  it('creates a product with its variants, answers its id, and a repeat changes nothing', async () => {
    const res = await put('/api/shop/products/kml-01', product('2026-12-01T00:00:00Z'))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      success: true,
      outcome: 'created',
      product: { id: 'KML-01', productId: 'kml-01', skus: ['KML-01-M', 'KML-01-L'] },
    })
    const rows = await db.prisma.inventory.findMany({ where: { productId: 'KML-01' }, orderBy: { sku: 'asc' } })
    expect(rows.map((r) => [r.sku, r.size, r.colour, r.quantity])).toEqual([
      ['KML-01-L', 'L', 'Putih', 4],
      ['KML-01-M', 'M', 'Putih', 10],
    ])
    const movements = await db.prisma.inventoryMovement.count({ where: { sku: { startsWith: 'KML-01' } } })
    const again = await put('/api/shop/products/kml-01', product('2026-12-01T00:00:00Z'))
    expect(again.json().outcome).toBe('unchanged')
    expect(await db.prisma.inventoryMovement.count({ where: { sku: { startsWith: 'KML-01' } } })).toBe(movements)
  })

  it('never lets an older version overwrite a newer one', async () => {
    expect((await put('/api/shop/products/kml-01', product('2026-12-03T00:00:00Z', 7))).json().outcome).toBe('updated')
    const late = await put('/api/shop/products/kml-01', product('2026-12-02T00:00:00Z', 99))
    expect(late.json().outcome).toBe('stale')
    expect((await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'KML-01-M' } })).quantity).toBe(7)
    const audit = await db.prisma.auditLog.findMany({ where: { entity: 'Product', entityId: 'KML-01' } })
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['shop-api', 'shop.product.created'],
      ['shop-api', 'shop.product.updated'],
    ])
  })

  it('names the failing field of a bad body', async () => {
    const res = await put('/api/shop/products/kml-02', { ...product('2026-12-01T00:00:00Z'), price: -5 })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.field).toBe('price')
    const noTime = await put('/api/shop/customers/c-1', { name: 'X', updatedAt: 'yesterday' })
    expect(noTime.json().error.field).toBe('updatedAt')
    const phone = await put('/api/shop/customers/c-1', {
      name: 'X',
      phone: '021 555 1234',
      updatedAt: '2026-12-01T00:00:00Z',
    })
    expect(phone.json().error.field).toBe('phone')
  })

  it('stores a phone in any Indonesian form as +62…, and a customer without phone', async () => {
    const res = await put('/api/shop/customers/c-77', {
      name: 'Rina Wijaya',
      phone: '0813-1111-2222',
      email: 'Rina@Example.com',
      updatedAt: '2026-12-01T00:00:00Z',
    })
    expect(res.statusCode).toBe(200)
    const id = res.json().customer.id
    const rina = await db.prisma.customer.findUniqueOrThrow({ where: { id } })
    expect([rina.phoneNumber, rina.email, rina.source, rina.externalId]).toEqual([
      '+6281311112222',
      'rina@example.com',
      'shop',
      'c-77',
    ])
    const noPhone = await put('/api/shop/customers/c-78', {
      name: 'Tanpa HP',
      email: 'nohp@example.com',
      updatedAt: '2026-12-01T00:00:00Z',
    })
    expect(noPhone.statusCode).toBe(200)
    expect(
      (await db.prisma.customer.findUniqueOrThrow({ where: { id: noPhone.json().customer.id } })).phoneNumber,
    ).toBeNull()
  })

  it('never changes a phone on an email match: the conflict goes to staff, once', async () => {
    const body = {
      name: 'Adi (toko)',
      phone: '081299990000',
      email: 'adi@example.com',
      updatedAt: '2026-12-01T00:00:00Z',
    }
    const res = await put('/api/shop/customers/c-adi-shop', body)
    expect(res.statusCode).toBe(200)
    const adi = await db.prisma.customer.findUniqueOrThrow({ where: { id: 'cust-adi' } })
    expect(adi.phoneNumber).toBe('+6281234567890')
    expect(res.json().customer.id).not.toBe('cust-adi')
    await put('/api/shop/customers/c-adi-shop', { ...body, updatedAt: '2026-12-02T00:00:00Z', name: 'Adi M.' })
    const alerts = await notifications('customer_identity_conflict')
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({
      audience: 'admin',
      payload: { existingCustomerId: 'cust-adi', reason: 'email_other_phone' },
    })
    // The same email with the same phone is the same person.
    const same = await put('/api/shop/customers/c-adi-2', {
      name: 'Adi',
      phone: '+62 812 3456 7890',
      email: 'adi@example.com',
      updatedAt: '2026-12-01T00:00:00Z',
    })
    expect(same.json().customer.id).toBe('cust-adi')
  })

  it('keeps an order item of an unknown SKU by name, SKU and price, and notifies nobody of a pending order', async () => {
    const res = await put('/api/shop/orders/%235001', order())
    expect(res.statusCode).toBe(200)
    expect(res.json().order.orderNumber).toBe('5001')
    const stored = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5001' },
      include: { items: true, payment: true, customer: true },
    })
    expect(stored.items.map((i) => [i.sku, i.productId, i.productName, i.price])).toEqual(
      expect.arrayContaining([
        ['KML-01-M', 'KML-01', 'Kemeja Linen', 199_000],
        ['UNKNOWN-SKU-9', null, 'Gift wrap', 5_000],
      ]),
    )
    expect(stored.customer.externalId).toBe('c-77')
    expect(stored.payment).toMatchObject({
      method: 'bank_transfer',
      methodText: 'bacs',
      status: 'PENDING',
      amount: 219_000,
    })
    expect(stored.status).toBe('PROCESSING')
    expect(await notifications('payment_completed')).toHaveLength(0)
  })

  it('tells the customer once when the payment becomes paid and once when the order ships with a waybill', async () => {
    const paid = order({ payment: { method: 'bacs', status: 'paid' }, updatedAt: '2026-12-01T11:00:00Z' })
    expect((await put('/api/shop/orders/5001', paid)).json().outcome).toBe('updated')
    expect(
      (await put('/api/shop/orders/5001', { ...paid, updatedAt: '2026-12-01T11:30:00Z', shippingMethod: 'JNE REG' }))
        .statusCode,
    ).toBe(200)
    expect(await notifications('payment_completed')).toHaveLength(1)

    const shippedOrder = order({
      status: 'completed',
      payment: { method: 'bacs', status: 'paid' },
      shipments: [{ carrier: 'J&T Express', waybill: 'jt0087654321' }],
      updatedAt: '2026-12-02T08:00:00Z',
    })
    expect((await put('/api/shop/orders/5001', shippedOrder)).statusCode).toBe(200)
    expect((await put('/api/shop/orders/5001', shippedOrder)).json().outcome).toBe('unchanged')
    const notices = await notifications('shipping_status')
    expect(notices).toHaveLength(1)
    expect(notices[0]?.payload).toMatchObject({ orderNumber: '5001', status: 'IN_TRANSIT' })
    const stored = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5001' },
      include: { shipping: true },
    })
    expect(stored.status).toBe('SHIPPED')
    expect(stored.shipping).toMatchObject({ trackingNumber: 'JT0087654321', carrier: 'jnt', carrierText: null })
    // An older update arriving late does not roll the order back.
    const late = await put('/api/shop/orders/5001', order({ updatedAt: '2026-12-01T12:00:00Z' }))
    expect(late.json().outcome).toBe('stale')
    expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: '5001' } })).status).toBe('SHIPPED')
  })

  it('keeps a second parcel and a courier it does not know beside the nearest known one', async () => {
    const two = order({
      status: 'completed',
      payment: { method: 'bacs', status: 'paid' },
      shipments: [
        { carrier: 'J&T Express', waybill: 'JT0087654321' },
        { carrier: 'Ninja Xpress', waybill: 'NJV000111222', status: 'Sedang transit di hub' },
      ],
      updatedAt: '2026-12-02T09:00:00Z',
    })
    expect((await put('/api/shop/orders/5001', two)).statusCode).toBe(200)
    const stored = await db.prisma.order.findUniqueOrThrow({
      where: { orderNumber: '5001' },
      include: { shipping: true, shipments: { orderBy: { createdAt: 'asc' } } },
    })
    expect(
      stored.shipments.map((s) => [s.trackingNumber, s.carrier, s.carrierText, s.currentStatus, s.statusText]),
    ).toEqual([
      ['JT0087654321', 'jnt', null, 'IN_TRANSIT', null],
      ['NJV000111222', 'jne', 'Ninja Xpress', 'IN_TRANSIT', 'Sedang transit di hub'],
    ])
    expect(stored.shipping?.trackingNumber).toBe('JT0087654321')
    expect(await notifications('shipping_status')).toHaveLength(2)
  })

  it('applies a batch item by item: a rejected item changes nothing, and nobody is notified', async () => {
    const before = await db.prisma.notification.count()
    const res = await post('/api/shop/batch', {
      items: [
        {
          type: 'customer',
          data: { externalId: 'b-1', name: 'Batch Satu', phone: '081377770001', updatedAt: '2026-12-01T00:00:00Z' },
        },
        { type: 'customer', data: { externalId: 'b-2', name: 'Batch Dua', updatedAt: 'not a time' } },
        { type: 'order', data: { ...order({ customer: { externalId: 'b-1' } }), orderNumber: 'ORD-2025-001' } },
        {
          type: 'order',
          data: {
            ...order({
              customer: { externalId: 'b-1' },
              payment: { method: 'cod', status: 'paid' },
              status: 'completed',
              shipments: [{ carrier: 'jne', waybill: 'JNEBATCH0001' }],
            }),
            orderNumber: '5002',
          },
        },
      ],
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.counts).toEqual({ created: 2, updated: 0, unchanged: 0, stale: 0, failed: 2 })
    expect(body.results[1]).toMatchObject({ ok: false, ref: 'b-2', error: { field: 'items.1.data.updatedAt' } })
    expect(body.results[2]).toMatchObject({ ok: false, ref: 'ORD-2025-001', error: { field: 'orderNumber' } })
    // The demo order with that number is untouched.
    const demo = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-001' } })
    expect(demo.source).toBeNull()
    expect(await db.prisma.notification.count()).toBe(before)
    expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: '5002' } })).status).toBe('SHIPPED')
  })

  it('takes a batch of 500 beyond the server-wide body limit, and refuses 501', async () => {
    const items = Array.from({ length: 500 }, (_, n) => ({
      type: 'customer',
      data: { externalId: `bulk-${n}`, name: `Pelanggan ${n} ${'x'.repeat(100)}`, updatedAt: '2026-12-01T00:00:00Z' },
    }))
    const ok = await post('/api/shop/batch', { items })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().counts.created).toBe(500)
    const tooMany = await post('/api/shop/batch', { items: [...items, items[0]] })
    expect(tooMany.statusCode).toBe(400)
  })

  it('sets and adjusts stock with a reason; an adjustment repeated is applied once', async () => {
    const set = await post('/api/shop/stock', {
      changes: [{ sku: 'KML-01-L', quantity: 12, reason: 'stock opname', updatedAt: '2026-12-05T00:00:00Z' }],
    })
    expect(set.json().results[0]).toMatchObject({ ok: true, outcome: 'updated', id: 'KML-01-L' })
    const adjust = { changes: [{ sku: 'kml-01-l', adjust: -2, reason: 'rusak', movementId: 'mv-1' }] }
    expect((await post('/api/shop/stock', adjust)).json().results[0].outcome).toBe('updated')
    expect((await post('/api/shop/stock', adjust)).json().results[0].outcome).toBe('unchanged')
    const older = await post('/api/shop/stock', {
      changes: [{ sku: 'KML-01-L', quantity: 50, reason: 'x', updatedAt: '2026-12-04T00:00:00Z' }],
    })
    expect(older.json().results[0].outcome).toBe('stale')
    expect((await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'KML-01-L' } })).quantity).toBe(10)
    // A product update older than the count set since leaves the count alone.
    await put('/api/shop/products/kml-01', { ...product('2026-12-04T12:00:00Z', 7), name: 'Kemeja Linen Premium' })
    expect((await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'KML-01-L' } })).quantity).toBe(10)
    const unknown = await post('/api/shop/stock', { changes: [{ sku: 'NOPE-1', quantity: 1, reason: 'x' }] })
    expect(unknown.json().results[0]).toMatchObject({ ok: false, error: { field: 'sku' } })
  })
})
