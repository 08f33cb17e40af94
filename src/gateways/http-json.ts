/**
 * One JSON call to a remote API, with every way it can go wrong turned into a `GatewayError` of the right
 * kind. The gateways (midtrans.ts, courier-http.ts) describe their endpoints; this file knows fetch.
 */
import type { z } from 'zod'
import { GatewayError, type GatewayName } from './errors.ts'

/** A remote refusal found inside a successful HTTP answer (APIs that say "404" in a 200 body). */
export interface BodyRefusal {
  status: number
  message: string
}

export interface JsonRequest<T> {
  gateway: GatewayName
  url: string | URL
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  /** Sent as JSON. */
  body?: unknown
  /** Validates (and may transform) the parsed answer; a mismatch is `invalid_response`. */
  schema: z.ZodType<T>
  timeoutMs: number
  /**
   * Strings that must never appear in an error message (API keys, the Authorization value). The remote side
   * may echo them back ("invalid key abc…"), so they are cut out of every message we build.
   */
  secrets?: readonly string[]
  /** Looks at a 2xx JSON body before validation; returning a refusal makes the call fail as `refused`. */
  refusal?: (body: unknown) => BodyRefusal | undefined
  /** Defaults to the global fetch (which MSW intercepts in tests). */
  fetch?: typeof fetch
}

const maxMessageLength = 300

/**
 * Sends the request and returns the validated body.
 *
 * Failures: no answer in `timeoutMs` → `timeout`; DNS, connection or TLS failure → `unreachable`; a non-2xx
 * status or a `refusal` → `refused` with the HTTP (or body) status and the remote message; a body that is not
 * JSON or does not match `schema` → `invalid_response`.
 *
 * @example
 * const status = await requestJson({ gateway: 'midtrans', url, schema, timeoutMs: 8000, secrets: [key] })
 */
export async function requestJson<T>(request: JsonRequest<T>): Promise<T> {
  const redact = redactor(request.secrets ?? [])
  // Redact before clipping, so a clipped message never keeps the first half of a key.
  const fail = (failure: GatewayError['failure'], message: string, status?: number) =>
    new GatewayError(request.gateway, failure, clip(redact(message)), status)

  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers }
  if (request.body !== undefined) headers['Content-Type'] = 'application/json'

  let text: string
  let response: Response
  try {
    response = await (request.fetch ?? fetch)(request.url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs),
    })
    // The timeout also covers reading the body: a server that stalls mid-answer is a timeout too.
    text = await response.text()
  } catch (error) {
    if (isAbort(error)) throw fail('timeout', `no answer within ${request.timeoutMs} ms`)
    throw fail('unreachable', describeNetworkError(error))
  }

  const json = parseJson(text)
  if (!response.ok) {
    const remote = json.ok ? remoteMessage(json.value) : plainText(text)
    throw fail('refused', `HTTP ${response.status}${remote ? `: ${remote}` : ''}`, response.status)
  }
  if (!json.ok) throw fail('invalid_response', `HTTP ${response.status} with a body that is not JSON`)

  const refusal = request.refusal?.(json.value)
  if (refusal) throw fail('refused', `status ${refusal.status}: ${refusal.message}`, refusal.status)

  const parsed = request.schema.safeParse(json.value)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ')
    throw fail('invalid_response', `unexpected answer (${issues})`)
  }
  return parsed.data
}

/** Throws a plain configuration error unless `url` is an absolute http(s) URL (checked once, at start-up). */
export function assertHttpUrl(url: string, setting: string): void {
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new Error(`${setting} must be an absolute http(s) URL, got "${url}"`)
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
}

/** undici says "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND, …) in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'network error'
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : ''
  return detail ? `${error.message} (${detail})` : error.message || 'network error'
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** The human part of an error body, whichever common field the API uses. */
function remoteMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const record = body as Record<string, unknown>
  for (const key of ['status_message', 'message', 'error_message', 'error']) {
    const value = record[key]
    if (typeof value === 'string' && value.trim()) return value
  }
  const list = record.error_messages
  if (Array.isArray(list) && list.every((m) => typeof m === 'string') && list.length > 0) return list.join('; ')
  return undefined
}

/** A short plain-text error body is worth quoting; an HTML error page is not. */
function plainText(text: string): string | undefined {
  const trimmed = text.trim()
  return trimmed && !trimmed.startsWith('<') ? trimmed : undefined
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > maxMessageLength ? `${oneLine.slice(0, maxMessageLength)}…` : oneLine
}

function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (!secret) continue
    forms.add(secret)
    forms.add(encodeURIComponent(secret))
    // Query strings encode a little differently from encodeURIComponent (space as "+", "(" as "%28").
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2))
  }
  // Longest first, so a secret that contains another is cut out whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length)
  return (text) => ordered.reduce((out, secret) => out.split(secret).join('[redacted]'), text)
}
