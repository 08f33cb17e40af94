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
import type { PendingActionStore } from '../src/services/pending-actions.ts'

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

/** Creates one-time confirmation tokens (src/services/pending-actions.ts); `action` is the staging tool's name. */
export type PendingActions = Pick<PendingActionStore, 'create'>

/**
 * The request a write must come from, in the customer's own words (src/core/write-requests.ts): a write tool
 * stages nothing in a turn whose messages did not ask for it.
 */
export type WriteRequest = 'cancel' | 'address' | 'cod' | 'return'

/** What a confirmed write runs with: the customer who pressed, never anything the model said. */
export interface ConfirmedWriteContext {
  services: Services
  customerId: string
  /** For the audit log: `customer:<id>`. */
  actor: string
  locale: Locale
}

/** The second half of a write tool: what happens when the customer presses a staged action's buttons. */
export interface ConfirmedWrite<A = unknown> {
  /** The arguments stored with the pending action. */
  readonly args: z.ZodType<A>
  /** Runs the write through the services (one transaction there); may throw DomainError. */
  execute(ctx: ConfirmedWriteContext, args: A): Promise<Reply>
  /** The reply to a write that failed with this error (e.g. shipped meanwhile); null: the general apology. */
  failed(error: unknown, locale: Locale): Reply | null
  /** The reply to "Tidak". */
  rejected(args: A, locale: Locale): Reply
}

/**
 * What calling a tool does besides reading, so the code around tools never needs to know one by name:
 * - `read`: reads only;
 * - `record`: keeps something for the customer that moves no money and changes no order or stock (a payment
 *   link, reused while valid; a wish to hear when a size is back): it runs at once, like a read;
 * - `handoff`: a successful call hands the conversation to a person (the core opens the hand-off);
 * - `write`: stages a pending action the customer confirms with a button (`confirmed` then runs the write); it
 *   runs only when the customer asked for `request` and one at a time within a turn.
 */
export type ToolEffect =
  | { readonly kind: 'read' }
  | { readonly kind: 'record' }
  | { readonly kind: 'handoff' }
  // biome-ignore lint/suspicious/noExplicitAny: each write tool has its own argument type
  | { readonly kind: 'write'; readonly request: WriteRequest; readonly confirmed: ConfirmedWrite<any> }

/** Everything a tool may use. Built by the core for every message. */
export interface ToolContext {
  /** The verified customer, or none: tools with `needsCustomer` never run without one. */
  customer?: Customer
  /** The sender's channel identity; absent for a caller outside any chat (the server-to-server API). */
  identity?: Identity
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
  /** What calling it does besides reading (see ToolEffect). */
  readonly effect: ToolEffect
  /**
   * What is kept of a call's input (the ToolCall rows staff read in the console); absent: the input as given. A tool
   * whose input can hold something staff must not read in full (a bank account number) masks it here.
   */
  storedInput?(input: unknown): unknown
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
