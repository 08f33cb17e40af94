import { describe, expect, it } from 'vitest'
import { type CustomerProfileData, customerProfile } from '../../../tools/customer-profile.ts'
import type { ToolResult } from '../../../tools/types.ts'

const siti: ToolResult<CustomerProfileData> = {
  ok: true,
  data: {
    name: 'Siti Rahma',
    maskedPhone: '+62812****5432',
    maskedEmail: 'si***@example.com',
    memberSince: '2025-09-01T00:00:00.000Z',
    orderCount: 2,
    totalSpent: 241_000,
  },
}

describe('get_customer_profile render', () => {
  it('shows name, masked phone, masked email, member since, orders and total spent (id)', () => {
    expect(customerProfile.render(siti, 'id').text).toBe(
      [
        '👤 **Profil Anda**',
        '',
        'Nama: Siti Rahma',
        'No. HP: +62812****5432',
        'Email: si***@example.com',
        'Member sejak: 1 September 2025',
        'Jumlah pesanan: 2',
        'Total belanja: Rp241.000',
      ].join('\n'),
    )
  })

  it('shows the same in English, with a dash for a missing email', () => {
    const noEmail = structuredClone(siti)
    if (noEmail.ok) noEmail.data.maskedEmail = null
    const text = customerProfile.render(noEmail, 'en').text
    expect(text).toContain('Name: Siti Rahma')
    expect(text).toContain('Phone: +62812****5432')
    expect(text).toContain('Email: -')
    expect(text).toContain('Member since: 1 September 2025')
    expect(text).toContain('Number of orders: 2')
    expect(text).toContain('Total spent: Rp241.000')
  })

  it('asks an unverified sender to verify', () => {
    const result: ToolResult<CustomerProfileData> = { ok: false, error: { code: 'verification_required', message: '' } }
    expect(customerProfile.render(result, 'id').text).toContain('verifikasi')
    expect(customerProfile.render(result, 'en').text).toContain('verify')
  })
})
