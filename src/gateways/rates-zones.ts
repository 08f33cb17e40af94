/**
 * The offline tariff: shipping from the Jakarta warehouse priced by destination zone and weight. The cheapest
 * service to Jabodetabek for 1 kg is the shop's "from" price (FAQ: "mulai dari Rp10.000"), and the days are the
 * FAQ's (Jabodetabek 1–2, Java 2–4, outside Java 3–7). A test holds the FAQ and this table together.
 */
import { isMetroJakartaPostalCode } from './postal-prefixes.ts'
import type { Place } from './rates-regions.ts'

export type Zone = 'jabodetabek' | 'java' | 'sumatra_bali' | 'outer' | 'remote'

interface ZoneTariff {
  /** Rupiah per started kilogram for the cheapest regular service. */
  perKg: number
  minDays: number
  maxDays: number
}

export const zoneTariffs: Record<Zone, ZoneTariff> = {
  jabodetabek: { perKg: 10_000, minDays: 1, maxDays: 2 },
  java: { perKg: 14_000, minDays: 2, maxDays: 4 },
  sumatra_bali: { perKg: 24_000, minDays: 3, maxDays: 5 },
  outer: { perKg: 32_000, minDays: 3, maxDays: 6 },
  remote: { perKg: 60_000, minDays: 5, maxDays: 7 },
}

interface ServiceTariff {
  courierCode: string
  courierName: string
  serviceCode: string
  serviceName: string
  /** Price factor on the zone's per-kg rate. */
  factor: number
  /** Days taken off the zone's range (express services), never below one day. */
  faster: number
  /** Zones the service is offered to. */
  zones: readonly Zone[]
}

const everywhere: readonly Zone[] = ['jabodetabek', 'java', 'sumatra_bali', 'outer', 'remote']

/** The couriers of the FAQ with their regular and express services. */
export const serviceTariffs: readonly ServiceTariff[] = [
  {
    courierCode: 'sicepat',
    courierName: 'SiCepat',
    serviceCode: 'reg',
    serviceName: 'REG',
    factor: 1,
    faster: 0,
    zones: everywhere,
  },
  {
    courierCode: 'jnt',
    courierName: 'J&T Express',
    serviceCode: 'ez',
    serviceName: 'EZ',
    factor: 1.05,
    faster: 0,
    zones: everywhere,
  },
  {
    courierCode: 'anteraja',
    courierName: 'AnterAja',
    serviceCode: 'reg',
    serviceName: 'Regular',
    factor: 1.05,
    faster: 0,
    zones: everywhere,
  },
  {
    courierCode: 'jne',
    courierName: 'JNE',
    serviceCode: 'reg',
    serviceName: 'REG',
    factor: 1.1,
    faster: 0,
    zones: everywhere,
  },
  {
    courierCode: 'sicepat',
    courierName: 'SiCepat',
    serviceCode: 'best',
    serviceName: 'BEST',
    factor: 1.6,
    faster: 1,
    zones: ['jabodetabek', 'java', 'sumatra_bali'],
  },
  {
    courierCode: 'jne',
    courierName: 'JNE',
    serviceCode: 'yes',
    serviceName: 'YES',
    factor: 1.9,
    faster: 3,
    zones: ['jabodetabek', 'java', 'sumatra_bali'],
  },
]

// Kemendagri codes of the Jabodetabek cities and regencies outside DKI Jakarta.
const metroRegencies = new Set(['32.01', '32.71', '32.76', '32.16', '32.75', '36.03', '36.71', '36.74'])
const javaProvinces = new Set(['32', '33', '34', '35', '36'])
const sumatraBaliProvinces = new Set(['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '51'])
const remoteProvinces = new Set(['81', '82', '91', '92', '93', '94', '95', '96'])

/** The zone of a place, seen from the Jakarta warehouse. */
export function zoneOf(place: Place): Zone {
  if (place.provinceCode === '31') return 'jabodetabek'
  if (place.regencyCode && metroRegencies.has(place.regencyCode)) return 'jabodetabek'
  if (place.postalCode && isMetroJakartaPostalCode(place.postalCode)) return 'jabodetabek'
  if (javaProvinces.has(place.provinceCode)) return 'java'
  if (sumatraBaliProvinces.has(place.provinceCode)) return 'sumatra_bali'
  if (remoteProvinces.has(place.provinceCode)) return 'remote'
  return 'outer'
}

/** Couriers charge per started kilogram, one at least. */
export function chargeableKg(weightGrams: number): number {
  return Math.max(1, Math.ceil(weightGrams / 1000))
}

const roundUpTo500 = (rupiah: number) => Math.ceil(rupiah / 500) * 500

/** Every service offered to the zone, priced for the weight. */
export function estimateRates(zone: Zone, weightGrams: number) {
  const tariff = zoneTariffs[zone]
  const kg = chargeableKg(weightGrams)
  return serviceTariffs
    .filter((s) => s.zones.includes(zone))
    .map((s) => ({
      courierCode: s.courierCode,
      courierName: s.courierName,
      serviceCode: s.serviceCode,
      serviceName: s.serviceName,
      price: roundUpTo500(tariff.perKg * kg * s.factor),
      minDays: Math.max(1, tariff.minDays - s.faster),
      maxDays: Math.max(1, tariff.maxDays - s.faster),
    }))
}

/** The lowest price of the whole table: the "from" price the FAQ states. */
export function lowestEstimate(): number {
  return Math.min(...(Object.keys(zoneTariffs) as Zone[]).flatMap((z) => estimateRates(z, 1).map((r) => r.price)))
}
