/**
 * The commerce endpoints of the server-to-server bot API, in the seed's style (`POST /api/bot/*`, the same
 * bearer, `{ success: true, ... }` answers): shipping quotes (and, with their steps, payment links). Mounted
 * beside bot-api.ts under `/api/bot`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { paymentLink } from '../../tools/index.ts'
import { createDirectTools } from '../core/direct-tools.ts'
import type { Services } from '../services/index.ts'
import { bearerToken, requireSecret } from './auth.ts'
import { caller, dataOf } from './direct-answers.ts'
import { errorResponseSchema } from './errors.ts'
import { identifier, plainText } from './text.ts'

export interface CommerceBotApiDeps {
  services: Services
  /** BOT_API_TOKEN. */
  token: string
}

export const quoteRequestSchema = z.object({
  customerId: identifier(128).optional().describe('The customer id; needed only with orderNumber'),
  destination: plainText(200)
    .min(2)
    .describe('City, regency, district or 5-digit postal code in free text (e.g. "Surabaya", "60111")'),
  items: z
    .array(
      z.object({
        productId: identifier(64).describe('Product id ("KAOS-001") or SKU ("KAOS-001-M")'),
        quantity: z.number().int().min(1).max(50).default(1),
      }),
    )
    .max(20)
    .optional()
    .describe('Products to weigh (product weights); their value decides free shipping'),
  orderNumber: plainText(64).min(1).optional().describe("Weigh this order of the customer's (needs customerId)"),
  weightGrams: z.number().int().min(1).max(100_000).optional().describe('A weight in grams; default 1000'),
})

export const paymentLinkRequestSchema = z.object({
  customerId: identifier(128).describe('The customer id (e.g. "cust-adi")'),
  orderNumber: plainText(64).min(1).describe('Order number, loose forms accepted (e.g. "ORD-2025-002")'),
})

export const paymentLinkResponseSchema = z.object({
  success: z.literal(true),
  orderNumber: z.string(),
  amount: z.number().int().describe('Rupiah'),
  paymentUrl: z.string(),
  expiresAt: z.string().describe('ISO 8601 time in UTC'),
  methods: z.array(z.string()).describe('Midtrans payment codes the page offers'),
  reused: z.boolean().describe('true when the still-valid link of an earlier request is given again'),
})

const optionSchema = z.object({
  courier: z.string().describe('Courier code, e.g. "jne"'),
  courierName: z.string(),
  service: z.string().describe('Service code, e.g. "reg"'),
  serviceName: z.string(),
  price: z.number().int().describe('Rupiah'),
  minDays: z.number().int(),
  maxDays: z.number().int(),
})

export const quoteResponseSchema = z.object({
  success: z.literal(true),
  status: z
    .enum(['quote', 'ambiguous', 'unknown', 'no_service'])
    .describe('quote: options given; ambiguous: pick one of choices; unknown: ask for the place; no_service'),
  destination: z.string().optional(),
  estimates: z.boolean().optional().describe('true when the prices are offline estimates, not a courier quote'),
  weightGrams: z.number().int().optional(),
  weightSource: z.enum(['items', 'order', 'given', 'default']).optional(),
  goodsValue: z.number().int().nullable().optional(),
  freeShipping: z.boolean().nullable().optional().describe('null when the goods value is unknown'),
  freeShippingOver: z.number().int().optional(),
  options: z.array(optionSchema).optional().describe('Cheapest first'),
  cheapest: optionSchema.optional(),
  fastest: optionSchema.optional(),
  choices: z.array(z.string()).optional(),
})

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  429: errorResponseSchema,
  500: errorResponseSchema,
  502: errorResponseSchema,
}
const meta = { tags: ['bot'], security: [{ botToken: [] }] }

function toOption(o: {
  courierCode: string
  courierName: string
  serviceCode: string
  serviceName: string
  price: number
  minDays: number
  maxDays: number
}) {
  return {
    courier: o.courierCode,
    courierName: o.courierName,
    service: o.serviceCode,
    serviceName: o.serviceName,
    price: o.price,
    minDays: o.minDays,
    maxDays: o.maxDays,
  }
}

export function commerceBotApiRoutes(deps: CommerceBotApiDeps): FastifyPluginAsyncZod {
  const { services } = deps
  const direct = createDirectTools({ services })
  return async (app) => {
    app.addHook('preParsing', requireSecret(deps.token, bearerToken))

    app.post(
      '/payment/link',
      {
        schema: {
          ...meta,
          summary: 'A payment link for an unpaid order (409 when paid, cancelled, expired or COD)',
          body: paymentLinkRequestSchema,
          response: { 200: paymentLinkResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { customerId, orderNumber } = request.body
        const { result } = await direct.call(paymentLink, { customerId }, { orderNumber }, caller(request))
        const link = dataOf(result)
        return {
          success: true as const,
          orderNumber: link.orderNumber,
          amount: link.amount,
          paymentUrl: link.url,
          expiresAt: link.expiresAt,
          methods: link.methods,
          reused: link.reused,
        }
      },
    )

    app.post(
      '/shipping/quote',
      {
        schema: {
          ...meta,
          summary: 'Shipping cost to a place in free text, by courier and service',
          body: quoteRequestSchema,
          response: { 200: quoteResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { customerId, destination, items, orderNumber, weightGrams } = request.body
        const result = await services.shippingQuotes.quote(customerId ?? null, {
          destination,
          ...(items ? { items: items.map((i) => ({ idOrSku: i.productId, quantity: i.quantity })) } : {}),
          ...(orderNumber ? { orderNumber } : {}),
          ...(weightGrams ? { weightGrams } : {}),
        })
        switch (result.kind) {
          case 'quote':
            return {
              success: true as const,
              status: result.kind,
              destination: result.destination,
              estimates: result.estimates,
              weightGrams: result.weightGrams,
              weightSource: result.weightSource,
              goodsValue: result.goodsValue,
              freeShipping: result.freeShipping,
              freeShippingOver: result.freeShippingOver,
              options: result.options.map(toOption),
              cheapest: toOption(result.cheapest),
              fastest: toOption(result.fastest),
            }
          case 'ambiguous':
            return { success: true as const, status: result.kind, choices: result.choices }
          case 'unknown':
            return { success: true as const, status: result.kind }
          case 'no_service':
            return { success: true as const, status: result.kind, destination: result.destination }
        }
      },
    )
  }
}
