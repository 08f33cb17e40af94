/**
 * Sends Reply blocks to one Telegram chat: each rendered part as an HTML `sendMessage`, in order, link previews
 * off. Used for answers, admin command output and proactive messages alike.
 */
import type { Api } from 'grammy'
import type { Locale, Reply } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import { type RenderOptions, renderReply } from './render.ts'

export interface SendOptions extends Omit<RenderOptions, 'contactButtonLabel'> {
  /** The first part answers this message (in groups, so everyone sees whom the bot answers). */
  replyTo?: number
}

/** Sends every reply in order; the first failing call throws (grammY's GrammyError or HttpError). */
export async function sendReplies(
  api: Api,
  chatId: number | string,
  replies: readonly Reply[],
  locale: Locale,
  options: SendOptions = {},
): Promise<void> {
  const { replyTo, ...render } = options
  const contactButtonLabel = t(locale, 'telegram.shareContactButton')
  let first = true
  for (const reply of replies) {
    for (const message of renderReply(reply, { ...render, contactButtonLabel })) {
      await api.sendMessage(chatId, message.text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
        ...(first && replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      })
      first = false
    }
  }
}
