/**
 * The rule agent's return and exchange requests, over several messages: which order (the one in view, else the
 * customer's only delivered order), refund or exchange, the reason, the size wanted (request_return's refusal lists
 * the sizes in stock) and, for transferred refunds, the account. What is known so far travels as the pending
 * question; every lookup and the staging itself go through the tools (find_orders, request_return, return_status).
 */
import type { Reply } from '../../core/types.ts'
import { t } from '../../i18n/messages.ts'
import { normalizeWords } from '../text-normalize.ts'
import type { AgentContext, AgentResponse, PendingQuestion, PendingReturn } from '../types.ts'
import type { DetectedIntent } from './detect.ts'
import { type ReturnSlots, reasonText, returnSlotsOf, wantedSizeIn } from './return-slots.ts'
import { extractReason } from './slots.ts'
import { Words } from './words.ts'

/** Intents a message may be read as and still be the answer to a return question ("L", "kekecilan", "refund"). */
const answerIntents: ReadonlySet<string> = new Set(['unknown', 'faq', 'return_request', 'stock', 'search', 'ack'])

/** "BCA 1234567890 a.n. Siti Rahma", "Mandiri 123-456-7890 Siti". */
const accountPattern =
  /\b([A-Za-z]{2,20})\s*[:-]?\s*([0-9][0-9 .-]{4,30}[0-9])\s*(?:a\.?\s?n\.?|atas nama|an\b|name\b)?\s*[:-]?\s*([A-Za-z][A-Za-z .'-]{1,79})?/i

function accountIn(text: string): PendingReturn['refundAccount'] | undefined {
  const match = accountPattern.exec(text)
  if (!match?.[1] || !match[2] || !match[3]) return undefined
  return { bank: match[1].toUpperCase(), number: match[2].trim(), holder: match[3].trim() }
}

/** The message read as the answer to a pending return question, merged with what was said before; or null. */
export function returnAnswer(ctx: AgentContext, detected: DetectedIntent): DetectedIntent | null {
  const pending = ctx.state?.pending
  if (pending?.intent !== 'return_request') return null
  if (!answerIntents.has(detected.intent) && !detected.bareOrderNumber) return null
  const before = pending.return
  const words = new Words(normalizeWords(ctx.text))
  const said = detected.returnRequest ?? returnSlotsOf(ctx.text, words)
  const merged: Slots = {
    ...(before?.resolution ? { resolution: before.resolution } : {}),
    ...(before?.wantedSize ? { wantedSize: before.wantedSize } : {}),
    ...(before?.reason ? { reason: before.reason } : {}),
    ...(before?.refundAccount ? { refundAccount: before.refundAccount } : {}),
    ...(before?.checked ? { checked: true } : {}),
    ...said,
  }
  const size = wantedSizeIn(words.list)
  if (before?.awaiting === 'size' && size) {
    merged.wantedSize = size
    merged.resolution ??= 'exchange'
  }
  if (before?.awaiting === 'reason' && !said.reason) {
    const reason = extractReason(ctx.text) ?? reasonText(ctx.text)
    if (reason) merged.reason = reason
  }
  if (before?.awaiting === 'account') {
    const account = accountIn(ctx.text)
    if (account) merged.refundAccount = account
  }
  const orderNumber = detected.orderNumbers[0] ?? pending.orderNumber
  return {
    ...detected,
    intent: 'return_request',
    returnRequest: merged,
    ...(orderNumber ? { orderNumber, orderFromContext: false } : {}),
  }
}

type Slots = ReturnSlots & Pick<PendingReturn, 'refundAccount' | 'checked'>

/** Refusals that leave the request possible once the customer says more (which size, which item). */
const openRefusals: ReadonlySet<string | undefined> = new Set([
  'size_unavailable',
  'exchange_not_offered',
  'item_not_named',
])

interface ToolError {
  ok?: boolean
  error?: { code?: string; details?: { reason?: string } }
}

function refusalOf(result: unknown): string | undefined {
  const error = (result as ToolError | null)?.error
  return error?.code === 'return_not_allowed' ? error.details?.reason : undefined
}

/** The reason sent with a check that cannot stage anything: the message, or a word when it is too short. */
function probeReason(text: string): string {
  return reasonText(text) ?? 'return'
}

export async function returnRequest(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
  const slots = (detected.returnRequest ?? {}) as Slots
  const ask = (text: string, awaiting: PendingReturn['awaiting'], orderNumber?: string): AgentResponse => {
    const pending: PendingQuestion = {
      intent: 'return_request',
      ...(orderNumber ? { orderNumber } : {}),
      return: { ...slots, awaiting },
    }
    return { replies: [{ text }], state: { pending } }
  }
  const reply = (r: Reply): AgentResponse => ({ replies: [r] })

  let orderNumber = detected.orderNumber
  if (!orderNumber || !ctx.verified) {
    // An unverified sender gets the tool's "please verify first"; a verified one their delivered orders.
    const found = await ctx.callTool('find_orders', { which: 'delivered' })
    if (!found.ok) return reply(found.reply)
    if (!orderNumber) {
      const orders = ((found.result as { data?: { orders?: { orderNumber: string }[] } } | null)?.data?.orders ??
        []) as { orderNumber: string }[]
      if (orders.length === 0) return ask(t(ctx.locale, 'agent.noReturnableOrder'), 'order')
      if (orders.length > 1) {
        const list = orders.map((o) => o.orderNumber).join(', ')
        return ask(t(ctx.locale, 'agent.returnWhichOrder', { orders: list }), 'order')
      }
      orderNumber = orders[0]!.orderNumber
    }
  }

  // Before asking anything, request_return checks the order: asked as an exchange with no size, it cannot
  // stage anything, and refuses someone else's order, one not delivered or outside the window at once.
  const sizeToAsk = slots.resolution === 'exchange' && !slots.wantedSize
  if (!slots.checked && !sizeToAsk && (!slots.resolution || !slots.reason)) {
    const reason = slots.reason ?? probeReason(ctx.text)
    const probe = await ctx.callTool('request_return', { orderNumber, resolution: 'exchange', reason, items: [] })
    if (!openRefusals.has(refusalOf(probe.result))) return reply(probe.reply)
    slots.checked = true
  }

  if (!slots.resolution)
    return ask(t(ctx.locale, 'agent.askReturnResolution', { orderNumber }), 'resolution', orderNumber)

  if (sizeToAsk) {
    // Asked without a size: the tool checks the order (delivered, window, one request per item) and its refusal
    // lists the sizes in stock, which the customer then picks from. Nothing can be staged without a size.
    const reason = slots.reason ?? probeReason(ctx.text)
    const call = await ctx.callTool('request_return', { orderNumber, resolution: 'exchange', reason, items: [] })
    slots.checked = true
    if (refusalOf(call.result) === 'size_unavailable') return ask(call.reply.text, 'size', orderNumber)
    return reply(call.reply)
  }

  if (!slots.reason) return ask(t(ctx.locale, 'agent.askReturnReason'), 'reason', orderNumber)

  const input = {
    orderNumber,
    resolution: slots.resolution,
    reason: slots.reason,
    items: slots.wantedSize ? [{ wantedSize: slots.wantedSize }] : [],
    ...(slots.refundAccount ? { refundAccount: slots.refundAccount } : {}),
  }
  const call = await ctx.callTool('request_return', input)
  const refusal = refusalOf(call.result)
  if (refusal === 'refund_account_needed') return ask(call.reply.text, 'account', orderNumber)
  if (refusal === 'size_unavailable' || refusal === 'same_size') {
    const { wantedSize: _dropped, ...rest } = slots
    const pending: PendingQuestion = {
      intent: 'return_request',
      orderNumber,
      return: { ...rest, checked: true, awaiting: 'size' },
    }
    return { replies: [call.reply], state: { pending } }
  }
  return reply(call.reply)
}

/** "status retur", "how is my return going": the customer's requests, of the order named or all. */
export async function returnStatus(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
  const input = detected.orderNumber ? { orderNumber: detected.orderNumber } : {}
  return { replies: [(await ctx.callTool('return_status', input)).reply] }
}
