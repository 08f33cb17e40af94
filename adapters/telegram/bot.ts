/**
 * The Telegram bot on grammY: normalize an update, call the core, render the replies. No business rule lives
 * here (DESIGN §9.7).
 *
 * Middleware, in order:
 * 1. `sequentialize` by chat, so one chat's updates are answered in order even with the concurrent runner;
 * 2. repeated `update_id`s are dropped (ProcessedEvent source `telegram:update`), so a webhook redelivery is
 *    never answered twice: a plain text message's or a shared contact's update_id is claimed by the core with the
 *    message, any other update's here. The core keeps the answer to such a message until the bot has sent it
 *    (`core.delivered`): a redelivery of an update whose answer never reached Telegram (the process was killed in
 *    between) gets that stored answer, and one whose answer was sent is dropped;
 * 3. one error boundary around everything else: a failed update is logged and the sender gets an apology;
 * 4. edited messages are ignored; /start offers the share-contact button; admin commands; button presses
 *    (confirm/reject go to the core, rating buttons to the hand-off desk; the spinner is stopped and the
 *    buttons removed); messages (text, contacts and private photos to the core, other media get "text only,
 *    please").
 * While the core works on an answer that takes a noticeable time the chat shows "typing…". The core decides the
 * reply language and tells staff what a customer writes during a hand-off; the bot only renders.
 *
 * @example
 * const bot = createTelegramBot({ token, core, log, services, handoffs, desk, adminOrders,
 *   lowStock, adminIds: ['42'], shopName: 'UrbanStyle ID' })
 * await bot.handleUpdate(update)
 */
import { sequentialize } from '@grammyjs/runner'
import { Bot, type BotError, type Context } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import type { ConversationCore, MessageTrace } from '../../src/core/conversation.ts'
import type { InboundMessage } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import type { Logger } from '../../src/logger.ts'
import type { AdminOrderService } from '../../src/services/admin-orders.ts'
import type { HandoffDesk } from '../../src/services/handoff-desk.ts'
import type { Handoffs } from '../../src/services/handoffs.ts'
import type { Services } from '../../src/services/index.ts'
import type { LowStockWatcher } from '../../src/services/notifications/low-stock.ts'
import { keepTyping } from '../typing.ts'
import { createAdminCommands } from './admin.ts'
import { type ApiTransformerOptions, installApiTransformers } from './api.ts'
import { removeContactKeyboard, startCommand } from './contact.ts'
import { isGroupChat, localeHint, normalizeCallback, normalizeMessage } from './normalize.ts'
import { telegramPhoto } from './photo.ts'
import { handleRatingPress, isForeignPress, removeButtons } from './presses.ts'
import { sendReplies } from './send.ts'
import { when } from './when.ts'

export interface TelegramBotDeps {
  token: string
  core: Pick<ConversationCore, 'handleWithTrace' | 'delivered'>
  log: Logger
  services: Pick<Services, 'inventory' | 'shipping' | 'crm' | 'events' | 'returns' | 'cod'>
  handoffs: Pick<Handoffs, 'findOpen' | 'list' | 'close'>
  desk: HandoffDesk
  adminOrders: AdminOrderService
  lowStock: LowStockWatcher
  /** Telegram user ids allowed to run admin commands (ADMIN_TELEGRAM_IDS). */
  adminIds: readonly string[]
  shopName: string
  /** A self-hosted Bot API server (TELEGRAM_API_ROOT); default Telegram's own. */
  apiRoot?: string
  /** Known bot info (tests, benchmarks); otherwise `bot.init()` asks getMe. */
  botInfo?: UserFromGetMe
  now?: () => Date
  /** Kicks the outbox after something was queued (staff news, answers, alerts). */
  notify?: () => void
  api?: ApiTransformerOptions
  /** How often the typing action is repeated while the core works (default 4 s; Telegram shows it 5 s). */
  typingIntervalMs?: number
  /**
   * How long an answer may take before "typing…" is shown (default 300 ms; 0 shows it at once). Telegram asks
   * bots to send chat actions only when a response takes a noticeable time: a quick answer needs none, and
   * each action is one more call against the bot's rate limits.
   */
  typingDelayMs?: number
  /** Largest customer photo fetched and kept (RETURN_PHOTO_MAX_BYTES; default 5 MB). */
  photoMaxBytes?: number
  /** Downloads photo files (default the global fetch). */
  fetch?: typeof fetch
}

/** ProcessedEvent source of Telegram update ids. */
export const updateEventSource = 'telegram:update'

export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const { log } = deps
  const now = deps.now ?? (() => new Date())
  const typingIntervalMs = deps.typingIntervalMs ?? 4000
  const typingDelayMs = deps.typingDelayMs ?? 300
  const bot = new Bot(deps.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}) },
  })
  installApiTransformers(bot.api, deps.api)

  /** Core in, replies out, for a message or a button press. */
  async function answer(ctx: Context, inbound: InboundMessage, options: { afterContact?: boolean } = {}) {
    const chat = ctx.chat
    if (!chat) return
    const typing = keepTyping(() => ctx.api.sendChatAction(chat.id, 'typing'), {
      everyMs: typingIntervalMs,
      delayMs: typingDelayMs,
      log,
    })
    let trace: MessageTrace
    try {
      trace = await deps.core.handleWithTrace(inbound)
    } finally {
      await typing.stop()
    }
    if (trace.replies.length === 0) return // a repeat the core already answered
    const replyTo = isGroupChat(chat.type) && ctx.message ? ctx.message.message_id : undefined
    await sendReplies(ctx.api, chat.id, trace.replies, trace.locale, {
      replyTo,
      ...(options.afterContact ? { fallbackMarkup: removeContactKeyboard } : {}),
    })
    await deps.core.delivered(trace)
  }

  /** The error boundary: log, then apologise to the sender (an apology that fails too is only logged). */
  async function onError(error: BotError<Context>): Promise<void> {
    const ctx = error.ctx
    log.error({ err: error.error, updateId: ctx.update.update_id }, 'telegram update failed')
    const chatId = ctx.chat?.id
    if (chatId === undefined || ctx.from?.is_bot) return
    const locale = localeHint(ctx.from?.language_code) ?? 'id'
    try {
      await ctx.api.sendMessage(chatId, t(locale, 'telegram.updateFailed'))
    } catch (apologyError) {
      log.warn({ err: apologyError }, 'apology not sent')
    }
  }

  bot.use(sequentialize((ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? ctx.update.update_id)))
  // A plain text message or a shared contact goes to the core, which claims its update_id together with the
  // message itself (one statement fewer on the busiest path, and a redelivery can get the stored answer); every
  // other update is claimed here, before anything acts on it.
  const claimedByCore = new WeakSet<object>()
  bot.use(async (ctx, next) => {
    const text = ctx.message?.text
    if ((text !== undefined && !text.startsWith('/')) || (ctx.message?.contact && ctx.chat?.type === 'private')) {
      claimedByCore.add(ctx.update)
    } else if (!(await deps.services.events.claim(updateEventSource, String(ctx.update.update_id)))) {
      log.debug({ updateId: ctx.update.update_id }, 'repeated telegram update dropped')
      return
    }
    await next()
  })

  const guarded = bot.errorBoundary(onError)
  guarded.use(when(['edited_message', 'edited_channel_post'], () => undefined))
  // Every command sits behind one check: an ordinary message passes a single filter rather than one per command
  // (each grammY filter builds its own middleware chain for every update it sees).
  const commands = guarded.on(':entities:bot_command')
  commands.command('start', startCommand(deps.shopName))
  commands.use(
    createAdminCommands({
      adminIds: deps.adminIds,
      log,
      inventory: deps.services.inventory,
      shipping: deps.services.shipping,
      crm: deps.services.crm,
      lowStock: deps.lowStock,
      adminOrders: deps.adminOrders,
      returns: deps.services.returns,
      cod: deps.services.cod,
      handoffs: deps.handoffs,
      desk: deps.desk,
      notify: deps.notify,
    }),
  )

  guarded.use(
    when('callback_query:data', async (ctx) => {
      const query = ctx.callbackQuery
      const locale = localeHint(query.from.language_code) ?? 'id'
      if (isForeignPress(query)) {
        await ctx.answerCallbackQuery({ text: t(locale, 'telegram.ratingRefused'), show_alert: true })
        return
      }
      const inbound = normalizeCallback(query, now())
      if (!inbound?.action) {
        await ctx.answerCallbackQuery({ text: t(locale, 'telegram.buttonUnknown') })
        return
      }
      // Stop the spinner at once; the answer may take a moment.
      await ctx.answerCallbackQuery()
      await removeButtons(ctx, log)
      if (await handleRatingPress(ctx, inbound.action.token, { desk: deps.desk, locale })) return
      await answer(ctx, inbound)
    }),
  )

  guarded.use(
    when('message', async (ctx) => {
      const normalized = normalizeMessage(ctx.message, { id: ctx.me.id, username: ctx.me.username }, now())
      if (normalized.kind === 'ignore') return
      if (normalized.kind === 'media') {
        const replyTo = isGroupChat(ctx.chat.type) ? ctx.message.message_id : undefined
        await sendReplies(
          ctx.api,
          ctx.chat.id,
          [{ text: t(normalized.locale, 'telegram.textOnly') }],
          normalized.locale,
          {
            replyTo,
          },
        )
        return
      }
      if (normalized.kind === 'photo') {
        // A customer's photo (for a return): fetched only if the core keeps it; the caption is its text.
        const photo = telegramPhoto(ctx.api, normalized.sizes, {
          token: deps.token,
          maxBytes: deps.photoMaxBytes ?? 5_000_000,
          ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}),
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        })
        if (photo) await answer(ctx, { ...normalized.message, photo })
        return
      }
      const inbound = claimedByCore.has(ctx.update)
        ? {
            ...normalized.message,
            delivery: { source: updateEventSource, key: String(ctx.update.update_id) },
            confirmsDelivery: true,
          }
        : normalized.message
      await answer(ctx, inbound, { afterContact: normalized.message.contact !== undefined })
    }),
  )

  // Errors outside the boundary (the boundary's own handler failing) end here under long polling.
  bot.catch((error) => log.error({ err: error.error, updateId: error.ctx.update.update_id }, 'telegram error'))
  return bot
}
