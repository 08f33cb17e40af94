import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk'
import { beforeAll, describe, expect, it } from 'vitest'
import { classifyFailure, loadAnthropicSdk, retryAfterOf } from '../../../src/agent/anthropic-api.ts'
import { backoffMs } from '../../../src/agent/claude-call.ts'

function apiError(status: number, type: string, message = 'x', headers: Record<string, string> = {}) {
  return APIError.generate(status, { type: 'error', error: { type, message } }, message, new Headers(headers))
}

describe('sorting API failures', () => {
  // The module loads the SDK with its first client; these errors are made here without one.
  beforeAll(async () => {
    await loadAnthropicSdk()
  })

  it.each([
    [401, 'authentication_error', 'setup'],
    [403, 'permission_error', 'setup'],
    [404, 'not_found_error', 'setup'],
    [429, 'rate_limit_error', 'retryable'],
    [500, 'api_error', 'retryable'],
    [529, 'overloaded_error', 'retryable'],
    [400, 'invalid_request_error', 'request'],
    [413, 'request_too_large', 'request'],
  ])('%i %s is %s', (status, type, kind) => {
    expect(classifyFailure(apiError(status, type))).toMatchObject({ kind, status, type })
  })

  it('an empty credit balance is a set-up fault; timeouts and network failures are retryable', () => {
    expect(classifyFailure(apiError(400, 'invalid_request_error', 'Your credit balance is too low'))?.kind).toBe(
      'setup',
    )
    expect(classifyFailure(new APIConnectionTimeoutError())).toMatchObject({ kind: 'retryable', type: 'timeout' })
    expect(classifyFailure(new APIConnectionError({ message: 'reset' }))).toMatchObject({
      kind: 'retryable',
      type: 'network',
    })
    expect(classifyFailure(new Error('bug'))).toBeNull()
  })

  it('reads retry-after in milliseconds, seconds or as a date', () => {
    expect(retryAfterOf(new Headers({ 'retry-after': '30' }))).toBe(30_000)
    expect(retryAfterOf(new Headers({ 'retry-after-ms': '250', 'retry-after': '30' }))).toBe(250)
    const at = Date.parse('2026-12-07T10:00:00Z')
    expect(retryAfterOf(new Headers({ 'retry-after': 'Mon, 07 Dec 2026 10:00:05 GMT' }), at)).toBe(5000)
    expect(retryAfterOf(new Headers({}))).toBeUndefined()
    expect(classifyFailure(apiError(429, 'rate_limit_error', 'x', { 'retry-after': '2' }))?.retryAfterMs).toBe(2000)
  })

  it('backs off about 0.5 s, 1 s, 2 s without retry-after', () => {
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, () => 0.5))).toEqual([500, 1000, 2000])
    expect(backoffMs(1, () => 0)).toBe(375)
    expect(backoffMs(1, () => 1)).toBe(625)
  })
})
