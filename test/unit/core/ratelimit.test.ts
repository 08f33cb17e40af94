import { describe, expect, it } from 'vitest'
import { rateVerdict } from '../../../src/core/ratelimit.ts'

describe('rateVerdict', () => {
  const now = Date.parse('2030-01-01T00:01:00Z')

  it('allows while the window holds fewer messages than the limit', () => {
    expect(rateVerdict(0, null, 20, 60_000, now)).toEqual({ allowed: true, retryAfterSeconds: 0 })
    expect(rateVerdict(19, now - 59_000, 20, 60_000, now)).toEqual({ allowed: true, retryAfterSeconds: 0 })
  })

  it('refuses a full window until its oldest message leaves it, rounding up to whole seconds', () => {
    expect(rateVerdict(20, now - 20_000, 20, 60_000, now)).toEqual({ allowed: false, retryAfterSeconds: 40 })
    expect(rateVerdict(3, now - 20_500, 3, 60_000, now)).toEqual({ allowed: false, retryAfterSeconds: 40 })
  })

  it('never asks to wait less than a second', () => {
    expect(rateVerdict(5, now - 59_999, 5, 60_000, now)).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(rateVerdict(5, null, 5, 60_000, now)).toEqual({ allowed: false, retryAfterSeconds: 60 })
  })
})
