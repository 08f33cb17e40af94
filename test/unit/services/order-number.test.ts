import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findOrderNumbers, normalizeOrderNumber } from '../../../src/services/order-number.ts'

describe('normalizeOrderNumber', () => {
  it.each([
    'ORD-2025-001',
    'ord-2025-001',
    'ORD 2025 001',
    'ord2025001',
    '#ORD-2025-001',
    '  #ord 2025-001  ',
    'Ord_2025_001',
    'ORD–2025–001', // en dashes, as phone keyboards type them
    'ORD - 2025 - 001',
  ])('reads %j as ORD-2025-001', (input) => {
    expect(normalizeOrderNumber(input)).toBe('ORD-2025-001')
  })

  it('keeps longer sequence numbers as written', () => {
    expect(normalizeOrderNumber('ord-2026-1234')).toBe('ORD-2026-1234')
    expect(normalizeOrderNumber('ORD2026000123')).toBe('ORD-2026-000123')
  })

  it.each([
    '',
    '   ',
    'ORD',
    'ORD-2025',
    'ORD-2025-01',
    'ORD-25-001',
    'ORD-2025-0000001',
    'ORX-2025-001',
    'pesanan ORD-2025-001',
    'ORD-2025-001 tolong',
    'ORD-2025-001x',
    '##ORD-2025-001',
    'ORD-2025-001\'; DROP TABLE "Order";--',
    `ORD-2025-001${' '.repeat(60)}`,
    'x'.repeat(10_000),
  ])('refuses %j', (input) => {
    expect(normalizeOrderNumber(input)).toBeNull()
  })

  it('refuses values that are not strings', () => {
    expect(normalizeOrderNumber(undefined as unknown as string)).toBeNull()
    expect(normalizeOrderNumber(2025001 as unknown as string)).toBeNull()
  })

  it('gives canonical numbers back unchanged and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom('-', ' ', '', '_', ' - '),
        fc.constantFrom('ORD', 'ord', 'Ord', '#ORD', '#ord'),
        (year, seq, sep, prefix) => {
          const digits = String(seq).padStart(3, '0')
          const canonical = `ORD-${year}-${digits}`
          const loose = `${prefix}${sep}${year}${sep}${digits}`
          expect(normalizeOrderNumber(loose)).toBe(canonical)
          expect(normalizeOrderNumber(canonical)).toBe(canonical)
        },
      ),
    )
  })

  it('never throws and only ever answers a canonical number, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const out = normalizeOrderNumber(input)
        if (out !== null) expect(out).toMatch(/^ORD-\d{4}-\d{3,6}$/)
      }),
    )
  })
})

describe('findOrderNumbers', () => {
  it('finds every loosely written number in free text, normalized, in order, once each', () => {
    const text = 'Kak, cek ord2025003 dong, sama #ORD-2025-001. Eh ORD 2025 003 juga ya, dan ord–2025–002!'
    expect(findOrderNumbers(text)).toEqual(['ORD-2025-003', 'ORD-2025-001', 'ORD-2025-002'])
  })

  it('finds numbers at the start, at the end and next to punctuation', () => {
    expect(findOrderNumbers('ORD-2025-001')).toEqual(['ORD-2025-001'])
    expect(findOrderNumbers('(ORD-2025-004),ORD-2025-005?')).toEqual(['ORD-2025-004', 'ORD-2025-005'])
    expect(findOrderNumbers('Where is my order ORD-2025-001?')).toEqual(['ORD-2025-001'])
  })

  it('ignores look-alikes inside words and numbers with too many digits', () => {
    expect(findOrderNumbers('record2025001 and wordORD-2025-001')).toEqual([])
    expect(findOrderNumbers('ORD-2025-0000001 ORD-202-001 ORD-2025-01')).toEqual([])
    expect(findOrderNumbers('tidak ada nomor pesanan di sini')).toEqual([])
    expect(findOrderNumbers('')).toEqual([])
  })

  it('stays fast on long hostile input', () => {
    const hostile = `${'ORD-'.repeat(5_000)}${'9'.repeat(5_000)} ${'ORD 2025 '.repeat(2_000)}ORD-2025-777`
    const started = performance.now()
    expect(findOrderNumbers(hostile)).toEqual(['ORD-2025-777'])
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('agrees with normalizeOrderNumber on every number it finds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const n of findOrderNumbers(text)) expect(normalizeOrderNumber(n)).toBe(n)
      }),
    )
  })
})
