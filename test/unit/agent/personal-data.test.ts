import { describe, expect, it } from 'vitest'
import { createMasker } from '../../../src/agent/personal-data.ts'

describe('masking personal data for the model', () => {
  it.each([
    ['hp saya 081234567890', 'hp saya [phone-1]'],
    ['HP: +62 812-3456-7890.', 'HP: [phone-1].'],
    ['wa 62 812 3456 7890 ya', 'wa [phone-1] ya'],
    ['call +65 9123 4567', 'call [phone-1]'],
    ['email Adi.M+shop@Mail.co.id dong', 'email [email-1] dong'],
  ])('%s', (text, masked) => {
    expect(createMasker().mask(text)).toBe(masked)
  })

  it.each([
    'ORD-2025-001 7890',
    'resi JNE123456789',
    'Rp1.500.000',
    'VA 8808 1234 5678 9012',
    'dibayar 2025-11-20T15:30:00+07:00',
    'ORD-2025-001 dan ORD 2025 002',
  ])('leaves %s alone', (text) => {
    expect(createMasker().mask(text)).toBe(text)
  })

  it('gives one value one placeholder, in order, and restores them in text and tool inputs', () => {
    const masker = createMasker()
    expect(masker.mask('0812-3456-7890 atau 081234567890 atau 081299998888, a@b.id')).toBe(
      '[phone-1] atau [phone-1] atau [phone-2], [email-1]',
    )
    expect(masker.restore('kirim ke [phone-2] / [email-1] / [phone-9]')).toBe(
      'kirim ke 081299998888 / a@b.id / [phone-9]',
    )
    expect(masker.restoreDeep({ orderNumber: 'ORD-2025-002', newAddress: 'Jl. X, HP [phone-1]', n: 2 })).toEqual({
      orderNumber: 'ORD-2025-002',
      newAddress: 'Jl. X, HP 0812-3456-7890',
      n: 2,
    })
    expect(masker.count).toBe(3)
  })
})
