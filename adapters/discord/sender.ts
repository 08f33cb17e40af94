/**
 * Proactive messages on Discord, delivered by the shared outbox worker (src/services/notifications/outbox.ts).
 *
 * `ChannelSender` writes to a customer where they talk to us. The target's `externalChatId` is a conversation key
 * from normalize.ts:
 * - `dm:<channel>` posts in that DM;
 * - `guild:<guild>:<channel>` posts in the customer's private thread under that channel, mentioning them so
 *   they are notified (this needs `externalUserId`);
 * - a bare user id opens a DM with that user.
 *
 * `StaffSender` posts to DISCORD_STAFF_CHANNEL_ID: new hand-offs, customers' messages during one, low stock.
 * Both throw on failure, so the worker retries.
 */
import type { OutboxTarget } from '../../src/services/notifications/outbox.ts'
import type { ChannelSender, StaffSender } from '../../src/services/notifications/types.ts'
import type { DiscordApi } from './api.ts'
import { parseChatKey } from './normalize.ts'
import { renderReplies } from './render.ts'
import { type ConversationTargets, sendToConversation } from './threads.ts'

export function createDiscordChannelSender(deps: { api: DiscordApi; targets: ConversationTargets }): ChannelSender {
  const { api, targets } = deps
  const dmChannels = new Map<string, string>()

  async function dmChannelOf(userId: string): Promise<string> {
    let channelId = dmChannels.get(userId)
    if (!channelId) {
      channelId = await api.openDm(userId)
      dmChannels.set(userId, channelId)
    }
    return channelId
  }

  return {
    channel: 'discord',
    async send(target: OutboxTarget, reply) {
      const chat = parseChatKey(target.externalChatId)
      const userId = target.externalUserId ?? (/^\d{5,25}$/.test(target.externalChatId) ? target.externalChatId : null)
      if (!userId) throw new Error(`no Discord user to write to for chat "${target.externalChatId}"`)
      if (chat) {
        await sendToConversation({
          api,
          targets,
          chat,
          userId,
          alwaysMention: true,
          render: (mentionUserId) => renderReplies([reply], { ownerUserId: userId, mentionUserId }),
        })
        return
      }
      const channelId = await dmChannelOf(userId)
      for (const payload of renderReplies([reply], { ownerUserId: userId })) await api.sendMessage(channelId, payload)
    },
  }
}

export function createDiscordStaffSender(api: DiscordApi, staffChannelId: string): StaffSender {
  return {
    channel: 'discord',
    async sendToStaff(reply) {
      // No owner: confirm/reject buttons are a customer's alone and never shown to staff.
      for (const payload of renderReplies([reply])) await api.sendMessage(staffChannelId, payload)
    },
  }
}
