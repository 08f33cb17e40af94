import { describe, expect, it } from 'vitest'
import type { Carrier } from '../../../src/generated/prisma/enums.ts'
import { InvalidInput } from '../../../src/services/errors.ts'
import { getTrackingUrl } from '../../../src/services/tracking-url.ts'

describe('getTrackingUrl', () => {
  it.each<[Carrier, string]>([
    ['jne', 'https://www.jne.co.id/tracking-package'],
    ['jnt', 'https://jet.co.id/track'],
    ['sicepat', 'https://www.sicepat.com/checkAwb'],
    ['anteraja', 'https://anteraja.id/tracking'],
    ['tiki', 'https://www.tiki.id/id/tracking'],
    ['pos', 'https://www.posindonesia.co.id/id/tracking'],
    ['gofresh', 'https://cekresi.com/'],
  ])('%s: its public page with the waybill', (carrier, page) => {
    const url = new URL(getTrackingUrl('ABC123456789', carrier))
    expect(`${url.origin}${url.pathname}`).toBe(page)
    expect(url.protocol).toBe('https:')
    expect([...url.searchParams.values()]).toEqual(['ABC123456789'])
  })

  it('gives the JNE link of the demo order', () => {
    expect(getTrackingUrl('JNE123456789', 'jne')).toBe('https://www.jne.co.id/tracking-package?awb=JNE123456789')
  })

  it('trims the waybill', () => {
    expect(getTrackingUrl('  SCP1234567890 ', 'sicepat')).toBe('https://www.sicepat.com/checkAwb?awb=SCP1234567890')
  })

  it.each(['', '   ', 'abc', 'JNE 123 456', 'JNE123&x=1', '<script>', "1'; DROP TABLE x; --", 'A'.repeat(10_000)])(
    'refuses the waybill %j',
    (waybill) => {
      expect(() => getTrackingUrl(waybill, 'jne')).toThrow(InvalidInput)
    },
  )

  it('refuses an unknown carrier', () => {
    expect(() => getTrackingUrl('JNE123456789', 'dhl' as Carrier)).toThrow(InvalidInput)
    expect(() => getTrackingUrl('JNE123456789', 'toString' as Carrier)).toThrow(InvalidInput)
  })
})
