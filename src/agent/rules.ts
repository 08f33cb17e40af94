/**
 * The offline rule agent: the embedded default, Claude's fallback and a fast path. It recognises the common
 * requests (intents.ts), calls the matching tool through `ctx.callTool` and answers with the tool's own reply,
 * untouched. FAQ questions are answered from the knowledge base; anything else gets an honest "I don't
 * understand" and the offer of a person (`gaveUp`).
 */
import type { Reply } from '../core/types.ts'
import { interpolate, type MessageKey, messages, t } from '../i18n/messages.ts'
import { findOrderNumbers } from '../services/order-number.ts'
import { paymentLinkRequest, restockRequest, shippingQuoteRequest } from './commerce-requests.ts'
import { addressReply, type DetectedIntent, detectIntent, type Intent } from './intents.ts'
import type { KnowledgeBase, KnowledgeMatch } from './knowledge.ts'
import type { Agent, AgentContext, AgentResponse } from './types.ts'

/** Products a piece of text names, best first (inventory.searchProducts fits). */
export type ProductSearch = (query: string) => Promise<readonly { productId: string; score: number }[]>

export interface RuleAgentDeps {
  knowledge: KnowledgeBase
  /** When given, product names are checked against the catalog before a vague message becomes a stock check. */
  searchProducts?: ProductSearch
}

// The question the agent asks when an order intent names no order; a bare order number in the next message
// answers it.
type AgentMessageKey = Extract<MessageKey, `agent.${string}`>

const askOrderKeys: Partial<Record<Intent, AgentMessageKey>> = {
  track: 'agent.askOrderTrack',
  cancel: 'agent.askOrderCancel',
  payment: 'agent.askOrderPayment',
  how_to_pay: 'agent.askOrderPayment',
  address: 'agent.askOrderAddress',
}

// Several orders in one question ("lacak ORD-2025-001 dan ORD-2025-003") are answered one by one, up to this.
const maxOrdersPerMessage = 3
// A short message that only names a product ("kemeja linen L") is read as a stock question.
const maxWordsForProductOnly = 6
const minProductScore = 0.5
// Two keywords at least: enough for a FAQ answer to beat asking which order was meant.
const strongFaqScore = 6

function lastAssistantText(ctx: AgentContext): string {
  for (let i = ctx.history.length - 1; i >= 0; i--) {
    const turn = ctx.history[i]
    if (turn?.role === 'assistant') return turn.text
  }
  return ''
}

interface PendingQuestion {
  intent: Intent
  /** The order the question was about, when it named one. */
  orderNumber?: string
}

// "Mohon tuliskan alamat baru untuk pesanan " (the sentence up to its order number), in both languages.
const askAddressLeads = (['id', 'en'] as const).map(
  (locale) => messages[locale]['agent.askAddress'].split('{')[0] ?? '',
)

/** The question the agent asked in its previous message, if it asked one. */
function pendingQuestion(ctx: AgentContext): PendingQuestion | null {
  const last = lastAssistantText(ctx)
  if (!last) return null
  const asked = (key: AgentMessageKey) => last.includes(messages.id[key]) || last.includes(messages.en[key])
  for (const [intent, key] of Object.entries(askOrderKeys) as [Intent, AgentMessageKey][]) {
    if (asked(key)) return { intent }
  }
  if (askAddressLeads.some((lead) => lead !== '' && last.includes(lead))) {
    const [orderNumber] = findOrderNumbers(last)
    return orderNumber ? { intent: 'address', orderNumber } : { intent: 'address' }
  }
  if (asked('agent.askProduct')) return { intent: 'stock' }
  if (asked('agent.askSearch')) return { intent: 'search' }
  return null
}

/**
 * The message read as the answer to the agent's own question, when it is one: an order number alone after
 * "which order?", a product name after "which product?", an address after "what is the new address?".
 */
function asAnswer(ctx: AgentContext, detected: DetectedIntent): DetectedIntent {
  const pending = pendingQuestion(ctx)
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

function faqReply(match: KnowledgeMatch): Reply {
  return { text: `**${match.title}**\n\n${match.text}` }
}

/** The offline agent over the registered tools and the shop's knowledge base. */
export function createRuleAgent(deps: RuleAgentDeps): Agent {
  const { knowledge, searchProducts } = deps

  async function namesProduct(query: string): Promise<boolean> {
    if (!searchProducts) return true
    const [best] = await searchProducts(query)
    return best !== undefined && best.score >= minProductScore
  }

  async function callForReplies(ctx: AgentContext, name: string, inputs: unknown[]): Promise<Reply[]> {
    const replies: Reply[] = []
    for (const input of inputs) replies.push((await ctx.callTool(name, input)).reply)
    return replies
  }

  function say(ctx: AgentContext, key: AgentMessageKey, params?: Record<string, string>): AgentResponse {
    return { replies: [{ text: interpolate(messages[ctx.locale][key], params) }] }
  }

  function giveUp(ctx: AgentContext): AgentResponse {
    return { replies: [{ text: t(ctx.locale, 'agent.notUnderstood') }], gaveUp: true }
  }

  /** The orders to ask a tool about: every one written (a few at most), else the remembered one. */
  function ordersOf(detected: DetectedIntent): string[] {
    if (detected.orderNumbers.length > 0) return detected.orderNumbers.slice(0, maxOrdersPerMessage)
    return detected.orderNumber ? [detected.orderNumber] : []
  }

  async function stock(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
    const size = detected.size ? { size: detected.size } : {}
    if (detected.productIds?.length) {
      return { replies: await callForReplies(ctx, 'check_inventory', [{ productIds: detected.productIds, ...size }]) }
    }
    if (detected.productQuery) {
      return { replies: await callForReplies(ctx, 'check_inventory', [{ query: detected.productQuery, ...size }]) }
    }
    return say(ctx, 'agent.askProduct')
  }

  async function fallback(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
    const match = knowledge.search(ctx.text, ctx.locale)
    if (match) return { replies: [faqReply(match)] }
    const query = detected.productQuery
    if (searchProducts && query && query.split(' ').length <= maxWordsForProductOnly && (await namesProduct(query))) {
      return stock(ctx, detected)
    }
    return giveUp(ctx)
  }

  async function answer(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
    switch (detected.intent) {
      case 'track':
      case 'cancel':
      case 'payment':
      case 'how_to_pay':
      case 'address':
        return orderRequest(ctx, detected)
      case 'summary':
        return { replies: await callForReplies(ctx, 'get_order_summary', [{}]) }
      case 'profile':
        return { replies: await callForReplies(ctx, 'get_customer_profile', [{}]) }
      case 'human':
        return { replies: await callForReplies(ctx, 'request_human', [{ reason: ctx.text.trim().slice(0, 500) }]) }
      case 'stock':
        if (detected.weak && !detected.productIds?.length && !(await namesProduct(detected.productQuery ?? ''))) {
          return fallback(ctx, { ...detected, productQuery: undefined })
        }
        return stock(ctx, detected)
      case 'search': {
        const query = [detected.productQuery, detected.size].filter(Boolean).join(' ')
        if (!query) return say(ctx, 'agent.askSearch')
        return { replies: await callForReplies(ctx, 'search_products', [{ query }]) }
      }
      case 'faq': {
        const match =
          (detected.faqTopic && knowledge.get(detected.faqTopic, ctx.locale)) || knowledge.search(ctx.text, ctx.locale)
        return match ? { replies: [faqReply(match)] } : giveUp(ctx)
      }
      case 'greeting':
        return say(ctx, 'agent.greeting', { shopName: ctx.shopName })
      case 'thanks':
        return say(ctx, 'agent.thanks')
      case 'unknown':
        return fallback(ctx, detected)
    }
  }

  async function orderRequest(ctx: AgentContext, detected: DetectedIntent): Promise<AgentResponse> {
    const orders = ordersOf(detected)
    if (orders.length === 0) {
      // With no order in view, a question the FAQ clearly answers is a general one ("pengiriman pakai JNE
      // bisa?"), and "cara bayar?" is answered by the payment methods.
      const faq = knowledge.search(ctx.text, ctx.locale)
      if (faq && faq.score >= strongFaqScore) return { replies: [faqReply(faq)] }
      const general = detected.intent === 'how_to_pay' && knowledge.get('payment-methods', ctx.locale)
      if (general) return { replies: [faqReply(general)] }
      return say(ctx, askOrderKeys[detected.intent] ?? 'agent.askOrderTrack')
    }
    const [first] = orders as [string, ...string[]]
    switch (detected.intent) {
      case 'cancel':
        return {
          replies: await callForReplies(ctx, 'cancel_order', [
            detected.reason ? { orderNumber: first, reason: detected.reason } : { orderNumber: first },
          ]),
        }
      case 'address':
        if (!detected.address) return say(ctx, 'agent.askAddress', { orderNumber: first })
        return {
          replies: await callForReplies(ctx, 'update_shipping_address', [
            { orderNumber: first, newAddress: detected.address },
          ]),
        }
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
    // It reads only its own previous answer (the question it asked), which a few messages back always hold.
    historyNeeded: 6,
    async respond(ctx) {
      // Commerce requests (commerce-requests.ts) go to their tools before the intents are read.
      const quote = shippingQuoteRequest(ctx.text)
      if (quote) return { replies: await callForReplies(ctx, 'quote_shipping', [quote]) }
      const restock = restockRequest(ctx.text)
      if (restock) return { replies: await callForReplies(ctx, 'notify_back_in_stock', [restock]) }
      const payLink = paymentLinkRequest(ctx.text, ctx.lastOrderNumber)
      if (payLink) return { replies: await callForReplies(ctx, 'payment_link', [payLink]) }
      const detected = asAnswer(ctx, detectIntent(ctx.text, { lastOrderNumber: ctx.lastOrderNumber }))
      ctx.log.debug({ intent: detected.intent, fromContext: detected.orderFromContext ?? false }, 'rule agent intent')
      return answer(ctx, detected)
    },
  }
}
