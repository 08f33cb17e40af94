/**
 * What staff do with a hand-off besides opening and closing it (src/services/handoffs.ts): answer the customer on the
 * channel they wrote from, ask them to rate the help once the hand-off is closed, store that rating, and give a
 * hand-off nobody answered in time back to the bot with an honest notice (HANDOFF_WAIT_TIMEOUT_MINUTES).
 * Answers, notices and rating requests are queued as customer Notifications (the outbox delivers them on any
 * channel); answers and notices are also kept in the conversation (role `admin`) so the bot sees them in the history
 * later, and their notification carries the stored message's id (`messageId`) so a channel that shows the history
 * too (the web chat) shows each once.
 *
 * Rating buttons travel as ordinary confirm buttons whose token is `rate:<handoffId>:<score>`; a channel adapter
 * recognises them with `parseRatingToken` before handing a press to the core.
 *
 * @example await desk.reply(handoffId, 'Paket Anda kami cek ke JNE ya', 'admin:telegram:42')
 */

import type { Db } from '../db/client.ts'
import type { Channel } from '../generated/prisma/enums.ts'
import { t } from '../i18n/messages.ts'
import { writeAudit } from './audit.ts'
import { InvalidInput } from './errors.ts'
import { defaultShopSettings } from './shop.ts'

export interface HandoffDeskDeps {
  prisma: Db
  now?: () => Date
  /** The shop's name in the notice of a hand-off that went back to the bot. */
  shopName?: string
}

/** The actor of hand-offs that went back to the bot because nobody answered. */
export const timeoutActor = 'system:handoff_timeout'

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
      const message = await tx.message.create({
        data: { conversationId: handoff.conversationId, role: 'admin', text: body, content: { handoffId, actor } },
      })
      await tx.notification.create({
        data: {
          customerId: handoff.customerId,
          audience: 'customer',
          kind: 'handoff_reply',
          payload: { handoffId, text: body, messageId: message.id, ...target },
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

  /**
   * Hand-offs open longer than `afterMinutes` that no person took or answered go back to the bot: closed (no rating
   * asked), with a notice to the customer in their channel and in the conversation. Returns how many.
   */
  async function returnUnanswered(afterMinutes: number): Promise<number> {
    const now = deps.now ?? (() => new Date())
    const cutoff = new Date(now().getTime() - afterMinutes * 60_000)
    const stale = await prisma.handoff.findMany({
      where: { status: 'OPEN', assignee: null, openedAt: { lt: cutoff } },
      include: { conversation: conversationTarget },
      take: 100,
    })
    let returned = 0
    for (const handoff of stale) {
      const answered = await prisma.message.count({
        where: { conversationId: handoff.conversationId, role: 'admin', createdAt: { gte: handoff.openedAt } },
      })
      if (answered > 0) continue
      const target = toTarget(handoff.conversation)
      const text = t(target.locale, 'console.handoffTimedOut', { shop: deps.shopName ?? defaultShopSettings.name })
      const done = await prisma.$transaction(async (tx) => {
        const { count } = await tx.handoff.updateMany({
          where: { id: handoff.id, status: 'OPEN', assignee: null },
          data: { status: 'CLOSED', closedAt: now(), assignee: timeoutActor },
        })
        if (count === 0) return false
        const message = await tx.message.create({
          data: {
            conversationId: handoff.conversationId,
            role: 'admin',
            text,
            content: { kind: 'handoff_timeout', handoffId: handoff.id },
          },
        })
        await tx.notification.create({
          data: {
            customerId: handoff.customerId,
            audience: 'customer',
            kind: 'handoff_reply',
            payload: { handoffId: handoff.id, text, messageId: message.id, ...target },
          },
        })
        await writeAudit(tx, {
          actor: timeoutActor,
          action: 'handoff_timed_out',
          entity: 'Handoff',
          entityId: handoff.id,
          data: { afterMinutes },
        })
        return true
      }, txOptions)
      if (done) returned++
    }
    return returned
  }

  return { reply, requestRating, rate, returnUnanswered }
}

export type HandoffDesk = ReturnType<typeof createHandoffDesk>
