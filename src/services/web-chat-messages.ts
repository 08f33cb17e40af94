/**
 * Messages kept in a web chat conversation that no customer message answered: the rating question after a closed
 * hand-off, with its buttons in `content`, so GET /api/chat/history finds it after a reload (as it finds staff
 * answers, which the hand-off desk stores) and the page, which also receives it live, shows it once by its id.
 */
import type { Db } from '../db/client.ts'
import type { Prisma } from '../generated/prisma/client.ts'

export function createWebChatMessages(deps: { prisma: Db }) {
  /**
   * Stores `text` and `buttons` as a staff message (role `admin`) in the web chat `sessionId`'s newest conversation.
   * Its id, or null when the session has no conversation.
   */
  async function storeStaffMessage(
    sessionId: string,
    message: { kind: string; text: string; buttons: Prisma.InputJsonValue[] },
  ): Promise<string | null> {
    const conversation = await deps.prisma.conversation.findFirst({
      where: { channel: 'web', externalChatId: sessionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    })
    if (!conversation) return null
    const stored = await deps.prisma.message.create({
      data: {
        conversationId: conversation.id,
        role: 'admin',
        text: message.text,
        content: { kind: message.kind, buttons: message.buttons },
      },
      select: { id: true },
    })
    return stored.id
  }
  return { storeStaffMessage }
}

export type WebChatMessages = ReturnType<typeof createWebChatMessages>
