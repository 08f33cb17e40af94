/**
 * A chat's conversation so far, for a channel that shows it again (the web chat after a reload): the sender's
 * newest conversation in that chat, its customer, bot and staff messages, oldest first. Read-only. The last digits
 * of a phone number in a verification command are masked, so a shared screen does not show them again.
 */
import type { Db } from '../db/client.ts'
import type { Channel } from '../generated/prisma/enums.ts'

export interface ChatHistoryMessage {
  id: string
  role: 'user' | 'assistant' | 'admin'
  text: string
  createdAt: Date
}

export interface ChatHistory {
  /** The newest `limit` messages (default 50, at most 200) of the sender's newest conversation in the chat. */
  forChat(
    channel: Channel,
    externalUserId: string,
    externalChatId: string,
    limit?: number,
  ): Promise<ChatHistoryMessage[]>
}

const shownRoles = ['user', 'assistant', 'admin'] as const
const buttonPress = /^\[(?:confirm|reject|contact)\]$/
const verificationCommand = /^(\s*(?:verifikasi|verify)\b.*?)\b\d{4}\s*$/is

function masked(role: ChatHistoryMessage['role'], text: string): string {
  return role === 'user' ? text.replace(verificationCommand, '$1••••') : text
}

export function createChatHistory(deps: { prisma: Db }): ChatHistory {
  return {
    async forChat(channel, externalUserId, externalChatId, limit = 50) {
      const conversation = await deps.prisma.conversation.findFirst({
        where: { channel, externalChatId, identity: { channel, externalUserId } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { id: true },
      })
      if (!conversation) return []
      const rows = await deps.prisma.message.findMany({
        where: { conversationId: conversation.id, role: { in: [...shownRoles] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: Math.min(Math.max(Math.trunc(limit) || 50, 1), 200),
        select: { id: true, role: true, text: true, createdAt: true },
      })
      // A button press is stored as "[confirm]"; the answer to it says what happened.
      return rows
        .reverse()
        .filter((row) => !(row.role === 'user' && buttonPress.test(row.text)))
        .map((row) => {
          const role = row.role as ChatHistoryMessage['role']
          return { id: row.id, role, text: masked(role, row.text), createdAt: row.createdAt }
        })
    },
  }
}
