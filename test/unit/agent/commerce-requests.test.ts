import { describe, expect, it } from 'vitest'
import { shippingQuoteRequest } from '../../../src/agent/commerce-requests.ts'

describe('shipping-cost questions the rule agent sends to quote_shipping', () => {
  it.each([
    ['ongkir ke Surabaya berapa kak?', { destination: 'Surabaya' }],
    ['how much is shipping to Medan?', { destination: 'Medan' }],
    ['ongkir 40135 brp', { destination: '40135' }],
    ['shipping cost to 60111 for 2 kg', { destination: '60111', weightGrams: 2000 }],
    ['ongkir 1,5 kg ke Depok', { destination: 'Depok', weightGrams: 1500 }],
    ['berapa ongkir ke kab. jayawijaya', { destination: 'kab. jayawijaya' }],
    ['ongkos kirim ke Sukajadi, Bandung?', { destination: 'Sukajadi, Bandung' }],
    ['ongkir ORD-2025-001 ke Medan', { destination: 'Medan', orderNumber: 'ORD-2025-001' }],
    [
      'ongkir kaos crewneck M ke Surabaya berapa?',
      { destination: 'Surabaya', items: [{ product: 'kaos crewneck', size: 'M' }] },
    ],
    ['shipping fee for the denim jacket to Bali', { destination: 'Bali', items: [{ product: 'denim jacket' }] }],
  ])('%j → %j', (text, expected) => {
    expect(shippingQuoteRequest(text)).toEqual(expected)
  })

  it.each(['ongkir berapa?', 'gratis ongkir minimal belanja berapa?', 'kirim ke Surabaya berapa lama?', 'halo kak'])(
    '%j is left to the other answers',
    (text) => {
      expect(shippingQuoteRequest(text)).toBeNull()
    },
  )
})
