import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { configSchema } from '../../../src/config.ts'
import { isMetroJakartaPostalCode, provinceForPostalCode } from '../../../src/gateways/postal-prefixes.ts'
import { parseDuration } from '../../../src/gateways/rates-biteship.ts'
import { loadRegions, resolvePlace } from '../../../src/gateways/rates-regions.ts'
import { chargeableKg, estimateRates, lowestEstimate, zoneOf } from '../../../src/gateways/rates-zones.ts'
import { projectPath } from '../../../src/project-root.ts'

const faq = readFileSync(projectPath('knowledge', 'faq.md'), 'utf8')
const rupiah = (text: string) => Number(text.replace(/\./g, ''))

describe('offline shipping estimates agree with the FAQ', () => {
  it('the cheapest estimate anywhere is the FAQ\'s "from" price', () => {
    const from = faq.match(/Ongkos kirim mulai dari Rp([\d.]+)/)?.[1]
    const fromEn = faq.match(/Shipping starts from Rp([\d.]+)/)?.[1]
    expect(from).toBeDefined()
    expect(rupiah(from ?? '')).toBe(lowestEstimate())
    expect(rupiah(fromEn ?? '')).toBe(lowestEstimate())
  })

  it("the free-shipping threshold setting is the FAQ's", () => {
    const over = faq.match(/\*\*Gratis ongkir\*\* untuk belanja di atas Rp([\d.]+)/)?.[1]
    expect(rupiah(over ?? '')).toBe(configSchema.parse({}).SHIPPING_FREE_OVER)
  })

  it("the days stay inside the FAQ's ranges (Jabodetabek 1–2, Java 2–4, outside Java 3–7)", () => {
    const regions = loadRegions()
    const place = (text: string) => {
      const match = resolvePlace(regions, text)
      if (match.kind !== 'found') throw new Error(`${text}: ${match.kind}`)
      return match.place
    }
    const regular = (text: string) => estimateRates(zoneOf(place(text)), 1000).filter((r) => r.serviceName !== 'YES')
    for (const r of regular('Kota Depok')) expect([r.minDays >= 1, r.maxDays <= 2]).toEqual([true, true])
    for (const r of regular('Kota Semarang')) expect(r.maxDays).toBeLessThanOrEqual(4)
    for (const r of [...regular('Kota Medan'), ...regular('Kabupaten Jayawijaya'), ...regular('Kota Makassar')]) {
      expect(r.maxDays).toBeLessThanOrEqual(7)
    }
  })
})

describe('postal-code prefixes', () => {
  it('names the province of a postal code, and Jabodetabek', () => {
    expect(provinceForPostalCode('10110')).toBe('31')
    expect(provinceForPostalCode('40135')).toBe('32')
    expect(provinceForPostalCode('55281')).toBe('34')
    expect(provinceForPostalCode('60111')).toBe('35')
    expect(provinceForPostalCode('80361')).toBe('51')
    expect(provinceForPostalCode('99511')).toBe('91')
    expect(provinceForPostalCode('00000')).toBeNull()
    expect(provinceForPostalCode('1234')).toBeNull()
    expect(isMetroJakartaPostalCode('16411')).toBe(true) // Depok
    expect(isMetroJakartaPostalCode('40135')).toBe(false)
  })
})

describe('weights and durations', () => {
  it('charges per started kilogram, one at least', () => {
    expect([chargeableKg(1), chargeableKg(1000), chargeableKg(1001), chargeableKg(2600)]).toEqual([1, 1, 2, 3])
  })

  it("reads Biteship's duration ranges", () => {
    expect(parseDuration('1 - 2', 'days')).toEqual({ minDays: 1, maxDays: 2 })
    expect(parseDuration('3', 'days')).toEqual({ minDays: 3, maxDays: 3 })
    expect(parseDuration('6 - 8', 'hours')).toEqual({ minDays: 1, maxDays: 1 })
    expect(parseDuration(null, null)).toEqual({ minDays: 1, maxDays: 1 })
  })
})
