/**
 * One JSON call to a shop platform (WooCommerce, Shopify) over fetch, with a timeout, the answer checked by zod, and
 * every failure split by cause as the gateways do: the platform answered and refused (with its status and message),
 * or we got no usable answer (unreachable, timeout, a body that is not what we expect). Secrets never appear in a
 * message.
 */
import type { z } from 'zod'

export type Platform = 'woocommerce' | 'shopify'
export type PlatformFailure = 'refused' | 'unreachable' | 'timeout' | 'invalid_response'

export class PlatformError extends Error {
  readonly code = 'platform_error'
  constructor(
    readonly platform: Platform,
    readonly failure: PlatformFailure,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(`${platform} ${failure}: ${message}`)
    this.name = 'PlatformError'
  }
}

export interface PlatformRequest<T> {
  platform: Platform
  url: string | URL
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  /** Sent as JSON, or as a form when it is a URLSearchParams. */
  body?: unknown
  schema: z.ZodType<T>
  timeoutMs: number
  secrets?: readonly string[]
  fetch?: typeof fetch
}

export interface PlatformAnswer<T> {
  body: T
  headers: Headers
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret) out = out.split(secret).join('***')
  return out.slice(0, 300)
}

/** Sends the request; the checked body and the answer's headers. @throws PlatformError */
export async function platformRequest<T>(request: PlatformRequest<T>): Promise<PlatformAnswer<T>> {
  const secrets = request.secrets ?? []
  const fail = (failure: PlatformFailure, message: string, status?: number) =>
    new PlatformError(request.platform, failure, redact(message, secrets), status)
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers }
  let body: string | undefined
  if (request.body instanceof URLSearchParams) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = request.body.toString()
  } else if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(request.body)
  }
  let response: Response
  let text: string
  try {
    response = await (request.fetch ?? fetch)(request.url, {
      method: request.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(request.timeoutMs),
    })
    text = await response.text()
  } catch (error) {
    const name = (error as Error).name
    if (name === 'TimeoutError' || name === 'AbortError') throw fail('timeout', `no answer in ${request.timeoutMs} ms`)
    throw fail('unreachable', (error as Error).message)
  }
  if (!response.ok) {
    let message = text
    try {
      const parsed = JSON.parse(text) as { message?: unknown; errors?: unknown }
      message = typeof parsed.message === 'string' ? parsed.message : JSON.stringify(parsed.errors ?? parsed)
    } catch {
      // not JSON: the text itself
    }
    throw fail('refused', `HTTP ${response.status}: ${message}`, response.status)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw fail('invalid_response', 'the answer is not JSON')
  }
  const parsed = request.schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw fail('invalid_response', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected shape'}`)
  }
  return { body: parsed.data, headers: response.headers }
}
