import { describe, expect, it } from 'vitest'
import { type OrderSummaryData, orderSummary } from '../../../tools/order-summary.ts'
import type { ToolResult } from '../../../tools/types.ts'

const adi: ToolResult<OrderSummaryData> = {
  ok: true,
  data: {
    totalOrders: 3,
    activeOrders: 2,
    totalSpent: 553_000,
    recentOrders: [
      { orderNumber: 'ORD-2025-002', status: 'PENDING', totalAmount: 264_000, createdAt: '2025-11-25T03:00:00.000Z' },
      { orderNumber: 'ORD-2025-001', status: 'SHIPPED', totalAmount: 150_000, createdAt: '2025-11-20T03:00:00.000Z' },
      { orderNumber: 'ORD-2025-003', status: 'DELIVERED', totalAmount: 139_000, createdAt: '2025-10-01T05:00:00.000Z' },
    ],
  },
}

describe('get_order_summary render', () => {
  it('shows totals and each recent order with number, status and Rupiah (id)', () => {
    expect(orderSummary.render(adi, 'id').text).toBe(
      [
        '📋 **Ringkasan Pesanan Anda**',
        '',
        'Total pesanan: 3',
        'Pesanan aktif: 2',
        'Total belanja: Rp553.000',
        '',
        'Pesanan terbaru:',
        '- ORD-2025-002 · ⏳ Menunggu Pembayaran · Rp264.000 · 25 November 2025',
        '- ORD-2025-001 · 🚚 Dikirim · Rp150.000 · 20 November 2025',
        '- ORD-2025-003 · ✅ Terkirim · Rp139.000 · 1 Oktober 2025',
      ].join('\n'),
    )
  })

  it('shows the same in English', () => {
    const text = orderSummary.render(adi, 'en').text
    expect(text).toContain('Total orders: 3')
    expect(text).toContain('Active orders: 2')
    expect(text).toContain('Total spent: Rp553.000')
    expect(text).toContain('- ORD-2025-001 · 🚚 Shipped · Rp150.000 · 20 November 2025')
    expect(text).toContain('1 October 2025')
  })

  it('says 0 orders for a customer without any', () => {
    const none: ToolResult<OrderSummaryData> = {
      ok: true,
      data: { totalOrders: 0, activeOrders: 0, totalSpent: 0, recentOrders: [] },
    }
    const id = orderSummary.render(none, 'id').text
    expect(id).toContain('Total pesanan: 0')
    expect(id).toContain('Anda belum memiliki pesanan.')
    expect(id).not.toContain('Pesanan terbaru')
    expect(orderSummary.render(none, 'en').text).toContain('You have no orders yet.')
  })

  it('asks an unverified sender to verify', () => {
    const result: ToolResult<OrderSummaryData> = { ok: false, error: { code: 'verification_required', message: '' } }
    expect(orderSummary.render(result, 'id').text).toContain('verifikasi')
    expect(orderSummary.render(result, 'en').text).toContain('verify')
  })
})
