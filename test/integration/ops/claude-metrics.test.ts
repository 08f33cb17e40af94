/**
 * Claude's requests, tokens and fallbacks are counted through the real core and database (MSW answers the Messages
 * API): a tool round and an answer count two `ok` requests and their tokens; a request refused as a set-up fault
 * counts a `setup` outcome and a fallback to the rule agent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createMetrics } from '../../../src/ops/metrics.ts'
import { claudeCore, say, testClaudeModel, useAnthropicServer, verifiedSender } from '../../helpers/claude.ts'
import { newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { parseMetrics, sample } from '../../helpers/metrics.ts'
import { errorResponse, textResponse, toolUseResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

describe.each(testDbKinds)('Claude metrics (%s)', (kind) => {
  let db: Database
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await db.close()
  })

  it('counts requests, tokens by kind, tool calls and a fallback with its reason', async () => {
    const metrics = createMetrics({ defaultMetrics: false })
    const built = claudeCore(db, silentLogger(), {}, { observer: metrics.observer })
    const adi = await verifiedSender(built, newUser('adi'))
    anthropic.script(
      toolUseResponse([{ id: 'toolu_1', name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }], {
        usage: { input_tokens: 1000, output_tokens: 50, cache_creation_input_tokens: 800, cache_read_input_tokens: 0 },
      }),
      textResponse('Pesanan sedang dikirim.', {
        usage: { input_tokens: 1200, output_tokens: 80, cache_creation_input_tokens: 0, cache_read_input_tokens: 800 },
      }),
    )
    await say(built, adi, 'Pesanan ORD-2025-001 sudah sampai mana kak?')
    let samples = parseMetrics(await metrics.registry.metrics())
    const model = testClaudeModel
    expect(sample(samples, 'layan_llm_requests_total', { model, outcome: 'ok' })).toBe(2)
    expect(sample(samples, 'layan_llm_tokens_total', { model, kind: 'input' })).toBe(2200)
    expect(sample(samples, 'layan_llm_tokens_total', { model, kind: 'output' })).toBe(130)
    expect(sample(samples, 'layan_llm_tokens_total', { model, kind: 'cache_write' })).toBe(800)
    expect(sample(samples, 'layan_llm_tokens_total', { model, kind: 'cache_read' })).toBe(800)
    expect(sample(samples, 'layan_tool_calls_total', { tool: 'track_order', outcome: 'ok' })).toBe(1)

    anthropic.script(errorResponse(401, { errorType: 'authentication_error', message: 'invalid x-api-key' }))
    const trace = await say(built, adi, 'cek pesanan ORD-2025-001')
    expect(trace.replies[0]?.limitedMode).toBe(true)
    samples = parseMetrics(await metrics.registry.metrics())
    expect(sample(samples, 'layan_llm_requests_total', { model, outcome: 'setup' })).toBe(1)
    expect(sample(samples, 'layan_agent_fallbacks_total', { reason: 'setup_fault' })).toBe(1)
  })
})
