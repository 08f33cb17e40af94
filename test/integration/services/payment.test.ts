import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { GatewayError } from '../../../src/gateways/errors.ts'
import type { GatewayPaymentStatus, PaymentGateway } from '../../../src/gateways/payment.ts'
import { PrismaClient } from '../../../src/generated/prisma/client.ts'
import type { PaymentStatus } from '../../../src/generated/prisma/enums.ts'
import { OrderNotFound, PaymentNotFound } from '../../../src/services/errors.ts'
import { nextPaymentStatus } from '../../../src/services/payment.ts'
import { formatVaNumber, paymentInstructionsText } from '../../../src/services/payment-instructions.ts'
import { demoBankAccounts } from '../../../src/services/shop.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'

const now = new Date('2025-11-25T03:00:00Z')
// The first database of a worker builds the migrated, seeded template: slow on a busy machine.
const firstDatabaseTimeout = 180_000
const sqlText = 'ORD-2025-001\'; DROP TABLE "Order";--'
const badOrderNumbers = ['', '   ', 'x'.repeat(10_000), sqlText, 'ORD-2099-999']

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

/** The payment gateway's interface (the network edge), answering getStatus as told and recording the calls. */
function fakeGateway(status: (orderNumber: string) => Promise<GatewayPaymentStatus>) {
  const asked: string[] = []
  const gateway: PaymentGateway = {
    name: 'midtrans',
    async getStatus(orderNumber) {
      asked.push(orderNumber)
      return status(orderNumber)
    },
    async cancel() {
      throw new Error('cancel is not expected here')
    },
    async refund() {
      throw new Error('refund is not expected here')
    },
  }
  return { gateway, asked }
}

const paidAt = new Date('2025-11-25T02:45:00Z')
const settlement: GatewayPaymentStatus = {
  status: 'COMPLETED',
  rawStatus: 'settlement',
  transactionId: 'mid-trx-002',
  grossAmount: 264_000,
  paidAt,
}
const report = (status: PaymentStatus, rawStatus: string): GatewayPaymentStatus => ({ status, rawStatus })

describe.each(testDbKinds)('payment service (%s)', (kind) => {
  describe('reads', () => {
    let db: Database
    let counter: ReturnType<typeof countingClient>
    let payments: ReturnType<typeof buildServices>['payments']

    beforeAll(async () => {
      db = await createTestDatabase(kind)
      counter = countingClient(db)
      payments = buildServices(db, { prisma: counter.prisma, now: () => now }).payments
    }, firstDatabaseTimeout)
    afterAll(async () => {
      await counter.prisma.$disconnect()
      await db.close()
    })

    it('gives the payment of one of the customer orders, loose numbers accepted', async () => {
      const info = await payments.getPaymentStatus('cust-adi', 'ord 2025 001')
      expect(info).toMatchObject({
        orderNumber: 'ORD-2025-001',
        orderStatus: 'SHIPPED',
        payment: { amount: 150_000, method: 'bank_transfer', status: 'COMPLETED', transactionId: 'TRX-123456' },
      })
      expect(info.payment.paidAt).toEqual(new Date('2025-11-20T08:30:00Z'))
    })

    it("answers OrderNotFound for someone else's order and for bad order numbers", async () => {
      await expect(payments.getPaymentStatus('cust-siti', 'ORD-2025-001')).rejects.toBeInstanceOf(OrderNotFound)
      for (const orderNumber of badOrderNumbers) {
        await expect(payments.getPaymentStatus('cust-adi', orderNumber)).rejects.toBeInstanceOf(OrderNotFound)
        await expect(payments.verifyPayment('cust-adi', orderNumber)).rejects.toBeInstanceOf(OrderNotFound)
        await expect(payments.getPaymentInstructions('cust-adi', orderNumber)).rejects.toBeInstanceOf(OrderNotFound)
      }
    })

    it('verifies from the database when the gateway is the offline one', async () => {
      expect(await payments.verifyPayment('cust-adi', 'ORD-2025-001')).toMatchObject({
        orderNumber: 'ORD-2025-001',
        orderStatus: 'SHIPPED',
        isPaid: true,
        source: 'database',
        payment: { status: 'COMPLETED' },
      })
      const unpaid = await payments.verifyPayment('cust-adi', 'ORD-2025-002')
      expect(unpaid).toMatchObject({ isPaid: false, source: 'database', orderStatus: 'PENDING' })
      expect(unpaid.gatewayError).toBeUndefined()
    })

    it('gives bank transfer instructions for ORD-2025-002: amount, reference, both accounts, the VA', async () => {
      const ins = await payments.getPaymentInstructions('cust-adi', 'ORD-2025-002')
      expect(ins).toMatchObject({
        orderNumber: 'ORD-2025-002',
        amount: 264_000,
        method: 'bank_transfer',
        provider: 'BCA',
        vaNumber: '8808123456789012',
      })
      expect(ins.expiresAt).toBeInstanceOf(Date)
      expect(ins.bankAccounts.map((a) => a.bank)).toEqual(['BCA', 'Mandiri'])
      for (const part of [
        'Instruksi Transfer Bank',
        'Rp264.000',
        'Referensi: ORD-2025-002',
        'BCA: 1234567890 a.n. PT UrbanStyle Indonesia',
        'Mandiri: 1400012345678',
        'Virtual Account BCA: 8808 1234 5678 9012',
        'Bayar sebelum:',
        'WIB',
      ]) {
        expect(ins.text).toContain(part)
      }
    })

    it('gives the English instructions', async () => {
      const ins = await payments.getPaymentInstructions('cust-adi', 'ORD-2025-002', 'en')
      for (const part of [
        'Bank Transfer Instructions',
        'Amount: Rp264.000',
        'Reference: ORD-2025-002',
        '1400012345678',
      ]) {
        expect(ins.text).toContain(part)
      }
      expect(ins.text).toContain('BCA Virtual Account: 8808 1234 5678 9012')
      expect(ins.text).not.toContain('Jumlah')
    })

    it('gives COD instructions for ORD-2025-005, without bank accounts', async () => {
      const ins = await payments.getPaymentInstructions('cust-siti', 'ORD-2025-005')
      expect(ins).toMatchObject({ method: 'cod', amount: 71_000, bankAccounts: [], vaNumber: null })
      expect(ins.text).toContain('COD')
      expect(ins.text).toContain('Rp71.000')
      expect(ins.text).not.toContain('1234567890')
      expect((await payments.getPaymentInstructions('cust-siti', 'ORD-2025-005', 'en')).text).toContain(
        'Cash on Delivery',
      )
    })

    it('does not ask for a second payment of a paid order: it shows the status instead', async () => {
      const ins = await payments.getPaymentInstructions('cust-adi', 'ORD-2025-001')
      expect(ins.bankAccounts).toEqual([])
      expect(ins.text).toContain('Pembayaran Berhasil')
      expect(ins.text).not.toContain('Instruksi')
    })

    it('formats a payment for chat like the seed document, in Indonesian and English', async () => {
      const { payment } = await payments.getPaymentStatus('cust-adi', 'ORD-2025-001')
      const id = payments.formatPaymentForChat(payment)
      expect(id.split('\n')[0]).toBe('✅ Status Pembayaran: Pembayaran Berhasil')
      for (const part of ['Metode: Transfer Bank', 'Jumlah: Rp150.000', 'Dibayar: 20 November 2025']) {
        expect(id).toContain(part)
      }
      const en = payments.formatPaymentForChat(payment, 'en')
      for (const part of ['Payment Status: Payment Successful', 'Method: Bank Transfer', 'Amount: Rp150.000']) {
        expect(en).toContain(part)
      }
      expect(en).toContain('Paid: 20 November 2025')
    })

    it('reads in at most 3 SQL statements', async () => {
      const reads: (() => Promise<unknown>)[] = [
        () => payments.getPaymentStatus('cust-adi', 'ORD-2025-001'),
        () => payments.verifyPayment('cust-adi', 'ORD-2025-002'),
        () => payments.getPaymentInstructions('cust-adi', 'ORD-2025-002'),
      ]
      for (const read of reads) {
        const { statements } = await counter.count(read)
        expect(statements).toBeGreaterThan(0)
        expect(statements).toBeLessThanOrEqual(3)
      }
    })
  })

  describe('instruction texts for every method', () => {
    const base = {
      orderNumber: 'ORD-2025-009',
      amount: 99_000,
      status: 'PENDING' as const,
      vaNumber: null,
      bankAccounts: [],
      expiresAt: new Date('2025-11-26T03:00:00Z'),
    }

    it('explains e-wallet and card payments with the deadline', () => {
      const wallet = paymentInstructionsText({ ...base, method: 'e_wallet', provider: 'GoPay' }, 'id', now)
      for (const part of [
        'E-Wallet',
        'GoPay',
        'Rp99.000',
        'ORD-2025-009',
        'Bayar sebelum: 26 November 2025 10.00 WIB',
      ]) {
        expect(wallet).toContain(part)
      }
      const card = paymentInstructionsText({ ...base, method: 'credit_card', provider: null }, 'en', now)
      for (const part of ['Credit Card', 'Rp99.000', 'Pay before: 26 November 2025 10:00 WIB']) {
        expect(card).toContain(part)
      }
    })

    it('past the deadline, names it in WIB and no longer says how to pay', () => {
      const facts = { ...base, method: 'bank_transfer' as const, provider: 'BCA', vaNumber: '8808123456789012' }
      const late = paymentInstructionsText(
        { ...facts, bankAccounts: demoBankAccounts() },
        'id',
        new Date('2025-11-27T00:00:00Z'),
      )
      expect(late).toContain('sudah lewat (26 November 2025 10.00 WIB)')
      expect(late).toContain('jangan dibayar lagi')
      expect(late).not.toContain('1400012345678')
      expect(late).not.toContain('8808')
      expect(late).not.toContain('Bayar sebelum')
      const lateEn = paymentInstructionsText(facts, 'en', new Date('2025-11-27T00:00:00Z'))
      expect(lateEn).toContain('passed (26 November 2025 10:00 WIB)')
    })

    it('groups virtual account digits by four and leaves other values alone', () => {
      expect(formatVaNumber('8808123456789012')).toBe('8808 1234 5678 9012')
      expect(formatVaNumber('880812345')).toBe('8808 1234 5')
      expect(formatVaNumber('BCA-VA-01')).toBe('BCA-VA-01')
    })
  })

  describe('nextPaymentStatus', () => {
    it.each<[PaymentStatus, PaymentStatus, PaymentStatus | null]>([
      ['PENDING', 'COMPLETED', 'COMPLETED'],
      ['PENDING', 'EXPIRED', 'EXPIRED'],
      ['PENDING', 'PENDING', null],
      ['COMPLETED', 'PENDING', null],
      ['COMPLETED', 'EXPIRED', null],
      ['COMPLETED', 'CANCELLED', null],
      ['COMPLETED', 'FAILED', null],
      ['COMPLETED', 'COMPLETED', null],
      ['COMPLETED', 'REFUNDED', 'REFUNDED'],
      ['REFUND_PENDING', 'REFUNDED', 'REFUNDED'],
      ['REFUND_PENDING', 'COMPLETED', null],
      ['REFUNDED', 'COMPLETED', null],
      ['REFUNDED', 'PENDING', null],
      ['EXPIRED', 'COMPLETED', 'COMPLETED'],
      ['EXPIRED', 'PENDING', null],
      ['CANCELLED', 'FAILED', null],
      ['PENDING', 'REFUNDED', null],
    ])('%s + gateway %s → %s', (current, incoming, expected) => {
      expect(nextPaymentStatus(current, incoming)).toBe(expected)
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

    async function payment002() {
      return db.prisma.payment.findUniqueOrThrow({ where: { orderId: 'order-2025-002' } })
    }

    it('verifies ORD-2025-002 with a real gateway: settlement stored, order PROCESSING, customer notified', async () => {
      const fake = fakeGateway(async () => settlement)
      const { payments } = buildServices(db, { paymentGateway: fake.gateway, now: () => now })
      const result = await payments.verifyPayment('cust-adi', 'ord-2025-002')

      expect(fake.asked).toEqual(['ORD-2025-002'])
      expect(result).toMatchObject({
        orderNumber: 'ORD-2025-002',
        orderStatus: 'PROCESSING',
        isPaid: true,
        source: 'gateway',
        payment: { status: 'COMPLETED', paidAt, transactionId: 'mid-trx-002', gatewayStatus: 'settlement' },
      })
      expect(result.gatewayError).toBeUndefined()
      expect(await payment002()).toMatchObject({ status: 'COMPLETED', paidAt })
      const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
      expect(order.status).toBe('PROCESSING')
      const notes = await db.prisma.notification.findMany()
      expect(notes).toEqual([
        expect.objectContaining({
          customerId: 'cust-adi',
          audience: 'customer',
          kind: 'payment_completed',
          payload: { orderNumber: 'ORD-2025-002', amount: 264_000 },
        }),
      ])
      const audit = await db.prisma.auditLog.findFirst({ where: { action: 'payment.status' } })
      expect(audit).toMatchObject({ actor: 'gateway:midtrans', data: { from: 'PENDING', to: 'COMPLETED' } })
    })

    it('does not ask the gateway about payments that are already settled, or COD', async () => {
      const fake = fakeGateway(async () => settlement)
      const { payments } = buildServices(db, { paymentGateway: fake.gateway, now: () => now })
      expect((await payments.verifyPayment('cust-adi', 'ORD-2025-001')).source).toBe('database')
      expect((await payments.verifyPayment('cust-siti', 'ORD-2025-005')).source).toBe('database')
      expect(fake.asked).toEqual([])
    })

    it('answers from the database with gatewayError when the gateway fails', async () => {
      const fake = fakeGateway(async () => {
        throw new GatewayError('midtrans', 'timeout', 'no answer in 8000 ms')
      })
      const { payments } = buildServices(db, { paymentGateway: fake.gateway, now: () => now })
      const result = await payments.verifyPayment('cust-adi', 'ORD-2025-002')
      expect(result).toMatchObject({ source: 'database', isPaid: false, payment: { status: 'PENDING' } })
      expect(result.gatewayError).toContain('timeout')
      expect((await payment002()).status).toBe('PENDING')
      expect(await db.prisma.auditLog.count()).toBe(0)
    })

    it('lets errors that are not gateway errors through', async () => {
      const fake = fakeGateway(async () => {
        throw new TypeError('bug')
      })
      const { payments } = buildServices(db, { paymentGateway: fake.gateway, now: () => now })
      await expect(payments.verifyPayment('cust-adi', 'ORD-2025-002')).rejects.toThrow('bug')
    })

    it('queues exactly one notification however often the settlement is reported', async () => {
      const { payments } = buildServices(db, { now: () => now })
      const first = await payments.recordGatewayStatus('ORD-2025-002', settlement, 'midtrans_webhook')
      expect(first).toMatchObject({ changed: true, previousStatus: 'PENDING', payment: { status: 'COMPLETED' } })
      const again = await payments.recordGatewayStatus('ORD-2025-002', settlement, 'midtrans_webhook')
      expect(again).toMatchObject({ changed: false, previousStatus: 'COMPLETED', payment: { status: 'COMPLETED' } })
      expect(await db.prisma.notification.count({ where: { kind: 'payment_completed' } })).toBe(1)
      expect(await db.prisma.auditLog.count({ where: { action: 'payment.status' } })).toBe(1)
    })

    it('never lets a late pending, expire or cancel undo a settlement', async () => {
      const { payments } = buildServices(db, { now: () => now })
      await payments.recordGatewayStatus('ORD-2025-002', settlement, 'midtrans_webhook')
      for (const late of [report('PENDING', 'pending'), report('EXPIRED', 'expire'), report('CANCELLED', 'cancel')]) {
        const result = await payments.recordGatewayStatus('ORD-2025-002', late, 'midtrans_webhook')
        expect(result.changed).toBe(false)
        expect(result.payment.status).toBe('COMPLETED')
      }
      expect(await payment002()).toMatchObject({ status: 'COMPLETED', paidAt, gatewayStatus: 'settlement' })
      const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
      expect(order.status).toBe('PROCESSING')
    })

    it('records a refund after a settlement as REFUNDED', async () => {
      const { payments } = buildServices(db, { now: () => now })
      await payments.recordGatewayStatus('ORD-2025-002', settlement, 'midtrans_webhook')
      const refund = await payments.recordGatewayStatus(
        'ORD-2025-002',
        report('REFUNDED', 'refund'),
        'midtrans_webhook',
      )
      expect(refund).toMatchObject({ changed: true, previousStatus: 'COMPLETED', payment: { status: 'REFUNDED' } })
      expect((await payments.recordGatewayStatus('ORD-2025-002', settlement, 'x')).changed).toBe(false)
      expect((await payment002()).status).toBe('REFUNDED')
    })

    it('expires an unpaid payment without a notification; money arriving later still counts', async () => {
      const { payments } = buildServices(db, { now: () => now })
      const expired = await payments.recordGatewayStatus(
        'ORD-2025-002',
        report('EXPIRED', 'expire'),
        'midtrans_webhook',
      )
      expect(expired).toMatchObject({ changed: true, payment: { status: 'EXPIRED' } })
      expect(await db.prisma.notification.count()).toBe(0)
      const paid = await payments.recordGatewayStatus('ORD-2025-002', settlement, 'midtrans_webhook')
      expect(paid).toMatchObject({ changed: true, previousStatus: 'EXPIRED', payment: { status: 'COMPLETED' } })
    })

    it('tells an admin, not the customer, when money arrives for a cancelled order', async () => {
      const { payments, orders } = buildServices(db, { now: () => now })
      await orders.cancelOrder('cust-adi', 'ORD-2025-002')
      const paid = await payments.recordGatewayStatus('ORD-2025-002', settlement, 'midtrans_webhook')
      expect(paid).toMatchObject({ changed: true, previousStatus: 'CANCELLED', payment: { status: 'COMPLETED' } })
      const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
      expect(order.status).toBe('CANCELLED')
      const notes = await db.prisma.notification.findMany()
      expect(notes.map((n) => [n.audience, n.kind])).toEqual([['admin', 'payment_after_cancel']])
    })

    it('does not mark a payment paid unless the amount is exactly ours; staff hear once per reported amount', async () => {
      const { payments } = buildServices(db, { now: () => now })
      const reports = [
        { ...settlement, grossAmount: 1_000, grossAmountText: '1000.00' },
        { ...settlement, grossAmount: undefined, grossAmountText: '264000.50' },
        { ...settlement, grossAmount: undefined, grossAmountText: '264000.50' },
        { ...settlement, grossAmount: undefined, grossAmountText: undefined },
      ]
      for (const report of reports) {
        const result = await payments.recordGatewayStatus('ORD-2025-002', report, 'midtrans_webhook')
        expect(result).toMatchObject({ changed: false, amountMismatch: true, payment: { status: 'PENDING' } })
      }
      expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })).status).toBe(
        'PENDING',
      )
      expect(await db.prisma.notification.count({ where: { kind: 'payment_completed' } })).toBe(0)
      const alerts = await db.prisma.notification.findMany({ where: { kind: 'payment_amount_mismatch' } })
      const byReported = (a: { payload: unknown }) => String((a.payload as { reported: string }).reported)
      alerts.sort((a, b) => byReported(a).localeCompare(byReported(b)))
      expect(alerts.map((a) => [a.audience, a.payload])).toEqual([
        ['admin', { orderNumber: 'ORD-2025-002', expected: 264_000, reported: '1000.00' }],
        ['admin', { orderNumber: 'ORD-2025-002', expected: 264_000, reported: '264000.50' }],
        ['admin', { orderNumber: 'ORD-2025-002', expected: 264_000, reported: 'none' }],
      ])
      expect(await db.prisma.auditLog.count({ where: { action: 'payment.amount_mismatch' } })).toBe(4)
    })

    it('settles once when the same settlement arrives ten times at once', async () => {
      const { payments } = buildServices(db, { now: () => now })
      const results = await Promise.all(
        Array.from({ length: 10 }, () => payments.recordGatewayStatus('ORD-2025-002', settlement, 'midtrans_webhook')),
      )
      expect(results.filter((r) => r.changed)).toHaveLength(1)
      expect(await db.prisma.notification.count()).toBe(1)
      expect(await db.prisma.auditLog.count({ where: { action: 'payment.status' } })).toBe(1)
    })

    it('refuses unknown orders and orders without a payment with typed errors', async () => {
      const { payments } = buildServices(db, { now: () => now })
      await expect(payments.recordGatewayStatus('ORD-2099-999', settlement, 'x')).rejects.toBeInstanceOf(OrderNotFound)
      await expect(payments.recordGatewayStatus(sqlText, settlement, 'x')).rejects.toBeInstanceOf(OrderNotFound)
      await db.prisma.payment.delete({ where: { orderId: 'order-2025-002' } })
      await expect(payments.recordGatewayStatus('ORD-2025-002', settlement, 'x')).rejects.toBeInstanceOf(
        PaymentNotFound,
      )
      const missing = payments.getPaymentStatus('cust-adi', 'ORD-2025-002')
      await expect(missing).rejects.toBeInstanceOf(PaymentNotFound)
      await expect(missing).rejects.toMatchObject({ code: 'payment_not_found' })
      await expect(payments.verifyPayment('cust-adi', 'ORD-2025-002')).rejects.toBeInstanceOf(PaymentNotFound)
      expect(await db.prisma.order.count()).toBe(6)
    })
  })
})
