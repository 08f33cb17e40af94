/**
 * What staff do with a conversation in the console: take it (claim), answer the customer, close it (the customer is
 * asked for a 1–5 rating), and what happens to a hand-off nobody answers in time (it goes back to the bot, and the
 * customer is told so honestly). Answers and notices go through the hand-off desk and the outbox, so they reach
 * the customer on their own channel, and the core keeps the bot silent while a hand-off is open. A hand-off nobody
 * answers in time goes back to the bot through the desk (`returnUnanswered`).
 */
import type { Db } from '../../db/client.ts'
import type { ConsoleRole } from '../../generated/prisma/client.ts'
import { writeAudit } from '../audit.ts'
import type { HandoffDesk } from '../handoff-desk.ts'
import type { Handoffs } from '../handoffs.ts'

export interface HandoffActionDeps {
  prisma: Db
  now: () => Date
  handoffs: Pick<Handoffs, 'open' | 'close' | 'findOpen'>
  desk: Pick<HandoffDesk, 'reply' | 'requestRating'>
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

  return { claim, reply, close }
}

export type HandoffActions = ReturnType<typeof createHandoffActions>
