/**
 * Handles the stored inbox (src/services/inbox.ts) for one channel: rows the webhook just stored are handed over
 * directly (`dispatch`), and a poll picks up whatever is due: retries, and rows an earlier process stored but
 * never finished (it answered 200 and stopped). One sender's messages are answered one after another, in the
 * order they were sent; different senders in parallel, up to `concurrency` at a time.
 *
 * Rows stay leased while they wait in a sender's queue and while they are answered: the lease is short (30 s, so
 * a message of a process that died is taken up again soon after a restart) and renewed every third of it.
 * A failed row is tried again after 10 s, 30 s, 90 s, … and marked FAILED after `maxAttempts`.
 *
 * @example
 * const worker = createInboxWorker({ channel: 'whatsapp', inbox, handle, log })
 * worker.start()              // first poll at once: leftovers of a previous run
 * worker.dispatch(freshRows)  // from the webhook
 */
import type { Channel } from '../../src/core/types.ts'
import type { Logger } from '../../src/logger.ts'
import type { InboxRow, InboxService } from '../../src/services/inbox.ts'

export interface InboxWorkerOptions {
  channel: Channel
  inbox: Pick<InboxService, 'claimDue' | 'renew' | 'done' | 'failed'>
  /** Handles one row; throwing means "try again later". */
  handle: (row: InboxRow) => Promise<void>
  log: Logger
  /** How long a row stays ours without renewal (default 30 s; renewed every third of it while held). */
  leaseMs?: number
  /** Between polls (default 5 s). */
  pollIntervalMs?: number
  /** Rows handled at once (default 16). */
  concurrency?: number
  /** Tries before a row is FAILED (default 5). */
  maxAttempts?: number
  backoffMs?: (attempts: number) => number
}

export interface InboxWorker {
  /** Handles freshly stored rows (already leased to this process). */
  dispatch(rows: readonly InboxRow[]): void
  /** Claims due rows and hands them out; resolves with how many were claimed. */
  poll(): Promise<number>
  /** Resolves when every row handed out so far is settled (tests, shutdown). */
  idle(): Promise<void>
  start(): void
  stop(): Promise<void>
  readonly leaseMs: number
}

const defaultBackoff = (attempts: number) => Math.min(15 * 60_000, 10_000 * 3 ** Math.max(0, attempts - 1))

export function createInboxWorker(options: InboxWorkerOptions): InboxWorker {
  const { inbox, log } = options
  const leaseMs = options.leaseMs ?? 30_000
  const pollIntervalMs = options.pollIntervalMs ?? 5000
  const concurrency = options.concurrency ?? 16
  const maxAttempts = options.maxAttempts ?? 5
  const backoffMs = options.backoffMs ?? defaultBackoff

  /** The tail of each sender's queue. */
  const chains = new Map<string, Promise<void>>()
  /** Rows handed out and not yet settled: their leases are renewed. */
  const held = new Set<string>()
  let heartbeat: NodeJS.Timeout | null = null
  const inFlight = new Set<Promise<void>>()
  let running = 0
  const waiting: (() => void)[] = []
  let timer: NodeJS.Timeout | null = null
  let stopped = true
  let polling: Promise<number> | null = null

  async function slot(): Promise<() => void> {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
    return () => {
      running--
      waiting.shift()?.()
    }
  }

  function renewHeld(): void {
    if (held.size === 0) return
    inbox.renew([...held], leaseMs).catch((error: unknown) => log.warn({ err: error }, 'inbox leases not renewed'))
  }

  async function settle(row: InboxRow): Promise<void> {
    const release = await slot()
    try {
      await options.handle(row)
      held.delete(row.id)
      await inbox.done(row.id)
    } catch (error) {
      held.delete(row.id)
      const attempts = row.attempts + 1
      const final = attempts >= maxAttempts
      log.warn({ inboxId: row.id, attempts, final, err: error }, 'inbound message not handled')
      await inbox
        .failed(row.id, attempts, error, final ? null : backoffMs(attempts))
        .catch((saveError: unknown) => log.error({ err: saveError, inboxId: row.id }, 'inbox row not updated'))
    } finally {
      release()
    }
  }

  function dispatch(rows: readonly InboxRow[]): void {
    if (rows.length > 0 && !heartbeat) {
      heartbeat = setInterval(renewHeld, Math.max(1000, Math.floor(leaseMs / 3)))
      heartbeat.unref?.()
    }
    for (const row of rows) {
      held.add(row.id)
      const previous = chains.get(row.senderId) ?? Promise.resolve()
      const next = previous.then(() => settle(row))
      chains.set(row.senderId, next)
      inFlight.add(next)
      void next.finally(() => {
        inFlight.delete(next)
        if (chains.get(row.senderId) === next) chains.delete(row.senderId)
        if (inFlight.size === 0 && heartbeat) {
          clearInterval(heartbeat)
          heartbeat = null
        }
      })
    }
  }

  function poll(): Promise<number> {
    polling ??= (async () => {
      try {
        // Senders being answered here wait for their current message; their next one is taken after it.
        const rows = await inbox.claimDue(options.channel, concurrency * 2, leaseMs, [...chains.keys()])
        dispatch(rows)
        return rows.length
      } finally {
        polling = null
      }
    })()
    return polling
  }

  function schedule(delayMs: number): void {
    if (stopped) return
    timer = setTimeout(() => {
      timer = null
      poll()
        .catch((error: unknown) => log.error({ err: error }, 'inbox poll failed'))
        .finally(() => schedule(pollIntervalMs))
    }, delayMs)
    timer.unref?.()
  }

  return {
    leaseMs,
    dispatch,
    poll,
    async idle() {
      while (inFlight.size > 0 || polling) await Promise.allSettled([...inFlight, polling])
    },
    start() {
      if (!stopped) return
      stopped = false
      schedule(0)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = null
      while (inFlight.size > 0 || polling) await Promise.allSettled([...inFlight, polling])
    },
  }
}
