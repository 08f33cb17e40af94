/**
 * Webhook mode (TELEGRAM_WEBHOOK_URL set): a Fastify route through grammY's `webhookCallback`, which answers 401
 * to a request without the right `X-Telegram-Bot-Api-Secret-Token`, and `setWebhook` with that secret on start.
 * The route is left out of the per-IP rate limit (all updates come from Telegram's few addresses), but failed
 * secret checks are: an address with 10 wrong or missing secrets in a minute gets 429 for the rest of it, before
 * its secret is looked at. Repeats are dropped by update id in the bot.
 */
import { createHash } from 'node:crypto'
import { type Bot, webhookCallback } from 'grammy'
import { secretMatcher } from '../../src/http/auth.ts'
import { HttpError, unauthorized } from '../../src/http/errors.ts'
import { createFailureLimiter } from '../../src/http/failure-limit.ts'
import type { HttpRouteHook } from '../../src/http/server.ts'

/** The update types the bot handles; others are not even delivered. */
export const allowedUpdates = ['message', 'edited_message', 'callback_query'] as const

const secretPattern = /^[A-Za-z0-9_-]{1,256}$/

/** The route path taken from the public webhook URL ("https://shop.id/tg/hook" → "/tg/hook"). */
export function webhookPath(webhookUrl: string): string {
  const path = new URL(webhookUrl).pathname.replace(/\/+$/, '')
  return path || '/webhooks/telegram'
}

/**
 * The secret token: TELEGRAM_WEBHOOK_SECRET when set (1–256 of A-Z a-z 0-9 _ -), else derived from the bot token,
 * so every instance of one bot agrees on it without more configuration.
 * @throws Error for a configured secret Telegram would refuse
 */
export function webhookSecret(botToken: string, configured?: string): string {
  if (configured !== undefined) {
    if (!secretPattern.test(configured)) {
      throw new Error('TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
    }
    return configured
  }
  return createHash('sha256').update(`layan-telegram-webhook:${botToken}`).digest('hex')
}

export interface WebhookRouteOptions {
  bot: Bot
  path: string
  secretToken: string
  /** Answer Telegram after this long even if the update is still being handled (default 25 s). */
  timeoutMs?: number
  /** Failed secret checks one address may make per minute before it gets 429 (default 10). */
  maxFailuresPerMinute?: number
}

const secretHeader = 'x-telegram-bot-api-secret-token'

/** The route hook for `buildServer({ register: [...] })`. */
export function telegramWebhookRoute(options: WebhookRouteOptions): HttpRouteHook {
  const handle = webhookCallback(options.bot, 'fastify', {
    secretToken: options.secretToken,
    onTimeout: 'return',
    timeoutMilliseconds: options.timeoutMs ?? 25_000,
  })
  const matches = secretMatcher(options.secretToken)
  const failures = createFailureLimiter({ max: options.maxFailuresPerMinute ?? 10, windowMs: 60_000 })
  return (app) => {
    app.post(
      options.path,
      {
        config: { rateLimit: false },
        // Before the body is read: a stranger's request costs no parsing, and guessing the secret is slow.
        preParsing: async (request, _reply, payload) => {
          if (failures.blocked(request.ip)) {
            throw new HttpError(429, 'rate_limited', 'Too many failed secret checks, retry in a minute')
          }
          const given = request.headers[secretHeader]
          if (!matches(typeof given === 'string' ? given : undefined)) {
            failures.fail(request.ip)
            request.log.warn({ ip: request.ip }, 'telegram webhook call with a wrong secret refused')
            throw unauthorized()
          }
          return payload
        },
      },
      handle,
    )
  }
}

/** Points Telegram at the webhook with its secret. */
export async function setTelegramWebhook(bot: Bot, url: string, secretToken: string): Promise<void> {
  await bot.api.setWebhook(url, { secret_token: secretToken, allowed_updates: [...allowedUpdates] })
}
