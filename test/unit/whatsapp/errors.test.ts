import { describe, expect, it } from 'vitest'
import { failureOf, WhatsAppApiError } from '../../../adapters/whatsapp/errors.ts'

describe('Graph API failures', () => {
  it.each([
    [190, 401, 'auth'],
    [10, 403, 'auth'],
    [200, 403, 'auth'],
    [130429, 400, 'rate_limited'],
    [80007, 400, 'rate_limited'],
    [4, 400, 'rate_limited'],
    [131056, 400, 'pair_rate_limited'],
    [131047, 400, 'reengagement_required'],
    [131026, 400, 'recipient'],
    [132001, 404, 'template'],
    [132000, 400, 'template'],
    [131000, 500, 'unavailable'],
    [131016, 503, 'unavailable'],
    [100, 400, 'invalid_request'],
  ] as const)('code %i (HTTP %i) is %s', (code, status, failure) => {
    expect(failureOf(code, status)).toBe(failure)
  })

  it('falls back to the HTTP status without a code', () => {
    expect(failureOf(undefined, 401)).toBe('auth')
    expect(failureOf(undefined, 429)).toBe('rate_limited')
    expect(failureOf(undefined, 502)).toBe('unavailable')
    expect(failureOf(undefined, 400)).toBe('invalid_request')
  })

  it('says whether the API answered and whether trying again now helps', () => {
    const rate = new WhatsAppApiError('rate_limited', 'slow down', 130429, 429)
    expect([rate.refused, rate.retryableNow]).toEqual([true, true])
    const window = new WhatsAppApiError('reengagement_required', 'window closed', 131047, 400)
    expect([window.refused, window.retryableNow]).toEqual([true, false])
    const down = new WhatsAppApiError('unreachable', 'ECONNREFUSED')
    expect([down.refused, down.retryableNow]).toEqual([false, true])
    const slow = new WhatsAppApiError('timeout', 'no answer')
    expect([slow.refused, slow.retryableNow]).toEqual([false, false])
    expect(window.message).toBe('whatsapp reengagement_required (131047): window closed')
    expect(window.code).toBe('whatsapp_api_error')
  })
})
