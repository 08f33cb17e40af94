import { describe, expect, it } from 'vitest'
import type { ToolResult } from '../../../tools/types.ts'
import { formatVaNumber, type VerifyPaymentData, verifyPayment } from '../../../tools/verify-payment.ts'

const paid: ToolResult<VerifyPaymentData> = {
  ok: true,
  data: {
    orderNumber: 'ORD-2025-001',
    orderStatus: 'SHIPPED',
    isPaid: true,
    status: 'COMPLETED',
    method: 'bank_transfer',
    provider: 'BCA',
    amount: 150_000,
    paidAt: '2025-11-20T08:30:00.000Z',
    stale: false,
    instructions: null,
    expiredAt: null,
  },
}

const bankAccounts = [
  { bank: 'BCA', number: '1234567890', holder: 'PT UrbanStyle Indonesia' },
  { bank: 'Mandiri', number: '1400012345678', holder: 'PT UrbanStyle Indonesia' },
]

const unpaid: ToolResult<VerifyPaymentData> = {
  ok: true,
  data: {
    orderNumber: 'ORD-2025-002',
    orderStatus: 'PENDING',
    isPaid: false,
    status: 'PENDING',
    method: 'bank_transfer',
    provider: 'BCA',
    amount: 264_000,
    paidAt: null,
    stale: false,
    instructions: {
      amount: 264_000,
      method: 'bank_transfer',
      provider: 'BCA',
      vaNumber: '8808123456789012',
      expiresAt: '2025-11-26T08:30:00.000Z',
      bankAccounts,
    },
    expiredAt: null,
  },
}

function withInstructions(method: 'e_wallet' | 'cod' | 'credit_card', provider: string | null) {
  const copy = structuredClone(unpaid)
  if (copy.ok && copy.data.instructions) {
    copy.data.method = method
    copy.data.provider = provider
    copy.data.instructions = { ...copy.data.instructions, method, provider, vaNumber: null, bankAccounts: [] }
  }
  return copy
}

describe('verify_payment render', () => {
  it('renders a paid order exactly like the seed document', () => {
    expect(verifyPayment.render(paid, 'id')).toEqual({
      text: '✅ Status Pembayaran: Pembayaran Berhasil\n\nMetode: Transfer Bank\nJumlah: Rp150.000\nDibayar: 20 November 2025',
    })
    expect(verifyPayment.render(paid, 'en').text).toBe(
      '✅ Payment Status: Payment Successful\n\nMethod: Bank Transfer\nAmount: Rp150.000\nPaid: 20 November 2025',
    )
  })

  it('names the wallet for an e-wallet payment', () => {
    const gopay = structuredClone(paid)
    if (gopay.ok) Object.assign(gopay.data, { method: 'e_wallet', provider: 'GoPay' })
    expect(verifyPayment.render(gopay, 'id').text).toContain('Metode: E-Wallet (GoPay)')
  })

  it('gives bank-transfer instructions for an unpaid order: amount, reference, accounts, VA, deadline', () => {
    const text = verifyPayment.render(unpaid, 'id').text
    expect(text).toContain('⏳ Status Pembayaran: Menunggu Pembayaran')
    expect(text).toContain('Pesanan ORD-2025-002 belum dibayar.')
    expect(text).toContain('Jumlah: Rp264.000')
    expect(text).toContain('Referensi: ORD-2025-002')
    expect(text).toContain('- BCA: 1234567890 a.n. PT UrbanStyle Indonesia')
    expect(text).toContain('- Mandiri: 1400012345678 a.n. PT UrbanStyle Indonesia')
    expect(text).toContain('Virtual Account BCA: 8808 1234 5678 9012')
    expect(text).toContain('Bayar sebelum: 26 November 2025 15.30 WIB')
    expect(text).not.toContain('Dibayar:')
  })

  it('gives the same instructions in English', () => {
    const text = verifyPayment.render(unpaid, 'en').text
    expect(text).toContain('Order ORD-2025-002 has not been paid yet.')
    expect(text).toContain('Amount: Rp264.000')
    expect(text).toContain('Reference: ORD-2025-002')
    expect(text).toContain('BCA: 1234567890')
    expect(text).toContain('BCA Virtual Account: 8808 1234 5678 9012')
    expect(text).toContain('Pay before: 26 November 2025 15:30 WIB')
  })

  it('explains cash on delivery, e-wallet and card payments', () => {
    const cod = verifyPayment.render(withInstructions('cod', null), 'id').text
    expect(cod).toContain('Bayar di Tempat (COD)')
    expect(cod).toContain('Rp264.000')
    expect(cod).not.toContain('rekening')
    expect(verifyPayment.render(withInstructions('cod', null), 'en').text).toContain('Cash on Delivery')
    expect(verifyPayment.render(withInstructions('e_wallet', 'OVO'), 'id').text).toContain('aplikasi OVO')
    expect(verifyPayment.render(withInstructions('e_wallet', 'OVO'), 'en').text).toContain('your OVO app')
    expect(verifyPayment.render(withInstructions('credit_card', null), 'id').text).toContain('Kartu Kredit')
    expect(verifyPayment.render(withInstructions('credit_card', null), 'en').text).toContain('Credit Card')
  })

  it('shows other statuses with their label', () => {
    const refund = structuredClone(paid)
    if (refund.ok) refund.data.status = 'REFUND_PENDING'
    expect(verifyPayment.render(refund, 'id').text).toContain('Pengembalian Dana Diproses')
    expect(verifyPayment.render(refund, 'en').text).toContain('Refund in Progress')
  })

  it('notes when the gateway could not be asked', () => {
    const stale = structuredClone(unpaid)
    if (stale.ok) stale.data.stale = true
    expect(verifyPayment.render(stale, 'id').text).toContain('layanan pembayaran sedang tidak bisa dihubungi')
    expect(verifyPayment.render(stale, 'en').text).toContain('payment service cannot be reached')
  })

  it('handles errors: no payment, unknown order, unverified sender', () => {
    const noPayment: ToolResult<VerifyPaymentData> = {
      ok: false,
      error: { code: 'payment_not_found', message: '', details: { orderNumber: 'ORD-2025-009' } },
    }
    expect(verifyPayment.render(noPayment, 'id').text).toBe('Belum ada data pembayaran untuk pesanan ORD-2025-009.')
    expect(verifyPayment.render(noPayment, 'en').text).toContain('no payment record for order ORD-2025-009')
    const notFound: ToolResult<VerifyPaymentData> = {
      ok: false,
      error: { code: 'order_not_found', message: '', details: { orderNumber: 'ORD-2099-999' } },
    }
    expect(verifyPayment.render(notFound, 'id').text).toContain('Pesanan ORD-2099-999 tidak ditemukan')
    const unverified: ToolResult<VerifyPaymentData> = {
      ok: false,
      error: { code: 'verification_required', message: '' },
    }
    expect(verifyPayment.render(unverified, 'id').text).toContain('verifikasi')
    expect(verifyPayment.render(unverified, 'en').text).toContain('verify')
  })
})

describe('formatVaNumber', () => {
  it('groups digits by four and leaves anything else alone', () => {
    expect(formatVaNumber('8808123456789012')).toBe('8808 1234 5678 9012')
    expect(formatVaNumber('123456')).toBe('1234 56')
    expect(formatVaNumber('AB-12')).toBe('AB-12')
  })
})
