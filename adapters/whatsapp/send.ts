/**
 * Sends rendered messages to one WhatsApp id, in order, and records each one Meta accepted (so the delivery
 * statuses that follow have a row to land on). Used for answers and proactive messages alike.
 */
import type { Locale, Reply } from '../../src/core/types.ts'
import type { Logger } from '../../src/logger.ts'
import type { DeliveryService, SentMessage } from '../../src/services/deliveries.ts'
import type { GraphApi } from './graph-api.ts'
import { type OutgoingMessage, renderReply } from './render.ts'

export interface SendDeps {
  api: Pick<GraphApi, 'sendMessage'>
  deliveries: Pick<DeliveryService, 'recordSent'>
  log: Logger
}

function kindOf(message: OutgoingMessage): string {
  return message.type === 'interactive' ? `interactive:${message.interactive.type}` : message.type
}

/**
 * Sends the messages in order; the first failing call throws (a WhatsAppApiError). The ones sent before it are
 * still recorded.
 */
export async function sendMessages(
  deps: SendDeps,
  to: string,
  messages: readonly OutgoingMessage[],
  notificationId?: string,
): Promise<void> {
  const sent: SentMessage[] = []
  try {
    for (const message of messages) {
      const { id } = await deps.api.sendMessage(to, message)
      sent.push({ channel: 'whatsapp', externalId: id, recipientId: to, kind: kindOf(message), notificationId })
    }
  } finally {
    await deps.deliveries
      .recordSent(sent)
      .catch((error: unknown) => deps.log.warn({ err: error }, 'sent whatsapp messages not recorded'))
  }
}

/** Renders and sends Reply blocks. */
export async function sendReplies(
  deps: SendDeps,
  to: string,
  replies: readonly Reply[],
  locale: Locale,
  notificationId?: string,
): Promise<void> {
  const messages = replies.flatMap((reply) => renderReply(reply, { locale }))
  await sendMessages(deps, to, messages, notificationId)
}
