/**
 * The outbox's senders for Telegram: a ChannelSender that reaches customers, and a StaffSender that posts to the
 * admin chat (ADMIN_TELEGRAM_CHAT_ID).
 *
 * Proactive customer messages go to the customer's private chat: when the identity last wrote in a group, the
 * private chat (whose id is the user's id) is used instead, so order details never land in a group.
 */
import type { Api } from 'grammy'
import type { OutboxTarget } from '../../src/services/notifications/outbox.ts'
import type { ChannelSender, StaffSender } from '../../src/services/notifications/types.ts'
import { sendReplies } from './send.ts'

/** Telegram group and channel chat ids are negative; private chat ids are the user's (positive) id. */
function privateChatOf(target: OutboxTarget): string {
  const isGroup = target.externalChatId.startsWith('-')
  return isGroup && target.externalUserId ? target.externalUserId : target.externalChatId
}

export function createTelegramSender(deps: { api: Api }): ChannelSender {
  return {
    channel: 'telegram',
    async send(target, reply) {
      await sendReplies(deps.api, privateChatOf(target as OutboxTarget), [reply], target.locale)
    },
  }
}

export function createTelegramStaffSender(deps: { api: Api; chatId: string }): StaffSender {
  return {
    channel: 'telegram',
    async sendToStaff(reply) {
      await sendReplies(deps.api, deps.chatId, [reply], 'id')
    },
  }
}
