/**
 * The one error boundary of the HTTP server. Every failure leaves as
 * `{ "success": false, "error": { "code", "message", "field"? } }`: validation → 400 with the failing field,
 * domain errors → their status (see `domainErrorStatus`), Fastify's own 4xx (bad JSON 400, body over the limit
 * 413, unsupported media type 415) keep their status, rate limit → 429, anything else → 500 with a fixed message
 * and never a stack trace (the error itself goes to the log).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { isGatewayError } from '../gateways/errors.ts'
import { isDomainError } from '../services/errors.ts'

/** An error a route throws on purpose, with its status and stable code. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const unauthorized = () => new HttpError(401, 'unauthorized', 'Missing or invalid credentials')

/** The body of every error response (also used in the OpenAPI document). */
export const errorResponseSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional().describe('The failing input field (validation errors only)'),
  }),
})
export type ErrorResponse = z.infer<typeof errorResponseSchema>

/** HTTP status of each DomainError code; codes not listed are 400. */
export const domainErrorStatus: Record<string, number> = {
  order_not_found: 404,
  product_not_found: 404,
  payment_not_found: 404,
  shipment_not_found: 404,
  customer_not_found: 404,
  not_cancellable: 409,
  address_not_changeable: 409,
  insufficient_stock: 409,
  payment_link_refused: 409,
  return_not_allowed: 409,
  return_not_found: 404,
  concurrent_update: 409,
  return_wrong_state: 409,
  invalid_input: 400,
}

/** Fastify's own client errors, by their code. */
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
}

const statusCodes: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

interface ValidationIssue {
  instancePath?: string
  message?: string
}

/** "/quantities/0" → "quantities.0"; the whole body → the context ("body"). */
function fieldOf(issue: ValidationIssue | undefined, context: string | undefined): string {
  const path = (issue?.instancePath ?? '').split('/').filter(Boolean).join('.')
  return path || context || 'body'
}

function body(code: string, message: string, field?: string): ErrorResponse {
  return { success: false, error: field === undefined ? { code, message } : { code, message, field } }
}

/** Turns any thrown value into a status and our error body. Pure; the handler below logs. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorResponse } {
  if (error instanceof HttpError) {
    return { status: error.statusCode, body: body(error.code, error.message, error.field) }
  }
  if (isDomainError(error)) {
    const status = domainErrorStatus[error.code] ?? 400
    const field = typeof error.details.field === 'string' ? error.details.field : undefined
    return { status, body: body(error.code, error.message, field) }
  }
  if (isGatewayError(error)) {
    return { status: 502, body: body('gateway_error', `The ${error.gateway} service did not answer usably`) }
  }
  const fe = error as Partial<FastifyError> & { validation?: ValidationIssue[] }
  if (Array.isArray(fe.validation)) {
    const field = fieldOf(fe.validation[0], fe.validationContext)
    const reason = fe.validation[0]?.message ?? 'invalid value'
    return { status: 400, body: body('invalid_input', `${field}: ${reason}`, field) }
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500
  if (status >= 400 && status < 500) {
    const code = (fe.code && fastifyCodes[fe.code]) ?? statusCodes[status] ?? 'bad_request'
    return { status, body: body(code, fe.message || code) }
  }
  return { status: 500, body: body('internal_error', 'Internal server error') }
}

/** Installs the error and not-found handlers on the root instance (children inherit them). */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body: payload } = toErrorResponse(error)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    else if (status !== 404) request.log.info({ code: payload.error.code, status }, 'request refused')
    return reply.code(status).type('application/json; charset=utf-8').send(payload)
  })
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(body('not_found', 'Route not found') satisfies ErrorResponse),
  )
}
