import { describe, expect, it } from 'vitest'
import { parseVerificationCommand } from '../../../src/core/verification.ts'

describe('parseVerificationCommand', () => {
  it.each([
    ['verifikasi ORD-2025-001 7890', 'ORD-2025-001', '7890', 'id'],
    ['verify ORD 2025 001 7890', 'ORD-2025-001', '7890', 'en'],
    ['Verifikasi ord2025001 7890', 'ORD-2025-001', '7890', 'id'],
    ['/verify ORD-2025-001 7890', 'ORD-2025-001', '7890', 'en'],
    ['/verify@layan_bot ORD-2025-003, 1234', 'ORD-2025-003', '1234', 'en'],
    ['verif: #ORD-2025-004 5432.', 'ORD-2025-004', '5432', null],
    // The shop's own numbers: the four digits at the end are always the phone's, even after a four-digit order.
    ['verifikasi 5001 1234', '5001', '1234', 'id'],
    ['verify #1001 7890', '1001', '7890', 'en'],
    ['verifikasi pesanan 5001 1234', '5001', '1234', 'id'],
    ['verifikasi no. pesanan #5001, 1234', '5001', '1234', 'id'],
    ['verify order #1001 7890', '1001', '7890', 'en'],
    ['verifikasi INV/2026/001 1234', 'INV/2026/001', '1234', 'id'],
  ])('%s → %s / %s (%s)', (text, orderNumber, phoneLast4, locale) => {
    expect(parseVerificationCommand(text)).toEqual({ kind: 'complete', orderNumber, phoneLast4, locale })
  })

  it.each([
    ['verifikasi', 'id'],
    ['  Verify  ', 'en'],
    ['/verify', 'en'],
    ['verifikasi ORD-2025-001', 'id'],
    ['verifikasi 5001', 'id'],
    ['verify #1001', 'en'],
    // A whole phone number is neither an order number nor its last four digits: no try is counted.
    ['verifikasi 0812-3456-7890', 'id'],
    ['verify +62 812 3456 7890', 'en'],
    ['verifikasi 081234567890', 'id'],
  ])('"%s" is incomplete', (text, locale) => {
    expect(parseVerificationCommand(text)).toEqual({ kind: 'incomplete', locale })
  })

  it.each([
    'verifikasi pembayaran ORD-2025-002',
    'verify my payment please',
    'verifikasinya gimana kak?',
    'saya mau verifikasi ORD-2025-001 7890',
    'verifikasi ORD-2025-001 789',
    'verifikasi ORD-2025-001 78901',
    'verifikasi pembayaran 5001',
    'verifikasi pembayaran',
    'verify my order please',
    'Lacak pesanan ORD-2025-001',
    '',
  ])('"%s" is not a verification command', (text) => {
    expect(parseVerificationCommand(text)).toBeNull()
  })

  it('ignores very long text', () => {
    expect(parseVerificationCommand(`verifikasi ORD-2025-001 ${'x'.repeat(300)} 7890`)).toBeNull()
  })
})
