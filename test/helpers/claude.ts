/**
 * The Claude path in tests: the real core, tools and database with the Anthropic API answered by MSW
 * (test/msw/anthropic.ts), verified senders, and a driver that moves fake timers only while the agent is
 * blocked on one (a request hanging at the fake API, or a retry's wait), so simulated times are exact.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import type { SetupFault } from '../../src/agent/claude-setup.ts'
import { type App, type AppConfig, type AppOptions, createApp } from '../../src/app.ts'
import type { Database } from '../../src/db/client.ts'
import type { Logger } from '../../src/logger.ts'
import {
  type AnthropicFake,
  type AnthropicFakeOptions,
  createAnthropicFake,
  drainMockedResponses,
} from '../msw/anthropic.ts'
import { inbound } from './core.ts'

export const testClaudeModel = 'claude-test-model'

/** Settings for a Claude core: a key, a model, and the defaults of everything else. */
export const claudeTestConfig = {
  ANTHROPIC_API_KEY: 'sk-ant-test-key',
  ANTHROPIC_MODEL: testClaudeModel,
} satisfies AppConfig

/** The fake API behind MSW for one test file; call `listen()` in beforeAll and `close()` in afterAll. */
/**
 * The stand-in Messages API for one test file: listening for the file, reset (and real timers back) after each
 * test. Returns the fake to script answers and read the requests it got.
 */
export function useAnthropicServer(options: AnthropicFakeOptions = {}) {
  const anthropic = createAnthropicFake(options)
  const server = setupServer(...anthropic.handlers)
  drainMockedResponses(server)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    vi.useRealTimers()
    anthropic.reset()
  })
  afterAll(() => server.close())
  return anthropic
}

export interface ClaudeCore extends App {
  /** Set-up faults the agent reported, in order. */
  faults: SetupFault[]
}

/** A core over `db` whose agent is Claude, with `config` over the test defaults. */
export function claudeCore(
  db: Database,
  log: Logger,
  config: AppConfig = {},
  options: Partial<AppOptions> = {},
): ClaudeCore {
  const faults: SetupFault[] = []
  const built = createApp({
    db,
    log,
    config: { ...claudeTestConfig, ...config },
    agent: 'claude',
    onClaudeSetupFault: (fault) => {
      faults.push(fault)
    },
    ...options,
  })
  return { ...built, faults }
}

/** A web sender linked to the customer with `phone` (as a verified customer would be). */
export async function verifiedSender(built: App, user: string, phone = '+6281234567890'): Promise<string> {
  const identity = await built.services.crm.resolveIdentity('web', user)
  const customer = await built.services.crm.linkByPhone(identity.id, phone, 'test')
  if (!customer) throw new Error(`no customer with ${phone}`)
  return user
}

/** Sends `text` from `user` through the core and returns the replies and tool calls. */
export function say(built: App, user: string, text: string) {
  return built.core.handleWithTrace(inbound(user, text))
}

/** Log lines whose `msg` is `msg`. */
export function logged(lines: Record<string, unknown>[], msg: string) {
  return lines.filter((line) => line.msg === msg)
}

/**
 * Awaits `work` under fake timers (call `vi.useFakeTimers` first), moving time to the next timer only while the
 * agent can only be waiting for one: a request hangs at the fake API, or the agent logged a retry whose request
 * has not arrived yet. Real I/O (the database) runs in real time in between.
 */
export async function driveTimers<T>(work: Promise<T>, anthropic: AnthropicFake, lines: Record<string, unknown>[]) {
  let settled = false
  const result = work.finally(() => {
    settled = true
  })
  let retriesSeen = logged(lines, 'claude request retried').length
  // Requests sent when the newest retry was announced: its wait is over once one more arrives.
  let requestsAtRetry = -1
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve))
    if (settled) break
    const retries = logged(lines, 'claude request retried').length
    if (retries > retriesSeen) {
      retriesSeen = retries
      requestsAtRetry = anthropic.requests.length
    }
    const waitingForRetry = anthropic.requests.length === requestsAtRetry
    if (anthropic.hanging() > 0 || waitingForRetry) await vi.advanceTimersToNextTimerAsync()
  }
  return result
}
