import { describe, expect, it } from 'vitest'
import { billedInputTokens, costMicroUsd, formatUsd } from '../../../src/agent/cost.ts'

const usage = { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 10_000, cacheWriteTokens: 4000 }

describe('Claude cost', () => {
  it('weighs cache reads 0.1 and writes 1.25 (5 minutes) or 2 (1 hour)', () => {
    expect(billedInputTokens(usage)).toBe(1000 + 1000 + 5000)
    expect(billedInputTokens(usage, '1h')).toBe(1000 + 1000 + 8000)
  })

  it('prices tokens in micro-dollars from the prices per million tokens', () => {
    expect(costMicroUsd(usage, { inputPerMTok: 3, outputPerMTok: 15, cacheTtl: '5m' })).toBe(7000 * 3 + 200 * 15)
    expect(costMicroUsd(usage, { inputPerMTok: 0.8, outputPerMTok: 4, cacheTtl: '1h' })).toBe(10_000 * 0.8 + 800)
    expect(formatUsd(24_000)).toBe('$0.0240')
    expect(formatUsd(2_500_000)).toBe('$2.50')
  })
})
