import { describe, expect, it } from 'vitest'
import {
  isManualRefund,
  mapMidtransStatus,
  midtransSignature,
  parseGrossAmount,
  verifyMidtransSignature,
} from '../../../src/gateways/midtrans-status.ts'

describe('mapMidtransStatus', () => {
  it.each([
    ['settlement', undefined, '200', 'COMPLETED'],
    ['capture', 'accept', '200', 'COMPLETED'],
    ['capture', 'challenge', '200', 'PENDING'],
    ['capture', 'deny', '200', 'FAILED'],
    ['pending', undefined, '201', 'PENDING'],
    ['authorize', 'accept', '200', 'PENDING'],
    ['deny', 'deny', '202', 'FAILED'],
    ['cancel', undefined, '200', 'CANCELLED'],
    ['expire', undefined, '407', 'EXPIRED'],
    ['expire', undefined, '202', 'EXPIRED'],
    ['refund', undefined, '200', 'REFUNDED'],
    ['partial_refund', undefined, '200', 'REFUND_PENDING'],
  ] as const)('%s (fraud %s, code %s) → %s', (transaction_status, fraud_status, status_code, expected) => {
    expect(mapMidtransStatus({ transaction_status, fraud_status, status_code })).toBe(expected)
  })

  it('never calls money received without status_code 200', () => {
    expect(mapMidtransStatus({ transaction_status: 'settlement', status_code: '201' })).toBe('PENDING')
    expect(mapMidtransStatus({ transaction_status: 'capture', fraud_status: 'accept', status_code: '201' })).toBe(
      'PENDING',
    )
  })

  it('keeps a capture without a fraud verdict pending', () => {
    expect(mapMidtransStatus({ transaction_status: 'capture', status_code: '200' })).toBe('PENDING')
    expect(mapMidtransStatus({ transaction_status: 'capture', fraud_status: null, status_code: '200' })).toBe('PENDING')
  })

  it('does not guess an unknown status', () => {
    expect(mapMidtransStatus({ transaction_status: 'chargeback', status_code: '200' })).toBeUndefined()
    expect(mapMidtransStatus({ transaction_status: 'SETTLEMENT', status_code: '200' })).toBeUndefined()
    expect(mapMidtransStatus({ transaction_status: '', status_code: '200' })).toBeUndefined()
  })
})

describe('isManualRefund', () => {
  // Midtrans' payment_type words, and our PaymentMethod values (bank_transfer, cod, e_wallet, credit_card).
  it.each(['bank_transfer', 'echannel', 'permata', 'cstore', 'cod'])('%s must be refunded by hand', (type) => {
    expect(isManualRefund(type)).toBe(true)
  })
  it.each(['credit_card', 'gopay', 'shopeepay', 'qris', 'akulaku', 'kredivo', 'e_wallet'])(
    '%s goes through the API',
    (type) => {
      expect(isManualRefund(type)).toBe(false)
    },
  )
  it('does not decide without a payment type', () => {
    expect(isManualRefund(undefined)).toBe(false)
  })
})

describe('parseGrossAmount', () => {
  it.each([
    ['264000.00', 264000],
    ['150000', 150000],
    ['71000.0', 71000],
    [' 139000.00 ', 139000],
    ['0.00', 0],
  ])('%j → %d', (text, rupiah) => {
    expect(parseGrossAmount(text)).toBe(rupiah)
  })

  it.each(['', 'abc', '264.000,00', '-5000.00', '1e6', '264000.50', '264000.001', '12.345.678'])(
    'rejects %j',
    (text) => {
      expect(parseGrossAmount(text)).toBeUndefined()
    },
  )
})

describe('verifyMidtransSignature', () => {
  const serverKey = 'SB-Mid-server-TEST-KEY-123'
  // Computed outside the code under test: printf '%s' 'ORD-2025-002200264000.00SB-Mid-server-TEST-KEY-123' | sha512sum
  const knownSignature =
    '61b63fa962758fb29bde2f993ec1629fb00f583e58d17b0cf4f873422581cd6f4464ed96da4c04ff36d0a49d96c3af06cdc9312ce498c886ab73bd27a28c4b2f'
  const body = {
    order_id: 'ORD-2025-002',
    status_code: '200',
    gross_amount: '264000.00',
    signature_key: knownSignature,
    transaction_status: 'settlement',
  }

  it('computes the documented SHA-512 over the raw strings', () => {
    expect(midtransSignature('ORD-2025-002', '200', '264000.00', serverKey)).toBe(knownSignature)
  })

  it('accepts a valid signature (any hex case)', () => {
    expect(verifyMidtransSignature(body, serverKey)).toBe(true)
    expect(verifyMidtransSignature({ ...body, signature_key: knownSignature.toUpperCase() }, serverKey)).toBe(true)
  })

  it('rejects a forged signature of the right length', () => {
    const forged = `${knownSignature.slice(0, -1)}${knownSignature.endsWith('f') ? 'e' : 'f'}`
    expect(verifyMidtransSignature({ ...body, signature_key: forged }, serverKey)).toBe(false)
    const otherKey = midtransSignature('ORD-2025-002', '200', '264000.00', 'SB-Mid-server-ATTACKER')
    expect(verifyMidtransSignature({ ...body, signature_key: otherKey }, serverKey)).toBe(false)
  })

  it('rejects signatures of the wrong length without throwing', () => {
    const wrong = ['', 'abc', knownSignature.slice(0, 64), `${knownSignature}00`, `${knownSignature.slice(0, 127)}é`]
    for (const signature_key of wrong) {
      expect(verifyMidtransSignature({ ...body, signature_key }, serverKey)).toBe(false)
    }
  })

  it('rejects a tampered gross_amount, status_code or order_id', () => {
    expect(verifyMidtransSignature({ ...body, gross_amount: '1000.00' }, serverKey)).toBe(false)
    // The same amount written differently is a different string: the check is over the raw body.
    expect(verifyMidtransSignature({ ...body, gross_amount: '264000' }, serverKey)).toBe(false)
    expect(verifyMidtransSignature({ ...body, status_code: '201' }, serverKey)).toBe(false)
    expect(verifyMidtransSignature({ ...body, order_id: 'ORD-2025-001' }, serverKey)).toBe(false)
  })

  it('rejects missing or non-string fields and an empty server key', () => {
    expect(verifyMidtransSignature({ ...body, gross_amount: 264000 }, serverKey)).toBe(false)
    expect(verifyMidtransSignature({ ...body, signature_key: undefined }, serverKey)).toBe(false)
    expect(verifyMidtransSignature({ ...body, order_id: null }, serverKey)).toBe(false)
    expect(verifyMidtransSignature(body, '')).toBe(false)
    expect(verifyMidtransSignature(body, 'SB-Mid-server-OTHER')).toBe(false)
  })
})
