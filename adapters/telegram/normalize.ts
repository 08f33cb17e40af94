/**
 * Telegram payloads → the core's InboundMessage. Pure functions, no API calls.
 *
 * - Private chats: every text message and a shared contact.
 * - Groups: only text that mentions the bot (@username or a text mention) or replies to one of its messages; the
 *   mention itself is cut from the text.
 * - A photo (or a picture sent as a file) in a private chat becomes `{ kind: 'photo' }` (its caption is the text);
 *   other media (stickers, voice,
 *   a photo in a group, …) becomes `{ kind: 'media' }` so the bot can ask for text.
 * - Button presses become an InboundMessage with `action` and id `cb:<callback id>`.
 * Ids: externalUserId = from.id, externalChatId = chat.id, externalMessageId = `${chat.id}:${message_id}`.
 */
import type { CallbackQuery, Message, PhotoSize, User } from 'grammy/types'
import type { InboundMessage, Locale } from '../../src/core/types.ts'
import { decodeCallbackData } from './render.ts'

/** The bot as normalization needs it (grammY's `bot.botInfo`). */
export interface BotIdentity {
  id: number
  username: string
}

export type NormalizedMessage =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'media'; chatId: number; locale: Locale }
  /** A photo in a private chat: the message carries the caption as its text; the sizes Telegram offers. */
  | { kind: 'photo'; message: InboundMessage; sizes: PhotoSize[] }
  | { kind: 'ignore'; reason: string }

const mediaFields = [
  'sticker',
  'photo',
  'voice',
  'video',
  'video_note',
  'audio',
  'document',
  'animation',
  'location',
  'venue',
  'poll',
  'dice',
  'game',
  'story',
] as const

/** Telegram's language_code as a locale hint: "en-GB" → 'en', "id" → 'id', anything else none. */
export function localeHint(languageCode: string | undefined): Locale | undefined {
  const code = languageCode?.toLowerCase() ?? ''
  if (code.startsWith('en')) return 'en'
  if (code.startsWith('id') || code.startsWith('in')) return 'id'
  return undefined
}

function displayName(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.username || String(user.id)
}

export function isGroupChat(type: string): boolean {
  return type === 'group' || type === 'supergroup'
}

/**
 * Whether a group message is meant for the bot, and its text without the bot's @mention.
 * Entity offsets count UTF-16 code units, as JavaScript strings do.
 */
export function addressedText(message: Message, bot: BotIdentity): { addressed: boolean; text: string } {
  const text = message.text ?? message.caption ?? ''
  const entities = message.entities ?? message.caption_entities ?? []
  const mention = `@${bot.username}`.toLowerCase()
  let cleaned = text
  let addressed = message.reply_to_message?.from?.id === bot.id
  // Cut from the end backwards so earlier offsets stay valid.
  for (const entity of [...entities].sort((a, b) => b.offset - a.offset)) {
    const slice = text.slice(entity.offset, entity.offset + entity.length)
    const isBot =
      (entity.type === 'mention' && slice.toLowerCase() === mention) ||
      (entity.type === 'text_mention' && entity.user.id === bot.id)
    if (!isBot) continue
    addressed = true
    cleaned = `${cleaned.slice(0, entity.offset)}${cleaned.slice(entity.offset + entity.length)}`
  }
  return { addressed, text: cleaned.replace(/\s+/g, ' ').trim() }
}

function baseMessage(message: Message, from: User, receivedAt: Date): Omit<InboundMessage, 'text'> {
  const hint = localeHint(from.language_code)
  return {
    channel: 'telegram',
    externalUserId: String(from.id),
    externalChatId: String(message.chat.id),
    externalMessageId: `${message.chat.id}:${message.message_id}`,
    displayName: displayName(from),
    receivedAt,
    ...(hint ? { locale: hint } : {}),
  }
}

/** A new (not edited) message as the core should see it, or why it is not for the core. */
export function normalizeMessage(message: Message, bot: BotIdentity, receivedAt: Date): NormalizedMessage {
  const from = message.from
  if (!from) return { kind: 'ignore', reason: 'no sender' }
  if (from.is_bot) return { kind: 'ignore', reason: 'from a bot' }
  const chatType = message.chat.type
  if (chatType === 'channel') return { kind: 'ignore', reason: 'channel post' }
  const group = isGroupChat(chatType)
  const hasMedia = mediaFields.some((field) => message[field] !== undefined)

  if (!group && message.contact) {
    return {
      kind: 'message',
      message: {
        ...baseMessage(message, from, receivedAt),
        text: '',
        contact: {
          phoneNumber: message.contact.phone_number,
          // Telegram fills user_id only for a contact that belongs to a Telegram account.
          userId: message.contact.user_id === undefined ? '' : String(message.contact.user_id),
        },
      },
    }
  }

  if (!group && message.photo && message.photo.length > 0) {
    return {
      kind: 'photo',
      message: { ...baseMessage(message, from, receivedAt), text: (message.caption ?? '').trim() },
      sizes: message.photo,
    }
  }
  // A picture sent "as a file" (uncompressed) is a photo too; its bytes are checked like any other.
  const document = message.document
  if (!group && document?.mime_type?.startsWith('image/')) {
    return {
      kind: 'photo',
      message: { ...baseMessage(message, from, receivedAt), text: (message.caption ?? '').trim() },
      sizes: [
        {
          file_id: document.file_id,
          file_unique_id: document.file_unique_id,
          width: 0,
          height: 0,
          ...(document.file_size !== undefined ? { file_size: document.file_size } : {}),
        },
      ],
    }
  }

  const { addressed, text } = group
    ? addressedText(message, bot)
    : { addressed: true, text: (message.text ?? '').trim() }
  if (!addressed) return { kind: 'ignore', reason: 'group message not for the bot' }
  if (hasMedia || (message.text === undefined && !message.contact)) {
    if (hasMedia) return { kind: 'media', chatId: message.chat.id, locale: localeHint(from.language_code) ?? 'id' }
    return { kind: 'ignore', reason: 'service message' }
  }
  if (!text) return { kind: 'ignore', reason: 'empty text' }
  return { kind: 'message', message: { ...baseMessage(message, from, receivedAt), text } }
}

/**
 * A confirm/reject button press as an InboundMessage (action set, empty text), or null when the callback data is
 * not one of ours or the pressed message is gone.
 */
export function normalizeCallback(query: CallbackQuery, receivedAt: Date): InboundMessage | null {
  const action = decodeCallbackData(query.data)
  const chat = query.message?.chat
  if (!action || !chat) return null
  const hint = localeHint(query.from.language_code)
  return {
    channel: 'telegram',
    externalUserId: String(query.from.id),
    externalChatId: String(chat.id),
    externalMessageId: `cb:${query.id}`,
    displayName: displayName(query.from),
    text: '',
    action,
    receivedAt,
    ...(hint ? { locale: hint } : {}),
  }
}
