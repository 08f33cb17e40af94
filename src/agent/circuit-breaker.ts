/**
 * A circuit breaker for the Messages API. After `failures` failed requests in a row (overloaded, rate limited,
 * server errors, timeouts, network) it opens: for `cooldownMs` nobody waits for Claude, the rule agent answers at
 * once. Then one request probes (half open): success closes the breaker, failure opens it for another cool-down.
 *
 * @example
 * const breaker = createCircuitBreaker({ failures: 3, cooldownMs: 30_000, now: Date.now })
 * if (breaker.allow()) { try { await call(); breaker.success() } catch { breaker.failure() } }
 */

export type BreakerState = 'closed' | 'open' | 'half_open'

export interface CircuitBreakerOptions {
  /** Failed requests in a row that open the breaker. */
  failures: number
  cooldownMs: number
  now: () => number
  /** Told when the breaker opens or closes (for logs). */
  onChange?: (state: BreakerState, detail: { failures: number; openUntil: number | null }) => void
}

export interface CircuitBreaker {
  /** Whether a request may go out now. In half-open state only one caller is let through until it reports. */
  allow(): boolean
  success(): void
  failure(): void
  state(): BreakerState
  /** While open: when the next probe may go out (epoch ms). */
  openUntil(): number | null
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  let failures = 0
  let openUntil: number | null = null
  let probing = false

  function open(): void {
    openUntil = options.now() + options.cooldownMs
    probing = false
    options.onChange?.('open', { failures, openUntil })
  }

  const breaker: CircuitBreaker = {
    allow() {
      if (openUntil === null) return true
      if (options.now() < openUntil || probing) return false
      probing = true
      return true
    },
    success() {
      const wasOpen = openUntil !== null
      failures = 0
      openUntil = null
      probing = false
      if (wasOpen) options.onChange?.('closed', { failures: 0, openUntil: null })
    },
    failure() {
      failures++
      if (probing || (openUntil === null && failures >= options.failures)) open()
    },
    state() {
      if (openUntil === null) return 'closed'
      return options.now() >= openUntil ? 'half_open' : 'open'
    },
    openUntil: () => openUntil,
  }
  return breaker
}
