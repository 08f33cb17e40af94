import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createBiteshipRatesGateway } from '../../../src/gateways/rates-biteship.ts'
import { quoteShipping } from '../../../tools/quote-shipping.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'
import { createToolContext } from '../../helpers/tool-context.ts'
import { createFakeBiteship, fakeBiteshipBaseUrl, pricing } from '../../msw/biteship.ts'

const apiKey = 'biteship_test.KEY-123'
const biteship = createFakeBiteship({ apiKey })
const server = setupServer(...biteship.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => biteship.reset())
afterAll(() => server.close())

const quoteOf = (result: Awaited<ReturnType<typeof runTool>>) => {
  if (!result.ok) throw new Error(`tool failed: ${result.error.code}`)
  return result.data as Extract<import('../../../src/services/shipping-quote.ts').QuoteResult, { kind: 'quote' }>
}

describe.each(testDbKinds)('quote_shipping offline, on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('quotes a free-text city for a product and size, weighing the product, cheapest and fastest first', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(quoteShipping, ctx, {
      destination: 'Surabaya',
      items: [{ product: 'kaos basic crewneck', size: 'M', quantity: 2 }],
    })
    const quote = quoteOf(result)
    expect(quote).toMatchObject({
      kind: 'quote',
      destination: 'Kota Surabaya, Jawa Timur',
      estimates: true,
      weightGrams: 400,
      weightSource: 'items',
      goodsValue: 158_000,
      freeShipping: false,
    })
    expect(quote.cheapest).toMatchObject({ courierName: 'SiCepat', serviceName: 'REG', price: 14_000, minDays: 2 })
    expect(quote.fastest.maxDays).toBeLessThan(quote.cheapest.maxDays)
    const prices = quote.options.map((o) => o.price)
    expect(prices).toEqual([...prices].sort((a, b) => a - b))
    const text = quoteShipping.render(result, 'id').text
    expect(text).toContain('🚚 Ongkir ke Kota Surabaya, Jawa Timur')
    expect(text).toContain('Berat paket: 400 g (dihitung 1 kg)')
    expect(text).toContain('💸 Termurah: SiCepat REG: Rp14.000 (2–4 hari)')
    expect(text).toContain('⚡ Tercepat: JNE YES: Rp27.000 (1 hari)')
    expect(text).toContain('perkiraan')
    expect(text).toContain('gratis ongkir mulai di atas Rp300.000')
  })

  it('quotes a postal code and a remote regency, and says 1 kg when nothing is weighed', async () => {
    const ctx = await createToolContext(db, { locale: 'en' })
    const postal = quoteOf(await runTool(quoteShipping, ctx, { destination: '60111' }))
    expect(postal).toMatchObject({ destination: '60111 (Jawa Timur)', weightGrams: 1000, weightSource: 'default' })
    expect(postal.cheapest.price).toBe(14_000)

    const remote = await runTool(quoteShipping, ctx, { destination: 'Kabupaten Jayawijaya' })
    const quote = quoteOf(remote)
    expect(quote.destination).toBe('Kabupaten Jayawijaya, Papua Pegunungan')
    expect(quote.cheapest.price).toBe(60_000)
    // No express service reaches the remote zone: only regular services, 5–7 days.
    expect(quote.options.every((o) => o.minDays === 5 && o.maxDays === 7)).toBe(true)
    const text = quoteShipping.render(remote, 'en').text
    expect(text).toContain('The parcel is taken as 1 kg')
    expect(text).toContain('Free shipping on orders over Rp300.000')
    expect(text).toContain('estimates')
  })

  it('asks which place is meant when a name is ambiguous, with no price', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(quoteShipping, ctx, { destination: 'Bogor' })
    expect(result).toMatchObject({
      ok: true,
      data: { kind: 'ambiguous', choices: ['Kabupaten Bogor, Jawa Barat', 'Kota Bogor, Jawa Barat'] },
    })
    const text = quoteShipping.render(result, 'id').text
    expect(text).toContain('Maksudnya yang mana?')
    expect(text).not.toMatch(/Rp\d/)
    // "kota" settles it.
    expect(quoteOf(await runTool(quoteShipping, ctx, { destination: 'kota bogor' })).cheapest.price).toBe(10_000)
    // A district with its city.
    const district = quoteOf(await runTool(quoteShipping, ctx, { destination: 'Sukajadi, Bandung' }))
    expect(district.destination).toBe('Kec. Sukajadi, Kota Bandung, Jawa Barat')
  })

  it('asks for the place when it is unknown, echoing it safely', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(quoteShipping, ctx, { destination: 'Atlantis <b>**' })
    expect(result).toMatchObject({ ok: true, data: { kind: 'unknown' } })
    const text = quoteShipping.render(result, 'id').text
    expect(text).toContain('belum menemukan tempat "Atlantis b"')
    expect(text).not.toContain('<b>')
  })

  it('applies free shipping above Rp300.000 of goods', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(quoteShipping, ctx, {
      destination: 'Jakarta Selatan',
      items: [{ product: 'JAKET-001', size: 'M', quantity: 2 }],
    })
    expect(quoteOf(result)).toMatchObject({ goodsValue: 498_000, freeShipping: true, weightGrams: 1600 })
    expect(quoteShipping.render(result, 'id').text).toContain('gratis ongkir!')
  })

  it("weighs a verified customer's order, and no one else's", async () => {
    const adi = await createToolContext(db, { customerId: 'cust-adi' })
    const own = quoteOf(await runTool(quoteShipping, adi, { destination: 'Medan', orderNumber: 'ORD-2025-001' }))
    // KAOS-001 200 g + CELANA-001 400 g.
    expect(own).toMatchObject({ weightGrams: 600, weightSource: 'order', goodsValue: 138_000 })
    const siti = await createToolContext(db, { customerId: 'cust-siti' })
    expect(await runTool(quoteShipping, siti, { destination: 'Medan', orderNumber: 'ORD-2025-001' })).toMatchObject({
      ok: false,
      error: { code: 'order_not_found' },
    })
    const stranger = await createToolContext(db)
    expect(await runTool(quoteShipping, stranger, { destination: 'Medan', orderNumber: 'ORD-2025-001' })).toMatchObject(
      { ok: false, error: { code: 'verification_required' } },
    )
  })

  it('refuses a product that is not in the catalogue, without inventing a weight', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(quoteShipping, ctx, { destination: 'Surabaya', items: [{ product: 'sepatu roda' }] })
    expect(result).toMatchObject({ ok: false, error: { code: 'product_not_found' } })
    expect(quoteShipping.render(result, 'id').text).toContain('tidak ada di katalog')
  })
})

describe.each(testDbKinds)('quote_shipping through Biteship (MSW), on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  function contextWithBiteship(timeoutMs = 2000) {
    const ratesGateway = createBiteshipRatesGateway({
      apiKey,
      baseUrl: fakeBiteshipBaseUrl,
      timeoutMs,
      originPostalCode: '10110',
      couriers: ['jne', 'sicepat'],
    })
    return createToolContext(db, { services: buildServices(db, { ratesGateway }) })
  }

  it('finds the area, asks for rates with the product weight, and caches per destination and weight', async () => {
    biteship.setRates('IDNP11IDNC148IDND1325IDZ60281', [
      pricing('jne', 'JNE', 'yes', 28_000, '1', 'days'),
      pricing('jne', 'JNE', 'reg', 15_000, '2 - 3'),
      pricing('sicepat', 'SiCepat', 'reg', 13_500, '2 - 3'),
    ])
    const ctx = await contextWithBiteship()
    const input = { destination: 'Surabaya', items: [{ product: 'CELANA-001', size: '31' }] }
    const result = await runTool(quoteShipping, ctx, input)
    const quote = quoteOf(result)
    expect(quote).toMatchObject({ destination: 'Surabaya, Jawa Timur', estimates: false, weightGrams: 400 })
    expect(quote.options.map((o) => o.price)).toEqual([13_500, 15_000, 28_000])
    expect(quote.fastest).toMatchObject({ serviceName: 'YES', minDays: 1, maxDays: 1 })
    expect(quoteShipping.render(result, 'id').text).not.toContain('perkiraan')

    const rateCall = biteship.requests.find((r) => r.path === '/v1/rates/couriers')
    expect(rateCall?.authorization).toBe(apiKey)
    expect(rateCall?.body).toMatchObject({
      origin_postal_code: 10110,
      destination_area_id: 'IDNP11IDNC148IDND1325IDZ60281',
      couriers: 'jne,sicepat',
      items: [{ weight: 400, quantity: 1, value: 59_000 }],
    })
    const before = biteship.requests.length
    await runTool(quoteShipping, ctx, input)
    expect(biteship.requests.length).toBe(before) // answered from the cache
  })

  it('gives a choice for a name Biteship knows in two cities, with no rates asked', async () => {
    const ctx = await contextWithBiteship()
    const result = await runTool(quoteShipping, ctx, { destination: 'Bogor' })
    expect(result).toMatchObject({
      ok: true,
      data: { kind: 'ambiguous', choices: ['Bogor, Jawa Barat', 'Kab. Bogor, Jawa Barat'] },
    })
    expect(biteship.requests.some((r) => r.path === '/v1/rates/couriers')).toBe(false)
  })

  it('quotes a postal code directly and a place with no courier honestly', async () => {
    biteship.setRates('99511', [])
    const ctx = await contextWithBiteship()
    const noService = await runTool(quoteShipping, ctx, { destination: '99511' })
    expect(noService).toMatchObject({ ok: true, data: { kind: 'no_service' } })
    const none = await runTool(quoteShipping, ctx, { destination: '60111', weightGrams: 2500 })
    expect(none).toMatchObject({ ok: true, data: { kind: 'no_service' } }) // Biteship's 400 "no courier"
    expect(biteship.requests.at(-1)?.body).toMatchObject({ destination_postal_code: 60111, items: [{ weight: 2500 }] })
  })

  it('falls back to labelled offline estimates when Biteship fails or times out', async () => {
    biteship.setFault({ kind: 'http', status: 503 })
    const ctx = await contextWithBiteship()
    const result = await runTool(quoteShipping, ctx, { destination: 'Kota Surabaya' })
    expect(quoteOf(result)).toMatchObject({ estimates: true, destination: 'Kota Surabaya, Jawa Timur' })
    expect(quoteShipping.render(result, 'en').text).toContain('estimates')

    biteship.setFault({ kind: 'delay', ms: 500 })
    const slow = await contextWithBiteship(100)
    expect(quoteOf(await runTool(quoteShipping, slow, { destination: 'Kota Surabaya' })).estimates).toBe(true)
  })
})
