/**
 * Tells staff about hand-offs through the outbox (audience `admin`, delivered to every StaffSender): a new
 * hand-off with the customer, the reason and the last messages, and each message the customer writes while it
 * is open. Queued rather than sent, so a staff channel that is down gets them later, on every instance once.
 *
 * @example createApp({ ..., onHandoffOpened: createHandoffNotices({ prisma }).opened })
 */

import type { Db } from '../../db/client.ts'
import type { Channel } from '../../generated/prisma/enums.ts'
import type { HandoffOpenedEvent } from '../handoffs.ts'

export interface HandoffNoticeDeps {
  prisma: Db
}

/** Longest customer text copied into a staff message. */
const maxTextChars = 1000
const recentCount = 6

function cut(text: string): string {
  return text.length > maxTextChars ? `${text.slice(0, maxTextChars)}…` : text
}

export interface CustomerWroteInput {
  handoffId: string
  /** The hand-off's customer, when the sender is verified (their name is shown to staff). */
  customerId: string | null
  channel: Channel
  displayName?: string | null
  text: string
}

export function createHandoffNotices(deps: HandoffNoticeDeps) {
  const { prisma } = deps

  /** The `onHandoffOpened` hook of the core: queues the news for staff. */
  async function opened(event: HandoffOpenedEvent): Promise<void> {
    const identity = await prisma.conversation.findUnique({
      where: { id: event.conversation.id },
      select: { identity: { select: { displayName: true } } },
    })
    await prisma.notification.create({
      data: {
        customerId: event.customer?.id ?? null,
        audience: 'admin',
        kind: 'handoff_opened',
        payload: {
          handoffId: event.handoff.id,
          reason: event.handoff.reason,
          channel: event.conversation.channel,
          customerName: event.customer?.name ?? null,
          displayName: identity?.identity.displayName ?? null,
          messages: event.recentMessages.slice(-recentCount).map((m) => ({ role: m.role, text: cut(m.text) })),
        },
      },
    })
  }

  /** Queues a customer's message written while their hand-off is open. */
  async function customerWrote(input: CustomerWroteInput): Promise<void> {
    const customer = input.customerId
      ? await prisma.customer.findUnique({ where: { id: input.customerId }, select: { name: true } })
      : null
    await prisma.notification.create({
      data: {
        customerId: input.customerId,
        audience: 'admin',
        kind: 'handoff_message',
        payload: {
          handoffId: input.handoffId,
          channel: input.channel,
          customerName: customer?.name ?? null,
          displayName: input.displayName ?? null,
          text: cut(input.text),
        },
      },
    })
  }

  return { opened, customerWrote }
}

type HandoffNotices = ReturnType<typeof createHandoffNotices>
