/**
 * The courier gateway over a tracking aggregator in the style of Binderbyte: one GET per waybill, answered
 * with a summary and the history newest first. We turn it into our statuses with events oldest first.
 */
import { z } from 'zod'
import type { Carrier } from '../generated/prisma/enums.ts'
import type { CourierEvent, CourierGateway, CourierTracking } from './courier.ts'
import { binderbyteCourierCodes, mapCourierStatus } from './courier-status.ts'
import type { BodyRefusal } from './http-json.ts'
import { assertHttpUrl, requestJson } from './http-json.ts'
import { parseWibDateTime } from './wib-time.ts'

export interface BinderbyteGatewayOptions {
  apiKey: string
  /** API root, e.g. https://api.binderbyte.com (config COURIER_API_URL). */
  baseUrl: string
  timeoutMs: number
  fetch?: typeof fetch
}

const wibTime = z.string().transform((v, ctx) => {
  const date = parseWibDateTime(v)
  if (!date) {
    ctx.addIssue({ code: 'custom', message: `not a date: ${v.slice(0, 40)}` })
    return z.NEVER
  }
  return date
})

const text = z
  .string()
  .nullish()
  .transform((v) => v?.trim() || undefined)

/** Only what we use is validated; everything else in the answer is ignored. */
const trackSchema = z.object({
  status: z.union([z.literal(200), z.literal('200')]),
  data: z.object({
    summary: z.object({ status: z.string() }),
    history: z.array(z.object({ date: wibTime, desc: z.string(), location: text })),
  }),
})
type TrackAnswer = z.infer<typeof trackSchema>

/**
 * Binderbyte puts its own status in the body: 200 is an answer, any other code (400 "not found", …) refuses.
 * A body without a status code is no answer of this API at all, and the schema rejects it.
 */
function binderbyteRefusal(body: unknown): BodyRefusal | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { status, message } = body as Record<string, unknown>
  const code = typeof status === 'number' ? status : typeof status === 'string' ? Number(status) : Number.NaN
  if (!Number.isInteger(code) || code === 200) return undefined
  return { status: code, message: typeof message === 'string' && message ? message : 'tracking refused' }
}

/**
 * Creates the tracking gateway.
 *
 * @example
 * const courier = createBinderbyteCourierGateway({ apiKey, baseUrl: config.COURIER_API_URL, timeoutMs: 8000 })
 * const tracking = await courier.track('jne', 'JNE123456789')
 */
export function createBinderbyteCourierGateway(options: BinderbyteGatewayOptions): CourierGateway {
  const base = options.baseUrl.replace(/\/+$/, '')
  // A malformed COURIER_API_URL should stop the start-up, not fail every tracking request later.
  assertHttpUrl(base, 'COURIER_API_URL')
  return {
    name: 'binderbyte',
    async track(carrier: Carrier, waybill: string) {
      const url = new URL(`${base}/v1/track`)
      url.searchParams.set('api_key', options.apiKey)
      url.searchParams.set('courier', binderbyteCourierCodes[carrier])
      url.searchParams.set('awb', waybill)
      const answer = await requestJson({
        gateway: 'courier',
        url,
        schema: trackSchema,
        timeoutMs: options.timeoutMs,
        secrets: [options.apiKey],
        refusal: binderbyteRefusal,
        fetch: options.fetch,
      })
      return toTracking(answer)
    },
  }
}

function toTracking(answer: TrackAnswer): CourierTracking {
  const { summary, history } = answer.data
  const events: CourierEvent[] = history
    .map((item) => ({
      status: mapCourierStatus(item.desc).status,
      location: item.location,
      description: item.desc.trim(),
      occurredAt: item.date,
    }))
    // The API lists newest first; reverse, then a stable sort by time in case a courier mixes the order.
    .reverse()
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())

  const newest = events.at(-1)
  const fromSummary = mapCourierStatus(summary.status)
  const fromNewest = newest ? mapCourierStatus(newest.description) : undefined
  const status = fromSummary.known ? fromSummary.status : fromNewest?.known ? fromNewest.status : 'IN_TRANSIT'
  const lastLocation = [...events].reverse().find((e) => e.location)?.location
  const deliveredEvent = [...events].reverse().find((e) => e.status === 'DELIVERED')

  return {
    status,
    rawStatus: summary.status,
    location: lastLocation,
    deliveredAt: status === 'DELIVERED' ? (deliveredEvent ?? newest)?.occurredAt : undefined,
    events,
  }
}
