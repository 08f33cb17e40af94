/**
 * The outbox's sender for WhatsApp, with the 24-hour customer-service window: WhatsApp delivers free-form
 * messages only within 24 hours of the customer's last message, and only pre-approved templates after that.
 *
 * - Inside the window (the customer's newest stored message is younger than 24 hours, less a safety margin):
 *   the rendered Reply, buttons and all. Should Meta still answer "re-engagement required" (131047), the
 *   template path is taken.
 * - Outside it: the template configured for the notification's kind (templates.ts).
 * - Outside it with no template: `NotDeliverable` (reason `window_closed`), so the outbox tries the customer's
 *   other channels and otherwise tells staff, with the message and the customer's number. A rating request is
 *   simply dropped then: asking a day later is not worth a person's time.
 */
import type { Logger } from '../../src/logger.ts'
import { maskPhonesInText } from '../../src/logger.ts'
import type { DeliveryService } from '../../src/services/deliveries.ts'
import type { InboxService } from '../../src/services/inbox.ts'
import { type ChannelSender, NotDeliverable } from '../../src/services/notifications/types.ts'
import { isWhatsAppApiError } from './errors.ts'
import type { GraphApi } from './graph-api.ts'
import { phoneOfWaId } from './normalize.ts'
import { sendMessages, sendReplies } from './send.ts'
import type { Templates } from './templates.ts'

/** WhatsApp's customer-service window. */
export const serviceWindowMs = 24 * 60 * 60 * 1000
/** Kept back from the window's end, for clock differences and the time a send takes. */
const windowMarginMs = 2 * 60 * 1000

export interface WhatsAppSenderDeps {
  api: Pick<GraphApi, 'sendMessage'>
  inbox: Pick<InboxService, 'lastMessageAt'>
  deliveries: Pick<DeliveryService, 'recordSent'>
  templates: Templates
  log: Logger
  now?: () => Date
}

/** Whether a customer who last wrote at `lastMessageAt` can get a free-form message at `now`. */
export function insideServiceWindow(lastMessageAt: Date | null, now: Date): boolean {
  return lastMessageAt !== null && now.getTime() - lastMessageAt.getTime() < serviceWindowMs - windowMarginMs
}

export function createWhatsAppSender(deps: WhatsAppSenderDeps): ChannelSender {
  const now = deps.now ?? (() => new Date())
  return {
    channel: 'whatsapp',
    async send(target, reply, notification) {
      const to = target.externalChatId
      const last = await deps.inbox.lastMessageAt('whatsapp', to)
      if (insideServiceWindow(last, now())) {
        try {
          await sendReplies(deps, to, [reply], target.locale, notification?.id)
          return
        } catch (error) {
          if (!isWhatsAppApiError(error) || error.failure !== 'reengagement_required') throw error
          deps.log.info({ to: maskPhonesInText(to) }, 'whatsapp window closed earlier than recorded; using a template')
        }
      }
      const template = notification
        ? deps.templates.messageFor(notification.kind, notification.payload, target.locale)
        : null
      if (!template) {
        const kind = notification?.kind ?? 'message'
        throw new NotDeliverable(
          'whatsapp',
          'window_closed',
          kind !== 'rating_request',
          `outside the 24-hour window and no template is configured for ${kind}`,
          phoneOfWaId(to) ?? undefined,
        )
      }
      await sendMessages(deps, to, [template], notification?.id)
    },
  }
}
