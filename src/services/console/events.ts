/**
 * Live news for the console's server-sent events: console actions publish at once; everything else (customers
 * writing on any channel, hand-offs opened by the bot, other instances) is noticed by one shared poll of the
 * newest message and hand-off change, which runs only while someone listens.
 */
import { EventEmitter } from 'node:events'
import type { Db } from '../../db/client.ts'

export interface ConsoleEvent {
  type: 'conversation'
  conversationId?: string
}

export interface ConsoleEventDeps {
  prisma: Db
  /** How often the shared poll looks for changes (default 2000 ms). */
  pollMs?: number
}

export function createConsoleEvents(deps: ConsoleEventDeps) {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  let timer: NodeJS.Timeout | null = null
  let mark = ''

  async function poll(): Promise<void> {
    // The core stamps a conversation's updatedAt with every customer message and answer (an indexed column).
    const [conversation, handoff] = await Promise.all([
      deps.prisma.conversation.findFirst({ orderBy: { updatedAt: 'desc' }, select: { id: true, updatedAt: true } }),
      deps.prisma.handoff.aggregate({ _max: { openedAt: true, closedAt: true, claimedAt: true }, _count: true }),
    ])
    const next = JSON.stringify([conversation?.id, conversation?.updatedAt, handoff._max, handoff._count])
    if (mark && next !== mark) emitter.emit('event', { type: 'conversation', conversationId: conversation?.id })
    mark = next
  }

  function ensurePolling(): void {
    if (timer || emitter.listenerCount('event') === 0) return
    timer = setInterval(() => {
      poll().catch(() => undefined)
    }, deps.pollMs ?? 2000)
    timer.unref()
    poll().catch(() => undefined)
  }

  return {
    publish(event: ConsoleEvent): void {
      emitter.emit('event', event)
    },
    /** Calls `listener` for every event until the returned function is called. */
    subscribe(listener: (event: ConsoleEvent) => void): () => void {
      emitter.on('event', listener)
      ensurePolling()
      return () => {
        emitter.off('event', listener)
        if (emitter.listenerCount('event') === 0 && timer) {
          clearInterval(timer)
          timer = null
          mark = ''
        }
      }
    },
  }
}

export type ConsoleEvents = ReturnType<typeof createConsoleEvents>
