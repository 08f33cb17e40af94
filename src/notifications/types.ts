/**
 * Proactive messages. Services queue Notification rows (the outbox); one worker delivers them through the
 * senders of the channels that are on. A channel adapter only implements `ChannelSender`.
 */
import type { Channel, Locale, Reply } from '../core/types.ts'

/** Where a customer can be reached on one channel. */
export interface NotificationTarget {
  channel: Channel
  /** Telegram chat id, Discord user id (DM), ... */
  externalChatId: string
  locale: Locale
}

export interface ChannelSender {
  readonly channel: Channel
  /** Sends one message; throws on failure (the worker retries with backoff). */
  send(target: NotificationTarget, reply: Reply): Promise<void>
}

/** Sends to the staff (Telegram admin chat, Discord staff channel): low stock, hand-offs. */
export interface StaffSender {
  readonly channel: Channel
  sendToStaff(reply: Reply): Promise<void>
}
