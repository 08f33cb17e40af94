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
 * An agent that throws gets an honest apology; the error is logged.
 */
import { wantsBot } from '../agent/intents.ts'
import type { Agent, AgentState, AgentTurn, ToolInvocation } from '../agent/types.ts'
import type { Locale } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { Logger } from '../logger.ts'
import { type CrmService, cleanIdentityInput } from '../services/crm.ts'
import type { ConversationLock, LockedSql } from './conversation-lock.ts'
import type { ConversationStore, IntakeInput, IntakeResult, TokenCounts, ToolCallRow } from './conversation-store.ts'
import type { Handoffs } from './handoff.ts'
import { confirmsWrite, isHandoffChoice, leaveHandoff, waitingReply } from './handoff-choice.ts'
import { linkSharedContact, type Sender } from './identity.ts'
import { rateVerdict } from './ratelimit.ts'
import type { ToolInvoker } from './tool-invoker.ts'
import type { Identity, InboundMessage, Reply } from './types.ts'
import { handleVerification, parseVerificationCommand } from './verification.ts'
import { askedWrites, type EarlierRequest } from './write-requests.ts'

/** Runs a confirm/reject button press; implemented over src/core/pending-actions.ts. */
export interface ButtonPresses {
  confirm(token: string, identity: Identity, locale: Locale): Promise<Reply>
  reject(token: string, identity: Identity, locale: Locale): Promise<Reply>
}

export interface ConversationCoreDeps {
  store: ConversationStore
  crm: Pick<CrmService, 'linkByPhone' | 'verifyByOrderAndPhone'>
  agent: Agent
  tools: ToolInvoker
  buttons: ButtonPresses
  handoffs: Pick<Handoffs, 'open' | 'findOpen' | 'close'>
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

/** What answering one message did: the replies and every tool call, in order (the terminal's --json mode). */
export interface MessageTrace {
  replies: Reply[]
  tools: ToolInvocation[]
  /** Null when the message was a repeat or was refused before a conversation was found. */
  conversationId: string | null
  /** True when the message could not be taken in at all (the database is unreachable): nothing was kept. */
  unavailable?: boolean
}

export interface ConversationCore {
  /** Answers one message. Never throws: failures become an apology. A repeated message returns []. */
  handle(msg: InboundMessage): Promise<Reply[]>
  /** Like `handle`, with the tool calls made. */
  handleWithTrace(msg: InboundMessage): Promise<MessageTrace>
}

/** Stored with each assistant message; `gaveUpStreak` counts the agent's give-ups in a row (recorded only). */
interface AssistantContent {
  tools?: { name: string; ok: boolean; errorCode?: string }[]
  buttons?: string[]
  /** The answer offered confirm/reject buttons (a staged write). */
  confirms?: boolean
  gaveUpStreak?: number
  limitedMode?: boolean
  kind?: string
  /** What the agent kept for the next message (its pending question). */
  agentState?: AgentState
}

function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en'
}

type HistoryRow = IntakeResult['history'][number]

/**
 * The history without verification exchanges: a verification command ("verifikasi ORD-… 7890") carries the
 * last digits of a phone number, and neither it nor the core's answer to it (nor a shared contact) is any of the
 * model's business.
 */
function withoutVerification(rows: readonly HistoryRow[]): HistoryRow[] {
  const dropped = new Set<number>()
  rows.forEach((row, i) => {
    const kind = (row.content as AssistantContent | null)?.kind
    if (row.role === 'assistant' && (kind === 'verification' || kind === 'contact')) {
      dropped.add(i)
      if (rows[i - 1]?.role === 'user') dropped.add(i - 1)
    }
    if (row.role === 'user' && parseVerificationCommand(row.text)) dropped.add(i)
  })
  return rows.filter((_, i) => !dropped.has(i))
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

  function historyOf(intake: IntakeResult): {
    turns: AgentTurn[]
    gaveUpStreak: number
    earlierRequest: EarlierRequest | null
    agentState: AgentState | undefined
  } {
    const lastAssistant = intake.history.findLast((row) => row.role === 'assistant')
    const streak = (lastAssistant?.content as AssistantContent | null)?.gaveUpStreak
    const agentState = (lastAssistant?.content as AssistantContent | null)?.agentState
    const rows = withoutVerification(intake.history)
    const turns = rows.map((row): AgentTurn => ({ role: row.role === 'user' ? 'user' : 'assistant', text: row.text }))
    // The customer's previous message and whether its answer already offered confirm buttons.
    const lastUser = rows.findLastIndex((row) => row.role === 'user')
    const answer = rows.slice(lastUser + 1).find((row) => row.role === 'assistant')
    const earlierRequest =
      lastUser >= 0
        ? {
            text: rows[lastUser]!.text,
            answeredWithButtons: (answer?.content as AssistantContent | null)?.confirms === true,
          }
        : null
    return { turns, gaveUpStreak: typeof streak === 'number' ? streak : 0, earlierRequest, agentState }
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
    return { locale, hint, text, userId, details }
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
      text: text || (msg.action ? `[${msg.action.kind}]` : msg.contact ? '[contact]' : ''),
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
    intake: IntakeResult | null,
    sql: LockedSql,
  ): Promise<MessageTrace> {
    let locale = received.locale
    const { text, userId } = received
    const now = input.now
    if (!intake) {
      deps.log.debug({ channel: msg.channel, externalMessageId: msg.externalMessageId }, 'repeated message dropped')
      return { replies: [], tools: [], conversationId: null }
    }
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

    const session = {
      identity: sender.identity,
      customer: sender.customer,
      conversationId: conversation.id,
      locale,
      log,
      lastOrderNumber,
      allowedWrites: new Set<string>(),
    }
    const leave = () => {
      content.kind = 'handoff_left'
      return leaveHandoff(deps.handoffs, conversation.id, sender.identity.id, locale)
    }

    try {
      if (msg.action && isHandoffChoice(msg.action)) {
        // The "talk to a person" button (confirm) or "back to the bot" (reject): no pending action behind it.
        if (msg.action.kind === 'reject') replies = [await leave()]
        else {
          content.kind = 'handoff_accepted'
          const bound = deps.tools.bind({ ...session, identity: sender.identity, customer: sender.customer })
          try {
            replies = [(await bound.callTool('request_human', { reason: 'customer_accepted_offer' })).reply]
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
        } else {
          const history = historyOf(intake)
          session.identity = sender.identity
          session.customer = sender.customer
          session.allowedWrites = askedWrites(text, history.earlierRequest)
          const bound = deps.tools.bind(session)
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
          } finally {
            tools = [...bound.calls]
            toolCalls = [...bound.records]
            lastOrderNumber = session.lastOrderNumber
          }
        }
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
    try {
      const totals = await deps.store.outcome(
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
        },
        sql.last,
      )
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
    return { replies, tools, conversationId: conversation.id }
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
          unavailable: true,
        }
      }
    },
    async handle(msg) {
      return (await core.handleWithTrace(msg)).replies
    },
  }
  return core
}
