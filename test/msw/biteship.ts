/**
 * A fake Biteship API for MSW: area search over a small list of areas, rates per destination (area id or postal
 * code), the raw-key `authorization` header, a record of every request and injectable faults.
 *
 * @example
 * const biteship = createFakeBiteship({ apiKey: 'biteship-test' })
 * const server = setupServer(...biteship.handlers)
 */
import { delay, HttpResponse, http } from 'msw'

export const fakeBiteshipBaseUrl = 'https://api.biteship.com'

export interface FakeArea {
  id: string
  name: string
  postal_code: number
  administrative_division_level_1_name: string
  administrative_division_level_2_name: string
  administrative_division_level_3_name: string
}

export const biteshipAreas: FakeArea[] = [
  {
    id: 'IDNP11IDNC148IDND1325IDZ60281',
    name: 'Gubeng, Surabaya, Jawa Timur. 60281',
    postal_code: 60281,
    administrative_division_level_1_name: 'Jawa Timur',
    administrative_division_level_2_name: 'Surabaya',
    administrative_division_level_3_name: 'Gubeng',
  },
  {
    id: 'IDNP11IDNC148IDND1330IDZ60111',
    name: 'Sukolilo, Surabaya, Jawa Timur. 60111',
    postal_code: 60111,
    administrative_division_level_1_name: 'Jawa Timur',
    administrative_division_level_2_name: 'Surabaya',
    administrative_division_level_3_name: 'Sukolilo',
  },
  {
    id: 'IDNP9IDNC22IDND200IDZ16111',
    name: 'Bogor Tengah, Bogor, Jawa Barat. 16111',
    postal_code: 16111,
    administrative_division_level_1_name: 'Jawa Barat',
    administrative_division_level_2_name: 'Bogor',
    administrative_division_level_3_name: 'Bogor Tengah',
  },
  {
    id: 'IDNP9IDNC23IDND210IDZ16810',
    name: 'Cibinong, Kab. Bogor, Jawa Barat. 16810',
    postal_code: 16810,
    administrative_division_level_1_name: 'Jawa Barat',
    administrative_division_level_2_name: 'Kab. Bogor',
    administrative_division_level_3_name: 'Cibinong',
  },
  {
    id: 'IDNP24IDNC400IDND5000IDZ99511',
    name: 'Wamena, Jayawijaya, Papua Pegunungan. 99511',
    postal_code: 99511,
    administrative_division_level_1_name: 'Papua Pegunungan',
    administrative_division_level_2_name: 'Jayawijaya',
    administrative_division_level_3_name: 'Wamena',
  },
]

export interface FakePricing {
  courier_code: string
  courier_name: string
  courier_service_code: string
  courier_service_name: string
  price: number
  shipment_duration_range: string
  shipment_duration_unit: string
}

export function pricing(
  courier: string,
  name: string,
  service: string,
  price: number,
  range: string,
  unit = 'days',
): FakePricing {
  return {
    courier_code: courier,
    courier_name: name,
    courier_service_code: service,
    courier_service_name: service.toUpperCase(),
    price,
    shipment_duration_range: range,
    shipment_duration_unit: unit,
  }
}

export type BiteshipFault =
  | { kind: 'delay'; ms: number }
  | { kind: 'http'; status: number; body?: unknown }
  | { kind: 'network' }

export interface RecordedBiteshipRequest {
  path: string
  authorization: string | null
  query: Record<string, string>
  body: Record<string, unknown> | null
}

export function createFakeBiteship(options: { apiKey: string; baseUrl?: string }) {
  const base = options.baseUrl ?? fakeBiteshipBaseUrl
  const requests: RecordedBiteshipRequest[] = []
  // Destination (area id or postal code as text) → pricing; a destination not set has no courier (400).
  const rates = new Map<string, FakePricing[]>()
  let fault: BiteshipFault | null = null

  async function applyFault(): Promise<Response | null> {
    if (!fault) return null
    if (fault.kind === 'delay') {
      await delay(fault.ms)
      return null
    }
    if (fault.kind === 'network') return HttpResponse.error()
    return HttpResponse.json(fault.body ?? { success: false, error: 'fault' }, { status: fault.status })
  }

  const unauthorized = () =>
    HttpResponse.json({ success: false, error: 'Authorization failed', code: 40000001 }, { status: 401 })

  const handlers = [
    http.get(`${base}/v1/maps/areas`, async ({ request }) => {
      const url = new URL(request.url)
      const authorization = request.headers.get('authorization')
      requests.push({ path: url.pathname, authorization, query: Object.fromEntries(url.searchParams), body: null })
      const faulted = await applyFault()
      if (faulted) return faulted
      if (authorization !== options.apiKey) return unauthorized()
      const input = (url.searchParams.get('input') ?? '').toLowerCase()
      const areas = biteshipAreas.filter((a) => a.name.toLowerCase().includes(input))
      return HttpResponse.json({ success: true, areas })
    }),
    http.post(`${base}/v1/rates/couriers`, async ({ request }) => {
      const url = new URL(request.url)
      const authorization = request.headers.get('authorization')
      const body = (await request.json()) as Record<string, unknown>
      requests.push({ path: url.pathname, authorization, query: {}, body })
      const faulted = await applyFault()
      if (faulted) return faulted
      if (authorization !== options.apiKey) return unauthorized()
      const key = String(body.destination_area_id ?? body.destination_postal_code ?? '')
      const found = rates.get(key)
      if (!found) {
        return HttpResponse.json(
          { success: false, error: 'No courier available for this area', code: 40001010 },
          { status: 400 },
        )
      }
      return HttpResponse.json({ success: true, object: 'courier_pricing', pricing: found })
    }),
  ]

  return {
    handlers,
    requests,
    setRates(destination: string, list: FakePricing[]) {
      rates.set(destination, list)
    },
    setFault(next: BiteshipFault | null) {
      fault = next
    },
    reset() {
      requests.length = 0
      rates.clear()
      fault = null
    },
  }
}
