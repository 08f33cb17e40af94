/**
 * The stop sequence on SIGTERM or SIGINT, bounded by SHUTDOWN_GRACE_MS (default 8 s, inside Docker's 10 s stop
 * timeout):
 *
 * 1. the ready flag flips at once, so `/readyz` answers 503 and a load balancer stops sending traffic;
 * 2. the pollers (Telegram long polling, the outbox, scheduled work) stop claiming work; what they hold finishes;
 * 3. after a short notice (a tenth of the grace, at most a second) the HTTP server stops taking connections;
 *    requests and messages in flight finish;
 * 4. the database closes and the process exits 0.
 *
 * When the grace runs out first, what is left is logged and the process exits 1 (a notification in hand is then
 * picked up by another instance once its lease runs out; a message not acknowledged is redelivered).
 */
import type { FastifyInstance } from 'fastify'
import type { Logger } from '../logger.ts'

export interface ShutdownSteps {
  log: Logger
  graceMs: number
  /** Step 1: `/readyz` answers 503 from now on. */
  notReady(): void
  /** Step 2: stop claiming work (pollers, outbox, timers); resolves when the work in hand is done. */
  stopClaiming: (() => Promise<void>)[]
  /** Step 3: stop listening and wait for the requests in flight. */
  closeHttp(): Promise<void>
  /** Step 3: resolves when no message is being answered. */
  drainMessages(): Promise<void>
  /** Step 4. */
  closeDatabase(): Promise<void>
  exit(code: number): void
  /** How long the server keeps listening after the flag flipped (default min(1000, grace / 10)). */
  noticeMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A flag the health route reads; flipped once by the shutdown. */
export function createReadiness() {
  let accepting = true
  return {
    accepting: () => accepting,
    stop() {
      accepting = false
    },
  }
}

/** Returns the handler to register for the stop signals; a second signal while stopping is ignored. */
export function createShutdown(steps: ShutdownSteps): (signal: string) => Promise<void> {
  let stopping = false
  return async (signal) => {
    if (stopping) return
    stopping = true
    const started = Date.now()
    steps.notReady()
    steps.log.info({ signal, graceMs: steps.graceMs }, 'shutting down: not ready any more, finishing work in flight')
    const timer = setTimeout(() => {
      steps.log.error(
        { graceMs: steps.graceMs },
        'shutdown grace ran out with work still in flight; exiting (unacknowledged work is delivered again)',
      )
      steps.exit(1)
    }, steps.graceMs)
    timer.unref()
    try {
      const claiming = Promise.all(steps.stopClaiming.map((stop) => stop()))
      await sleep(steps.noticeMs ?? Math.min(1000, steps.graceMs / 10))
      await Promise.all([steps.closeHttp(), steps.drainMessages(), claiming])
      await steps.closeDatabase()
      clearTimeout(timer)
      steps.log.info({ ms: Date.now() - started }, 'stopped')
      steps.exit(0)
    } catch (error) {
      clearTimeout(timer)
      steps.log.error({ err: error }, 'shutdown failed')
      steps.exit(1)
    }
  }
}

/**
 * Stops the HTTP server and waits for the requests in flight. A keep-alive connection whose request finishes after
 * the close began would otherwise stay open for Fastify's keep-alive timeout (72 s): idle connections are closed
 * as they turn idle.
 */
export async function closeHttpServer(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections?.(), 50)
  try {
    await app.close()
  } finally {
    clearInterval(sweep)
  }
}
