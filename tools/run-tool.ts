/**
 * The one way a tool runs, whoever calls it (Claude's tool loop, the rule agent, the REST endpoints): input
 * checked with the tool's zod schema, the customer requirement enforced, and every failure turned into a
 * result. It never throws.
 */
import { isGatewayError } from '../src/gateways/errors.ts'
import { isDomainError } from '../src/services/errors.ts'
import { customerOrderNumber } from '../src/services/order-number.ts'
import { fail, type ToolContext, type ToolPlugin, type ToolResult } from './types.ts'

/**
 * Runs `tool` with raw (unvalidated) input.
 *
 * - input fails the schema → `invalid_input` with `details.field` (the first failing path, e.g. "orderNumber")
 * - `needsCustomer` and no customer → `verification_required`
 * - DomainError → its code, message and details
 * - GatewayError → `service_unavailable`
 * - anything else → `internal_error` (logged with the stack; the model sees no internals)
 */
export async function runTool<I, D>(
  tool: ToolPlugin<I, D>,
  ctx: ToolContext,
  rawInput: unknown,
): Promise<ToolResult<D>> {
  try {
    const parsed = tool.input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }))
      const field = issues[0]?.path || 'input'
      return fail('invalid_input', `${field}: ${issues[0]?.message ?? 'invalid'}`, { field, issues })
    }
    if (tool.needsCustomer && !ctx.customer) {
      return fail(
        'verification_required',
        'The sender is not a verified customer. Ask them to verify with their order number and the last 4 digits of their phone number; do not guess or reveal order data.',
      )
    }
    return await tool.run(ctx, parsed.data)
  } catch (error) {
    if (isDomainError(error)) return fail(error.code, error.message, error.details)
    if (isGatewayError(error)) {
      ctx.log.warn({ tool: tool.name, gateway: error.gateway, failure: error.failure }, 'tool gateway failure')
      return fail('service_unavailable', `The ${error.gateway} service is unavailable; try again later.`, {
        gateway: error.gateway,
        failure: error.failure,
      })
    }
    try {
      ctx.log.error({ err: error, tool: tool.name }, 'tool failed unexpectedly')
    } catch {
      // A broken logger must not turn into a thrown error here.
    }
    return fail('internal_error', 'An internal error occurred; apologise and offer a human.')
  }
}

/** Failures that still mean the order exists and is the customer's (it just cannot do what was asked). */
const orderRelatedErrors = new Set([
  'not_cancellable',
  'address_not_changeable',
  'payment_not_found',
  'shipment_not_found',
  'invalid_input',
])

/**
 * The order a call was about, when the conversation may go on talking about it ("and the payment?"): the order
 * number in the input of a call that succeeded or failed for a reason that still means the order is the
 * customer's. Null for a call about no order, or about an order that was not found.
 */
export function orderTalkedAbout(input: unknown, result: ToolResult): string | null {
  if (!result.ok && !orderRelatedErrors.has(result.error.code)) return null
  if (typeof input !== 'object' || input === null) return null
  const raw = (input as { orderNumber?: unknown }).orderNumber
  return typeof raw === 'string' ? customerOrderNumber(raw) : null
}
