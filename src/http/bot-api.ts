/**
 * The seed document's tool endpoints, `POST /api/bot/*`, with exactly its request and response JSON. They are
 * server-to-server: the caller names the customer in the body and proves itself with
 * `Authorization: Bearer <BOT_API_TOKEN>` (checked in constant time). `buildServer` mounts them only when a
 * token is configured. Dates leave as ISO strings ("2025-11-26T00:00:00.000Z").
 *
 * Unlike the chat tools, `order/cancel` executes at once (actor 'api'): the calling system already has the
 * customer's consent. It still cancels only PENDING or PROCESSING orders (409 otherwise).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { cancelOrder, orderSummary, trackOrder, verifyPayment } from '../../tools/index.ts'
import { paymentInstructionsText } from '../../tools/verify-payment.ts'
import { createDirectTools } from '../core/direct-tools.ts'
import type { Services } from '../services/index.ts'
import { customerOrderNumber } from '../services/order-number.ts'
import { bearerToken, requireSecret } from './auth.ts'
import { caller, dataOf } from './direct-answers.ts'
import { errorResponseSchema } from './errors.ts'
import { identifier, plainText } from './text.ts'

export interface BotApiDeps {
  services: Services
  /** BOT_API_TOKEN. */
  token: string
}

const customerId = identifier(128).describe('The customer id (e.g. "cust-adi")')
const orderNumber = plainText(64).min(1).describe('Order number, loose forms accepted (e.g. "ORD-2025-001")')
const isoDate = z.string().describe('ISO 8601 time in UTC, e.g. "2025-11-26T00:00:00.000Z"')

export const trackRequestSchema = z.object({ customerId, orderNumber })
export const cancelRequestSchema = z.object({
  customerId,
  orderNumber,
  reason: plainText(500).optional().describe('Why the customer cancels (optional)'),
})
export const summaryRequestSchema = z.object({ customerId })
export const verifyRequestSchema = z.object({
  customerId,
  orderNumber,
  detailed: z.boolean().optional().describe('Accepted for compatibility with the seed; the answer is the same'),
})
export const inventoryRequestSchema = z
  .object({
    productIds: z
      .array(identifier(64))
      .min(1)
      .max(50)
      .describe('Product ids ("KAOS-001", all sizes) or SKUs ("KAOS-001-M", one size)'),
    quantities: z
      .array(z.number().int().positive().max(1000))
      .optional()
      .describe('Wanted quantity per product, same order as productIds; adds canOrder to each stock'),
  })
  .superRefine((body, ctx) => {
    if (body.quantities && body.quantities.length !== body.productIds.length) {
      ctx.addIssue({ code: 'custom', path: ['quantities'], message: 'must have one quantity per product id' })
    }
  })

const trackingSchema = z.object({
  orderNumber: z.string(),
  trackingNumber: z.string(),
  carrier: z.string(),
  status: z.string(),
  currentLocation: z.string().nullable(),
  estimatedDelivery: isoDate.nullable(),
})
export const trackResponseSchema = z.object({
  success: z.literal(true),
  tracking: trackingSchema.nullable().describe('null while the order has no shipment yet'),
  orderStatus: z.string(),
})
export const cancelResponseSchema = z.object({
  success: z.literal(true),
  message: z.string(),
  orderNumber: z.string(),
})
export const summaryResponseSchema = z.object({
  success: z.literal(true),
  summary: z.object({
    totalOrders: z.number().int(),
    activeOrders: z.number().int(),
    totalSpent: z.number().int(),
    recentOrders: z.array(
      z.object({ orderNumber: z.string(), status: z.string(), totalAmount: z.number().int(), createdAt: isoDate }),
    ),
  }),
})
const paymentBlock = z.object({ status: z.string(), method: z.string(), paidAt: isoDate.nullable() })
export const verifyResponseSchema = z.union([
  z.object({ success: z.literal(true), isPaid: z.literal(true), payment: paymentBlock }),
  z.object({ success: z.literal(true), isPaid: z.literal(false), instructions: z.string() }),
  // Not paid and not payable any more (expired, cancelled, failed, refunded): no instructions, the status instead.
  z.object({ success: z.literal(true), isPaid: z.literal(false), payment: paymentBlock }),
])
export const inventoryResponseSchema = z.object({
  success: z.literal(true),
  stocks: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      quantity: z.number().int(),
      inStock: z.boolean(),
      canOrder: z.boolean().optional().describe('Present when quantities were given'),
    }),
  ),
  totalProducts: z.number().int(),
  productsInStock: z.number().int(),
  notFound: z.array(z.string()).optional().describe('Requested ids that match no product (only when some do not)'),
})

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

/** The five routes; mount with `{ prefix: '/api/bot' }`. */
export function botApiRoutes(deps: BotApiDeps): FastifyPluginAsyncZod {
  const { services } = deps
  const direct = createDirectTools({ services })
  return async (app) => {
    app.addHook('preParsing', requireSecret(deps.token, bearerToken))

    app.post(
      '/order/track',
      {
        schema: {
          ...meta,
          summary: 'Track the shipment of an order',
          body: trackRequestSchema,
          response: { 200: trackResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { customerId, orderNumber } = request.body
        const { result } = await direct.call(trackOrder, { customerId }, { orderNumber }, caller(request))
        const { shipment, ...order } = dataOf(result)
        return {
          success: true as const,
          tracking: shipment
            ? {
                orderNumber: order.orderNumber,
                trackingNumber: shipment.trackingNumber,
                carrier: shipment.carrier,
                status: shipment.status,
                currentLocation: shipment.location,
                estimatedDelivery: shipment.estimatedDelivery,
              }
            : null,
          orderStatus: order.orderStatus,
        }
      },
    )

    app.post(
      '/order/cancel',
      {
        schema: {
          ...meta,
          summary: 'Cancel a PENDING or PROCESSING order (409 otherwise)',
          body: cancelRequestSchema,
          response: { 200: cancelResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { customerId, orderNumber, reason } = request.body
        // The write's confirmed half checks ownership and status in its own transaction (404, 409).
        const canonical = customerOrderNumber(orderNumber) ?? orderNumber
        await direct.confirmWrite(cancelOrder, customerId, { orderNumber: canonical, reason }, 'api', 'id')
        return { success: true as const, message: `Pesanan ${canonical} telah dibatalkan`, orderNumber: canonical }
      },
    )

    app.post(
      '/order/summary',
      {
        schema: {
          ...meta,
          summary: "A customer's order totals and five most recent orders",
          body: summaryRequestSchema,
          response: { 200: summaryResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { result } = await direct.call(orderSummary, { customerId: request.body.customerId }, {}, caller(request))
        return { success: true as const, summary: dataOf(result) }
      },
    )

    app.post(
      '/payment/verify',
      {
        schema: {
          ...meta,
          summary: 'Whether an order is paid; payment instructions when it is still payable',
          body: verifyRequestSchema,
          response: { 200: verifyResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { customerId, orderNumber } = request.body
        const { result } = await direct.call(verifyPayment, { customerId }, { orderNumber }, caller(request))
        const paid = dataOf(result)
        const payment = { status: paid.status, method: paid.method, paidAt: paid.paidAt }
        if (paid.isPaid) return { success: true as const, isPaid: true as const, payment }
        if (!paid.instructions) return { success: true as const, isPaid: false as const, payment }
        const instructions = paymentInstructionsText(paid.orderNumber, paid.instructions, 'id')
        return { success: true as const, isPaid: false as const, instructions }
      },
    )

    app.post(
      '/inventory/check',
      {
        schema: {
          ...meta,
          summary: 'Real-time stock of products or SKUs',
          body: inventoryRequestSchema,
          response: { 200: inventoryResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { productIds, quantities } = request.body
        const { stocks } = await services.inventory.checkMultipleProductsStock(productIds)
        const byId = new Map(stocks.map((s) => [(s.sku ?? s.productId).toUpperCase(), s]))
        const found: z.infer<typeof inventoryResponseSchema>['stocks'] = []
        const notFound: string[] = []
        productIds.forEach((id, i) => {
          const stock = byId.get(id.toUpperCase())
          if (!stock) {
            notFound.push(id)
            return
          }
          const wanted = quantities?.[i]
          found.push({
            productId: stock.sku ?? stock.productId,
            productName: stock.productName,
            quantity: stock.quantity,
            inStock: stock.inStock,
            ...(wanted === undefined ? {} : { canOrder: stock.inStock && stock.quantity >= wanted }),
          })
        })
        return {
          success: true as const,
          stocks: found,
          totalProducts: found.length,
          productsInStock: found.filter((s) => s.inStock).length,
          ...(notFound.length > 0 ? { notFound } : {}),
        }
      },
    )
  }
}
