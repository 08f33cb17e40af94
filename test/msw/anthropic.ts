/**
 * A scripted fake of the Anthropic Messages API (POST /v1/messages) for MSW. Each request takes the next scripted
 * response from a queue (or the sticky `always` response once the queue is empty) and its JSON body is recorded
 * for assertions. A request with nothing scripted is answered with a 400 the SDK does not retry, and counted.
 *
 * ```ts
 * const anthropic = createAnthropicFake()
 * const server = setupServer(anthropic.handler)
 * drainMockedResponses(server) // needed for SDK retries, see below
 * anthropic.script(toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }]), textResponse('Sudah dikirim kak'))
 * // … run the agent, then: anthropic.requests[1].messages.at(-1) holds the tool_result
 * ```
 */
import { delay, HttpResponse, http } from 'msw'
import type { SetupServer } from 'msw/node'

export const anthropicBaseUrl = 'https://api.anthropic.com'

export interface FakeUsage {
  input_tokens: number
  output_tokens: number
  cache_read_input_tokens: number
  cache_creation_input_tokens: number
}

export type FakeContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }

export type ScriptedResponse =
  | {
      kind: 'message'
      stopReason: 'end_turn' | 'tool_use' | 'max_tokens' | 'refusal'
      content: FakeContentBlock[]
      usage: FakeUsage
      delayMs?: number
    }
  | {
      kind: 'error'
      status: number
      errorType: string
      message: string
      headers?: Record<string, string>
      delayMs?: number
    }

/** The recorded JSON body of one request (the fields the tests read; the rest is kept too). */
export interface RecordedRequest {
  model: string
  max_tokens: number
  system?: { type: 'text'; text: string; cache_control?: { type: string } }[]
  tools?: { name: string; description?: string; input_schema: unknown; cache_control?: { type: string } }[]
  messages: { role: 'user' | 'assistant'; content: string | RecordedBlock[] }[]
  [key: string]: unknown
}

export type RecordedBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean }

const defaultUsage: FakeUsage = {
  input_tokens: 100,
  output_tokens: 20,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
}

let toolUseCounter = 0

/** Claude asking for one or more tools in one turn (parallel tool use), optionally after a line of text. */
export function toolUseResponse(
  calls: { name: string; input: unknown; id?: string }[],
  options: { text?: string; usage?: Partial<FakeUsage>; delayMs?: number } = {},
): ScriptedResponse {
  const content: FakeContentBlock[] = options.text ? [{ type: 'text', text: options.text }] : []
  for (const call of calls) {
    content.push({
      type: 'tool_use',
      id: call.id ?? `toolu_fake_${++toolUseCounter}`,
      name: call.name,
      input: call.input,
    })
  }
  return {
    kind: 'message',
    stopReason: 'tool_use',
    content,
    usage: { ...defaultUsage, ...options.usage },
    delayMs: options.delayMs,
  }
}

/** Claude's final answer. */
export function textResponse(
  text: string,
  options: { usage?: Partial<FakeUsage>; stopReason?: 'end_turn' | 'max_tokens' | 'refusal'; delayMs?: number } = {},
): ScriptedResponse {
  return {
    kind: 'message',
    stopReason: options.stopReason ?? 'end_turn',
    content: text === '' ? [] : [{ type: 'text', text }],
    usage: { ...defaultUsage, ...options.usage },
    delayMs: options.delayMs,
  }
}

/**
 * An API error. A 429 or 529 carries `retry-after: 0` like a real "retry now", plus `retry-after-ms: 1`: the SDK
 * treats a zero delay as "no advice" and backs off 0.5 s or more, which would slow the tests down for nothing.
 */
export function errorResponse(
  status: number,
  options: { errorType?: string; message?: string; headers?: Record<string, string>; delayMs?: number } = {},
): ScriptedResponse {
  const retryable = status === 429 || status >= 500
  return {
    kind: 'error',
    status,
    errorType: options.errorType ?? defaultErrorType(status),
    message: options.message ?? `fake ${status}`,
    headers: { ...(retryable ? { 'retry-after': '0', 'retry-after-ms': '1' } : {}), ...options.headers },
    delayMs: options.delayMs,
  }
}

/** 529: the API is overloaded. */
export function overloadedResponse(): ScriptedResponse {
  return errorResponse(529, { errorType: 'overloaded_error', message: 'Overloaded' })
}

function defaultErrorType(status: number): string {
  if (status === 400) return 'invalid_request_error'
  if (status === 401) return 'authentication_error'
  if (status === 403) return 'permission_error'
  if (status === 429) return 'rate_limit_error'
  if (status === 529) return 'overloaded_error'
  return 'api_error'
}

/**
 * Reads MSW's internal copy of every mocked response. With @mswjs/interceptors 0.41 (msw 2.15) cancelling the
 * body of a mocked fetch response never settles while that copy is unread (mswjs/interceptors#799), and the
 * Anthropic SDK cancels the body of a 429/5xx before it retries, so without this a retry hangs forever.
 */
export function drainMockedResponses(server: SetupServer): void {
  server.events.on('response:mocked', ({ response }) => {
    response.arrayBuffer().catch(() => {})
  })
}

export interface AnthropicFake {
  /** The MSW handler; pass it to `setupServer`. */
  handler: ReturnType<typeof http.post>
  /** Every request body, in arrival order (retries included). */
  requests: RecordedRequest[]
  /** Every request's headers (lower-case names), parallel to `requests`. */
  headers: Record<string, string>[]
  /** Appends responses to the queue. */
  script(...responses: ScriptedResponse[]): void
  /** The response for every request once the queue is empty (e.g. a persistent 529); `null` to clear. */
  always(response: ScriptedResponse | null): void
  /** Scripted responses not yet used. */
  remaining(): number
  /** Requests that arrived with nothing scripted. */
  unexpected(): number
  reset(): void
}

export function createAnthropicFake(baseUrl: string = anthropicBaseUrl): AnthropicFake {
  let queue: ScriptedResponse[] = []
  let sticky: ScriptedResponse | null = null
  let unexpected = 0
  const requests: RecordedRequest[] = []
  const headers: Record<string, string>[] = []
  let messageCounter = 0

  const handler = http.post(`${baseUrl}/v1/messages`, async ({ request }) => {
    const body = (await request.json()) as RecordedRequest
    requests.push(body)
    const requestHeaders: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      requestHeaders[name] = value
    })
    headers.push(requestHeaders)
    const next = queue.shift() ?? sticky
    if (!next) {
      unexpected++
      return HttpResponse.json(
        { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic fake: nothing scripted' } },
        { status: 400 },
      )
    }
    if (next.delayMs) await delay(next.delayMs)
    if (next.kind === 'error') {
      return HttpResponse.json(
        { type: 'error', error: { type: next.errorType, message: next.message }, request_id: 'req_fake' },
        { status: next.status, headers: { 'request-id': 'req_fake', ...next.headers } },
      )
    }
    return HttpResponse.json({
      id: `msg_fake_${++messageCounter}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: next.content.map((block) => (block.type === 'text' ? { ...block, citations: null } : block)),
      stop_reason: next.stopReason,
      stop_sequence: null,
      usage: next.usage,
    })
  })

  return {
    handler,
    requests,
    headers,
    script: (...responses) => {
      queue.push(...responses)
    },
    always: (response) => {
      sticky = response
    },
    remaining: () => queue.length,
    unexpected: () => unexpected,
    reset: () => {
      queue = []
      sticky = null
      unexpected = 0
      requests.length = 0
      headers.length = 0
    },
  }
}
