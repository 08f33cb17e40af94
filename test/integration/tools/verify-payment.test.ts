import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { verifyPayment } from '../../../tools/verify-payment.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('verify_payment on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('reports the seed order as paid, like the seed document', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(verifyPayment, ctx, { orderNumber: 'ORD-2025-001' })
    expect(result).toMatchObject({
      ok: true,
      data: { isPaid: true, status: 'COMPLETED', method: 'bank_transfer', amount: 150_000, instructions: null },
    })
    expect(verifyPayment.render(result, 'id').text).toBe(
      '✅ Status Pembayaran: Pembayaran Berhasil\n\nMetode: Transfer Bank\nJumlah: Rp150.000\nDibayar: 20 November 2025',
    )
    expect(verifyPayment.render(result, 'en').text).toContain('Payment Successful')
  })

  it('gives payment instructions for the unpaid order: amount, reference, BCA accounts and VA', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    const result = await runTool(verifyPayment, ctx, { orderNumber: 'ORD-2025-002' })
    expect(result).toMatchObject({
      ok: true,
      data: { isPaid: false, status: 'PENDING', instructions: { amount: 264_000, vaNumber: '8808123456789012' } },
    })
    const text = verifyPayment.render(result, 'id').text
    for (const part of ['Rp264.000', 'ORD-2025-002', 'BCA', '1234567890', '1400012345678', '8808 1234 5678 9012']) {
      expect(text).toContain(part)
    }
    expect(text).toContain('Bayar sebelum:')
    expect(verifyPayment.render(result, 'en').text).toContain('Bank Transfer Instructions')
  })

  it('explains cash on delivery for a COD order', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(verifyPayment, ctx, { orderNumber: 'ORD-2025-005' })
    expect(result).toMatchObject({ ok: true, data: { isPaid: false, method: 'cod' } })
    const text = verifyPayment.render(result, 'id').text
    expect(text).toContain('COD')
    expect(text).toContain('Rp71.000')
  })

  it("does not reveal another customer's payment", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(verifyPayment, ctx, { orderNumber: 'ORD-2025-002' })
    expect(result).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    const text = verifyPayment.render(result, 'id').text
    expect(text).toContain('tidak ditemukan')
    expect(text).not.toContain('8808')
    expect(JSON.stringify(result)).not.toContain('264')
  })

  it('asks an unverified sender to verify', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(verifyPayment, ctx, { orderNumber: 'ORD-2025-001' })
    expect(result).toMatchObject({ ok: false, error: { code: 'verification_required' } })
    expect(verifyPayment.render(result, 'en').text).toContain('verify')
  })
})

describe.each(testDbKinds)('verify_payment never asks for a settled or expired payment (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('past its deadline: names the deadline in WIB and gives no accounts, VA or "pay before"', async () => {
    const deadline = new Date('2026-12-07T05:00:00Z')
    await db.prisma.payment.updateMany({
      where: { order: { orderNumber: 'ORD-2025-002' } },
      data: { expiresAt: deadline },
    })
    const ctx = await createToolContext(db, { customerId: 'cust-adi', now: () => new Date('2026-12-07T05:00:01Z') })
    const result = await runTool(verifyPayment, ctx, { orderNumber: 'ORD-2025-002' })
    expect(result).toMatchObject({
      ok: true,
      data: { isPaid: false, status: 'PENDING', instructions: null, expiredAt: deadline.toISOString() },
    })
    const id = verifyPayment.render(result, 'id').text
    expect(id).toContain('sudah lewat (7 Desember 2026 12.00 WIB)')
    for (const gone of ['1400012345678', '8808', 'Bayar sebelum', 'Instruksi']) expect(id).not.toContain(gone)
    expect(verifyPayment.render(result, 'en').text).toContain('passed (7 December 2026 12:00 WIB)')

    // A minute before the deadline the same payment is still asked for, with that deadline.
    const early = await createToolContext(db, { customerId: 'cust-adi', now: () => new Date('2026-12-07T04:59:00Z') })
    const open = verifyPayment.render(await runTool(verifyPayment, early, { orderNumber: 'ORD-2025-002' }), 'id').text
    expect(open).toContain('Bayar sebelum: 7 Desember 2026 12.00 WIB')
    expect(open).toContain('8808 1234 5678 9012')
  })

  it('settled: says paid, with no instructions and no deadline', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi', now: () => new Date('2026-12-07T04:00:00Z') })
    await ctx.services.payments.recordGatewayStatus(
      'ORD-2025-002',
      { status: 'COMPLETED', rawStatus: 'settlement', grossAmount: 264_000, grossAmountText: '264000.00' },
      'test',
    )
    const result = await runTool(verifyPayment, ctx, { orderNumber: 'ORD-2025-002' })
    expect(result).toMatchObject({ ok: true, data: { isPaid: true, instructions: null, expiredAt: null } })
    const text = verifyPayment.render(result, 'id').text
    expect(text).toContain('Pembayaran Berhasil')
    for (const gone of ['Bayar sebelum', '1400012345678', '8808', 'sudah lewat']) expect(text).not.toContain(gone)
    const how = await ctx.services.payments.getPaymentInstructions('cust-adi', 'ORD-2025-002', 'id')
    expect(how.text).toContain('Pembayaran Berhasil')
    expect(how.text).not.toContain('Bayar sebelum')
  })
})
