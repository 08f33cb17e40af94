/**
 * Telegram as main.ts switches it on (TELEGRAM_BOT_TOKEN): the bot, its outbox senders, and how updates arrive:
 * long polling through @grammyjs/runner (concurrent, each chat in order), or a webhook when
 * TELEGRAM_WEBHOOK_URL is set. `start()` initialises the bot, registers the command menus and starts polling or
 * sets the webhook; nothing talks to Telegram before it.
 *
 * @example
 * const telegram = createTelegramAdapter({ ...botDeps, webhookUrl: config.TELEGRAM_WEBHOOK_URL })
 * buildServer({ ..., register: telegram.webhookRoute ? [telegram.webhookRoute] : [] })
 * await telegram.start()
 */
import { type RunnerHandle, run } from '@grammyjs/runner'
import type { Bot } from 'grammy'
import type { HttpRouteHook } from '../../src/http/server.ts'
import type { ChannelSender, StaffSender } from '../../src/services/notifications/types.ts'
import { registerCommandMenus } from './admin.ts'
import { createTelegramBot, type TelegramBotDeps } from './bot.ts'
import { createTelegramSender, createTelegramStaffSender } from './sender.ts'
import { allowedUpdates, setTelegramWebhook, telegramWebhookRoute, webhookPath, webhookSecret } from './webhook.ts'

export interface TelegramAdapterOptions extends TelegramBotDeps {
  /** ADMIN_TELEGRAM_CHAT_ID: where staff news (hand-offs, low stock) is posted. */
  adminChatId?: string
  /** TELEGRAM_WEBHOOK_URL: webhook mode instead of long polling. */
  webhookUrl?: string
  /** TELEGRAM_WEBHOOK_SECRET (default: derived from the token). */
  webhookSecret?: string
}

export interface TelegramAdapter {
  bot: Bot
  /** Delivers proactive customer messages (register with the outbox). */
  sender: ChannelSender
  /** Posts staff news to the admin chat; null when ADMIN_TELEGRAM_CHAT_ID is not set. */
  staffSender: StaffSender | null
  /** The webhook route to register on the HTTP server; null in polling mode. */
  webhookRoute: HttpRouteHook | null
  mode: 'polling' | 'webhook'
  start(): Promise<void>
  /** Stops polling and waits for the updates in progress. */
  stop(): Promise<void>
}

export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const bot = createTelegramBot(options)
  const secret = options.webhookUrl ? webhookSecret(options.token, options.webhookSecret) : null
  let runner: RunnerHandle | null = null

  return {
    bot,
    sender: createTelegramSender({ api: bot.api }),
    staffSender: options.adminChatId ? createTelegramStaffSender({ api: bot.api, chatId: options.adminChatId }) : null,
    webhookRoute:
      options.webhookUrl && secret
        ? telegramWebhookRoute({ bot, path: webhookPath(options.webhookUrl), secretToken: secret })
        : null,
    mode: options.webhookUrl ? 'webhook' : 'polling',

    async start() {
      await bot.init()
      await registerCommandMenus(bot.api, {
        adminIds: options.adminIds,
        adminChatId: options.adminChatId,
        log: options.log,
      })
      if (options.webhookUrl && secret) {
        await setTelegramWebhook(bot, options.webhookUrl, secret)
        options.log.info({ path: webhookPath(options.webhookUrl) }, 'telegram webhook set')
        return
      }
      // getUpdates is refused while a webhook is set (e.g. from an earlier deployment).
      await bot.api.deleteWebhook()
      // The runner would print failed fetches with console.error, the request URL (and the bot token) included:
      // it stays silent and the failures go to our log, which masks tokens.
      bot.api.config.use(async (prev, method, payload, signal) => {
        try {
          return await prev(method, payload, signal)
        } catch (error) {
          if (method === 'getUpdates' && !signal?.aborted) {
            options.log.warn({ err: error }, 'telegram getUpdates failed; the runner retries')
          }
          throw error
        }
      })
      runner = run(bot, { runner: { fetch: { allowed_updates: [...allowedUpdates] }, silent: true } })
      options.log.info({ bot: bot.botInfo.username }, 'telegram long polling started')
    },

    async stop() {
      if (runner?.isRunning()) await runner.stop()
      runner = null
    },
  }
}
