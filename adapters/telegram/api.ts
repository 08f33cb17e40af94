/**
 * The Bot API client's transformers: @grammyjs/transformer-throttler keeps messages under Telegram's limits and
 * @grammyjs/auto-retry waits out a 429's `retry_after` (installed last, so each retry is throttled again).
 *
 * The typing action and callback answers skip the throttler: they are not messages, and queueing the typing
 * action would delay the answer it announces. Network errors are not retried here: the conversation reply fails
 * fast into the error boundary and the outbox retries proactive messages with its own backoff.
 */
import { type AutoRetryOptions, autoRetry } from '@grammyjs/auto-retry'
import { apiThrottler } from '@grammyjs/transformer-throttler'
import type { Api, Transformer } from 'grammy'

export interface ApiTransformerOptions {
  /** Default true; tests and benchmarks answer the API locally and turn it off. */
  throttle?: boolean
  autoRetry?: Partial<AutoRetryOptions>
}

const unthrottled = new Set<string>(['sendChatAction', 'answerCallbackQuery', 'getMe', 'setWebhook', 'deleteWebhook'])

export function installApiTransformers(api: Api, options: ApiTransformerOptions = {}): void {
  if (options.throttle ?? true) {
    const throttler = apiThrottler({
      // Short bursts per private chat are fine (a long answer in parts); about 30 messages/s overall.
      out: { maxConcurrent: 1, minTime: 300 },
    })
    const selective: Transformer = (prev, method, payload, signal) =>
      unthrottled.has(method) ? prev(method, payload, signal) : throttler(prev, method, payload, signal)
    api.config.use(selective)
  }
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true, ...options.autoRetry }))
}
