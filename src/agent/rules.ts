/**
 * The offline rule agent: the embedded default, Claude's fallback and a fast path. It reads a message
 * (intents.ts), calls the matching tool through `ctx.callTool` and answers with the tool's own reply, untouched;
 * every lookup, product names included, goes through a tool and is recorded. FAQ questions are answered from the
 * knowledge base. A question it asks back ("which order?") is kept as structured state with its answer, so the
 * next message is read as the answer. Anything it does not understand gets help and a "talk to a person" button
 * (`gaveUp`); a hand-off opens only when the customer asks or presses it.
 */
import type { Reply } from '../core/types.ts'
import { type MessageKey, t } from '../i18n/messages.ts'
import { bareNumberCandidates } from '../services/order-number.ts'
import { addressReply, type DetectedIntent, detectIntent } from './intents.ts'
import type { KnowledgeBase, KnowledgeMatch } from './knowledge.ts'
import { colours } from './rules/data/products.ts'
import { orderLookup } from './rules/order-lookup.ts'
import { returnAnswer, returnRequest, returnStatus } from './rules/return-request.ts'
import { type Agent, type AgentContext, type AgentResponse, handoffOfferToken, type PendingQuestion } from './types.ts'

export interface RuleAgentDeps {
  knowledge: KnowledgeBase
}

type AgentMessageKey = Extract<MessageKey, `agent.askOrder${string}`>

// The question asked when an order intent names no order; the answer to it is kept as the pending question.
const askOrderKeys: Record<
  'track' | 'cancel' | 'payment' | 'how_to_pay' | 'payment_link' | 'order_detail' | 'cod_confirm' | 'address',
  AgentMessageKey
> = {
  track: 'agent.askOrderTrack',
  cancel: 'agent.askOrderCancel',
  payment: 'agent.askOrderPayment',
  how_to_pay: 'agent.askOrderPayment',
  payment_link: 'agent.askOrderPaymentLink',
  order_detail: 'agent.askOrderDetail',
  cod_confirm: 'agent.askOrderCodConfirm',
  address: 'agent.askOrderAddress',
}

// Several orders in one question ("lacak ORD-2025-001 dan ORD-2025-003") are answered one by one, up to this.
const maxOrdersPerMessage = 3
// A short message that only names a product ("kemeja linen L") is read as a stock question.
const maxWordsForProductOnly = 6
// Two keywords at least: enough for a FAQ answer to beat asking which order was meant.
const strongFaqScore = 6

/**
 * The message read as the answer to the agent's own question, when it is one: an order number alone after
 * "which order?", a product name after "which product?", an address after "what is the new address?".
 */
function asAnswer(ctx: AgentContext, detected: DetectedIntent): DetectedIntent {
  const pending = ctx.state?.pending
  const returning = returnAnswer(ctx, detected)
  if (returning) return returning
  const unknown = detected.intent === 'unknown'
  if (!pending || !(unknown || detected.bareOrderNumber)) return detected
  switch (pending.intent) {
    case 'address': {
      const orderNumber = detected.orderNumbers[0] ?? pending.orderNumber ?? ctx.lastOrderNumber ?? undefined
      const address = addressReply(ctx.text)
      return {
        ...detected,
        intent: 'address',
        ...(orderNumber ? { orderNumber } : {}),
        ...(address ? { address } : {}),
      }
    }
    case 'stock':
    case 'search':
      if (!unknown) return detected
      return {
        ...detected,
        intent: pending.intent,
        productQuery: detected.productQuery ?? ctx.text.trim().slice(0, 200),
      }
    default:
      return detected.bareOrderNumber ? { ...detected, intent: pending.intent } : detected
  }
}

/**
 * The verified customer's own order numbers written bare in the message ("5001 sudah dikirim?"): asked of the
 * core only when the message has such a number. A number is never an order of an unverified sender's.
 */
async function ownNumbersIn(ctx: AgentContext): Promise<string[]> {
  if (!ctx.ownOrderNumbers) return []
  const candidates = bareNumberCandidates(ctx.text)
  return candidates.length > 0 ? ctx.ownOrderNumbers(candidates) : []
}

function faqReply(match: KnowledgeMatch): Reply {
  return { text: `**${match.title}**\n\n${match.text}` }
}

/** The offline agent over the registered tools and the shop's knowledge base. */
export function createRuleAgent(deps: RuleAgentDeps): Agent {
  const { knowledge } = deps

  async function callForReplies(ctx: AgentContext, name: string, inputs: unknown[]): Promise<Reply[]> {
    const replies: Reply[] = []
    for (const input of inputs) replies.push((await ctx.callTool(name, input)).reply)
    return replies
  }

  function ask(text: string, pending: PendingQuestion): AgentResponse {
    return { replies: [{ text }], state: { pending } }
  }

  /**
   * Help for a message not understood (or a general question a shop without knowledge files cannot answer), with
   * a button to reach a person.
   */
  function giveUp(
    ctx: AgentContext,
    key: 'agent.notUnderstood' | 'agent.noKnowledge' = 'agent.notUnderstood',
  ): AgentResponse {
    const button = {
      label: t(ctx.locale, 'agent.talkToPerson'),
      action: { kind: 'confirm' as const, token: handoffOfferToken },
    }
    return { replies: [{ text: t(ctx.locale, key), buttons: [button] }], gaveUp: true }
  }

  /** The orders to ask a tool about: every one written (a few at most), else the remembered one. */
  function ordersOf(detected: DetectedIntent): string[] {
    if (detected.orderNumbers.length > 0) return detected.orderNumbers.slice(0, maxOrdersPerMessage)
    return detected.orderNumber ? [detected.orderNumber] : []
  }

  function stockInput(ctx: AgentContext, detected: DetectedIntent): Record<string, unknown> | null {
    // The colour as the customer's language names it, so the tool's answer can say it back.
    const colour = detected.colour ? (colours[detected.colour]?.[ctx.locale] ?? detected.colour) : undefined
    const extra = { ...(detected.size ? { size: detected.size } : {}), ...(colour ? { colour } : {}) }
    if (detected.productIds?.length) return { productIds: detected.productIds, ...extra }
    if (detected.productQuery) return { query: detected.productQuery, ...extra }
    return null
  }

  async function stock(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
    const input = stockInput(ctx, detected)
    if (!input) return ask(t(ctx.locale, 'agent.askProduct'), { intent: 'stock' })
    return { replies: await callForReplies(ctx, 'check_inventory', [input]) }
  }

  /**
   * A stock question recognised from weak words, or a message that only names a product: asked of
   * check_inventory, and answered with it only when the tool found the product.
   */
  async function maybeStock(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse | null> {
    const input = stockInput(ctx, detected)
    if (!input) return null
    const call = await ctx.callTool('check_inventory', input)
    const data = (call.result as { ok?: boolean; data?: { items?: unknown[]; catalogEmpty?: boolean } } | null)?.data
    const found = Array.isArray(data?.items) && data.items.length > 0
    // A shop with no products yet says so, rather than "not understood".
    return call.ok && (found || data?.catalogEmpty) ? { replies: [call.reply] } : null
  }

  async function fallback(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
    const match = knowledge.search(detected.focus, ctx.locale)
    if (match) return { replies: [faqReply(match)] }
    const query = detected.productQuery
    if (query && query.split(' ').length <= maxWordsForProductOnly) {
      const found = await maybeStock(ctx, detected)
      if (found) return found
    }
    return giveUp(ctx)
  }

  async function answer(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
    switch (detected.intent) {
      case 'track':
      case 'cancel':
      case 'payment':
      case 'how_to_pay':
      case 'payment_link':
      case 'order_detail':
      case 'cod_confirm':
      case 'address':
        return orderRequest(ctx, detected)
      case 'return_request':
        return returnRequest(ctx, detected)
      case 'return_status':
        return returnStatus(ctx, detected)
      case 'shipping_quote':
        return { replies: await callForReplies(ctx, 'quote_shipping', [detected.quote]) }
      case 'restock':
        return { replies: await callForReplies(ctx, 'notify_back_in_stock', [detected.restock]) }
      case 'waybill':
      case 'last_order':
      case 'unpaid':
        return { replies: await orderLookup(ctx, detected) }
      case 'summary':
        return { replies: await callForReplies(ctx, 'get_order_summary', [{}]) }
      case 'profile':
        return { replies: await callForReplies(ctx, 'get_customer_profile', [{}]) }
      case 'human':
        return { replies: await callForReplies(ctx, 'request_human', [{ reason: ctx.text.trim().slice(0, 500) }]) }
      case 'stock':
        if (detected.weak && !detected.productIds?.length) {
          return (await maybeStock(ctx, detected)) ?? fallback(ctx, { ...detected, productQuery: undefined })
        }
        return stock(ctx, detected)
      case 'search': {
        const query = [detected.productQuery, detected.size].filter(Boolean).join(' ')
        if (!query) return ask(t(ctx.locale, 'agent.askSearch'), { intent: 'search' })
        return { replies: await callForReplies(ctx, 'search_products', [{ query }]) }
      }
      case 'faq': {
        const match =
          (detected.faqTopic && knowledge.get(detected.faqTopic, ctx.locale)) ||
          knowledge.search(detected.focus, ctx.locale)
        if (match) return { replies: [faqReply(match)] }
        return knowledge.sections.length === 0 ? giveUp(ctx, 'agent.noKnowledge') : giveUp(ctx)
      }
      case 'greeting':
        return { replies: [{ text: t(ctx.locale, 'agent.greeting', { shopName: ctx.shopName }) }] }
      case 'thanks':
        return { replies: [{ text: t(ctx.locale, 'agent.thanks') }] }
      case 'ack':
        return { replies: [{ text: t(ctx.locale, 'agent.ack') }] }
      case 'unknown':
        return fallback(ctx, detected)
    }
  }

  async function orderRequest(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
    const intent = detected.intent as keyof typeof askOrderKeys
    const orders = ordersOf(detected)
    if (orders.length === 0) {
      if (intent === 'payment_link' || intent === 'order_detail' || intent === 'cod_confirm')
        return ask(t(ctx.locale, askOrderKeys[intent]), { intent })
      // With no order in view, a question the FAQ clearly answers is a general one ("pengiriman pakai JNE
      // bisa?"), and "cara bayar?" is answered by the payment methods.
      const faq = knowledge.search(detected.focus, ctx.locale)
      if (faq && faq.score >= strongFaqScore) return { replies: [faqReply(faq)] }
      const general = intent === 'how_to_pay' && knowledge.get('payment-methods', ctx.locale)
      if (general) return { replies: [faqReply(general)] }
      return ask(t(ctx.locale, askOrderKeys[intent]), { intent })
    }
    const [first] = orders as [string, ...string[]]
    switch (intent) {
      case 'cancel':
        return {
          replies: await callForReplies(ctx, 'cancel_order', [
            detected.reason ? { orderNumber: first, reason: detected.reason } : { orderNumber: first },
          ]),
        }
      case 'address':
        if (!detected.address) {
          return ask(t(ctx.locale, 'agent.askAddress', { orderNumber: first }), {
            intent: 'address',
            orderNumber: first,
          })
        }
        return {
          replies: await callForReplies(ctx, 'update_shipping_address', [
            { orderNumber: first, newAddress: detected.address },
          ]),
        }
      case 'payment_link':
        return { replies: await callForReplies(ctx, 'payment_link', [{ orderNumber: first }]) }
      case 'cod_confirm':
        return { replies: await callForReplies(ctx, 'confirm_cod', [{ orderNumber: first }]) }
      case 'order_detail':
        return { replies: await callForReplies(ctx, 'get_order', [{ orderNumber: first }]) }
      case 'payment':
      case 'how_to_pay':
        return {
          replies: await callForReplies(
            ctx,
            'verify_payment',
            orders.map((orderNumber) => ({ orderNumber })),
          ),
        }
      default:
        return {
          replies: await callForReplies(
            ctx,
            'track_order',
            orders.map((orderNumber) => ({ orderNumber })),
          ),
        }
    }
  }

  return {
    name: 'rules',
    // It reads no earlier turns: its own pending question comes back as state.
    historyNeeded: 6,
    async respond(ctx) {
      await knowledge.refresh?.()
      const knownOrderNumbers = await ownNumbersIn(ctx)
      const detected = asAnswer(
        ctx,
        detectIntent(ctx.text, { lastOrderNumber: ctx.lastOrderNumber, knownOrderNumbers }),
      )
      ctx.log.debug({ intent: detected.intent, fromContext: detected.orderFromContext ?? false }, 'rule agent intent')
      return answer(ctx, detected)
    },
  }
}
