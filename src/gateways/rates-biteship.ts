/**
 * Shipping rates from Biteship (https://api.biteship.com). Chosen over RajaOngkir/Komerce because its area
 * search takes the place as free text and answers with area ids and postal codes, one rates call prices every
 * service of several couriers at once with the final amount, and its API shapes are documented (Komerce's
 * answer shape is only known from community code).
 *
 * - `GET /v1/maps/areas?countries=ID&input=<text>&type=single` → `areas[]`
 * - `POST /v1/rates/couriers` → `pricing[]`
 * Auth: the raw key in the `authorization` header.
 */
import { z } from 'zod'
import { GatewayError } from './errors.ts'
import { assertHttpUrl, requestJson } from './http-json.ts'
import type { DestinationMatch, Parcel, RateOption, RatesDestination, RatesGateway } from './rates.ts'

export interface BiteshipGatewayOptions {
  apiKey: string
  /** API root (BITESHIP_API_ROOT), default https://api.biteship.com. */
  baseUrl: string
  timeoutMs: number
  /** Where parcels leave from: a Biteship area id, else a postal code. */
  originAreaId?: string
  originPostalCode: string
  /** Biteship courier codes, e.g. ["jne", "sicepat", "jnt", "anteraja"]. */
  couriers: readonly string[]
  fetch?: typeof fetch
}

const optionalText = z
  .string()
  .nullish()
  .transform((v) => v?.trim() || undefined)

const areasSchema = z.object({
  areas: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      postal_code: z.union([z.number(), z.string()]).nullish(),
      administrative_division_level_1_name: optionalText,
      administrative_division_level_2_name: optionalText,
      administrative_division_level_3_name: optionalText,
    }),
  ),
})

const ratesSchema = z.object({
  pricing: z.array(
    z.object({
      courier_code: z.string(),
      courier_name: z.string(),
      courier_service_code: z.string(),
      courier_service_name: z.string(),
      price: z.number().int().nonnegative(),
      shipment_duration_range: z.union([z.string(), z.number()]).nullish(),
      shipment_duration_unit: z.string().nullish(),
    }),
  ),
})

/** "1 - 2" days → [1, 2]; hours count as one day. */
export function parseDuration(range: string | number | null | undefined, unit: string | null | undefined) {
  const numbers = String(range ?? '')
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number)
  const inDays = (unit ?? 'days').toLowerCase().startsWith('hour')
    ? numbers.map((n) => Math.max(1, Math.ceil(n / 24)))
    : numbers
  const min = inDays[0] ?? 1
  return { minDays: Math.max(1, min), maxDays: Math.max(1, inDays[1] ?? min) }
}

const postalPattern = /(?<!\d)(\d{5})(?!\d)/

/**
 * @example
 * const rates = createBiteshipRatesGateway({ apiKey, baseUrl: 'https://api.biteship.com', timeoutMs: 8000,
 *   originPostalCode: '10110', couriers: ['jne', 'sicepat'] })
 */
export function createBiteshipRatesGateway(options: BiteshipGatewayOptions): RatesGateway {
  const base = options.baseUrl.replace(/\/+$/, '')
  assertHttpUrl(base, 'BITESHIP_API_ROOT')
  const common = {
    gateway: 'rates' as const,
    headers: { authorization: options.apiKey },
    timeoutMs: options.timeoutMs,
    secrets: [options.apiKey],
    fetch: options.fetch,
  }
  return {
    name: 'biteship',
    estimates: false,
    async findDestination(text: string): Promise<DestinationMatch> {
      const postal = text.match(postalPattern)?.[1]
      if (postal) return { kind: 'found', destination: { id: `postal:${postal}`, label: postal, postalCode: postal } }
      const url = new URL(`${base}/v1/maps/areas`)
      url.searchParams.set('countries', 'ID')
      url.searchParams.set('input', text.slice(0, 100))
      url.searchParams.set('type', 'single')
      const { areas } = await requestJson({ ...common, url, schema: areasSchema })
      // Areas come one per district and postal code; a city named once is one destination, several cities a choice.
      const byCity = new Map<string, RatesDestination>()
      for (const area of areas) {
        const city = area.administrative_division_level_2_name
        const province = area.administrative_division_level_1_name
        const label = city ? [city, province].filter(Boolean).join(', ') : area.name
        if (byCity.has(label)) continue
        const postalCode = area.postal_code ? String(area.postal_code) : undefined
        byCity.set(label, { id: area.id, label, ...(postalCode ? { postalCode } : {}) })
      }
      const choices = [...byCity.values()]
      const [only] = choices
      if (!only) return { kind: 'unknown' }
      if (choices.length === 1) return { kind: 'found', destination: only }
      return { kind: 'ambiguous', choices: choices.slice(0, 5) }
    },
    async rates(destination: RatesDestination, parcel: Parcel): Promise<RateOption[]> {
      const to = destination.id.startsWith('postal:')
        ? { destination_postal_code: Number(destination.id.slice(7)) }
        : { destination_area_id: destination.id }
      const from = options.originAreaId
        ? { origin_area_id: options.originAreaId }
        : { origin_postal_code: Number(options.originPostalCode) }
      try {
        const answer = await requestJson({
          ...common,
          url: `${base}/v1/rates/couriers`,
          method: 'POST',
          body: {
            ...from,
            ...to,
            couriers: options.couriers.join(','),
            items: [{ name: 'Paket', value: parcel.valueRupiah, quantity: 1, weight: parcel.weightGrams }],
          },
          schema: ratesSchema,
        })
        return answer.pricing.map((p) => ({
          courierCode: p.courier_code,
          courierName: p.courier_name,
          serviceCode: p.courier_service_code,
          serviceName: p.courier_service_name,
          price: p.price,
          ...parseDuration(p.shipment_duration_range, p.shipment_duration_unit),
        }))
      } catch (error) {
        // 400 is Biteship saying the place has no courier or an unknown postal code (40001001, 40001010): no rates.
        if (error instanceof GatewayError && error.failure === 'refused' && error.httpStatus === 400) return []
        throw error
      }
    },
  }
}
