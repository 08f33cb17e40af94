/**
 * `POST /webhooks/courier`: tracking updates pushed by a courier or aggregator. Mounted only when
 * COURIER_WEBHOOK_SECRET is set; the `x-courier-secret` header must equal it (constant time, else 401).
 *
 * `status` is one of our ShippingStatus values or the courier's own wording ("WITH DELIVERY COURIER"), mapped
 * by `mapCourierStatus` (unknown wording → IN_TRANSIT, the original text kept as the description). The event and
 * its receipt (ProcessedEvent, keyed by `eventId` when the sender gives one, else by the event's content) commit
 * in one transaction, so a retry after a crash is applied and a repeat after the commit is `duplicate`. Every
 * event is kept; an event older than the newest one known is `late` and leaves the current status alone.
 * An unknown waybill is 404.
 */
import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { mapCourierStatus } from '../gateways/courier-status.ts'
import { ShippingStatus } from '../generated/prisma/enums.ts'
import type { Services } from '../services/index.ts'
import { requireSecret } from './auth.ts'
import { errorResponseSchema, HttpError } from './errors.ts'
import { identifier, plainText } from './text.ts'

export interface CourierWebhookDeps {
  services: Pick<Services, 'shipping'>
  /** COURIER_WEBHOOK_SECRET. */
  secret: string
}

const optionalText = (max: number) => plainText(max).optional()

export const courierEventSchema = z.object({
  waybill: identifier(64).describe('The tracking number (resi)'),
  courier: optionalText(32).describe('Courier code, informational'),
  status: plainText(200)
    .min(1)
    .describe(
      'One of PROCESSING, PENDING_PICKUP, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, FAILED, RETURNED, or courier text',
    ),
  location: optionalText(200),
  description: optionalText(500),
  occurredAt: z.iso.datetime({ offset: true }).optional().describe('When it happened (ISO 8601); default now'),
  eventId: plainText(128).min(1).optional().describe("The sender's id of this event, for deduplication"),
})
export type CourierEvent = z.infer<typeof courierEventSchema>

export const courierWebhookResponseSchema = z.object({
  success: z.literal(true),
  result: z.enum(['updated', 'late', 'duplicate']),
  status: z.enum(Object.values(ShippingStatus) as [ShippingStatus, ...ShippingStatus[]]).optional(),
})

export const courierEventSource = 'courier'

const ourStatuses = new Set<string>(Object.values(ShippingStatus))

/** Our status for the event's `status`, and whether it was courier text rather than one of ours. */
export function resolveCourierStatus(raw: string): { status: ShippingStatus; courierText: boolean } {
  const asEnum = raw.toUpperCase().replace(/[\s-]+/g, '_')
  if (ourStatuses.has(asEnum)) return { status: asEnum as ShippingStatus, courierText: false }
  return { status: mapCourierStatus(raw).status, courierText: true }
}

/** The idempotency key: the sender's event id, or a digest of what the event says. */
export function courierEventKey(e: CourierEvent): string {
  const waybill = e.waybill.toUpperCase()
  if (e.eventId) return `${waybill}:id:${e.eventId}`
  const content = JSON.stringify([e.status, e.location ?? '', e.description ?? '', e.occurredAt ?? ''])
  return `${waybill}:sha256:${createHash('sha256').update(content).digest('hex').slice(0, 32)}`
}

export function courierWebhookRoutes(deps: CourierWebhookDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook(
      'preParsing',
      requireSecret(deps.secret, (request) => {
        const value = request.headers['x-courier-secret']
        return typeof value === 'string' ? value : undefined
      }),
    )

    app.post(
      '/webhooks/courier',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Courier tracking update (x-courier-secret header)',
          security: [{ courierSecret: [] }],
          body: courierEventSchema,
          response: {
            200: courierWebhookResponseSchema,
            400: errorResponseSchema,
            401: errorResponseSchema,
            404: errorResponseSchema,
            413: errorResponseSchema,
            429: errorResponseSchema,
            500: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const event = request.body
        const orderNumber = await deps.services.shipping.findOrderNumberByWaybill(event.waybill)
        if (!orderNumber) throw new HttpError(404, 'shipment_not_found', 'Unknown waybill')

        const { status, courierText } = resolveCourierStatus(event.status)
        const { outcome } = await deps.services.shipping.recordShippingEvent(orderNumber, status, event.location, {
          actor: 'courier_webhook',
          description: event.description ?? (courierText ? event.status : undefined),
          occurredAt: event.occurredAt ? new Date(event.occurredAt) : undefined,
          receipt: { source: courierEventSource, eventKey: courierEventKey(event) },
        })
        if (outcome === 'duplicate') return { success: true as const, result: 'duplicate' as const }
        request.log.info({ orderNumber, status, outcome }, 'courier event processed')
        return { success: true as const, result: outcome, status }
      },
    )
  }
}
