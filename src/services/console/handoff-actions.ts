/**
 * What staff do with a conversation in the console: take it (claim), answer the customer, close it (the customer is
 * asked for a 1–5 rating), and what happens to a hand-off nobody answers in time (it goes back to the bot, and the
 * customer is told so honestly). Answers and notices go through the hand-off desk and the outbox, so they reach
 * the customer on their own channel, and the core keeps the bot silent while a hand-off is open.
 */
import type { Handoffs } from '../../core/handoff.ts'
import type { Db } from '../../db/client.ts'
import type { ConsoleRole } from '../../generated/prisma/client.ts'
import { t } from '../../i18n/messages.ts'
import { writeAudit } from '../audit.ts'
import type { HandoffDesk } from '../handoff-desk.ts'

export interface HandoffActionDeps {
  prisma: Db
  now: () => Date
  handoffs: Pick<Handoffs, 'open' | 'close' | 'findOpen'>
  desk: Pick<HandoffDesk, 'reply' | 'requestRating'>
  shopName: string
  /** Kicks the outbox after something was queued for a customer. */
  notify?: () => void
}

export interface ConsoleActor {
  actor: string
  role: ConsoleRole
}

export type ActionOutcome<T = undefined> =
  | ({ ok: true } & (T extends undefined ? object : { value: T }))
  | { ok: false; code: 'not_found' | 'held_by_other' | 'not_open' }

/** The actor of hand-offs that went back to the bot because nobody answered. */
export const timeoutActor = 'system:handoff_timeout'

export function createHandoffActions(deps: HandoffActionDeps) {
  const { prisma } = deps

  /**
   * Takes the conversation: its open hand-off gets this person as assignee, or one is opened (the bot then stays
   * silent). Someone else's claim is kept unless the owner takes it over.
   */
  async function claim(conversationId: string, by: ConsoleActor): Promise<ActionOutcome<{ handoffId: string }>> {
    const conversation = await prisma.conversation.findUnique({
      where: { id: conversationId },
      select: { id: true, customerId: true },
    })
    if (!conversation) return { ok: false, code: 'not_found' }
    let handoff = await deps.handoffs.findOpen(conversationId)
    if (!handoff) {
      handoff = (
        await deps.handoffs.open({
          conversationId,
          customerId: conversation.customerId,
          reason: 'staff_took_over',
          actor: by.actor,
        })
      ).handoff
    }
    if (handoff.assignee === by.actor) return { ok: true, value: { handoffId: handoff.id } }
    if (handoff.assignee && by.role !== 'owner') return { ok: false, code: 'held_by_other' }
    const previous = handoff.assignee
    const id = handoff.id
    const taken = await prisma.$transaction(async (tx) => {
      const { count } = await tx.handoff.updateMany({
        where: { id, status: 'OPEN', assignee: previous },
        data: { assignee: by.actor, claimedAt: deps.now() },
      })
      if (count === 0) return false
      await writeAudit(tx, {
        actor: by.actor,
        action: 'console_handoff_claimed',
        entity: 'Handoff',
        entityId: id,
        data: { conversationId, ...(previous ? { from: previous } : {}) },
      })
      return true
    })
    return taken ? { ok: true, value: { handoffId: id } } : { ok: false, code: 'held_by_other' }
  }

  /** Answers the customer (claiming the conversation first when nobody holds it). */
  async function reply(conversationId: string, text: string, by: ConsoleActor): Promise<ActionOutcome> {
    const claimed = await claim(conversationId, by)
    if (!claimed.ok) return claimed
    const target = await deps.desk.reply(claimed.value.handoffId, text, by.actor)
    if (!target) return { ok: false, code: 'not_open' }
    deps.notify?.()
    return { ok: true }
  }

  /** Closes the open hand-off and asks the customer for a 1–5 rating on their channel. */
  async function close(conversationId: string, by: ConsoleActor): Promise<ActionOutcome> {
    const handoff = await deps.handoffs.findOpen(conversationId)
    if (!handoff) {
      const exists = await prisma.conversation.count({ where: { id: conversationId } })
      return { ok: false, code: exists ? 'not_open' : 'not_found' }
    }
    if (handoff.assignee && handoff.assignee !== by.actor && by.role !== 'owner') {
      return { ok: false, code: 'held_by_other' }
    }
    const closed = await deps.handoffs.close(handoff.id, { actor: by.actor })
    if (!closed) return { ok: false, code: 'not_open' }
    await deps.desk.requestRating(handoff.id)
    deps.notify?.()
    return { ok: true }
  }

  /**
   * Hand-offs open longer than `afterMinutes` that no person took or answered go back to the bot: closed (no
   * rating asked), with a notice to the customer in their channel and in the conversation. Returns how many.
   */
  async function expireWaiting(afterMinutes: number): Promise<number> {
    const cutoff = new Date(deps.now().getTime() - afterMinutes * 60_000)
    const stale = await prisma.handoff.findMany({
      where: { status: 'OPEN', assignee: null, openedAt: { lt: cutoff } },
      include: {
        conversation: {
          select: {
            channel: true,
            externalChatId: true,
            locale: true,
            identity: { select: { externalUserId: true } },
          },
        },
      },
      take: 100,
    })
    let expired = 0
    for (const handoff of stale) {
      const answered = await prisma.message.count({
        where: { conversationId: handoff.conversationId, role: 'admin', createdAt: { gte: handoff.openedAt } },
      })
      if (answered > 0) continue
      const { conversation } = handoff
      const locale = conversation.locale === 'en' ? 'en' : 'id'
      const text = t(locale, 'console.handoffTimedOut', { shop: deps.shopName })
      const done = await prisma.$transaction(async (tx) => {
        const { count } = await tx.handoff.updateMany({
          where: { id: handoff.id, status: 'OPEN', assignee: null },
          data: { status: 'CLOSED', closedAt: deps.now(), assignee: timeoutActor },
        })
        if (count === 0) return false
        await tx.message.create({
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
            payload: {
              handoffId: handoff.id,
              text,
              channel: conversation.channel,
              externalChatId: conversation.externalChatId,
              externalUserId: conversation.identity.externalUserId,
              locale,
            },
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
      })
      if (done) expired++
    }
    if (expired > 0) deps.notify?.()
    return expired
  }

  return { claim, reply, close, expireWaiting }
}

export type HandoffActions = ReturnType<typeof createHandoffActions>
