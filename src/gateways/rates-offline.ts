/**
 * Offline shipping rates: the destination is found in the kept dataset of Indonesian regions (or by its postal
 * code's prefix) and priced by zone and weight (rates-zones.ts). Prices are estimates and say so.
 */
import type { DestinationMatch, Parcel, RateOption, RatesDestination, RatesGateway } from './rates.ts'
import { loadRegions, type Place, resolvePlace } from './rates-regions.ts'
import { estimateRates, zoneOf } from './rates-zones.ts'

function toDestination(place: Place): RatesDestination {
  return {
    id: place.postalCode ? `postal:${place.postalCode}` : place.code,
    label: place.label,
    ...(place.postalCode ? { postalCode: place.postalCode } : {}),
  }
}

/** The place behind an id this gateway gave out. */
function placeOf(id: string): Place | null {
  const regions = loadRegions()
  const text = id.startsWith('postal:') ? id.slice(7) : null
  if (text) {
    const match = resolvePlace(regions, text)
    return match.kind === 'found' ? match.place : null
  }
  const regencyCode = id.split('.').slice(0, 2).join('.')
  const regency = regions.regencies.get(regencyCode)
  const provinceCode = id.split('.')[0] ?? ''
  const province = regions.provinces.get(provinceCode)
  if (!province) return null
  return {
    code: id,
    provinceCode,
    regencyCode: regency ? regencyCode : null,
    regency: regency?.name ?? null,
    district: null,
    province,
    postalCode: null,
    label: province,
  }
}

export function createOfflineRatesGateway(): RatesGateway {
  return {
    name: 'offline',
    estimates: true,
    async findDestination(text: string): Promise<DestinationMatch> {
      const match = resolvePlace(loadRegions(), text)
      if (match.kind === 'found') return { kind: 'found', destination: toDestination(match.place) }
      if (match.kind === 'ambiguous') return { kind: 'ambiguous', choices: match.choices.map(toDestination) }
      return match
    },
    async rates(destination: RatesDestination, parcel: Parcel): Promise<RateOption[]> {
      const place = placeOf(destination.id)
      if (!place) return []
      return estimateRates(zoneOf(place), parcel.weightGrams)
    },
  }
}
