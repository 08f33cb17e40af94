import { describe, expect, it } from 'vitest'
import { createPromptCacheSimulator } from '../../msw/prompt-cache-sim.ts'

const big = 'x'.repeat(8000) // 2000 tokens
const mark = { type: 'ephemeral' }

function request(turns: string[], options: { history?: boolean; ttl?: string } = {}) {
  const cache_control = options.ttl ? { ...mark, ttl: options.ttl } : mark
  return {
    system: [{ type: 'text', text: big, cache_control }],
    messages: turns.map((text, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: [
        { type: 'text', text, ...(i === turns.length - 1 && options.history !== false ? { cache_control } : {}) },
      ],
    })),
  }
}

describe('the prompt-cache stand-in', () => {
  it('writes at the breakpoints, then reads the longest cached prefix, also a few blocks back', () => {
    let now = 0
    const sim = createPromptCacheSimulator({ now: () => now })
    const first = sim.usage(request(['halo']))
    expect(first.cache_read_input_tokens).toBe(0)
    expect(first.cache_creation_input_tokens).toBeGreaterThan(2000)
    expect(first.input_tokens).toBe(0)

    const second = sim.usage(request(['halo', 'halo kak', 'cek pesanan']))
    expect(second.cache_read_input_tokens).toBe(first.cache_creation_input_tokens)
    expect(second.cache_creation_input_tokens).toBeLessThan(50)

    now += 6 * 60_000
    expect(sim.usage(request(['halo'])).cache_read_input_tokens).toBe(0)
  })

  it('keeps 1-hour entries an hour, caches nothing below the minimum and nothing without breakpoints', () => {
    let now = 0
    const sim = createPromptCacheSimulator({ now: () => now })
    sim.usage(request(['a'], { ttl: '1h' }))
    now += 50 * 60_000
    expect(sim.usage(request(['a'], { ttl: '1h' })).cache_read_input_tokens).toBeGreaterThan(2000)

    const small = createPromptCacheSimulator({ minCacheableTokens: 4096 })
    expect(small.usage(request(['a']))).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 })
    const plain = { messages: [{ role: 'user', content: big }] }
    const usage = createPromptCacheSimulator().usage(plain)
    expect(usage).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: 0 })
    expect(usage.input_tokens).toBeGreaterThan(2000)
  })
})
