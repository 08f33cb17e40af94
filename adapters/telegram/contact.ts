/**
 * Verification by contact, the Telegram way: /start greets and offers a "Bagikan nomor HP" button
 * (`request_contact`, private chats only). The shared contact itself goes to the core, which links the identity
 * only when `contact.user_id` equals the sender's id (Telegram fills it in for the sender's own number), and
 * refuses anyone else's number. After a contact, the keyboard is taken away again unless the core asks anew.
 */
import type { Context } from 'grammy'
import type { Reply } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import { localeHint } from './normalize.ts'
import type { TelegramReplyMarkup } from './render.ts'
import { sendReplies } from './send.ts'

/** Markup that removes the share-contact keyboard once it has been used. */
export const removeContactKeyboard: TelegramReplyMarkup = { remove_keyboard: true }

/** The /start greeting; with the share-contact button in private chats (Telegram allows it nowhere else). */
export function startReply(options: {
  firstName?: string
  shopName: string
  locale: 'id' | 'en'
  private: boolean
}): Reply {
  const name = options.firstName?.trim() ? ` ${options.firstName.trim()}` : ''
  return {
    text: t(options.locale, 'telegram.start', { name, shop: options.shopName }),
    requestContact: options.private,
  }
}

/** Handles /start. */
export function startCommand(shopName: string) {
  return async (ctx: Context): Promise<void> => {
    const chat = ctx.chat
    if (!chat) return
    const locale = localeHint(ctx.from?.language_code) ?? 'id'
    const isPrivate = chat.type === 'private'
    const reply = startReply({ firstName: ctx.from?.first_name, shopName, locale, private: isPrivate })
    await sendReplies(ctx.api, chat.id, [reply], locale, { replyTo: isPrivate ? undefined : ctx.msg?.message_id })
  }
}
