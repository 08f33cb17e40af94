import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { GatewayError } from '../../../src/gateways/errors.ts'
import type { PaymentGateway, RefundRequest, RefundResult } from '../../../src/gateways/payment.ts'
import { PrismaClient } from '../../../src/generated/prisma/client.ts'
import { AddressNotChangeable, InvalidInput, OrderNotCancellable, OrderNotFound } from '../../../src/services/errors.ts'
import { refundKeyFor, validateAddress } from '../../../src/services/order.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'

const now = new Date('2025-11-25T03:00:00Z')
// The first database of a worker builds the migrated, seeded template: slow on a busy machine.
const firstDatabaseTimeout = 180_000
const sqlText = 'ORD-2025-001\'; DROP TABLE "Order";--'
const huge = 'x'.repeat(10_000)
const badOrderNumbers = ['', '   ', huge, sqlText, 'ORD-2025-001 OR 1=1', 'ORD-2099-999']

/** A second client on the same database that counts the SQL statements it sends. */
function countingClient(db: Database) {
  const prisma = new PrismaClient({ adapter: db.adapterFactory, log: [{ emit: 'event', level: 'query' }] })
  let statements = 0
  prisma.$on('query', () => {
    statements++
  })
  return {
    prisma,
    async count<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
      statements = 0
      const result = await work()
      return { result, statements }
    },
  }
}

/** The payment gateway's interface, recording refund and cancel calls; `refund` answers as told. */
function recordingGateway(answer: (orderNumber: string, request: RefundRequest) => Promise<RefundResult>) {
  const refunds: { orderNumber: string; request: RefundRequest }[] = []
  const cancels: string[] = []
  const gateway: PaymentGateway = {
    name: 'midtrans',
    async getStatus() {
      throw new Error('getStatus is not expected here')
    },
    async cancel(orderNumber) {
      cancels.push(orderNumber)
      return { status: 'CANCELLED', rawStatus: 'cancel' }
    },
    async refund(orderNumber, request) {
      refunds.push({ orderNumber, request })
      return answer(orderNumber, request)
    },
  }
  return { gateway, refunds, cancels }
}

/** Everything a cancel or address change could touch, to prove a refused call changed nothing. */
async function snapshot(db: Database) {
  const [orders, payments, inventory, movements, audits, notifications] = await Promise.all([
    db.prisma.order.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.payment.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.inventory.findMany({ orderBy: { sku: 'asc' } }),
    db.prisma.inventoryMovement.count(),
    db.prisma.auditLog.count(),
    db.prisma.notification.count(),
  ])
  return { orders, payments, inventory, movements, audits, notifications }
}

async function stockOf(db: Database, sku: string): Promise<number> {
  return (await db.prisma.inventory.findUniqueOrThrow({ where: { sku } })).quantity
}

describe.each(testDbKinds)('order service (%s)', (kind) => {
  describe('reads', () => {
    let db: Database
    let counter: ReturnType<typeof countingClient>
    let orders: ReturnType<typeof buildServices>['orders']

    beforeAll(async () => {
      db = await createTestDatabase(kind)
      counter = countingClient(db)
      orders = buildServices(db, { prisma: counter.prisma, now: () => now }).orders
    }, firstDatabaseTimeout)
    afterAll(async () => {
      await counter.prisma.$disconnect()
      await db.close()
    })

    it("gives ORD-2025-001 with the seed's values: items, payment, shipment and its events", async () => {
      const order = await orders.getOrderByNumber('cust-adi', 'ORD-2025-001')
      expect(order).toMatchObject({
        orderNumber: 'ORD-2025-001',
        customerId: 'cust-adi',
        status: 'SHIPPED',
        subtotal: 138_000,
        shippingCost: 12_000,
        totalAmount: 150_000,
        shippingAddress: 'Jl. Merdeka No. 123, Jakarta',
      })
      expect(order.items.map((i) => [i.productId, i.sku, i.size, i.quantity, i.price])).toEqual([
        ['KAOS-001', 'KAOS-001-M', 'M', 1, 79_000],
        ['CELANA-001', 'CELANA-001-31', '31', 1, 59_000],
      ])
      expect(order.payment).toMatchObject({ method: 'bank_transfer', status: 'COMPLETED', transactionId: 'TRX-123456' })
      expect(order.payment?.paidAt).toEqual(new Date('2025-11-20T08:30:00Z'))
      expect(order.shipping).toMatchObject({
        trackingNumber: 'JNE123456789',
        carrier: 'jne',
        currentStatus: 'IN_TRANSIT',
      })
      expect(order.shipping?.estimatedDelivery).toEqual(new Date('2025-11-26T00:00:00Z'))
      expect(order.shipping?.events.map((e) => e.status)).toEqual(['PENDING_PICKUP', 'IN_TRANSIT'])
      expect(order.createdAt).toBeInstanceOf(Date)
    })

    it.each(['ord-2025-001', 'ORD 2025 001', 'ord2025001', '#ORD-2025-001', ' ORD-2025-001 '])(
      'accepts the loose form %j',
      async (input) => {
        const order = await orders.getOrderByNumber('cust-adi', input)
        expect(order.orderNumber).toBe('ORD-2025-001')
      },
    )

    it("answers OrderNotFound for another customer's order, exactly as for one that does not exist", async () => {
      const foreign = orders.getOrderByNumber('cust-siti', 'ORD-2025-001')
      await expect(foreign).rejects.toBeInstanceOf(OrderNotFound)
      await expect(foreign).rejects.toMatchObject({ code: 'order_not_found', details: { orderNumber: 'ORD-2025-001' } })
      await expect(orders.getOrderByNumber('cust-adi', 'ORD-2025-004')).rejects.toBeInstanceOf(OrderNotFound)
      await expect(orders.getOrderByNumber('cust-budi', 'ORD-2025-002')).rejects.toBeInstanceOf(OrderNotFound)
      await expect(orders.getOrderByNumber('', 'ORD-2025-001')).rejects.toBeInstanceOf(OrderNotFound)
    })

    it.each(badOrderNumbers)('answers OrderNotFound for the bad order number %#, without echoing it', async (input) => {
      const error = await orders.getOrderByNumber('cust-adi', input).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OrderNotFound)
      expect(JSON.stringify((error as OrderNotFound).details)).not.toContain('DROP')
      expect((error as Error).message.length).toBeLessThan(100)
    })

    it('lists the customer orders newest first with their relations, honouring the limit', async () => {
      const list = await orders.getCustomerOrders('cust-adi')
      expect(list.map((o) => o.orderNumber)).toEqual(['ORD-2025-002', 'ORD-2025-001', 'ORD-2025-003'])
      expect(list.every((o) => o.customerId === 'cust-adi' && o.items.length > 0 && o.payment)).toBe(true)
      expect(list[2]?.shipping?.events).toHaveLength(3)
      expect((await orders.getCustomerOrders('cust-adi', { limit: 1 })).map((o) => o.orderNumber)).toEqual([
        'ORD-2025-002',
      ])
      expect(await orders.getCustomerOrders('cust-budi')).toEqual([])
      expect(await orders.getCustomerOrders('')).toEqual([])
    })

    it('summarises Adi: 3 orders, 2 active (001 SHIPPED, 002 PENDING), total spent of the non-cancelled ones', async () => {
      const summary = await orders.getOrderSummary('cust-adi')
      expect(summary).toMatchObject({ totalOrders: 3, activeOrders: 2, totalSpent: 150_000 + 264_000 + 139_000 })
      expect(summary.recentOrders).toEqual([
        expect.objectContaining({ orderNumber: 'ORD-2025-002', status: 'PENDING', totalAmount: 264_000 }),
        {
          orderNumber: 'ORD-2025-001',
          status: 'SHIPPED',
          totalAmount: 150_000,
          createdAt: new Date('2025-11-20T03:00:00Z'),
        },
        expect.objectContaining({ orderNumber: 'ORD-2025-003', status: 'DELIVERED', totalAmount: 139_000 }),
      ])
    })

    it('summarises Budi, who has no orders, as zeros', async () => {
      expect(await orders.getOrderSummary('cust-budi')).toEqual({
        totalOrders: 0,
        activeOrders: 0,
        totalSpent: 0,
        recentOrders: [],
      })
    })

    it('checks cancellability: PENDING is fine, SHIPPED and DELIVERED are refused with their status', async () => {
      expect((await orders.checkCancellable('cust-adi', 'ord 2025 002')).orderNumber).toBe('ORD-2025-002')
      expect((await orders.checkCancellable('cust-siti', 'ORD-2025-004')).status).toBe('PROCESSING')
      await expect(orders.checkCancellable('cust-adi', 'ORD-2025-001')).rejects.toMatchObject({
        code: 'not_cancellable',
        orderNumber: 'ORD-2025-001',
        status: 'SHIPPED',
      })
      const delivered = orders.checkCancellable('cust-adi', 'ORD-2025-003')
      await expect(delivered).rejects.toBeInstanceOf(OrderNotCancellable)
      await expect(delivered).rejects.toMatchObject({ status: 'DELIVERED' })
      await expect(orders.checkCancellable('cust-siti', 'ORD-2025-002')).rejects.toBeInstanceOf(OrderNotFound)
    })

    it('checks an address change without writing: 004 may change, 001 (shipped) may not', async () => {
      const ok = await orders.checkAddressChangeable(
        'cust-siti',
        'ORD-2025-004',
        '  Jl. Sudirman No. 5,\n Bandung 40111 ',
      )
      expect(ok.address).toBe('Jl. Sudirman No. 5, Bandung 40111')
      expect(ok.order.shippingAddress).toBe('Jl. Dago No. 45, Bandung 40135')
      const shipped = orders.checkAddressChangeable('cust-adi', 'ORD-2025-001', 'Jl. Sudirman No. 5, Bandung')
      await expect(shipped).rejects.toBeInstanceOf(AddressNotChangeable)
      await expect(shipped).rejects.toMatchObject({ code: 'address_not_changeable', status: 'SHIPPED' })
      await expect(orders.checkAddressChangeable('cust-siti', 'ORD-2025-004', '<b>x</b>')).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'address',
      })
      const unchanged = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-004' } })
      expect(unchanged.shippingAddress).toBe('Jl. Dago No. 45, Bandung 40135')
    })

    it('reads in at most 3 SQL statements, whatever the number of orders and relations', async () => {
      const reads: (() => Promise<unknown>)[] = [
        () => orders.getOrderByNumber('cust-adi', 'ORD-2025-001'),
        () => orders.getCustomerOrders('cust-adi'),
        () => orders.getOrderSummary('cust-adi'),
        () => orders.checkCancellable('cust-adi', 'ORD-2025-002'),
        () => orders.checkAddressChangeable('cust-siti', 'ORD-2025-004', 'Jl. Sudirman No. 5, Bandung'),
      ]
      for (const read of reads) {
        const { statements } = await counter.count(read)
        expect(statements).toBeGreaterThan(0)
        expect(statements).toBeLessThanOrEqual(3)
      }
      const { statements: none } = await counter.count(() =>
        orders.getOrderByNumber('cust-adi', sqlText).catch(() => null),
      )
      expect(none).toBe(0) // a bad order number never reaches the database
    })

    it('formats an order for chat in Indonesian and English', async () => {
      const order = await orders.getOrderByNumber('cust-adi', 'ORD-2025-001')
      const id = orders.formatOrderForChat(order)
      for (const part of [
        'ORD-2025-001',
        '🚚 Dikirim',
        'Kaos Basic Crewneck (M) x1 — Rp79.000',
        'Celana Chino Slim Fit (31) x1 — Rp59.000',
        'Ongkos kirim: Rp12.000',
        'Total: Rp150.000',
        'Alamat: Jl. Merdeka No. 123, Jakarta',
        'Pembayaran Berhasil',
        'JNE JNE123456789 (Dalam Perjalanan)',
        '20 November 2025',
      ]) {
        expect(id).toContain(part)
      }
      const en = orders.formatOrderForChat(order, 'en')
      for (const part of ['Order ORD-2025-001', '🚚 Shipped', 'Shipping: Rp12.000', 'Address:', 'In Transit']) {
        expect(en).toContain(part)
      }
      expect(en).not.toContain('Dikirim')
    })
  })

  describe('validateAddress', () => {
    it('trims and collapses whitespace, keeping address punctuation', () => {
      expect(validateAddress('  Jl. Sudirman  No. 5,\n\tRT 01/RW 02 (belakang masjid), Bandung 40111  ')).toBe(
        'Jl. Sudirman No. 5, RT 01/RW 02 (belakang masjid), Bandung 40111',
      )
      expect(validateAddress('Perum Griya Asri Blok A-2 #7')).toBe('Perum Griya Asri Blok A-2 #7')
    })

    it.each([
      ['empty', ''],
      ['only spaces', '          \n   '],
      ['too short', 'Jl. A 1'],
      ['too long', `Jl. ${'Panjang '.repeat(40)}`],
      ['10 kB', huge],
      ['SQL-looking', sqlText],
      ['angle brackets', '<script>alert(1)</script> Jl. Merdeka'],
      ['a control character', 'Jl. Merdeka No. 1\u0000, Jakarta'],
      ['no letters', '1234567890 12345'],
      ['emoji', 'Jl. Merdeka No. 1 🏠 Jakarta'],
    ])('refuses %s with InvalidInput(address)', (_name, input) => {
      expect(() => validateAddress(input)).toThrow(InvalidInput)
      try {
        validateAddress(input)
      } catch (error) {
        expect(error).toMatchObject({ code: 'invalid_input', field: 'address' })
      }
    })
  })

  describe('writes', () => {
    let db: Database
    beforeEach(async () => {
      db = await createTestDatabase(kind)
    }, firstDatabaseTimeout)
    afterEach(async () => {
      await db.close()
    })

    it('cancels ORD-2025-002: status, reason, time, stock back with a movement, payment voided, audited', async () => {
      const counter = countingClient(db)
      try {
        const { orders } = buildServices(db, { prisma: counter.prisma, now: () => now })
        expect(await stockOf(db, 'JAKET-001-L')).toBe(1)

        const { result, statements } = await counter.count(() =>
          orders.cancelOrder('cust-adi', 'ord 2025 002', '  salah   ukuran ', 'customer:cust-adi'),
        )
        expect(statements).toBeLessThanOrEqual(12)
        expect(result.paymentStatus).toBe('CANCELLED')
        expect(result.refund).toBeUndefined()
        expect(result.order).toMatchObject({
          orderNumber: 'ORD-2025-002',
          status: 'CANCELLED',
          cancelReason: 'salah ukuran',
          cancelledAt: now,
        })
        expect(result.order.payment?.status).toBe('CANCELLED')
      } finally {
        await counter.prisma.$disconnect()
      }

      expect(await stockOf(db, 'JAKET-001-L')).toBe(2)
      const movements = await db.prisma.inventoryMovement.findMany({ where: { orderId: 'order-2025-002' } })
      expect(movements).toEqual([
        expect.objectContaining({
          sku: 'JAKET-001-L',
          delta: 1,
          quantityAfter: 2,
          reason: 'order_cancelled',
          actor: 'customer:cust-adi',
        }),
      ])
      const payment = await db.prisma.payment.findUniqueOrThrow({ where: { orderId: 'order-2025-002' } })
      expect(payment.status).toBe('CANCELLED')
      const audits = await db.prisma.auditLog.findMany({ where: { entity: 'Order', entityId: 'order-2025-002' } })
      expect(audits).toEqual([
        expect.objectContaining({
          actor: 'customer:cust-adi',
          action: 'order.cancel',
          data: expect.objectContaining({
            orderNumber: 'ORD-2025-002',
            previousStatus: 'PENDING',
            reason: 'salah ukuran',
          }),
        }),
      ])
      const { orders } = buildServices(db)
      expect(await orders.getOrderSummary('cust-adi')).toMatchObject({
        totalOrders: 3,
        activeOrders: 1,
        totalSpent: 150_000 + 139_000,
      })
    })

    it('refuses to cancel SHIPPED, DELIVERED and already CANCELLED orders, changing nothing', async () => {
      const { orders } = buildServices(db, { now: () => now })
      await orders.cancelOrder('cust-adi', 'ORD-2025-002')
      const before = await snapshot(db)
      for (const [orderNumber, status] of [
        ['ORD-2025-001', 'SHIPPED'],
        ['ORD-2025-003', 'DELIVERED'],
        ['ORD-2025-002', 'CANCELLED'],
      ] as const) {
        const error = await orders.cancelOrder('cust-adi', orderNumber, 'tidak jadi').catch((e: unknown) => e)
        expect(error).toBeInstanceOf(OrderNotCancellable)
        expect(error).toMatchObject({ code: 'not_cancellable', orderNumber, status })
      }
      expect(await snapshot(db)).toEqual(before)
    })

    it('cancels the paid ORD-2025-004: REFUND_PENDING and one refund request with a stable key and the amount', async () => {
      const recorder = recordingGateway(async (_n, request) => ({
        status: 'REFUND_PENDING',
        refundKey: request.refundKey,
        manual: false,
      }))
      const { orders } = buildServices(db, { paymentGateway: recorder.gateway, now: () => now })
      const result = await orders.cancelOrder('cust-siti', 'ORD-2025-004', 'berubah pikiran')

      expect(result.order.status).toBe('CANCELLED')
      expect(result.paymentStatus).toBe('REFUND_PENDING')
      expect(recorder.refunds).toEqual([
        {
          orderNumber: 'ORD-2025-004',
          request: { refundKey: refundKeyFor('ORD-2025-004'), amount: 170_000, reason: 'berubah pikiran' },
        },
      ])
      expect(result.refund).toEqual({ status: 'REFUND_PENDING', refundKey: 'ORD-2025-004-refund', manual: false })
      expect(recorder.cancels).toEqual([])
      const payment = await db.prisma.payment.findUniqueOrThrow({ where: { orderId: 'order-2025-004' } })
      expect(payment).toMatchObject({ status: 'REFUND_PENDING', refundKey: 'ORD-2025-004-refund' })
      expect(await stockOf(db, 'KAOS-001-S')).toBe(12)
    })

    it('still cancels when the refund request fails; the payment stays REFUND_PENDING for a person', async () => {
      const recorder = recordingGateway(async () => {
        throw new GatewayError('midtrans', 'unreachable', 'connect ECONNREFUSED')
      })
      const { orders } = buildServices(db, { paymentGateway: recorder.gateway, now: () => now })
      const result = await orders.cancelOrder('cust-siti', 'ORD-2025-004')

      expect(recorder.refunds).toHaveLength(1)
      expect(result.order.status).toBe('CANCELLED')
      expect(result.paymentStatus).toBe('REFUND_PENDING')
      expect(result.refund).toBeUndefined()
      const payment = await db.prisma.payment.findUniqueOrThrow({ where: { orderId: 'order-2025-004' } })
      expect(payment.status).toBe('REFUND_PENDING')
      expect(await stockOf(db, 'KAOS-001-S')).toBe(12)
    })

    it('marks the payment REFUNDED when the gateway refunds at once', async () => {
      const recorder = recordingGateway(async (_n, request) => ({
        status: 'REFUNDED',
        refundKey: request.refundKey,
        manual: false,
      }))
      const { orders } = buildServices(db, { paymentGateway: recorder.gateway, now: () => now })
      const result = await orders.cancelOrder('cust-siti', 'ORD-2025-004')
      expect(result.paymentStatus).toBe('REFUNDED')
      expect(result.order.payment?.status).toBe('REFUNDED')
      const audit = await db.prisma.auditLog.findFirst({ where: { action: 'payment.refunded' } })
      expect(audit?.data).toMatchObject({ orderNumber: 'ORD-2025-004', amount: 170_000 })
    })

    it('voids an unpaid virtual account at a real gateway, but never asks it for a refund', async () => {
      const recorder = recordingGateway(async () => {
        throw new Error('no refund expected')
      })
      const { orders } = buildServices(db, { paymentGateway: recorder.gateway, now: () => now })
      const result = await orders.cancelOrder('cust-adi', 'ORD-2025-002')
      expect(result.paymentStatus).toBe('CANCELLED')
      expect(recorder.cancels).toEqual(['ORD-2025-002'])
      expect(recorder.refunds).toEqual([])
      // COD has nothing to void.
      await orders.cancelOrder('cust-siti', 'ORD-2025-005')
      expect(recorder.cancels).toEqual(['ORD-2025-002'])
    })

    it('lets exactly one of 20 concurrent cancels win; the stock comes back once', async () => {
      const { orders } = buildServices(db, { now: () => now })
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => orders.cancelOrder('cust-adi', 'ORD-2025-002', 'dobel klik')),
      )
      const won = results.filter((r) => r.status === 'fulfilled')
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(19)
      for (const r of lost) {
        expect(r.reason).toBeInstanceOf(OrderNotCancellable)
        expect(r.reason).toMatchObject({ status: 'CANCELLED' })
      }
      expect(await stockOf(db, 'JAKET-001-L')).toBe(2)
      expect(await db.prisma.inventoryMovement.count({ where: { orderId: 'order-2025-002' } })).toBe(1)
      expect(await db.prisma.auditLog.count({ where: { action: 'order.cancel' } })).toBe(1)
    })

    it('never keeps money for a cancelled order when a settlement races the cancel', async () => {
      const { orders, payments } = buildServices(db, { now: () => now })
      const settlement = { status: 'COMPLETED', rawStatus: 'settlement', grossAmount: 264_000 } as const
      for (let round = 0; round < 8; round++) {
        await Promise.allSettled([
          orders.cancelOrder('cust-adi', 'ORD-2025-002'),
          payments.recordGatewayStatus('ORD-2025-002', settlement, 'midtrans_webhook'),
        ])
        const order = await db.prisma.order.findUniqueOrThrow({
          where: { orderNumber: 'ORD-2025-002' },
          include: { payment: true },
        })
        expect(order.status).toBe('CANCELLED')
        const adminTold = await db.prisma.notification.count({ where: { kind: 'payment_after_cancel' } })
        // Either the cancel saw the payment (refund requested) or the money came after it (an admin is told).
        if (order.payment?.status === 'COMPLETED') expect(adminTold).toBe(1)
        else expect(order.payment?.status).toBe('REFUND_PENDING')
        // Back to an open, unpaid order for the next round.
        await db.prisma.order.update({ where: { id: order.id }, data: { status: 'PENDING' } })
        await db.prisma.payment.update({
          where: { orderId: order.id },
          data: { status: 'PENDING', paidAt: null, refundKey: null },
        })
        await db.prisma.notification.deleteMany()
      }
    })

    it('refuses bad order numbers and reasons with typed errors and changes nothing', async () => {
      const { orders } = buildServices(db, { now: () => now })
      const before = await snapshot(db)
      for (const orderNumber of badOrderNumbers) {
        await expect(orders.cancelOrder('cust-adi', orderNumber, 'alasan')).rejects.toBeInstanceOf(OrderNotFound)
        await expect(orders.cancelOrder('cust-adi', orderNumber, sqlText)).rejects.toBeInstanceOf(OrderNotFound)
      }
      await expect(orders.cancelOrder('cust-siti', 'ORD-2025-002')).rejects.toBeInstanceOf(OrderNotFound)
      for (const reason of [huge, 'x'.repeat(501), '<script>alert(1)</script>', 'batal\u0000']) {
        const error = await orders.cancelOrder('cust-adi', 'ORD-2025-002', reason).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(InvalidInput)
        expect(error).toMatchObject({ field: 'reason' })
      }
      expect(await snapshot(db)).toEqual(before)
    })

    it('stores an SQL-looking reason as plain text (parameterised), and an empty reason as none', async () => {
      const { orders } = buildServices(db, { now: () => now })
      const first = await orders.cancelOrder('cust-adi', 'ORD-2025-002', sqlText)
      expect(first.order.cancelReason).toBe(sqlText)
      expect(await db.prisma.order.count()).toBe(6)
      const second = await orders.cancelOrder('cust-siti', 'ORD-2025-005', '   ')
      expect(second.order.cancelReason).toBeNull()
    })

    it('changes the address of PROCESSING ORD-2025-004, cleaned and audited', async () => {
      const { orders } = buildServices(db, { now: () => now })
      const order = await orders.updateShippingAddress(
        'cust-siti',
        'ord-2025-004',
        ' Jl. Sudirman No. 5,\nBandung 40111 ',
        'customer:cust-siti',
      )
      expect(order.orderNumber).toBe('ORD-2025-004')
      expect(order.shippingAddress).toBe('Jl. Sudirman No. 5, Bandung 40111')
      expect(order.items).toHaveLength(1)
      const stored = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-004' } })
      expect(stored.shippingAddress).toBe('Jl. Sudirman No. 5, Bandung 40111')
      const audits = await db.prisma.auditLog.findMany({ where: { action: 'order.address_changed' } })
      expect(audits).toEqual([
        expect.objectContaining({
          actor: 'customer:cust-siti',
          entityId: 'order-2025-004',
          data: {
            orderNumber: 'ORD-2025-004',
            from: 'Jl. Dago No. 45, Bandung 40135',
            to: 'Jl. Sudirman No. 5, Bandung 40111',
          },
        }),
      ])
    })

    it('refuses address changes of shipped, foreign or cancelled orders and bad addresses, changing nothing', async () => {
      const { orders } = buildServices(db, { now: () => now })
      await orders.cancelOrder('cust-siti', 'ORD-2025-005')
      const before = await snapshot(db)
      const good = 'Jl. Sudirman No. 5, Bandung 40111'

      const shipped = await orders.updateShippingAddress('cust-adi', 'ORD-2025-001', good).catch((e: unknown) => e)
      expect(shipped).toBeInstanceOf(AddressNotChangeable)
      expect(shipped).toMatchObject({ orderNumber: 'ORD-2025-001', status: 'SHIPPED' })
      await expect(orders.updateShippingAddress('cust-siti', 'ORD-2025-005', good)).rejects.toMatchObject({
        code: 'address_not_changeable',
        status: 'CANCELLED',
      })
      await expect(orders.updateShippingAddress('cust-adi', 'ORD-2025-004', good)).rejects.toBeInstanceOf(OrderNotFound)
      for (const orderNumber of badOrderNumbers) {
        await expect(orders.updateShippingAddress('cust-siti', orderNumber, good)).rejects.toBeInstanceOf(OrderNotFound)
      }
      for (const address of ['', huge, sqlText, '<img src=x onerror=alert(1)> Jl. Dago', 'Jl. A']) {
        const error = await orders.updateShippingAddress('cust-siti', 'ORD-2025-004', address).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(InvalidInput)
        expect(error).toMatchObject({ field: 'address' })
      }
      expect(await snapshot(db)).toEqual(before)
    })
  })
})
