/**
 * Graph API failures as one typed error, split by cause as the rest of the code splits gateway errors: the API
 * answered and refused (with Meta's error code), or we got no usable answer. The `failure` says what a caller
 * can do about it:
 *
 * | failure                 | Meta codes (HTTP)                     | what helps                                  |
 * |-------------------------|---------------------------------------|---------------------------------------------|
 * | `auth`                  | 190, 102, 0, 3, 10, 200–299 (401/403) | a new WHATSAPP_ACCESS_TOKEN; never retried  |
 * | `rate_limited`          | 4, 80007, 130429, 613 (429)           | retry after a pause                         |
 * | `pair_rate_limited`     | 131056                                | retry later, not now                        |
 * | `reengagement_required` | 131047                                | a template (outside the 24-hour window)     |
 * | `recipient`             | 131026, 131021, 131049, 133010        | nothing: the number cannot receive it       |
 * | `template`              | 132000–132999                         | fix the template setting                    |
 * | `unavailable`           | 1, 2, 131000, 131016, 133004 (5xx)    | retry after a pause                         |
 * | `invalid_request`       | anything else (400)                   | nothing: a bug on our side                  |
 * | `unreachable`/`timeout` | no answer                             | retry                                       |
 * | `invalid_response`      | a 2xx body we cannot read             | nothing                                     |
 */

export type WhatsAppFailure =
  | 'auth'
  | 'rate_limited'
  | 'pair_rate_limited'
  | 'reengagement_required'
  | 'recipient'
  | 'template'
  | 'unavailable'
  | 'invalid_request'
  | 'unreachable'
  | 'timeout'
  | 'invalid_response'

const retryNow = new Set<WhatsAppFailure>(['rate_limited', 'unavailable', 'unreachable'])

export class WhatsAppApiError extends Error {
  readonly code = 'whatsapp_api_error'
  constructor(
    readonly failure: WhatsAppFailure,
    message: string,
    /** Meta's error code, when the API answered with one. */
    readonly graphCode?: number,
    readonly httpStatus?: number,
    /** From a Retry-After header, when there was one. */
    readonly retryAfterMs?: number,
  ) {
    super(`whatsapp ${failure}${graphCode === undefined ? '' : ` (${graphCode})`}: ${message}`)
    this.name = 'WhatsAppApiError'
  }

  /** The remote side answered (as opposed to: no answer at all). */
  get refused(): boolean {
    return this.failure !== 'unreachable' && this.failure !== 'timeout'
  }

  /** Worth trying again within the same call (a short pause). */
  get retryableNow(): boolean {
    return retryNow.has(this.failure)
  }
}

export function isWhatsAppApiError(error: unknown): error is WhatsAppApiError {
  return error instanceof WhatsAppApiError
}

/** The failure a Graph API error code (or, without one, an HTTP status) stands for. */
export function failureOf(graphCode: number | undefined, httpStatus: number): WhatsAppFailure {
  if (graphCode !== undefined) {
    if ([190, 102, 0, 3, 10].includes(graphCode) || (graphCode >= 200 && graphCode <= 299)) return 'auth'
    if ([4, 80007, 130429, 613].includes(graphCode)) return 'rate_limited'
    if (graphCode === 131056) return 'pair_rate_limited'
    if (graphCode === 131047) return 'reengagement_required'
    if ([131026, 131021, 131049, 133010].includes(graphCode)) return 'recipient'
    if (graphCode >= 132000 && graphCode <= 132999) return 'template'
    if ([1, 2, 131000, 131016, 133004].includes(graphCode)) return 'unavailable'
  }
  if (httpStatus === 401 || httpStatus === 403) return 'auth'
  if (httpStatus === 429) return 'rate_limited'
  if (httpStatus >= 500) return 'unavailable'
  return 'invalid_request'
}
