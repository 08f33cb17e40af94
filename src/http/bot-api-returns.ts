/**
 * Returns and size exchanges in the server-to-server bot API (`POST /api/bot/return/*`, the seed's bearer and
 * answer style). Like `order/cancel`, a request from the calling system is made at once (actor 'api': the caller
 * already has the customer's consent) through request_return's confirmed half, which checks the order again in
 * its own transaction: someone else's order 404, a refused return 409 with the reason (and the sizes in stock).
 * The status is the return_status tool's answer.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requestReturn, returnStatus } from '../../tools/index.ts'
import { returnRefusalText } from '../../tools/request-return.ts'
import { createDirectTools } from '../core/direct-tools.ts'
import type { Services } from '../services/index.ts'
import { customerOrderNumber } from '../services/order-number.ts'
import { ReturnNotAllowed } from '../services/returns/errors.ts'
import { bearerToken, requireSecret } from './auth.ts'
import { caller, dataOf } from './direct-answers.ts'
import { errorResponseSchema, HttpError } from './errors.ts'
import { identifier, plainText } from './text.ts'

export interface ReturnBotApiDeps {
  services: Services
  /** BOT_API_TOKEN. */
  token: string
}

const customerId = identifier(128).describe('The customer id (e.g. "cust-siti")')
const sku = identifier(64)

export const returnRequestSchema = z
  .object({
    customerId,
    orderNumber: plainText(64).min(1).describe('Order number, loose forms accepted (e.g. "ORD-2025-006")'),
    items: z
      .array(
        z.object({
          sku: sku.optional().describe('The order line ("KAOS-001-M"); may be left out when the order has one line'),
          quantity: z.number().int().min(1).max(99).optional().describe('Default: the whole line'),
          wantedSku: sku.optional().describe('Exchange: the SKU wanted instead ("KAOS-001-L")'),
          wantedSize: plainText(20).min(1).optional().describe('Exchange: the size wanted instead ("L")'),
        }),
      )
      .max(20)
      .default([]),
    reason: plainText(500).min(2).describe('Why, in the customer\'s words ("kekecilan")'),
    resolution: z.enum(['refund', 'exchange']),
    refundAccount: z
      .object({ bank: plainText(40).min(2), number: plainText(32).min(6), holder: plainText(80).min(2) })
      .optional()
      .describe('Needed for refunds of bank-transfer and COD orders; stored masked'),
  })
  .meta({
    examples: [
      {
        customerId: 'cust-siti',
        orderNumber: 'ORD-2025-006',
        items: [{ sku: 'KAOS-001-M', wantedSize: 'L' }],
        reason: 'kekecilan',
        resolution: 'exchange',
      },
    ],
  })

export const returnStatusRequestSchema = z
  .object({
    customerId,
    orderNumber: plainText(64)
      .min(1)
      .optional()
      .describe('An order or return number ("ORD-2025-006", "ORD-2025-006-R1"); all the customer\'s when left out'),
  })
  .meta({ examples: [{ customerId: 'cust-siti', orderNumber: 'ORD-2025-006' }] })

const returnSchema = z.object({
  number: z.string().describe('"ORD-2025-006-R1"'),
  orderNumber: z.string(),
  resolution: z.enum(['refund', 'exchange']),
  status: z
    .string()
    .describe('REQUESTED, APPROVED, REJECTED, RECEIVED, REFUND_PENDING, REFUNDED, REPLACEMENT_SHIPPED, EXPIRED'),
  reason: z.string(),
  items: z.array(
    z.object({
      sku: z.string(),
      quantity: z.number().int(),
      wantedSku: z.string().nullable(),
      wantedSize: z.string().nullable(),
    }),
  ),
  refundAmount: z.number().int().nullable().describe('Rupiah; refunds only'),
  refundAccount: z.string().nullable().describe('Masked: "BCA ••••7890 a.n. Siti Rahma"'),
  rejectReason: z.string().nullable(),
  createdAt: z.string().describe('ISO 8601 time in UTC'),
})
type ReturnJson = z.infer<typeof returnSchema>

export const returnRequestResponseSchema = z
  .object({ success: z.literal(true), message: z.string(), return: returnSchema })
  .meta({
    examples: [
      {
        success: true,
        message: 'Permintaan ORD-2025-006-R1 sudah kami terima.',
        return: {
          number: 'ORD-2025-006-R1',
          orderNumber: 'ORD-2025-006',
          resolution: 'exchange',
          status: 'REQUESTED',
          reason: 'kekecilan',
          items: [{ sku: 'KAOS-001-M', quantity: 1, wantedSku: 'KAOS-001-L', wantedSize: 'L' }],
          refundAmount: null,
          refundAccount: null,
          rejectReason: null,
          createdAt: '2026-12-07T10:00:00.000Z',
        },
      },
    ],
  })
export const returnStatusResponseSchema = z.object({ success: z.literal(true), returns: z.array(returnSchema) })

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  413: errorResponseSchema,
  429: errorResponseSchema,
  500: errorResponseSchema,
}
const meta = { tags: ['bot'], security: [{ botToken: [] }] }

interface ViewLike {
  number: string
  orderNumber: string
  resolution: 'refund' | 'exchange'
  status: string
  reason: string
  items: { sku: string; quantity: number; wantedSku: string | null; wantedSize: string | null }[]
  refundAmount: number | null
  refundAccount: string | null
  rejectReason: string | null
  createdAt: string
}

function toJson(view: ViewLike): ReturnJson {
  return {
    number: view.number,
    orderNumber: view.orderNumber,
    resolution: view.resolution,
    status: view.status,
    reason: view.reason,
    items: view.items.map((i) => ({
      sku: i.sku,
      quantity: i.quantity,
      wantedSku: i.wantedSku,
      wantedSize: i.wantedSize,
    })),
    refundAmount: view.refundAmount,
    refundAccount: view.refundAccount,
    rejectReason: view.rejectReason,
    createdAt: view.createdAt,
  }
}

/** The two routes; mount with `{ prefix: '/api/bot' }`. */
export function returnBotApiRoutes(deps: ReturnBotApiDeps): FastifyPluginAsyncZod {
  const direct = createDirectTools({ services: deps.services })
  return async (app) => {
    app.addHook('preParsing', requireSecret(deps.token, bearerToken))

    app.post(
      '/return/request',
      {
        schema: {
          ...meta,
          summary: 'Request a return (refund) or size exchange of a delivered order, at once',
          body: returnRequestSchema,
          response: { 200: returnRequestResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { customerId: id, ...input } = request.body
        const orderNumber = customerOrderNumber(input.orderNumber) ?? input.orderNumber
        const args = { orderNumber, request: JSON.stringify({ ...input, orderNumber }) }
        let message: string
        try {
          message = (await direct.confirmWrite(requestReturn, id, args, 'api', 'id')).text
        } catch (error) {
          if (error instanceof ReturnNotAllowed) {
            throw new HttpError(409, 'return_not_allowed', returnRefusalText(error.details, 'id'))
          }
          throw error
        }
        const { result } = await direct.call(returnStatus, { customerId: id }, { orderNumber }, caller(request))
        const views = dataOf(result).returns
        const newest = views.reduce((a, b) => (a.createdAt >= b.createdAt ? a : b))
        return { success: true as const, message, return: toJson(newest) }
      },
    )

    app.post(
      '/return/status',
      {
        schema: {
          ...meta,
          summary: "Where a customer's return and exchange requests stand (of one order, or all)",
          body: returnStatusRequestSchema,
          response: { 200: returnStatusResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { customerId: id, orderNumber } = request.body
        const input = orderNumber ? { orderNumber } : {}
        const { result } = await direct.call(returnStatus, { customerId: id }, input, caller(request))
        return { success: true as const, returns: dataOf(result).returns.map(toJson) }
      },
    )
  }
}
