/**
 * Counts failed secret checks per client address, for routes that cannot sit behind the per-IP rate limit (the
 * Telegram webhook: every update comes from Telegram's few addresses). An address with `max` failures in the
 * window is refused (429) for the rest of it, before its secret is even looked at, so guessing stays slow and a
 * right guess cannot be told from a wrong one. Kept in memory per instance; the map is bounded.
 *
 * @example
 * const limiter = createFailureLimiter({ max: 10, windowMs: 60_000 })
 * if (limiter.blocked(request.ip)) throw tooMany(); if (!ok) limiter.fail(request.ip)
 */
export interface FailureLimiter {
  /** True while the address is over its limit. */
  blocked(address: string, now?: number): boolean
  /** Counts one failure of the address. */
  fail(address: string, now?: number): void
}

export function createFailureLimiter(options: { max: number; windowMs: number; maxEntries?: number }): FailureLimiter {
  const entries = new Map<string, { count: number; start: number }>()
  const maxEntries = options.maxEntries ?? 10_000

  function current(address: string, now: number) {
    const entry = entries.get(address)
    if (!entry) return undefined
    if (now - entry.start >= options.windowMs) {
      entries.delete(address)
      return undefined
    }
    return entry
  }

  function prune(now: number) {
    for (const [address, entry] of entries) if (now - entry.start >= options.windowMs) entries.delete(address)
    // Still full of fresh entries (a flood from many addresses): drop the oldest half rather than grow.
    if (entries.size >= maxEntries) {
      const keys = [...entries.keys()].slice(0, Math.ceil(entries.size / 2))
      for (const key of keys) entries.delete(key)
    }
  }

  return {
    blocked(address, now = Date.now()) {
      return (current(address, now)?.count ?? 0) >= options.max
    },
    fail(address, now = Date.now()) {
      const entry = current(address, now)
      if (entry) {
        entry.count++
        return
      }
      if (entries.size >= maxEntries) prune(now)
      entries.set(address, { count: 1, start: now })
    },
  }
}
