import { describe, expect, it } from 'vitest'
import { trackInFlight } from '../../src/shutdown.ts'

describe('trackInFlight', () => {
  it('drain waits for every message in flight, and resolves at once when idle', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const tracked = trackInFlight(async (x: number) => {
      await gate
      return x * 2
    })
    await tracked.drain()
    const a = tracked.run(1)
    const b = tracked.run(2)
    expect(tracked.count).toBe(2)
    let drained = false
    const d = tracked.drain().then(() => {
      drained = true
    })
    await new Promise((r) => setTimeout(r, 10))
    expect(drained).toBe(false)
    release()
    expect(await Promise.all([a, b])).toEqual([2, 4])
    await d
    expect(drained).toBe(true)
    expect(tracked.count).toBe(0)
  })
})
