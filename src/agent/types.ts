/**
 * The agent contract. The core gives an agent the sender's text, the conversation so far and a way to call
 * tools (already bound to the sender's identity and customer); the agent answers with Reply blocks. Agents never
 * see a customer id and never touch the database: everything goes through `callTool`.
 */

import type { Locale, Reply } from '../core/types.ts'
import type { Logger } from '../logger.ts'

export interface AgentTurn {
  role: 'user' | 'assistant'
  text: string
}

/** A tool call as the core ran it (result shape from tools/types.ts). */
export interface ToolInvocation {
  name: string
  input: unknown
  ok: boolean
  /** The tool's result, as the model should read it (JSON-serialisable). */
  result: unknown
  /** The tool's own rendering of its result for the customer's locale. */
  reply: Reply
  errorCode?: string
  /** The call staged a write (cancel, address change) that waits for the customer's button press. */
  staged?: boolean
}

/**
 * The token of the "talk to a person" button the agents offer: pressing it (a confirm action) asks for a
 * person; its reject action leaves a waiting hand-off. Not a pending action: anyone may ask for a person.
 */
export const handoffOfferToken = 'handoff-offer'

/** What the rule agent asked and waits an answer to ("which order?"), stored with its reply. JSON. */
export interface PendingQuestion {
  intent:
    | 'track'
    | 'cancel'
    | 'payment'
    | 'how_to_pay'
    | 'payment_link'
    | 'order_detail'
    | 'cod_confirm'
    | 'address'
    | 'return_request'
    | 'stock'
    | 'search'
  /** The order the question was about, when it named one. */
  orderNumber?: string
  /** A return or exchange request: what the customer has said so far, and what was asked of them. */
  return?: PendingReturn
}

export interface PendingReturn {
  resolution?: 'refund' | 'exchange'
  wantedSize?: string
  reason?: string
  refundAccount?: { bank: string; number: string; holder: string }
  /** request_return has already checked the order (its owner, delivered, inside the window). */
  checked?: boolean
  awaiting: 'order' | 'resolution' | 'size' | 'reason' | 'account'
}

/** State an agent keeps between messages of one conversation, stored with its answer. */
export interface AgentState {
  pending?: PendingQuestion
}

export interface AgentContext {
  text: string
  locale: Locale
  /** Earlier turns, oldest first, not including `text`. */
  history: AgentTurn[]
  /** Whether the sender is linked to a customer (verified). */
  verified: boolean
  /** The order last talked about in this conversation, for follow-ups like "and the payment?". */
  lastOrderNumber: string | null
  shopName: string
  /** When the message is answered (the model is told the date and time in WIB). */
  now: Date
  /** Runs a registered tool for this sender; never throws (failures come back as `ok: false`). */
  callTool(name: string, input: unknown): Promise<ToolInvocation>
  /**
   * For a verified customer: which of these numbers, written bare in the message ("5001 sudah dikirim?"), are
   * their own orders. Absent for an unverified sender (a bare number is then no order number).
   */
  ownOrderNumbers?(candidates: string[]): Promise<string[]>
  log: Logger
  /** What the agent kept with its previous answer in this conversation. */
  state?: AgentState
}

export interface TokenUsage {
  inputTokens: number
  outputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
}

export interface AgentResponse {
  replies: Reply[]
  usage?: TokenUsage
  /** The model that used the tokens. */
  model?: string
  /** Estimated cost of `usage` in micro-dollars (src/agent/cost.ts). */
  costMicroUsd?: number
  /** Claude failed and the rule agent answered. */
  limitedMode?: boolean
  /** The agent could not help with this message (recorded; a hand-off opens only when the customer asks). */
  gaveUp?: boolean
  /** Kept with this answer and given back with the next message. */
  state?: AgentState
}

export interface Agent {
  readonly name: 'claude' | 'rules'
  /** How many earlier messages the agent reads at most; the core loads no more (default: the core's limit). */
  readonly historyNeeded?: number
  respond(ctx: AgentContext): Promise<AgentResponse>
}
