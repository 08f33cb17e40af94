/**
 * The channel-neutral shapes every adapter speaks: one InboundMessage in, Reply blocks out. The core knows no
 * channel; each adapter normalizes its own payloads into these and renders Replies back.
 */
import type { Channel } from '../generated/prisma/enums.ts'

export type { Channel }
export type Locale = 'id' | 'en'

export interface ButtonAction {
  kind: 'confirm' | 'reject'
  /** The PendingAction's one-time token. */
  token: string
}

export interface InboundMessage {
  channel: Channel
  /** Telegram from.id, Discord user id, web session id, terminal user. */
  externalUserId: string
  externalChatId: string
  /** For idempotency: the same id twice is answered once. */
  externalMessageId: string
  text: string
  displayName?: string
  /** A hint only; the core detects the language of the text. */
  locale?: string
  receivedAt: Date
  /** A button press. */
  action?: ButtonAction
  /** A Telegram contact shared by the sender (its user id proves it is their own number). */
  contact?: { phoneNumber: string; userId: string }
  /**
   * The channel's id of the delivery that carried the message (Telegram's update_id under `telegram:update`),
   * claimed in the same statement as the message: a redelivery is dropped with no round trip of its own.
   */
  delivery?: { source: string; key: string }
  /** The client's IP address where the channel knows it (web chat), for the per-address verification limit. */
  clientAddress?: string
  /**
   * The channel delivers this message again until it is acknowledged (Telegram, WhatsApp), and calls
   * `core.delivered(trace)` once the answer was sent: until then the answer is kept with it, and a redelivery gets
   * that stored answer again (no agent or tool runs, nothing is stored twice); once marked, a redelivery is dropped.
   */
  confirmsDelivery?: boolean
  /**
   * A photo sent with the message (Telegram, the web chat's upload); `text` is its caption, if any. Its bytes are
   * fetched only once the sender is known to be a verified customer.
   */
  photo?: InboundPhoto
}

export interface InboundPhoto {
  /** The size the channel announced, when it did. */
  sizeBytes?: number
  load(): Promise<Uint8Array>
}

export interface ReplyButton {
  label: string
  action: ButtonAction | { url: string }
}

/** One message back to the sender. `text` is light markdown: **bold**, lists, links. */
export interface Reply {
  text: string
  buttons?: ReplyButton[]
  /** Ask Telegram for the sender's verified phone number. */
  requestContact?: boolean
  /** Set when Claude was unreachable and the offline agent answered. */
  limitedMode?: boolean
}

/** The sender as the core resolved it. */
export interface Identity {
  id: string
  channel: Channel
  externalUserId: string
  customerId: string | null
}
