/**
 * Bounded waits, through the real core and database with fake timers and the API's real `retry-after` values:
 * an overloaded API (529), a rate limit with `retry-after: 30`, a short `retry-after`, a hanging API, and the
 * circuit breaker that then answers without waiting and probes again after its cool-down. Times are simulated:
 * the driver moves the clock only while the agent waits for a timer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppConfig } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { messages } from '../../../src/i18n/messages.ts'
import {
  type ClaudeCore,
  claudeCore,
  driveTimers,
  logged,
  say,
  useAnthropicServer,
  verifiedSender,
} from '../../helpers/claude.ts'
import { capturingLogger, newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { errorResponse, hangResponse, overloadedResponse, textResponse, toolUseResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

const limited = messages.id['claude.limitedMode']

describe.each(testDbKinds)('Claude waits are bounded (%s)', (kind) => {
  let db: Database
  let lines: Record<string, unknown>[]
  let built: ClaudeCore
  let adi: string

  async function setUp(config: AppConfig = {}) {
    const capture = capturingLogger()
    lines = capture.lines
    built = claudeCore(db, capture.log, config)
    adi = await verifiedSender(built, newUser('adi'))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  }

  /** Sends `text` and returns the replies and how long the answer took in simulated time (ms). */
  async function timed(text: string) {
    const started = Date.now()
    const trace = await driveTimers(say(built, adi, text), anthropic, lines)
    return { trace, ms: Date.now() - started }
  }

  beforeEach(async () => {
    db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    vi.useRealTimers()
    await db.close()
  })

  it('529 throughout: the rule agent answers after two short backoffs; then the open breaker answers at once', async () => {
    await setUp()
    anthropic.always(overloadedResponse())

    const first = await timed('halo kak')

    expect(anthropic.requests).toHaveLength(3)
    expect(first.trace.replies[0]?.text.startsWith(limited)).toBe(true)
    // Backoffs of about 0.5 s and 1 s (±25 %), nothing else.
    expect(first.ms).toBeGreaterThanOrEqual(1100)
    expect(first.ms).toBeLessThanOrEqual(1900)
    expect(logged(lines, 'claude circuit breaker open: the rule agent answers until a probe succeeds')).toHaveLength(1)

    const second = await timed('halo lagi kak')

    expect(anthropic.requests).toHaveLength(3)
    expect(second.ms).toBe(0)
    expect(second.trace.replies[0]?.text.startsWith(limited)).toBe(true)
    expect(built.claude?.status().breaker.state).toBe('open')
  })

  it('after the cool-down one request probes; its success closes the breaker and Claude answers again', async () => {
    await setUp({ ANTHROPIC_BREAKER_COOLDOWN_MS: 30_000 })
    anthropic.always(overloadedResponse())
    await timed('halo kak')
    anthropic.always(null)

    vi.advanceTimersByTime(29_000)
    await timed('masih sibuk?')
    expect(anthropic.requests).toHaveLength(3)

    vi.advanceTimersByTime(1_000)
    anthropic.script(textResponse('Halo kak, sudah normal lagi.'))
    const probe = await timed('halo?')

    expect(anthropic.requests).toHaveLength(4)
    expect(probe.trace.replies).toEqual([{ text: 'Halo kak, sudah normal lagi.' }])
    expect(built.claude?.status().breaker.state).toBe('closed')
  })

  it('429 with retry-after: 30 is not waited for: the rule agent answers at once', async () => {
    await setUp()
    anthropic.script(errorResponse(429, { headers: { 'retry-after': '30' } }))

    const { trace, ms } = await timed('ORD-2025-001 sampai mana?')

    expect(anthropic.requests).toHaveLength(1)
    expect(ms).toBe(0)
    expect(trace.replies[0]?.text.startsWith(limited)).toBe(true)
    expect(trace.replies[0]?.text).toContain('JNE123456789')
  })

  it('429 with retry-after: 2 is honoured, and Claude answers', async () => {
    await setUp()
    anthropic.script(errorResponse(429, { headers: { 'retry-after': '2' } }), textResponse('Halo kak!'))

    const { trace, ms } = await timed('halo')

    expect(anthropic.requests).toHaveLength(2)
    expect(ms).toBe(2000)
    expect(trace.replies).toEqual([{ text: 'Halo kak!' }])
  })

  it('a hanging API: each attempt times out, and the rule agent answers at the 15 s deadline', async () => {
    await setUp()
    anthropic.always(hangResponse())

    const { trace, ms } = await timed('ORD-2025-001 sampai mana?')

    // 10 s for the first attempt, the rest of the deadline (less the backoff) for the second.
    expect(anthropic.requests).toHaveLength(2)
    expect(ms).toBeLessThanOrEqual(15_000)
    expect(ms).toBeGreaterThanOrEqual(14_000)
    expect(trace.replies[0]?.text.startsWith(limited)).toBe(true)
    expect(trace.replies[0]?.text).toContain('JNE123456789')
  })

  it('the deadline covers the whole message, tool rounds included, and is set by ANTHROPIC_DEADLINE_MS', async () => {
    await setUp({ ANTHROPIC_DEADLINE_MS: 4000, ANTHROPIC_ATTEMPT_TIMEOUT_MS: 3000 })
    anthropic.script(toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }]))
    anthropic.always(hangResponse())

    const { trace, ms } = await timed('ORD-2025-001 sampai mana?')

    expect(ms).toBeLessThanOrEqual(4000)
    expect(trace.replies[0]?.text.startsWith(limited)).toBe(true)
  })

  it('caps honoured retry-after with ANTHROPIC_RETRY_AFTER_CAP_MS and stops retrying at ANTHROPIC_MAX_RETRIES', async () => {
    await setUp({ ANTHROPIC_RETRY_AFTER_CAP_MS: 10_000, ANTHROPIC_MAX_RETRIES: 1, ANTHROPIC_BREAKER_FAILURES: 5 })
    anthropic.always(errorResponse(429, { headers: { 'retry-after': '8' } }))

    const { ms } = await timed('halo')

    expect(anthropic.requests).toHaveLength(2)
    expect(ms).toBe(8000)
  })
})
