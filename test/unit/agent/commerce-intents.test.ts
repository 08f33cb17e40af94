import { describe, expect, it } from 'vitest'
import { detectIntent } from '../../../src/agent/intents.ts'

describe('shipping-cost questions that name a destination go to quote_shipping', () => {
  it.each([
    ['ongkir ke Surabaya berapa kak?', { destination: 'Surabaya' }],
    ['how much is shipping to Medan?', { destination: 'Medan' }],
    ['ongkir 40135 brp', { destination: '40135' }],
    ['cek ongkir ke 40135 dong', { destination: '40135' }],
    ['shipping cost to 60111 for 2 kg', { destination: '60111', weightGrams: 2000 }],
    ['ongkir 1,5 kg ke Depok', { destination: 'Depok', weightGrams: 1500 }],
    ['berapa ongkir ke kab. jayawijaya', { destination: 'kab. jayawijaya' }],
    ['ongkos kirim ke Sukajadi, Bandung?', { destination: 'Sukajadi, Bandung' }],
    ['What is the delivery fee to Sukajadi?', { destination: 'Sukajadi' }],
    ['How much is the shipping cost to Gubeng, Surabaya?', { destination: 'Gubeng, Surabaya' }],
    ['Saya mau kirim ke Bandung, ongkirnya berapa?', { destination: 'Bandung' }],
    ['ongkir ORD-2025-001 ke Medan', { destination: 'Medan', orderNumber: 'ORD-2025-001' }],
    [
      'ongkir kaos crewneck M ke Surabaya berapa?',
      { destination: 'Surabaya', items: [{ product: 'kaos crewneck', size: 'M' }] },
    ],
    ['shipping fee for the denim jacket to Bali', { destination: 'Bali', items: [{ product: 'denim jacket' }] }],
  ])('%j → %j', (text, quote) => {
    expect(detectIntent(text)).toMatchObject({ intent: 'shipping_quote', quote })
    expect(detectIntent(text).quote).toEqual(quote)
  })

  it('quotes the place named even with another order in the conversation', () => {
    const detected = detectIntent('berapa ongkir ke Surabaya?', { lastOrderNumber: 'ORD-2025-001' })
    expect(detected).toMatchObject({ intent: 'shipping_quote', quote: { destination: 'Surabaya' } })
    expect(detected.orderNumber).toBeUndefined()
  })

  it.each([
    ['ongkir berapa?', 'shipping-cost'],
    ['gratis ongkir minimal belanja berapa?', 'shipping-cost'],
    ['kirim ke Surabaya berapa lama?', 'shipping-times'],
  ])('%j names no destination: the FAQ answers it (%s)', (text, faqTopic) => {
    expect(detectIntent(text)).toMatchObject({ intent: 'faq', faqTopic })
  })

  it('finds the shipping-cost question at the end of a long message', () => {
    const filler = 'Cuaca di kota saya cerah sekali dan kucing saya tidur di teras rumah sepanjang siang. '
    const question = `Halo! ${filler.repeat(30)}Berapa ongkir ke Medan?\n${filler.repeat(3)}`
    expect(detectIntent(question)).toMatchObject({ intent: 'shipping_quote', quote: { destination: 'Medan' } })
  })
})

describe('a wish to hear when a size is back goes to notify_back_in_stock', () => {
  it.each([
    ['kabari saya kalau DRESS-001-M ready ya', { sku: 'DRESS-001-M' }],
    ['please notify me when DRESS-001 S is back', { sku: 'DRESS-001-S' }],
    ['kabarin kalau dress-001 ada lagi', { product: 'DRESS-001' }],
    ['let me know when KAOS-001-XL is restocked', { sku: 'KAOS-001-XL' }],
  ])('%j → %j', (text, restock) => {
    expect(detectIntent(text)).toMatchObject({ intent: 'restock', restock })
  })

  it('needs a product code: names in free words are left to the stock answer', () => {
    expect(detectIntent('kabari kalau dress floral M ada').intent).not.toBe('restock')
  })
})

describe('a request for a payment link goes to payment_link', () => {
  it.each([
    ['kirim link bayarnya dong ORD-2025-002', 'ORD-2025-002'],
    ['Could you send me the payment link for ORD-2025-002 please?', 'ORD-2025-002'],
    ['minta link pembayaran ORD-2025-001', 'ORD-2025-001'],
  ])('%j → %s', (text, orderNumber) => {
    expect(detectIntent(text)).toMatchObject({ intent: 'payment_link', orderNumber })
  })

  it('takes the order in the conversation when none is written', () => {
    expect(detectIntent('payment link please', { lastOrderNumber: 'ORD-2025-002' })).toMatchObject({
      intent: 'payment_link',
      orderNumber: 'ORD-2025-002',
      orderFromContext: true,
    })
  })

  it('names no order without one written or in the conversation', () => {
    const detected = detectIntent('kirim link bayar dong')
    expect(detected.intent).toBe('payment_link')
    expect(detected.orderNumber).toBeUndefined()
  })
})
