/**
 * Messages kept in a web chat conversation that no customer message answered: the rating question after a closed
 * hand-off, with its buttons in `content`, so a chat page opened later finds it in the history (as it finds staff
 * answers, which the hand-off desk stores).
 */
import type { Db } from '../../db/client.ts'
import type { Prisma } from '../../generated/prisma/client.ts'

export function createWebChatMessages(deps: { prisma: Db }) {
  /** Stores `text` and `buttons` as a staff message (role `admin`) in the web chat `sessionId`'s conversation. */
  async function storeStaffMessage(
    sessionId: string,
    message: { kind: string; text: string; buttons: Prisma.InputJsonValue[] },
  ): Promise<boolean> {
    const conversation = await deps.prisma.conversation.findFirst({
      where: { channel: 'web', externalChatId: sessionId },
      select: { id: true },
    })
    if (!conversation) return false
    await deps.prisma.message.create({
      data: {
        conversationId: conversation.id,
        role: 'admin',
        text: message.text,
        content: { kind: message.kind, buttons: message.buttons },
      },
    })
    return true
  }
  return { storeStaffMessage }
}

export type WebChatMessages = ReturnType<typeof createWebChatMessages>
