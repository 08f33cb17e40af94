/**
 * "typing…" while the core works on an answer, for every channel that has such an indicator: the channel's own
 * action is sent after `delayMs` (0: at once) and renewed every `everyMs` until `stop()`. A failed action is
 * only logged: it must never cost the customer their answer.
 *
 * @example
 * const typing = keepTyping(() => api.sendChatAction(chatId, 'typing'), { everyMs: 4000, delayMs: 300, log })
 * try { trace = await core.handleWithTrace(message) } finally { await typing.stop() }
 */
import type { Logger } from '../src/logger.ts'

export interface Typing {
  /** Stops renewing; an action already on its way lands before the answer is sent. */
  stop(): Promise<void>
}

export function keepTyping(
  send: () => Promise<unknown>,
  options: { everyMs: number; delayMs?: number; log: Logger },
): Typing {
  let last: Promise<void> | undefined
  let repeat: ReturnType<typeof setInterval> | undefined
  const once = () => {
    last = send().then(
      () => undefined,
      (error: unknown) => options.log.debug({ err: error }, 'typing indicator failed'),
    )
  }
  const begin = () => {
    once()
    repeat = setInterval(once, options.everyMs)
    repeat.unref?.()
  }
  const delayMs = options.delayMs ?? 0
  const delay = delayMs > 0 ? setTimeout(begin, delayMs) : undefined
  if (delay) delay.unref?.()
  else begin()
  return {
    async stop() {
      clearTimeout(delay)
      clearInterval(repeat)
      await last
    },
  }
}
