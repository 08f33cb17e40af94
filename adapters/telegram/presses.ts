/**
 * Button presses beyond the core's confirm/reject: removing a used keyboard, refusing a press on someone else's
 * buttons in a group, and the 1–5 rating after a hand-off (stored by the hand-off desk, not the core).
 */
import type { Context } from 'grammy'
import type { CallbackQuery } from 'grammy/types'
import type { Locale } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import type { Logger } from '../../src/logger.ts'
import { type HandoffDesk, parseRatingToken, type RatingOutcome } from '../../src/services/handoff-desk.ts'
import { isGroupChat } from './normalize.ts'
import { sendReplies } from './send.ts'

/**
 * In a group the bot answers a customer's message as a reply, so the buttons belong to whoever wrote that
 * message; anyone else pressing them is refused before anything runs.
 */
export function isForeignPress(query: CallbackQuery): boolean {
  const message = query.message
  if (!message || !isGroupChat(message.chat.type) || !('reply_to_message' in message)) return false
  const owner = message.reply_to_message?.from?.id
  return owner !== undefined && owner !== query.from.id
}

/** Takes the inline keyboard off the pressed message, so a button works once. */
export async function removeButtons(ctx: Context, log: Logger): Promise<void> {
  if (!ctx.callbackQuery?.message) return
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } })
  } catch (error) {
    // Too old to edit, or already without buttons: the press is handled anyway.
    log.debug({ err: error }, 'buttons not removed')
  }
}

const ratingAnswers: Record<
  RatingOutcome,
  'telegram.ratingThanks' | 'telegram.ratingAlready' | 'telegram.ratingRefused' | 'telegram.buttonUnknown'
> = {
  stored: 'telegram.ratingThanks',
  already_rated: 'telegram.ratingAlready',
  not_yours: 'telegram.ratingRefused',
  not_found: 'telegram.buttonUnknown',
  still_open: 'telegram.buttonUnknown',
}

/** Stores a rating press and answers it; false when the token is not a rating (then the core handles it). */
export async function handleRatingPress(
  ctx: Context,
  token: string,
  deps: { desk: Pick<HandoffDesk, 'rate'>; locale: Locale },
): Promise<boolean> {
  const rating = parseRatingToken(token)
  const from = ctx.from
  const chatId = ctx.chat?.id
  if (!rating || !from || chatId === undefined) return false
  const outcome = await deps.desk.rate(rating.handoffId, rating.score, {
    channel: 'telegram',
    externalUserId: String(from.id),
  })
  const text = t(deps.locale, ratingAnswers[outcome], { score: rating.score })
  await sendReplies(ctx.api, chatId, [{ text }], deps.locale)
  return true
}
