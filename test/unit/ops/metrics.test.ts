import { describe, expect, it } from 'vitest'
import { webhookResult } from '../../../src/http/metrics.ts'
import { createMetrics } from '../../../src/ops/metrics.ts'
import { parseMetrics, sample } from '../../helpers/metrics.ts'

describe('metrics', () => {
  it('a webhook answer maps to applied, duplicate, rejected or retry_later', () => {
    expect(webhookResult(200, '{"success":true,"result":"updated"}')).toBe('applied')
    expect(webhookResult(200, '{"success":true,"result":"duplicate"}')).toBe('duplicate')
    expect(webhookResult(200, '{"ok":true,"duplicate":true}')).toBe('duplicate')
    expect(webhookResult(401, '')).toBe('rejected')
    expect(webhookResult(404, '')).toBe('rejected')
    expect(webhookResult(429, '')).toBe('retry_later')
    expect(webhookResult(503, '{"result":"duplicate"}')).toBe('retry_later')
  })

  it('labels stay bounded: unknown-looking values are folded into "other"', async () => {
    const { registry, observer } = createMetrics({ defaultMetrics: false })
    observer.toolCall('track_order', 'ok', 0.01)
    observer.toolCall('ORD-2025-001 ?x=1 / a very long invented tool name with spaces', 'not found!', 0.01)
    observer.llmTokens('claude-sonnet-5-5', {
      input_tokens: 100,
      output_tokens: 20,
      cache_read_input_tokens: 900,
      cache_creation_input_tokens: 0,
    })
    const samples = parseMetrics(await registry.metrics())
    expect(sample(samples, 'layan_tool_calls_total', { tool: 'track_order', outcome: 'ok' })).toBe(1)
    expect(sample(samples, 'layan_tool_calls_total', { tool: 'other', outcome: 'other' })).toBe(1)
    expect(sample(samples, 'layan_llm_tokens_total', { model: 'claude-sonnet-5-5', kind: 'cache_read' })).toBe(900)
    expect(sample(samples, 'layan_llm_tokens_total', { model: 'claude-sonnet-5-5', kind: 'input' })).toBe(100)
    // A zero count adds no series.
    expect([...samples.keys()].some((k) => k.includes('cache_write'))).toBe(false)
  })
})
