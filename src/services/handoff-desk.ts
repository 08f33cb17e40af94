/**
 * What staff do with a hand-off besides opening and closing it (src/services/handoffs.ts): answer the customer on the
 * channel they wrote from, ask them to rate the help once the hand-off is closed, and store that rating.
 * Answers and rating requests are queued as customer Notifications (the outbox delivers them on any channel),
 * the answer is also kept in the conversation (role `admin`) so the bot sees it in the history later.
 *
 * Rating buttons travel as ordinary confirm buttons whose token is `rate:<handoffId>:<score>`; a channel adapter
 * recognises them with `parseRatingToken` before handing a press to the core.
 *
 * @example await desk.reply(handoffId, 'Paket Anda kami cek ke JNE ya', 'admin:telegram:42')
 */

import type { Db } from '../db/client.ts'
import type { Channel } from '../generated/prisma/enums.ts'
import { writeAudit } from './audit.ts'
import { InvalidInput } from './errors.ts'

export interface HandoffDeskDeps {
  prisma: Db
}

/** Where the customer of a hand-off is answered: the conversation's own chat. */
export interface HandoffTarget {
  channel: Channel
  externalChatId: string
  externalUserId: string
  locale: 'id' | 'en'
}

export type RatingOutcome = 'stored' | 'already_rated' | 'not_found' | 'not_yours' | 'still_open'

const maxReplyChars = 3500
const txOptions = { maxWait: 10_000, timeout: 15_000 }
const ratingPattern = /^rate:([A-Za-z0-9_-]{1,64}):([1-5])$/

/** The token of the rating button for `score` (1–5). */
export function ratingToken(handoffId: string, score: number): string {
  return `rate:${handoffId}:${score}`
}

/** The hand-off and score of a rating button's token, or null when the token is something else. */
export function parseRatingToken(token: string): { handoffId: string; score: number } | null {
  const match = ratingPattern.exec(token)
  if (!match?.[1] || !match[2]) return null
  return { handoffId: match[1], score: Number(match[2]) }
}

const conversationTarget = {
  select: { channel: true, externalChatId: true, locale: true, identity: { select: { externalUserId: true } } },
} as const

function toTarget(conversation: {
  channel: Channel
  externalChatId: string
  locale: string
  identity: { externalUserId: string }
}): HandoffTarget {
  return {
    channel: conversation.channel,
    externalChatId: conversation.externalChatId,
    externalUserId: conversation.identity.externalUserId,
    locale: conversation.locale === 'en' ? 'en' : 'id',
  }
}

export function createHandoffDesk(deps: HandoffDeskDeps) {
  const { prisma } = deps

  /**
   * Sends staff's answer to the customer of an OPEN hand-off (queued, delivered by the outbox) and keeps it in
   * the conversation. Null when the hand-off is unknown or closed.
   * @throws InvalidInput for empty text or more than 3500 characters
   */
  async function reply(handoffId: string, text: string, actor: string): Promise<HandoffTarget | null> {
    const body = typeof text === 'string' ? text.trim() : ''
    if (!body || body.length > maxReplyChars) throw new InvalidInput('text', `must be 1-${maxReplyChars} characters`)
    return prisma.$transaction(async (tx) => {
      const handoff = await tx.handoff.findFirst({
        where: { id: handoffId, status: 'OPEN' },
        include: { conversation: conversationTarget },
      })
      if (!handoff) return null
      const target = toTarget(handoff.conversation)
      await tx.message.create({
        data: { conversationId: handoff.conversationId, role: 'admin', text: body, content: { handoffId, actor } },
      })
      await tx.notification.create({
        data: {
          customerId: handoff.customerId,
          audience: 'customer',
          kind: 'handoff_reply',
          payload: { handoffId, text: body, ...target },
        },
      })
      await writeAudit(tx, { actor, action: 'handoff_reply', entity: 'Handoff', entityId: handoffId })
      return target
    }, txOptions)
  }

  /** Queues the 1–5 rating question for a closed hand-off's customer. False when the hand-off is unknown. */
  async function requestRating(handoffId: string): Promise<boolean> {
    const handoff = await prisma.handoff.findUnique({
      where: { id: handoffId },
      include: { conversation: conversationTarget },
    })
    if (!handoff) return false
    await prisma.notification.create({
      data: {
        customerId: handoff.customerId,
        audience: 'customer',
        kind: 'rating_request',
        payload: { handoffId, ...toTarget(handoff.conversation) },
      },
    })
    return true
  }

  /**
   * Stores the customer's rating of a closed hand-off, once. Only the sender the hand-off's conversation belongs
   * to may rate it.
   */
  async function rate(
    handoffId: string,
    score: number,
    rater: { channel: Channel; externalUserId: string },
  ): Promise<RatingOutcome> {
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new InvalidInput('score', 'must be 1-5')
    const handoff = await prisma.handoff.findUnique({
      where: { id: handoffId },
      include: { conversation: { select: { channel: true, identity: { select: { externalUserId: true } } } } },
    })
    if (!handoff) return 'not_found'
    const owner = handoff.conversation
    if (owner.channel !== rater.channel || owner.identity.externalUserId !== rater.externalUserId) return 'not_yours'
    if (handoff.status === 'OPEN') return 'still_open'
    return prisma.$transaction(async (tx) => {
      const { count } = await tx.handoff.updateMany({
        where: { id: handoffId, status: 'CLOSED', rating: null },
        data: { rating: score },
      })
      if (count === 0) return 'already_rated' as const
      await writeAudit(tx, {
        actor: `${rater.channel}:${rater.externalUserId}`,
        action: 'handoff_rated',
        entity: 'Handoff',
        entityId: handoffId,
        data: { score },
      })
      return 'stored' as const
    }, txOptions)
  }

  return { reply, requestRating, rate }
}

export type HandoffDesk = ReturnType<typeof createHandoffDesk>
