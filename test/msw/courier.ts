/**
 * A fake Binderbyte-style tracking API for MSW: shipments set per courier and waybill, `api_key` checking,
 * the body `status` convention, a record of every request and injectable faults.
 *
 * @example
 * const courier = createFakeBinderbyte({ apiKey: 'bb-test-key' })
 * const server = setupServer(...courier.handlers)
 * courier.setShipment('jne', 'JNE123456789', { status: 'ON PROCESS', history: [
 *   { date: '2025-11-21 10:00:00', desc: 'SHIPMENT RECEIVED BY JNE COUNTER OFFICER AT [JAKARTA]', location: 'JAKARTA' },
 * ] })
 */
import { delay, HttpResponse, http } from 'msw'

export const fakeBinderbyteBaseUrl = 'https://api.binderbyte.com'

export interface BinderbyteHistoryItem {
  date: string
  desc: string
  location: string
}

export interface ShipmentInput {
  /** summary.status, e.g. "DELIVERED", "ON PROCESS". */
  status: string
  /** Newest first, as the API lists it. */
  history: BinderbyteHistoryItem[]
  service?: string
  date?: string
  desc?: string
  receiver?: string
}

export type CourierFault =
  | { kind: 'delay'; ms: number }
  | { kind: 'http'; status: number; body?: unknown }
  | { kind: 'body'; body: unknown }
  | { kind: 'raw'; text: string; status?: number }
  | { kind: 'network' }

export interface RecordedTrackRequest {
  method: string
  url: string
  path: string
  apiKey: string | null
  courier: string | null
  awb: string | null
}

/** The full answer body for a shipment, in the API's shape. */
export function binderbyteTrackBody(courier: string, awb: string, shipment: ShipmentInput) {
  return {
    status: 200,
    message: 'Successfully tracked package',
    data: {
      summary: {
        awb,
        courier: courier.toUpperCase(),
        service: shipment.service ?? 'REG',
        status: shipment.status,
        date: shipment.date ?? shipment.history.at(-1)?.date ?? '',
        desc: shipment.desc ?? '',
        amount: '12000',
        weight: '1',
      },
      detail: {
        origin: 'JAKARTA',
        destination: 'BANDUNG',
        shipper: 'URBANSTYLE ID',
        receiver: shipment.receiver ?? 'ADI MULYANA',
      },
      history: shipment.history,
    },
  }
}

export function createFakeBinderbyte(options: { apiKey: string; baseUrl?: string }) {
  const baseUrl = (options.baseUrl ?? fakeBinderbyteBaseUrl).replace(/\/+$/, '')
  const shipments = new Map<string, ShipmentInput>()
  const requests: RecordedTrackRequest[] = []
  let faults: { fault: CourierFault; awb?: string; remaining: number }[] = []
  const key = (courier: string, awb: string) => `${courier}:${awb}`

  async function applyFault(awb: string): Promise<Response | undefined> {
    const rule = faults.find((f) => f.remaining > 0 && (!f.awb || f.awb === awb))
    if (!rule) return undefined
    rule.remaining -= 1
    const { fault } = rule
    switch (fault.kind) {
      case 'delay':
        await delay(fault.ms)
        return undefined
      case 'http':
        return HttpResponse.json(fault.body ?? { status: fault.status, message: 'fake courier error' }, {
          status: fault.status,
        })
      case 'body':
        return HttpResponse.json(fault.body as Record<string, unknown>)
      case 'raw':
        return new HttpResponse(fault.text, {
          status: fault.status ?? 200,
          headers: { 'Content-Type': 'application/json' },
        })
      case 'network':
        return HttpResponse.error()
    }
  }

  const handler = http.get(`${baseUrl}/v1/track`, async ({ request }) => {
    const url = new URL(request.url)
    const apiKey = url.searchParams.get('api_key')
    const courier = url.searchParams.get('courier')
    const awb = url.searchParams.get('awb')
    requests.push({ method: request.method, url: request.url, path: url.pathname, apiKey, courier, awb })

    const faulty = await applyFault(awb ?? '')
    if (faulty) return faulty

    if (apiKey !== options.apiKey) {
      return HttpResponse.json({ status: 400, message: 'Invalid API key' }, { status: 400 })
    }
    const shipment = courier && awb ? shipments.get(key(courier, awb)) : undefined
    if (!courier || !awb || !shipment) {
      return HttpResponse.json({ status: 400, message: 'Data not found' }, { status: 400 })
    }
    return HttpResponse.json(binderbyteTrackBody(courier, awb, shipment))
  })

  return {
    baseUrl,
    handlers: [handler],
    /** Every request that reached the fake, oldest first. */
    requests,
    /** Sets what the API answers for this courier code (the API's, e.g. "jne") and waybill. */
    setShipment(courier: string, awb: string, shipment: ShipmentInput) {
      shipments.set(key(courier, awb), shipment)
    },
    /** Every later request (for this waybill when given) gets this fault, `times` times (default: all). */
    fail(fault: CourierFault, match: { awb?: string; times?: number } = {}) {
      faults.push({ fault, awb: match.awb, remaining: match.times ?? Number.POSITIVE_INFINITY })
    },
    /** Forgets shipments, faults and recorded requests (call in afterEach). */
    reset() {
      shipments.clear()
      requests.length = 0
      faults = []
    },
  }
}

type FakeBinderbyte = ReturnType<typeof createFakeBinderbyte>
