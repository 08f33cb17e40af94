import { describe, expect, it } from 'vitest'
import { parseVerificationCommand } from '../../../src/core/verification.ts'

describe('parseVerificationCommand', () => {
  it.each([
    ['verifikasi ORD-2025-001 7890', 'ORD-2025-001', '7890'],
    ['verify ORD 2025 001 7890', 'ORD-2025-001', '7890'],
    ['Verifikasi ord2025001 7890', 'ORD-2025-001', '7890'],
    ['/verify ORD-2025-001 7890', 'ORD-2025-001', '7890'],
    ['/verify@layan_bot ORD-2025-003, 1234', 'ORD-2025-003', '1234'],
    ['verif: #ORD-2025-004 5432.', 'ORD-2025-004', '5432'],
  ])('%s → %s / %s', (text, orderNumber, phoneLast4) => {
    expect(parseVerificationCommand(text)).toEqual({ kind: 'complete', orderNumber, phoneLast4 })
  })

  it.each(['verifikasi', '  Verify  ', '/verify', 'verifikasi ORD-2025-001'])('"%s" is incomplete', (text) => {
    expect(parseVerificationCommand(text)).toEqual({ kind: 'incomplete' })
  })

  it.each([
    'verifikasi pembayaran ORD-2025-002',
    'verify my payment please',
    'verifikasinya gimana kak?',
    'saya mau verifikasi ORD-2025-001 7890',
    'verifikasi ORD-2025-001 789',
    'verifikasi ORD-2025-001 78901',
    'Lacak pesanan ORD-2025-001',
    '',
  ])('"%s" is not a verification command', (text) => {
    expect(parseVerificationCommand(text)).toBeNull()
  })

  it('ignores very long text', () => {
    expect(parseVerificationCommand(`verifikasi ORD-2025-001 ${'x'.repeat(300)} 7890`)).toBeNull()
  })
})
