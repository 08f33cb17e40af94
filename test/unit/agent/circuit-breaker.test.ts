import { describe, expect, it } from 'vitest'
import { createCircuitBreaker } from '../../../src/agent/circuit-breaker.ts'

function breaker() {
  let now = 0
  const changes: string[] = []
  const b = createCircuitBreaker({ failures: 3, cooldownMs: 30_000, now: () => now, onChange: (s) => changes.push(s) })
  return { b, changes, tick: (ms: number) => (now += ms) }
}

describe('circuit breaker', () => {
  it('opens after the given failures in a row; a success in between starts the count again', () => {
    const { b, changes } = breaker()
    b.failure()
    b.failure()
    b.success()
    b.failure()
    b.failure()
    expect(b.allow()).toBe(true)
    b.failure()
    expect(b.state()).toBe('open')
    expect(b.allow()).toBe(false)
    expect(changes).toEqual(['open'])
  })

  it('lets exactly one probe through after the cool-down; its failure opens it again, its success closes it', () => {
    const { b, tick, changes } = breaker()
    for (let i = 0; i < 3; i++) b.failure()
    tick(29_999)
    expect(b.allow()).toBe(false)
    tick(1)
    expect(b.state()).toBe('half_open')
    expect(b.allow()).toBe(true)
    expect(b.allow()).toBe(false)
    b.failure()
    expect(b.allow()).toBe(false)
    tick(30_000)
    expect(b.allow()).toBe(true)
    b.success()
    expect(b.state()).toBe('closed')
    expect(b.allow()).toBe(true)
    expect(changes).toEqual(['open', 'open', 'closed'])
  })
})
