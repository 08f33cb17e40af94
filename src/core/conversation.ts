/**
 * The conversation core (DESIGN §1): one InboundMessage in, Reply blocks out, whatever the channel.
 *
 * Per message, inside the conversation's lock (so one conversation is answered in arrival order):
 * 1. drop a repeat of a channel message (ProcessedEvent `${channel}:message`, key `${chatId}:${messageId}`);
 * 2. resolve the sender's identity and linked customer; find or start the conversation;
 * 3. rate limit per sender (the refused message is not stored and no agent runs);
 * 4. store the customer's message (before anything can fail, so nothing is lost);
 * 5. answer: a button press → the pending action; a shared contact → linking; a verification command → crm;
 *    an open hand-off → "a person will answer"; otherwise the agent with history and bound tools;
 * 6. store the answer (with token usage), remember the order talked about, open a hand-off after the agent
 *    gave up twice in a row.
 * An agent that throws gets an honest apology; the error is logged.
 */
import type { Agent, AgentTurn, ToolInvocation } from '../agent/types.ts'
import type { Db } from '../db/client.ts'
import type { Conversation, MessageRole, Prisma } from '../generated/prisma/client.ts'
import { coreText } from '../i18n/core-messages.ts'
import type { Locale } from '../i18n/format.ts'
import type { Logger } from '../logger.ts'
import type { CrmService } from '../services/crm.ts'
import type { ConversationLock } from './conversation-lock.ts'
import type { Handoffs } from './handoff.ts'
import { linkSharedContact, resolveSender, type Sender } from './identity.ts'
import type { RateLimiter } from './ratelimit.ts'
import type { ToolInvoker } from './tool-invoker.ts'
import type { Identity, InboundMessage, Reply } from './types.ts'
import { handleVerification } from './verification.ts'

/** Runs a confirm/reject button press; implemented over src/core/pending-actions.ts. */
export interface ButtonPresses {
  confirm(token: string, identity: Identity, locale: Locale): Promise<Reply>
  reject(token: string, identity: Identity, locale: Locale): Promise<Reply>
}

export interface ConversationCoreDeps {
  prisma: Db
  crm: Pick<CrmService, 'resolveIdentity' | 'linkByPhone' | 'verifyByOrderAndPhone'>
  agent: Agent
  tools: ToolInvoker
  buttons: ButtonPresses
  handoffs: Handoffs
  rateLimiter: RateLimiter
  lock: ConversationLock
  /** Picks the reply language from the customer's text. */
  detectLocale: (text: string) => Locale
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
}

export interface ConversationCore {
  /** Answers one message. Never throws: failures become an apology. A repeated message returns []. */
  handle(msg: InboundMessage): Promise<Reply[]>
  /** Like `handle`, with the tool calls made. */
  handleWithTrace(msg: InboundMessage): Promise<MessageTrace>
}

/** Stored with each assistant message; `gaveUpStreak` counts the agent's give-ups in a row. */
interface AssistantContent {
  tools?: { name: string; ok: boolean; errorCode?: string }[]
  buttons?: string[]
  gaveUpStreak?: number
  limitedMode?: boolean
  kind?: string
}

const giveUpsBeforeHandoff = 2

function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en'
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002'
}

export function createConversationCore(deps: ConversationCoreDeps): ConversationCore {
  const { prisma } = deps
  const historyLimit = deps.historyLimit ?? 20

  // Strictly increasing timestamps, so stored messages sort in the order they were written even within one ms.
  let lastStamp = 0
  function stamp(): Date {
    lastStamp = Math.max(deps.now().getTime(), lastStamp + 1)
    return new Date(lastStamp)
  }

  async function markProcessed(msg: InboundMessage): Promise<{ id: string } | null | 'repeat'> {
    if (!msg.externalMessageId) return null
    try {
      return await prisma.processedEvent.create({
        data: { source: `${msg.channel}:message`, eventKey: `${msg.externalChatId}:${msg.externalMessageId}` },
        select: { id: true },
      })
    } catch (error) {
      if (isUniqueViolation(error)) return 'repeat'
      throw error
    }
  }

  async function findConversation(msg: InboundMessage, sender: Sender, fallbackLocale: Locale): Promise<Conversation> {
    const where = {
      channel_externalChatId_identityId: {
        channel: msg.channel,
        externalChatId: msg.externalChatId,
        identityId: sender.identity.id,
      },
    }
    const customerId = sender.customer?.id ?? null
    try {
      return await prisma.conversation.upsert({
        where,
        create: {
          channel: msg.channel,
          externalChatId: msg.externalChatId,
          identityId: sender.identity.id,
          customerId,
          locale: fallbackLocale,
        },
        update: { customerId },
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      return prisma.conversation.update({ where, data: { customerId } })
    }
  }

  async function loadHistory(conversationId: string): Promise<{ turns: AgentTurn[]; gaveUpStreak: number }> {
    const rows = await prisma.message.findMany({
      where: { conversationId, role: { in: ['user', 'assistant', 'admin'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: historyLimit,
      select: { role: true, text: true, content: true },
    })
    const lastAssistant = rows.find((row) => row.role === 'assistant')
    const streak = (lastAssistant?.content as AssistantContent | null)?.gaveUpStreak
    const turns = rows
      .reverse()
      .map((row): AgentTurn => ({ role: row.role === 'user' ? 'user' : 'assistant', text: row.text }))
    return { turns, gaveUpStreak: typeof streak === 'number' ? streak : 0 }
  }

  async function storeMessage(
    conversationId: string,
    role: MessageRole,
    text: string,
    extra: Omit<Prisma.MessageUncheckedCreateInput, 'conversationId' | 'role' | 'text'> = {},
  ): Promise<void> {
    await prisma.message.create({ data: { conversationId, role, text, createdAt: stamp(), ...extra } })
  }

  async function answer(msg: InboundMessage): Promise<MessageTrace> {
    const baseLog = deps.log.child({ channel: msg.channel })
    const processed = await markProcessed(msg)
    if (processed === 'repeat') {
      baseLog.debug({ externalMessageId: msg.externalMessageId }, 'repeated message dropped')
      return { replies: [], tools: [], conversationId: null }
    }

    let userMessageStored = false
    let locale: Locale = isLocale(msg.locale) ? msg.locale : 'id'
    let log = baseLog
    try {
      const text = msg.text.trim()
      if (text) locale = deps.detectLocale(text)
      let sender = await resolveSender(deps.crm, msg)
      const conversation = await findConversation(msg, sender, locale)
      if (!text && isLocale(conversation.locale)) locale = conversation.locale
      log = deps.log.child({ channel: msg.channel, conversationId: conversation.id })

      const verdict = await deps.rateLimiter.check(sender.identity.id)
      if (!verdict.allowed) {
        log.warn({ identityId: sender.identity.id }, 'rate limited')
        return {
          replies: [{ text: coreText(locale, 'rateLimited', { seconds: verdict.retryAfterSeconds }) }],
          tools: [],
          conversationId: conversation.id,
        }
      }

      const history = msg.action ? null : await loadHistory(conversation.id)
      const stored = text || (msg.action ? `[${msg.action.kind}]` : msg.contact ? '[contact]' : '')
      await storeMessage(conversation.id, 'user', stored, {
        externalMessageId: msg.externalMessageId || null,
        ...(msg.action ? { content: { action: msg.action.kind } } : {}),
      })
      userMessageStored = true

      let replies: Reply[] = []
      let tools: ToolInvocation[] = []
      const content: AssistantContent = {}
      const usage: Partial<Record<'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens', number>> = {}
      let lastOrderNumber = conversation.lastOrderNumber

      try {
        if (msg.action) {
          content.kind = `button_${msg.action.kind}`
          const press = msg.action.kind === 'confirm' ? deps.buttons.confirm : deps.buttons.reject
          replies = [await press(msg.action.token, sender.identity, locale)]
        } else if (msg.contact) {
          content.kind = 'contact'
          const linked = await linkSharedContact(deps.crm, sender, msg.contact, locale)
          sender = linked.sender
          replies = [linked.reply]
        } else {
          const verification = await handleVerification(deps.crm, sender, text, locale)
          if (verification) {
            content.kind = 'verification'
            sender = verification.sender
            replies = [verification.reply]
          } else if (await deps.handoffs.findOpen(conversation.id)) {
            content.kind = 'handoff_waiting'
            replies = [{ text: coreText(locale, 'handoffWaiting') }]
          } else {
            const session = {
              identity: sender.identity,
              customer: sender.customer,
              conversationId: conversation.id,
              locale,
              log,
              lastOrderNumber,
            }
            const bound = deps.tools.bind(session)
            try {
              const response = await deps.agent.respond({
                text,
                locale,
                history: history?.turns ?? [],
                verified: sender.customer !== null,
                lastOrderNumber,
                shopName: deps.shopName,
                callTool: bound.callTool,
                log,
              })
              replies = response.replies
              if (response.usage) Object.assign(usage, response.usage)
              if (response.limitedMode) content.limitedMode = true
              const streak = response.gaveUp ? (history?.gaveUpStreak ?? 0) + 1 : 0
              content.gaveUpStreak = streak
              if (streak >= giveUpsBeforeHandoff && !bound.handoffOpened) {
                await deps.handoffs.open({
                  conversationId: conversation.id,
                  customerId: sender.customer?.id ?? null,
                  reason: 'agent_gave_up',
                })
                replies = [...replies, { text: coreText(locale, 'handoffOpenedAfterGiveUp') }]
                content.gaveUpStreak = 0
              }
            } finally {
              tools = [...bound.calls]
              lastOrderNumber = session.lastOrderNumber
            }
          }
        }
      } catch (error) {
        log.error({ err: error }, 'answering failed')
        replies = [{ text: coreText(locale, 'agentFailed') }]
        content.kind = 'failure'
      }
      if (replies.length === 0) replies = [{ text: coreText(locale, 'agentFailed') }]

      content.tools = tools.map((call) => ({
        name: call.name,
        ok: call.ok,
        ...(call.errorCode ? { errorCode: call.errorCode } : {}),
      }))
      const buttonLabels = replies.flatMap((reply) => reply.buttons?.map((b) => b.label) ?? [])
      if (buttonLabels.length > 0) content.buttons = buttonLabels
      await storeMessage(conversation.id, 'assistant', replies.map((r) => r.text).join('\n\n'), {
        content: content as Prisma.InputJsonValue,
        ...usage,
      })
      const customerId = sender.customer?.id ?? null
      if (
        lastOrderNumber !== conversation.lastOrderNumber ||
        locale !== conversation.locale ||
        customerId !== conversation.customerId
      ) {
        await prisma.conversation.update({
          where: { id: conversation.id },
          data: { lastOrderNumber, locale, customerId },
        })
      }
      return { replies, tools, conversationId: conversation.id }
    } catch (error) {
      log.error({ err: error }, 'message could not be handled')
      // Let the channel's redelivery try again when nothing of this message was kept.
      if (!userMessageStored && processed) {
        await prisma.processedEvent.delete({ where: { id: processed.id } }).catch(() => undefined)
      }
      return { replies: [{ text: coreText(locale, 'agentFailed') }], tools: [], conversationId: null }
    }
  }

  function lockKey(msg: InboundMessage): string {
    return `conversation:${msg.channel}:${msg.externalChatId}:${msg.externalUserId}`
  }

  const core: ConversationCore = {
    async handleWithTrace(msg) {
      try {
        return await deps.lock.run(lockKey(msg), () => answer(msg))
      } catch (error) {
        // The lock, or the database before anything of the message was stored (answer() catches the rest).
        deps.log.error({ err: error, channel: msg.channel }, 'conversation lock failed')
        const locale = isLocale(msg.locale) ? msg.locale : 'id'
        return { replies: [{ text: coreText(locale, 'agentFailed') }], tools: [], conversationId: null }
      }
    },
    async handle(msg) {
      return (await core.handleWithTrace(msg)).replies
    },
  }
  return core
}
