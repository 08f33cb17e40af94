/**
 * One Messages API request, retried within bounds. Every wait is bounded three ways:
 * - each attempt times out after `attemptTimeoutMs`, or earlier when the message's deadline comes first;
 * - a `retry-after` longer than `retryAfterCapMs` is not waited for (the rule agent answers now instead);
 * - no retry starts when what is left of the deadline could not hold the wait plus a useful attempt.
 * Retryable failures (529, 429, 5xx, timeouts, network) count towards the circuit breaker; any answer from the
 * API, even a refusal of the request, counts as the API being up.
 */
import {
  type AnthropicApi,
  type ApiFailure,
  classifyFailure,
  type Message,
  type MessageCreateParams,
} from './anthropic-api.ts'
import type { CircuitBreaker } from './circuit-breaker.ts'

export interface RetryPolicy {
  attemptTimeoutMs: number
  maxRetries: number
  retryAfterCapMs: number
}

export interface CallDeps {
  api: AnthropicApi
  breaker: CircuitBreaker
  policy: RetryPolicy
  now: () => number
  /** Called before each retry's wait. */
  onRetry?: (failure: ApiFailure, waitMs: number, attempt: number) => void
}

export type CallOutcome =
  | { ok: true; message: Message; attempts: number }
  | {
      ok: false
      /** Why Claude gave no answer: the last failure, or that the breaker or the deadline stopped it. */
      reason: 'failure' | 'breaker_open' | 'deadline' | 'retry_after_too_long' | 'retries_exhausted'
      failure?: ApiFailure
      attempts: number
    }

/** An attempt shorter than this is not worth starting. */
const minAttemptMs = 1000
const baseBackoffMs = 500

/** Exponential backoff with jitter for failures that name no `retry-after`: ~0.5 s, ~1 s, ~2 s … */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = baseBackoffMs * 2 ** (attempt - 1)
  return Math.round(base * (0.75 + random() * 0.5))
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Sends `body` until it is answered, the retries run out, or the deadline (epoch ms) is near. */
export async function callWithRetries(
  deps: CallDeps,
  body: MessageCreateParams,
  deadline: number,
): Promise<CallOutcome> {
  const { api, breaker, policy } = deps
  let attempts = 0
  for (;;) {
    if (!breaker.allow()) return { ok: false, reason: 'breaker_open', attempts }
    const left = deadline - deps.now()
    if (left < minAttemptMs) return { ok: false, reason: 'deadline', attempts }
    attempts++
    let failure: ApiFailure
    try {
      const message = await api.createMessage(body, { timeoutMs: Math.min(policy.attemptTimeoutMs, left) })
      breaker.success()
      return { ok: true, message, attempts }
    } catch (error) {
      const sorted = classifyFailure(error)
      if (!sorted) {
        breaker.success()
        throw error
      }
      failure = sorted
    }
    if (failure.kind !== 'retryable') {
      breaker.success()
      return { ok: false, reason: 'failure', failure, attempts }
    }
    breaker.failure()
    if (attempts > policy.maxRetries) return { ok: false, reason: 'retries_exhausted', failure, attempts }
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.retryAfterCapMs) {
      return { ok: false, reason: 'retry_after_too_long', failure, attempts }
    }
    const wait = failure.retryAfterMs ?? Math.min(backoffMs(attempts), policy.retryAfterCapMs)
    if (deps.now() + wait + minAttemptMs > deadline) return { ok: false, reason: 'deadline', failure, attempts }
    deps.onRetry?.(failure, wait, attempts)
    await sleep(wait)
  }
}
