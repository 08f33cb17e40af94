import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizePhone, phoneLastFour } from '../../../src/services/phone.ts'

describe('normalizePhone', () => {
  it.each([
    '081234567890',
    '6281234567890',
    '+6281234567890',
    '+62 812-3456-7890',
    '0812 3456 7890',
    '0812-3456-7890',
    '(0812) 3456.7890',
    '  +62 812 3456 7890  ',
    '0062 812 3456 7890',
  ])('%j → +6281234567890', (input) => {
    expect(normalizePhone(input)).toBe('+6281234567890')
  })

  it('keeps mobile numbers of every usual length', () => {
    expect(normalizePhone('0812345678')).toBe('+62812345678') // 10 digits
    expect(normalizePhone('0812345678901')).toBe('+62812345678901') // 13 digits
  })

  it.each([
    '021 5551234', // Jakarta landline
    '+62 21 5551234',
    '022-4201234',
    '+1 415 555 0100',
    '+44 7700 900123',
    '08123', // too short
    '08123456789012345', // too long
    '0812abc34567',
    'abc',
    '',
    '   ',
    '0812\'; DROP TABLE "Customer"; --',
    '0'.repeat(10_000),
    '+62+81234567890',
  ])('%j → null', (input) => {
    expect(normalizePhone(input)).toBeNull()
  })

  it('returns null for things that are not strings', () => {
    expect(normalizePhone(undefined)).toBeNull()
    expect(normalizePhone(81234567890)).toBeNull()
    expect(normalizePhone(null)).toBeNull()
  })

  it('always gives +628 followed by 8-11 digits, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const out = normalizePhone(text)
        if (out !== null) {
          expect(out).toMatch(/^\+628\d{8,11}$/)
          expect(normalizePhone(out)).toBe(out)
        }
      }),
    )
    fc.assert(
      fc.property(fc.stringMatching(/^8\d{8,11}$/), (body) => {
        expect(normalizePhone(`0${body}`)).toBe(`+62${body}`)
        expect(normalizePhone(`62${body}`)).toBe(`+62${body}`)
      }),
    )
  })
})

describe('phoneLastFour', () => {
  it('gives the last four digits', () => {
    expect(phoneLastFour('+6281234567890')).toBe('7890')
    expect(phoneLastFour('+62 812-3456-7890')).toBe('7890')
  })
})
