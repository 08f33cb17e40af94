import { describe, expect, it } from 'vitest'
import { type CancelOrderData, cancelOrder } from '../../../tools/cancel-order.ts'
import type { ToolResult } from '../../../tools/types.ts'

const token = 'a'.repeat(43)

const pending: ToolResult<CancelOrderData> = {
  ok: true,
  data: {
    awaitingConfirmation: true,
    orderNumber: 'ORD-2025-002',
    status: 'PENDING',
    totalAmount: 264_000,
    items: [{ name: 'Jaket Denim Oversize', size: 'L', quantity: 1 }],
    paymentStatus: 'PENDING',
    paymentMethod: 'bank_transfer',
    refund: null,
    expiresAt: '2025-11-25T03:10:00.000Z',
  },
  confirmation: { token, expiresAt: '2025-11-25T03:10:00.000Z' },
}

const notCancellable = (status: string): ToolResult<CancelOrderData> => ({
  ok: false,
  error: { code: 'not_cancellable', message: '', details: { orderNumber: 'ORD-2025-001', status } },
})

describe('cancel_order render', () => {
  it('asks for confirmation with "Ya, batalkan" / "Tidak" buttons carrying the token', () => {
    const reply = cancelOrder.render(pending, 'id')
    expect(reply.text).toContain('⚠️ **Konfirmasi Pembatalan**')
    expect(reply.text).toContain('Anda akan membatalkan pesanan ORD-2025-002 (Menunggu Pembayaran, total Rp264.000):')
    expect(reply.text).toContain('- Jaket Denim Oversize (L) x1')
    expect(reply.text).toContain('10 menit')
    expect(reply.text).not.toContain('telah dibatalkan')
    expect(reply.buttons).toEqual([
      { label: 'Ya, batalkan', action: { kind: 'confirm', token } },
      { label: 'Tidak', action: { kind: 'reject', token } },
    ])
  })

  it('asks in English with "Yes, cancel" / "No"', () => {
    const reply = cancelOrder.render(pending, 'en')
    expect(reply.text).toContain('You are about to cancel order ORD-2025-002 (Awaiting Payment, total Rp264.000):')
    expect(reply.buttons?.map((b) => b.label)).toEqual(['Yes, cancel', 'No'])
  })

  it('mentions the refund of a paid order, manual for bank transfers', () => {
    const paid = structuredClone(pending)
    if (paid.ok) paid.data.refund = { amount: 170_000, manual: false }
    expect(cancelOrder.render(paid, 'id').text).toContain('Pembayaran Anda sebesar Rp170.000 akan dikembalikan')
    expect(cancelOrder.render(paid, 'en').text).toContain('Your payment of Rp170.000 will be refunded')
    if (paid.ok) paid.data.refund = { amount: 170_000, manual: true }
    expect(cancelOrder.render(paid, 'id').text).toContain('secara manual')
  })

  it('refuses a shipped order saying it was already "dikirim", offering a human, without buttons', () => {
    const reply = cancelOrder.render(notCancellable('SHIPPED'), 'id')
    expect(reply.text).toContain('pesanan ORD-2025-001 sudah dikirim')
    expect(reply.text).toContain('bicara dengan CS')
    expect(reply.buttons).toBeUndefined()
    const en = cancelOrder.render(notCancellable('SHIPPED'), 'en')
    expect(en.text).toContain('already been shipped')
    expect(en.text).toContain('talk to a human')
  })

  it('refuses a delivered order saying it was already "sudah diterima"', () => {
    const reply = cancelOrder.render(notCancellable('DELIVERED'), 'id')
    expect(reply.text).toContain('sudah diterima')
    expect(reply.text).toContain('bicara dengan CS')
    expect(cancelOrder.render(notCancellable('DELIVERED'), 'en').text).toContain('already been delivered')
  })

  it('says an already cancelled order was cancelled before', () => {
    expect(cancelOrder.render(notCancellable('CANCELLED'), 'id').text).toBe(
      'Pesanan ORD-2025-001 sudah dibatalkan sebelumnya.',
    )
    expect(cancelOrder.render(notCancellable('CANCELLED'), 'en').text).toBe('Order ORD-2025-001 was already cancelled.')
  })

  it('handles an unknown order and a too long reason', () => {
    const notFound: ToolResult<CancelOrderData> = {
      ok: false,
      error: { code: 'order_not_found', message: '', details: { orderNumber: 'ORD-2099-999' } },
    }
    expect(cancelOrder.render(notFound, 'id').text).toContain('Pesanan ORD-2099-999 tidak ditemukan')
    expect(cancelOrder.render(notFound, 'id').buttons).toBeUndefined()
    const longReason: ToolResult<CancelOrderData> = {
      ok: false,
      error: { code: 'invalid_input', message: '', details: { field: 'reason' } },
    }
    expect(cancelOrder.render(longReason, 'id').text).toContain('500 karakter')
    expect(cancelOrder.render(longReason, 'en').text).toContain('500 characters')
  })

  it('asks an unverified sender to verify', () => {
    const result: ToolResult<CancelOrderData> = { ok: false, error: { code: 'verification_required', message: '' } }
    expect(cancelOrder.render(result, 'id').text).toContain('verifikasi')
    expect(cancelOrder.render(result, 'en').text).toContain('verify')
  })
})
