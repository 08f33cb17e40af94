/**
 * Proactive messages. Services queue Notification rows (the outbox); one worker delivers them through the
 * senders of the channels that are on. A channel adapter only implements `ChannelSender`.
 */
import type { Channel, Locale, Reply } from '../../core/types.ts'

/** Where a customer can be reached on one channel. */
export interface NotificationTarget {
  channel: Channel
  /** Telegram chat id, Discord user id (DM), ... */
  externalChatId: string
  locale: Locale
}

/** The outbox row being delivered, for a channel that needs more than the rendered Reply (WhatsApp templates). */
export interface OutgoingNotification {
  id: string
  kind: string
  payload: unknown
}

export interface ChannelSender {
  readonly channel: Channel
  /**
   * Sends one message; throws on failure (the worker retries with backoff), or `NotDeliverable` when retrying
   * cannot help.
   */
  send(target: NotificationTarget, reply: Reply, notification?: OutgoingNotification): Promise<void>
}

/**
 * Thrown by a ChannelSender that cannot reach the customer this way now, where a retry would not help (WhatsApp
 * outside the 24-hour window, with no template configured for the message). The outbox tries the customer's other
 * channels; when none takes the message the row fails at once and, with `tellStaff`, staff are told instead.
 */
export class NotDeliverable extends Error {
  readonly code = 'not_deliverable'
  constructor(
    readonly channel: Channel,
    /** A stable reason code staff read a sentence for (`window_closed`). */
    readonly reason: string,
    readonly tellStaff: boolean,
    message: string,
    /** How staff could reach the customer instead (WhatsApp: the phone number). */
    readonly contact?: string,
  ) {
    super(message)
    this.name = 'NotDeliverable'
  }
}

/** Sends to the staff (Telegram admin chat, Discord staff channel): low stock, hand-offs. */
export interface StaffSender {
  /** A chat channel, or the console (which lists what staff were told). */
  readonly channel: Channel | 'console'
  sendToStaff(reply: Reply): Promise<void>
}
