/**
 * The conversation core (DESIGN §1): one InboundMessage in, Reply blocks out, whatever the channel.
 *
 * Per message, inside the conversation's lock (so one conversation is answered in arrival order):
 * 1-4. one intake statement (conversation-store.ts), sent with the lock statement: drop a repeat of a channel
 *    message (ProcessedEvent `${channel}:message`, key `${chatId}:${messageId}`); resolve the sender's identity and linked customer;
 *    find or start the conversation; rate limit per sender (the refused message is not stored and no agent
 *    runs); store the customer's message before anything can fail, so nothing is lost;
 * 5. answer: a button press → the pending action; a shared contact → linking; a verification command → crm;
 *    the hand-off choice (handoff-choice.ts); an open hand-off → "a person will answer" (or back to the bot when
 *    asked); otherwise the agent with history, its kept state and bound tools;
 * 6. one outcome statement, sent with the unlock: store the answer (with token usage) and the tool calls,
 *    remember the order talked about and the agent's state. A hand-off opens only when the customer asks.
 *    On a channel that redelivers (`confirmsDelivery`) the answer is kept as sent until the channel calls
 *    `delivered(trace)`; a redelivery before that gets the kept answer again from the intake (no agent, no tool).
 * An agent that throws gets an honest apology; the error is logged.
 *
 * Over 400 lines on purpose: every step runs inside the same lock and shares its intake and outcome statements,
 * so splitting the steps apart would spread one transaction's state over several files.
 */

import type { WriteRequest } from '../../tools/types.ts'
import { wantsBot } from '../agent/intents.ts'
import type { Agent, ToolInvocation } from '../agent/types.ts'
import type { Locale } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { Logger } from '../logger.ts'
import type { AttachmentService } from '../services/attachments.ts'
import type { ConversationLock, LockedSql } from '../services/conversation-lock.ts'
import type {
  ConversationStore,
  IntakeInput,
  IntakeResult,
  TokenCounts,
  ToolCallRow,
  UndeliveredAnswer,
} from '../services/conversation-store.ts'
import { type CrmService, cleanIdentityInput } from '../services/crm.ts'
import type { Handoffs } from '../services/handoffs.ts'
import type { OrderService } from '../services/order.ts'
import { confirmsWrite, isHandoffChoice, leaveHandoff, waitingReply } from './handoff-choice.ts'
import { linkSharedContact, type Sender } from './identity.ts'
import { type KeptAnswer, readKeptAnswer } from './kept-answer.ts'
import { photoReply } from './photos.ts'
import { rateVerdict } from './ratelimit.ts'
import { type AssistantContent, historyOf } from './stored-history.ts'
import type { ToolInvoker } from './tool-invoker.ts'
import type { Identity, InboundMessage, Reply } from './types.ts'
import { handleVerification } from './verification.ts'
import { askedWrites } from './write-requests.ts'

/** Runs a confirm/reject button press; implemented by src/core/confirmations.ts. */
export interface ButtonPresses {
  confirm(token: string, identity: Identity, locale: Locale): Promise<Reply>
  reject(token: string, identity: Identity, locale: Locale): Promise<Reply>
}

export interface ConversationCoreDeps {
  store: ConversationStore
  crm: Pick<CrmService, 'linkByPhone' | 'verifyByOrderAndPhone'>
  /** Which bare numbers in a message are the verified customer's own orders (the agent asks only when needed). */
  orders?: Pick<OrderService, 'ownOrderNumbers'>
  agent: Agent
  tools: ToolInvoker
  buttons: ButtonPresses
  handoffs: Pick<Handoffs, 'open' | 'findOpen' | 'close'>
  /** Stores a photo a verified customer sends (photos.ts). */
  photos: Pick<AttachmentService, 'storePhoto' | 'settings'>
  /**
   * Tells staff what a customer wrote while their hand-off is open (not the message that opened it). Called once
   * here for every channel; a failure is logged and costs the customer nothing.
   */
  forwardToStaff?: (message: CustomerWroteDuringHandoff) => Promise<void>
  /** Messages a sender may send per window (RATE_LIMIT_PER_MINUTE; default window one minute). */
  rateLimit: { limit: number; windowMs?: number }
  lock: ConversationLock
  /** Picks the reply language from the customer's text; a neutral text ("ok", an order number) gets `fallback`. */
  detectLocale: (text: string, fallback?: Locale) => Locale
  log: Logger
  now: () => Date
  shopName: string
  /** Earlier messages given to the agent (default 20; the agent trims further to its own budget). */
  historyLimit?: number
}

/** A customer's message during an open hand-off, for the staff channels. */
export interface CustomerWroteDuringHandoff {
  handoffId: string
  customerId: string | null
  channel: InboundMessage['channel']
  displayName: string | null
  text: string
}

/**
 * What answering one message did: the replies and every tool call, in order (the terminal's --json mode), and
 * what a channel needs to render them, decided once here: the reply language, whether the sender is a verified
 * customer, and whether a person has the conversation.
 */
export interface MessageTrace {
  replies: Reply[]
  tools: ToolInvocation[]
  /** Null when the message was a repeat or was refused before a conversation was found. */
  conversationId: string | null
  /** The language the replies are in. */
  locale: Locale
  /** The sender is linked to a customer (after this message: a verification in it counts). */
  verified: boolean
  /** A hand-off is open on the conversation after this message. */
  handoffOpen: boolean
  /** True when the message could not be taken in at all (the database is unreachable): nothing was kept. */
  unavailable?: boolean
  /**
   * The stored answer the channel marks sent with `delivered(trace)` (messages with `confirmsDelivery` only; absent
   * when no answer was stored).
   */
  answerId?: string
  /** The replies are a stored answer sent again: the message is a redelivery and its answer never reached the channel. */
  resent?: boolean
}

export interface ConversationCore {
  /** Answers one message. Never throws: failures become an apology. A repeated message returns []. */
  handle(msg: InboundMessage): Promise<Reply[]>
  /** Like `handle`, with the tool calls made. */
  handleWithTrace(msg: InboundMessage): Promise<MessageTrace>
  /**
   * The channel sent the trace's answer (a message with `confirmsDelivery`): a redelivery of the message is dropped
   * from now on. One statement; does nothing without an `answerId`. Never throws: a mark that fails is logged and
   * only means a later redelivery would send the answer again.
   */
  delivered(trace: Pick<MessageTrace, 'answerId'>): Promise<void>
}

/** The agent's way to ask which bare numbers are the customer's orders; a failed lookup finds none. */
function ownOrderNumbersOf(orders: Pick<OrderService, 'ownOrderNumbers'>, customerId: string, log: Logger) {
  return async (candidates: string[]): Promise<string[]> => {
    try {
      return await orders.ownOrderNumbers(customerId, candidates)
    } catch (error) {
      log.warn({ err: error }, "could not look up the customer's order numbers")
      return []
    }
  }
}

function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en'
}

export function createConversationCore(deps: ConversationCoreDeps): ConversationCore {
  const historyLimit = Math.min(deps.historyLimit ?? 20, deps.agent.historyNeeded ?? Number.POSITIVE_INFINITY)
  const rateLimit = { limit: deps.rateLimit.limit, windowMs: deps.rateLimit.windowMs ?? 60_000 }

  // Strictly increasing timestamps, so stored messages sort in the order they were written even within one ms.
  let lastStamp = 0
  function stamp(): Date {
    lastStamp = Math.max(deps.now().getTime(), lastStamp + 1)
    return new Date(lastStamp)
  }

  /** What the message says and who sent it, before anything is read or stored. Throws on a malformed sender. */
  function receive(msg: InboundMessage) {
    const hint: Locale = isLocale(msg.locale) ? msg.locale : 'id'
    const text = msg.text.trim()
    const locale = text ? deps.detectLocale(text, hint) : hint
    const { userId, details } = cleanIdentityInput(msg.channel, msg.externalUserId, {
      displayName: msg.displayName,
      externalChatId: msg.externalChatId,
      locale: msg.locale,
    })
    return { locale, text, userId, details }
  }
  type Received = ReturnType<typeof receive>

  /** The intake of a message, stamped when it is about to be sent (after earlier messages of its conversation). */
  function intakeInput(msg: InboundMessage, { locale, text, userId, details }: Received): IntakeInput {
    return {
      channel: msg.channel,
      externalUserId: userId,
      externalChatId: msg.externalChatId,
      messageKey: msg.externalMessageId ? `${msg.externalChatId}:${msg.externalMessageId}` : null,
      ...(msg.delivery ? { delivery: msg.delivery } : {}),
      identityChatId: details.externalChatId,
      displayName: details.displayName,
      identityLocale: details.locale,
      conversationLocale: locale,
      text: text || (msg.action ? `[${msg.action.kind}]` : msg.contact ? '[contact]' : msg.photo ? '[photo]' : ''),
      externalMessageId: msg.externalMessageId || null,
      content: msg.action ? { action: msg.action.kind } : null,
      now: deps.now(),
      storedAt: stamp(),
      rateLimit,
      historyLimit,
    }
  }

  async function answer(
    msg: InboundMessage,
    received: Received,
    input: IntakeInput,
    taken: IntakeResult | UndeliveredAnswer | null,
    sql: LockedSql,
  ): Promise<MessageTrace> {
    let locale = received.locale
    const { text, userId } = received
    const now = input.now
    const kept = taken?.kind === 'undelivered' ? readKeptAnswer(taken.pending) : null
    if (taken?.kind === 'undelivered' && kept) {
      deps.log.info(
        { channel: msg.channel, conversationId: taken.conversationId, answerId: taken.answerId },
        'redelivered message: its stored answer never reached the channel, sending it again',
      )
      return { ...kept, tools: [], conversationId: taken.conversationId, answerId: taken.answerId, resent: true }
    }
    if (taken?.kind === 'undelivered')
      deps.log.warn({ answerId: taken.answerId }, 'kept answer unreadable; repeat dropped')
    if (taken?.kind !== 'taken') {
      deps.log.debug({ channel: msg.channel, externalMessageId: msg.externalMessageId }, 'repeated message dropped')
      return { replies: [], tools: [], conversationId: null, locale, verified: false, handoffOpen: false }
    }
    const intake = taken
    const conversation = intake.conversation
    // A neutral message ("ok", an order number, a button press) keeps the conversation's language.
    if (isLocale(conversation.locale))
      locale = text ? deps.detectLocale(text, conversation.locale) : conversation.locale
    const log = deps.log.child({ channel: msg.channel, conversationId: conversation.id })
    let sender: Sender = {
      identity: {
        id: intake.identity.id,
        channel: msg.channel,
        externalUserId: userId,
        customerId: intake.identity.customerId,
      },
      customer: intake.customer,
    }

    if (!intake.stored) {
      const verdict = rateVerdict(
        intake.recentCount,
        intake.recentOldest,
        rateLimit.limit,
        rateLimit.windowMs,
        now.getTime(),
      )
      log.warn({ identityId: sender.identity.id }, 'rate limited')
      return {
        replies: [{ text: t(locale, 'core.rateLimited', { seconds: verdict.retryAfterSeconds }) }],
        tools: [],
        conversationId: conversation.id,
        locale,
        verified: sender.customer !== null,
        handoffOpen: intake.handoffOpen,
      }
    }

    let replies: Reply[] = []
    let tools: ToolInvocation[] = []
    let toolCalls: ToolCallRow[] = []
    const content: AssistantContent = {}
    const usage: Partial<TokenCounts> = {}
    let model: string | null = null
    let costMicroUsd: number | null = null
    let lastOrderNumber = conversation.lastOrderNumber
    let handoffOpen = intake.handoffOpen

    const session = {
      identity: sender.identity,
      customer: sender.customer,
      conversationId: conversation.id,
      locale,
      log,
      lastOrderNumber,
      allowedWrites: new Set<WriteRequest>() as ReadonlySet<WriteRequest>,
    }
    const leave = () => {
      content.kind = 'handoff_left'
      handoffOpen = false
      return leaveHandoff(deps.handoffs, conversation.id, sender.identity.id, locale)
    }

    try {
      if (msg.photo && !text) {
        content.kind = 'photo'
      } else if (msg.action && isHandoffChoice(msg.action)) {
        // The "talk to a person" button (confirm) or "back to the bot" (reject): no pending action behind it.
        if (msg.action.kind === 'reject') replies = [await leave()]
        else {
          content.kind = 'handoff_accepted'
          const bound = deps.tools.bind({ ...session, identity: sender.identity, customer: sender.customer })
          try {
            replies = [(await bound.requestHuman('customer_accepted_offer')).reply]
            if (bound.handoffOpened) handoffOpen = true
          } finally {
            tools = [...bound.calls]
            toolCalls = [...bound.records]
          }
        }
      } else if (msg.action) {
        content.kind = `button_${msg.action.kind}`
        const press = msg.action.kind === 'confirm' ? deps.buttons.confirm : deps.buttons.reject
        replies = [await press(msg.action.token, sender.identity, locale)]
      } else if (msg.contact) {
        content.kind = 'contact'
        const linked = await linkSharedContact(deps.crm, sender, msg.contact, locale)
        sender = linked.sender
        replies = [linked.reply]
      } else {
        const verification = await handleVerification(deps.crm, sender, text, locale, msg.clientAddress)
        if (verification) {
          content.kind = 'verification'
          sender = verification.sender
          replies = [verification.reply]
        } else if (intake.handoffOpen && wantsBot(text)) {
          replies = [await leave()]
        } else if (intake.handoffOpen) {
          content.kind = 'handoff_waiting'
          replies = [waitingReply(locale)]
          await forward(msg, text, conversation.id, log)
        } else {
          const history = historyOf(intake)
          session.identity = sender.identity
          session.customer = sender.customer
          const allowedWrites = askedWrites(text, history.earlierRequest)
          // The answer to the rule agent's own question about a return ("which size?", "why?") goes on with it.
          if (history.agentState?.pending?.intent === 'return_request') allowedWrites.add('return')
          session.allowedWrites = allowedWrites
          const bound = deps.tools.bind(session)
          const customer = sender.customer
          try {
            const response = await deps.agent.respond({
              text,
              locale,
              history: history.turns,
              verified: sender.customer !== null,
              lastOrderNumber,
              shopName: deps.shopName,
              now,
              callTool: bound.callTool,
              ...(customer && deps.orders ? { ownOrderNumbers: ownOrderNumbersOf(deps.orders, customer.id, log) } : {}),
              log,
              ...(history.agentState ? { state: history.agentState } : {}),
            })
            replies = response.replies
            if (response.usage) Object.assign(usage, response.usage)
            if (response.model) model = response.model
            if (response.costMicroUsd !== undefined) costMicroUsd = response.costMicroUsd
            if (response.limitedMode) content.limitedMode = true
            if (response.state) content.agentState = response.state
            // Recorded for the staff's reports; a hand-off opens only when the customer asks or accepts.
            content.gaveUpStreak = response.gaveUp ? history.gaveUpStreak + 1 : 0
            if (bound.handoffOpened) handoffOpen = true
          } finally {
            tools = [...bound.calls]
            toolCalls = [...bound.records]
            lastOrderNumber = session.lastOrderNumber
          }
        }
      }
      // A caption is answered as the text it is (a verification in it counts), then the photo: the sender as
      // they are now decides whether it is kept.
      if (msg.photo) {
        const reply = await photoReply(deps.photos, msg.photo, {
          customerId: sender.customer?.id ?? null,
          conversationId: conversation.id,
          channel: msg.channel,
          locale,
          withText: Boolean(text),
        }).catch((error: unknown) => {
          // A failed download or store costs the caption's answer nothing.
          log.error({ err: error }, 'photo not taken in')
          return { text: t(locale, 'photo.failed') }
        })
        replies = [reply, ...replies]
      }
    } catch (error) {
      log.error({ err: error }, 'answering failed')
      replies = [{ text: t(locale, 'core.agentFailed') }]
      content.kind = 'failure'
    }
    if (replies.length === 0) replies = [{ text: t(locale, 'core.agentFailed') }]

    content.tools = tools.map((call) => ({
      name: call.name,
      ok: call.ok,
      ...(call.errorCode ? { errorCode: call.errorCode } : {}),
    }))
    const buttonLabels = replies.flatMap((reply) => reply.buttons?.map((b) => b.label) ?? [])
    if (buttonLabels.length > 0) content.buttons = buttonLabels
    if (replies.some((reply) => reply.buttons?.some(confirmsWrite))) content.confirms = true
    const verified = sender.customer !== null
    const pendingDelivery: KeptAnswer | undefined = msg.confirmsDelivery
      ? { replies, locale, verified, handoffOpen }
      : undefined
    let answerId: string | undefined
    try {
      const stored = await deps.store.outcome(
        {
          conversation,
          text: replies.map((r) => r.text).join('\n\n'),
          content,
          usage,
          model,
          costMicroUsd,
          toolCalls,
          storedAt: stamp(),
          lastOrderNumber,
          locale,
          customerId: sender.customer?.id ?? null,
          ...(pendingDelivery ? { pendingDelivery } : {}),
        },
        sql.last,
      )
      if (pendingDelivery) answerId = stored.id
      const totals = stored.usage
      if (totals) {
        log.info(
          { model, turn: { ...usage, costMicroUsd }, conversation: totals, costUsd: totals.costMicroUsd / 1e6 },
          'conversation usage',
        )
      }
    } catch (error) {
      // The customer's message is kept and the answer is ready: send it, and let the logs tell what was lost.
      log.error({ err: error, toolCalls: toolCalls.length }, 'answer not stored')
    }
    return {
      replies,
      tools,
      conversationId: conversation.id,
      locale,
      verified,
      handoffOpen,
      ...(answerId ? { answerId } : {}),
    }
  }

  /** Staff news must not cost the customer their answer. */
  async function forward(msg: InboundMessage, text: string, conversationId: string, log: Logger): Promise<void> {
    if (!deps.forwardToStaff || !text) return
    try {
      const handoff = await deps.handoffs.findOpen(conversationId)
      if (!handoff) return
      await deps.forwardToStaff({
        handoffId: handoff.id,
        customerId: handoff.customerId,
        channel: msg.channel,
        displayName: msg.displayName ?? null,
        text,
      })
    } catch (error) {
      log.error({ err: error }, 'message not forwarded to staff')
    }
  }

  function lockKey(msg: InboundMessage): string {
    return `conversation:${msg.channel}:${msg.externalChatId}:${msg.externalUserId}`
  }

  const core: ConversationCore = {
    async handleWithTrace(msg) {
      try {
        const received = receive(msg)
        const taken: { input?: IntakeInput } = {}
        return await deps.lock.run(
          lockKey(msg),
          async (sql, opened) => {
            // The lock sends the opening (the intake) before it runs this.
            const input = taken.input
            if (!input) throw new Error('conversation lock ran the work without its opening')
            return answer(msg, received, input, await deps.store.readIntake(opened, input, sql.query), sql)
          },
          () => {
            taken.input = intakeInput(msg, received)
            return deps.store.intakeStatement(taken.input)
          },
        )
      } catch (error) {
        // The lock, a malformed sender, or a failed intake: nothing of the message was kept (answer() catches
        // everything after the intake), so a redelivery of it is answered normally.
        deps.log.error({ err: error, channel: msg.channel }, 'message could not be handled')
        const locale = isLocale(msg.locale) ? msg.locale : 'id'
        return {
          replies: [{ text: t(locale, 'core.agentFailed') }],
          tools: [],
          conversationId: null,
          locale,
          verified: false,
          handoffOpen: false,
          unavailable: true,
        }
      }
    },
    async handle(msg) {
      return (await core.handleWithTrace(msg)).replies
    },
    async delivered(trace) {
      if (!trace.answerId) return
      try {
        await deps.store.delivered(trace.answerId, deps.now())
      } catch (error) {
        deps.log.warn({ err: error, answerId: trace.answerId }, 'answer sent but not marked sent')
      }
    },
  }
  return core
}
