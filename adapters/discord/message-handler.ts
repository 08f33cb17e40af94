/**
 * Answers Discord messages: DMs, support-channel messages and mentions (in the author's private thread), and
 * what customers write in their thread. Normalize → core → render, with the typing indicator while the core
 * works (the core tells staff what a customer writes during a hand-off). One catch: a failure is logged and the customer gets an apology where they wrote.
 */
import type { ConversationCore } from '../../src/core/conversation.ts'
import type { Reply } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import type { Logger } from '../../src/logger.ts'
import { keepTyping } from '../typing.ts'
import type { DiscordApi } from './api.ts'
import { type IncomingMessage, routeMessage, toInboundMessage } from './normalize.ts'
import { renderReplies } from './render.ts'
import { type ConversationTargets, sendToConversation } from './threads.ts'

export interface MessageHandlerDeps {
  core: Pick<ConversationCore, 'handleWithTrace'>
  api: DiscordApi
  targets: ConversationTargets
  /** The bot's own user id (known after login). */
  botUserId: () => string
  supportChannelIds: readonly string[]
  log: Logger
  /** How often the typing indicator is renewed (Discord shows it for about 10 s). */
  typingEveryMs?: number
}

export function createMessageHandler(deps: MessageHandlerDeps): (message: IncomingMessage) => Promise<void> {
  const typingEveryMs = deps.typingEveryMs ?? 8000

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
        const typing = keepTyping(() => deps.api.sendTyping(target.channelId), { everyMs: typingEveryMs, log })
        try {
          replies = (await deps.core.handleWithTrace(inbound)).replies
        } finally {
          void typing.stop()
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
