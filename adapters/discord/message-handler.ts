/**
 * Answers Discord messages: DMs, support-channel messages and mentions (in the author's private thread), and
 * what customers write in their thread. Normalize → core → render, with the typing indicator while the core
 * works. While a hand-off is open the customer's messages are also queued for staff (the core itself only says
 * "a person will answer"). One catch: a failure is logged and the customer gets an apology where they wrote.
 */
import type { ConversationCore } from '../../src/core/conversation.ts'
import type { Handoffs } from '../../src/core/handoff.ts'
import type { InboundMessage, Reply } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import type { Logger } from '../../src/logger.ts'
import type { HandoffNotices } from '../../src/notifications/handoff-notices.ts'
import type { DiscordApi } from './api.ts'
import { type IncomingMessage, routeMessage, toInboundMessage } from './normalize.ts'
import { renderReplies } from './render.ts'
import { type ConversationTargets, sendToConversation } from './threads.ts'

export interface MessageHandlerDeps {
  core: Pick<ConversationCore, 'handleWithTrace'>
  handoffs: Pick<Handoffs, 'findOpen'>
  notices: Pick<HandoffNotices, 'customerWrote'>
  /** Kicks the outbox after something was queued for staff. */
  notify?: () => void
  now?: () => Date
  api: DiscordApi
  targets: ConversationTargets
  /** The bot's own user id (known after login). */
  botUserId: () => string
  supportChannelIds: readonly string[]
  log: Logger
  /** How often the typing indicator is renewed (Discord shows it for about 10 s). */
  typingEveryMs?: number
}

/** Shows "typing…" now and every few seconds until the returned function is called. Never throws. */
async function startTyping(api: DiscordApi, channelId: string, everyMs: number, log: Logger): Promise<() => void> {
  const type = () =>
    api.sendTyping(channelId).catch((error: unknown) => log.debug({ err: error }, 'typing indicator failed'))
  await type()
  const timer = setInterval(() => void type(), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}

export function createMessageHandler(deps: MessageHandlerDeps): (message: IncomingMessage) => Promise<void> {
  const typingEveryMs = deps.typingEveryMs ?? 8000
  const now = deps.now ?? (() => new Date())

  /** Staff get each message written while a hand-off is open (not the one that opened it). */
  async function forwardToStaff(conversationId: string | null, inbound: InboundMessage, startedAt: Date) {
    if (!conversationId) return
    const handoff = await deps.handoffs.findOpen(conversationId)
    if (!handoff || handoff.openedAt.getTime() >= startedAt.getTime()) return
    await deps.notices.customerWrote({
      handoffId: handoff.id,
      customerId: handoff.customerId,
      channel: 'discord',
      displayName: inbound.displayName ?? null,
      text: inbound.text,
    })
    deps.notify?.()
  }

  return async function handleMessage(message) {
    const log = deps.log.child({ channel: 'discord', messageId: message.id })
    let answered = false
    try {
      const botUserId = deps.botUserId()
      const route = routeMessage(message, { botUserId, supportChannelIds: deps.supportChannelIds })
      if (!route) return
      const inbound = toInboundMessage(message, route, botUserId)
      const userId = message.author.id
      if (route.kind === 'own-thread') deps.targets.remember(route.chat, userId, route.threadId)
      const target = await deps.targets.resolve(route.chat, userId, inbound.displayName)

      let replies: Reply[]
      if (inbound.text === '') {
        replies = [{ text: t('id', 'discord.textOnly') }]
      } else {
        const startedAt = now()
        const stopTyping = await startTyping(deps.api, target.channelId, typingEveryMs, log)
        let trace: Awaited<ReturnType<ConversationCore['handleWithTrace']>>
        try {
          trace = await deps.core.handleWithTrace(inbound)
        } finally {
          stopTyping()
        }
        replies = trace.replies
        if (replies.length > 0) {
          // Staff news must not cost the customer their answer.
          await forwardToStaff(trace.conversationId, inbound, startedAt).catch((error: unknown) =>
            log.error({ err: error }, 'message not forwarded to staff'),
          )
        }
      }
      if (replies.length === 0) return // a repeated message
      await sendToConversation({
        api: deps.api,
        targets: deps.targets,
        chat: route.chat,
        userId,
        displayName: inbound.displayName,
        target,
        render: (mentionUserId) => renderReplies(replies, { ownerUserId: userId, mentionUserId }),
      })
      answered = true
    } catch (error) {
      log.error({ err: error }, 'discord message failed')
      if (answered) return
      await deps.api
        .sendMessage(message.channelId, { content: t('id', 'discord.somethingWrong') })
        .catch((sendError: unknown) => log.warn({ err: sendError }, 'apology not delivered'))
    }
  }
}
