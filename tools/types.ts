/**
 * The tool plugin contract (DESIGN §3). A tool is a name and a description for the model, a zod input, a
 * `run` over the services and a `render` that turns its result into a channel-neutral Reply. Tools never take
 * a customer id: the core puts the verified customer into the context.
 */
import type { z } from 'zod'
import type { Identity, Reply } from '../src/core/types.ts'
import type { Customer } from '../src/generated/prisma/client.ts'
import type { Locale } from '../src/i18n/format.ts'
import type { Logger } from '../src/logger.ts'
import type { Services } from '../src/services/index.ts'

export type { Locale }

/** What failed, for the model (message, in English) and for the renderer (code + details). */
export interface ToolError {
  /** A DomainError code ("order_not_found", "not_cancellable", ...) or one of the runner's own codes. */
  code: string
  message: string
  details?: Record<string, unknown>
}

/**
 * A write waiting for the customer's button press. Kept outside `data` on purpose: `data` is what the model
 * reads; the token is only for the renderer's buttons and must not be sent to the model.
 */
export interface PendingConfirmation {
  token: string
  /** ISO time. */
  expiresAt: string
}

/** Results are plain JSON (dates as ISO strings) so they can be stored, replayed and sent to the model. */
export type ToolResult<D = unknown> =
  | { ok: true; data: D; confirmation?: PendingConfirmation }
  | { ok: false; error: ToolError }

/** The codes the runner itself produces (see run-tool.ts). */
export const runnerErrorCodes = [
  'invalid_input',
  'verification_required',
  'service_unavailable',
  'internal_error',
] as const

/** How long a confirmation button stays valid. */
export const pendingActionTtlMinutes = 10

export type PendingActionKind = 'cancel_order' | 'update_shipping_address'

export interface PendingActionRequest {
  customerId: string
  identityId: string
  conversationId?: string
  action: PendingActionKind
  args: Record<string, string>
}

/** Creates one-time confirmation tokens (implemented by src/core/pending-actions.ts). */
export interface PendingActions {
  create(request: PendingActionRequest): Promise<{ token: string; expiresAt: Date }>
}

/** Everything a tool may use. Built by the core for every message. */
export interface ToolContext {
  /** The verified customer, or none: tools with `needsCustomer` never run without one. */
  customer?: Customer
  identity: Identity
  services: Services
  /** Where the confirmation of a write is recorded. */
  pendingActions: PendingActions
  conversationId?: string
  log: Logger
  now(): Date
  locale: Locale
  /** False when no staff channel is configured (nobody could take over a conversation). */
  staffAvailable?: boolean
  /** How to reach the shop outside this chat (WhatsApp, email), in `locale`, when known. */
  shopContact?: string
}

export interface ToolPlugin<I = unknown, D = unknown> {
  /** snake_case, as the model sees it. */
  readonly name: string
  /** When to use it and when not; written for the model. */
  readonly description: string
  readonly input: z.ZodType<I>
  /** Refuse with `verification_required` when the sender is not a verified customer. */
  readonly needsCustomer: boolean
  /** Called by run-tool.ts only, with validated input; may throw DomainError / GatewayError. */
  run(ctx: ToolContext, input: I): Promise<ToolResult<D>>
  /** Pure: the same result and locale always give the same Reply. Handles error results too. */
  render(result: ToolResult<D>, locale: Locale): Reply
}

/** A successful result. */
export function ok<D>(data: D, confirmation?: PendingConfirmation): ToolResult<D> {
  return confirmation ? { ok: true, data, confirmation } : { ok: true, data }
}

/** A failed result. */
export function fail<D = never>(code: string, message: string, details?: Record<string, unknown>): ToolResult<D> {
  return details ? { ok: false, error: { code, message, details } } : { ok: false, error: { code, message } }
}
