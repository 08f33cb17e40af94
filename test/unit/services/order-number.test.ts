import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bareNumberCandidates,
  customerOrderNumber,
  findOrderNumbers,
  normalizeOrderNumber,
  orderNumberMentions,
} from '../../../src/services/order-number.ts'

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

  it("finds only numbers a service reads as themselves: canonical ORD-… ones, or the shop's own", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const n of findOrderNumbers(text)) {
          expect(customerOrderNumber(n)).toBe(n)
          const canonical = normalizeOrderNumber(n)
          if (canonical) expect(canonical).toBe(n)
        }
      }),
    )
  })
})

describe("the shop's own order numbers", () => {
  it.each([
    ['#1001', '1001'],
    ['5001', '5001'],
    [' # 5001 ', '5001'],
    ['pesanan 5001', '5001'],
    ['no. pesanan #5001', '5001'],
    ['order #1001', '1001'],
    ['INV/2026/001', 'INV/2026/001'],
    ['ord 2025 001', 'ORD-2025-001'],
    ['order ORD-2025-001', 'ORD-2025-001'],
  ])('customerOrderNumber(%j) is %j', (input, expected) => {
    expect(customerOrderNumber(input)).toBe(expected)
  })

  it.each(['', 'pembayaran', 'pesanan', '#', '5001 1234', "5001'; DROP TABLE", 'x'.repeat(200)])(
    'customerOrderNumber(%j) is no order number',
    (input) => {
      expect(customerOrderNumber(input)).toBeNull()
    },
  )

  it.each([
    ['cek pesanan #5001 dong', ['5001']],
    ['pesanan 5001 udah dikirim?', ['5001']],
    ['pesanan saya 5001', ['5001']],
    ['no. pesanan 5001', ['5001']],
    ['nomor pesanan: 12', ['12']],
    ['where is my order 5001?', ['5001']],
    ['order no. 1001', ['1001']],
    ['#1001, #1002.', ['1001', '1002']],
    ['invoice INV/2026/001 kak', ['INV/2026/001']],
    ['lacak ORD-2025-001 dan #5001', ['ORD-2025-001', '5001']],
  ])('finds the order numbers in %j', (text, expected) => {
    expect(findOrderNumbers(text)).toEqual(expected)
  })

  it.each([
    'ongkir ke 60111',
    'shipping cost to 60111 for 2 kg',
    'order 2 pcs kaos',
    'pesanan 12 pcs',
    'order 12',
    'verifikasi 5001 1234',
    '5001 sudah sampai?',
    'nomor hp saya 081234567890',
  ])("finds no order number in %j without the customer's own numbers", (text) => {
    expect(findOrderNumbers(text)).toEqual([])
  })

  it('finds a known number written bare, but not as a postal code, a quantity or an amount', () => {
    const known = ['5001', 'INV/2026/001']
    expect(findOrderNumbers('5001 sudah sampai?', known)).toEqual(['5001'])
    expect(findOrderNumbers('inv/2026/001 gimana', known)).toEqual(['INV/2026/001'])
    for (const text of ['ongkir ke 5001', 'kode pos 5001', 'beli 5001 pcs', 'Rp 5001', '50011', '15001', '5001.5'])
      expect(findOrderNumbers(text, known), text).toEqual([])
  })

  it('gives the span of each mention, a repeat included', () => {
    const text = 'pesanan #5001 atau 5001?'
    const mentions = orderNumberMentions(text, ['5001'])
    expect(mentions.map((m) => text.slice(m.index, m.index + m.length))).toEqual(['#5001', '5001'])
  })

  it("names the bare numbers worth looking up among the customer's orders", () => {
    expect(bareNumberCandidates('5001 sudah dikirim? ongkir ke 60111, 2 pcs, ORD-2025-001, Rp 5000')).toEqual(['5001'])
  })

  it('never throws and finds only well-formed numbers, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
        (text, known) => {
          for (const number of findOrderNumbers(text, known)) expect(customerOrderNumber(number)).toBe(number)
        },
      ),
    )
  })
})
