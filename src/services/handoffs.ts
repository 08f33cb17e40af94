/**
 * Hand-offs to a person. While a conversation has an OPEN hand-off the core stops calling the agent and only
 * records the customer's messages (Message rows, role user) for the staff, who read them here and close the
 * hand-off when done. `onHandoffOpened` lets Telegram/Discord post the news to a staff chat.
 *
 * @example const { handoff, created } = await handoffs.open({ conversationId, customerId, reason: 'customer_asked' })
 */
import type { Db } from '../db/client.ts'
import type { Channel, Handoff, MessageRole } from '../generated/prisma/client.ts'
import type { Logger } from '../logger.ts'
import { writeAudit } from './audit.ts'

/** What staff see when a hand-off opens. */
export interface HandoffOpenedEvent {
  handoff: Handoff
  conversation: { id: string; channel: Channel; externalChatId: string }
  customer: { id: string; name: string } | null
  /** The last messages before the hand-off, oldest first. */
  recentMessages: { role: MessageRole; text: string; createdAt: Date }[]
}

export interface HandoffDeps {
  prisma: Db
  now: () => Date
  log: Logger
  /** Called after a new hand-off is stored; its failures are logged, never passed to the customer. */
  onHandoffOpened?: (event: HandoffOpenedEvent) => void | Promise<void>
}

export interface OpenHandoffInput {
  conversationId: string
  customerId: string | null
  /** Why: "customer_asked", "agent_gave_up", or the customer's own words (trimmed to 500 chars). */
  reason: string
  actor?: string
}

export type HandoffListItem = Handoff & {
  conversation: { channel: Channel; externalChatId: string }
  customer: { id: string; name: string } | null
}

export interface Handoffs {
  /** Opens a hand-off, or returns the one already open for this conversation (`created: false`). */
  open(input: OpenHandoffInput): Promise<{ handoff: Handoff; created: boolean }>
  findOpen(conversationId: string): Promise<Handoff | null>
  /** Closes an open hand-off; null when it is unknown or already closed. */
  close(handoffId: string, opts: { actor: string; rating?: number }): Promise<Handoff | null>
  /** Newest first; OPEN ones by default. */
  list(opts?: { status?: 'OPEN' | 'CLOSED'; limit?: number }): Promise<HandoffListItem[]>
  /** The conversation's messages since the hand-off opened (what the customer wrote while waiting), oldest first. */
  messages(handoffId: string): Promise<{ role: MessageRole; text: string; createdAt: Date }[]>
}

const recentCount = 6

export function createHandoffs(deps: HandoffDeps): Handoffs {
  const { prisma } = deps

  async function notify(handoff: Handoff): Promise<void> {
    if (!deps.onHandoffOpened) return
    try {
      const conversation = await prisma.conversation.findUniqueOrThrow({
        where: { id: handoff.conversationId },
        select: { id: true, channel: true, externalChatId: true },
      })
      const customer = handoff.customerId
        ? await prisma.customer.findUnique({ where: { id: handoff.customerId }, select: { id: true, name: true } })
        : null
      const recent = await prisma.message.findMany({
        where: { conversationId: handoff.conversationId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: recentCount,
        select: { role: true, text: true, createdAt: true },
      })
      await deps.onHandoffOpened({ handoff, conversation, customer, recentMessages: recent.reverse() })
    } catch (error) {
      deps.log.error({ err: error, handoffId: handoff.id }, 'onHandoffOpened failed')
    }
  }

  const handoffs: Handoffs = {
    async open(input) {
      const existing = await handoffs.findOpen(input.conversationId)
      if (existing) return { handoff: existing, created: false }
      const handoff = await prisma.$transaction(async (tx) => {
        const created = await tx.handoff.create({
          data: {
            conversationId: input.conversationId,
            customerId: input.customerId,
            reason: input.reason.slice(0, 500),
            openedAt: deps.now(),
          },
        })
        await writeAudit(tx, {
          actor: input.actor ?? 'system',
          action: 'handoff_opened',
          entity: 'Handoff',
          entityId: created.id,
          data: { conversationId: input.conversationId, reason: created.reason },
        })
        return created
      })
      // A reason may be the customer's own words (address, phone…): only a reason code is logged.
      const reason = /^[a-z_]{1,40}$/.test(handoff.reason) ? handoff.reason : 'customer_text'
      deps.log.info({ handoffId: handoff.id, reason }, 'hand-off opened')
      await notify(handoff)
      return { handoff, created: true }
    },

    findOpen(conversationId) {
      return prisma.handoff.findFirst({ where: { conversationId, status: 'OPEN' }, orderBy: { openedAt: 'desc' } })
    },

    async close(handoffId, opts) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.handoff.updateMany({
          where: { id: handoffId, status: 'OPEN' },
          data: { status: 'CLOSED', closedAt: deps.now(), assignee: opts.actor, rating: opts.rating ?? null },
        })
        if (count === 0) return null
        await writeAudit(tx, { actor: opts.actor, action: 'handoff_closed', entity: 'Handoff', entityId: handoffId })
        return tx.handoff.findUnique({ where: { id: handoffId } })
      })
    },

    list(opts = {}) {
      return prisma.handoff.findMany({
        where: { status: opts.status ?? 'OPEN' },
        orderBy: { openedAt: 'desc' },
        take: opts.limit ?? 50,
        include: {
          conversation: { select: { channel: true, externalChatId: true } },
          customer: { select: { id: true, name: true } },
        },
      })
    },

    async messages(handoffId) {
      const handoff = await prisma.handoff.findUnique({ where: { id: handoffId } })
      if (!handoff) return []
      return prisma.message.findMany({
        where: {
          conversationId: handoff.conversationId,
          createdAt: { gte: handoff.openedAt, ...(handoff.closedAt ? { lte: handoff.closedAt } : {}) },
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { role: true, text: true, createdAt: true },
      })
    },
  }
  return handoffs
}
