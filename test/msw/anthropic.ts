/**
 * A scripted fake of the Anthropic API for MSW: the Messages API (POST /v1/messages) and the Models API
 * (GET /v1/models/{id}). Each Messages request takes the next scripted response from a queue (or the sticky
 * `always` response once the queue is empty, or the `responder`'s answer) and its JSON body is recorded for
 * assertions. A request with nothing scripted is answered with a 400 the SDK does not retry, and counted.
 * With a `cache` simulator (prompt-cache-sim.ts) the usage of every answer is what the prompt cache would bill
 * for that request, instead of the scripted figures.
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
import { estimateTokens, type PromptCacheSimulator } from './prompt-cache-sim.ts'

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

export type FakeStopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'refusal'
  | 'pause_turn'
  | 'model_context_window_exceeded'
  | 'stop_sequence'

export type ScriptedResponse =
  | {
      kind: 'message'
      stopReason: FakeStopReason
      content: FakeContentBlock[]
      usage: FakeUsage
      delayMs?: number
    }
  /** No answer at all until the client gives up (aborts the request). */
  | { kind: 'hang' }
  /** The connection fails (DNS, refused, reset). */
  | { kind: 'network' }
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
  options: { text?: string; usage?: Partial<FakeUsage>; delayMs?: number; stopReason?: FakeStopReason } = {},
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
    stopReason: options.stopReason ?? 'tool_use',
    content,
    usage: { ...defaultUsage, ...options.usage },
    delayMs: options.delayMs,
  }
}

/** Claude's final answer. */
export function textResponse(
  text: string,
  options: { usage?: Partial<FakeUsage>; stopReason?: FakeStopReason; delayMs?: number } = {},
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
 * An API error, with exactly the headers given (a real 429 carries `retry-after` in seconds: pass it, e.g.
 * `{ 'retry-after': '30' }`; an overloaded 529 usually carries none).
 */
export function errorResponse(
  status: number,
  options: { errorType?: string; message?: string; headers?: Record<string, string>; delayMs?: number } = {},
): ScriptedResponse {
  return {
    kind: 'error',
    status,
    errorType: options.errorType ?? defaultErrorType(status),
    message: options.message ?? `fake ${status}`,
    headers: { ...options.headers },
    delayMs: options.delayMs,
  }
}

/** 529: the API is overloaded. */
export function overloadedResponse(): ScriptedResponse {
  return errorResponse(529, { errorType: 'overloaded_error', message: 'Overloaded' })
}

/** An API that never answers. */
export function hangResponse(): ScriptedResponse {
  return { kind: 'hang' }
}

/** An API that cannot be reached. */
export function networkFailure(): ScriptedResponse {
  return { kind: 'network' }
}

/** The Models API's entry for a model, as `GET /v1/models/{id}` answers it. */
export function modelInfo(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'model',
    id,
    display_name: id,
    created_at: '2026-09-01T00:00:00Z',
    lifecycle: 'active',
    deprecated_at: null,
    retires_at: null,
    line: null,
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    capabilities: null,
    ...overrides,
  }
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

export interface AnthropicFakeOptions {
  baseUrl?: string
  /** Answers a Messages request when nothing is scripted (a stand-in model, see anthropic-stand-in.ts). */
  responder?: (body: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>
  /** Bills every answer as the prompt cache would (the scripted usage is replaced, output tokens kept). */
  cache?: PromptCacheSimulator
}

export interface AnthropicFake {
  /** The MSW handlers (Messages and Models API); pass them to `setupServer(...fake.handlers)`. */
  handlers: [ReturnType<typeof http.post>, ReturnType<typeof http.get>]
  /** The Messages API handler alone. */
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
  /** The models the Models API knows (default: every id asked for is an active model). */
  models(known: Record<string, Record<string, unknown>> | null): void
  /** Answers every Models API request with this error (e.g. `errorResponse(401)`); null to clear. */
  modelsAlways(response: ScriptedResponse | null): void
  /** Model ids asked for through the Models API. */
  modelRequests: string[]
  /** Messages requests waiting in a `hang` response right now. */
  hanging(): number
  reset(): void
}

function errorBody(next: Extract<ScriptedResponse, { kind: 'error' }>) {
  return HttpResponse.json(
    { type: 'error', error: { type: next.errorType, message: next.message }, request_id: 'req_fake' },
    { status: next.status, headers: { 'request-id': 'req_fake', ...next.headers } },
  )
}

/** Waits until the client aborts the request (or for ever). */
function untilAborted(request: Request): Promise<void> {
  return new Promise((resolve) => {
    if (request.signal.aborted) resolve()
    request.signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

export function createAnthropicFake(options: string | AnthropicFakeOptions = {}): AnthropicFake {
  const { baseUrl = anthropicBaseUrl, responder, cache } = typeof options === 'string' ? { baseUrl: options } : options
  let queue: ScriptedResponse[] = []
  let sticky: ScriptedResponse | null = null
  let unexpected = 0
  let knownModels: Record<string, Record<string, unknown>> | null = null
  let modelsSticky: ScriptedResponse | null = null
  const requests: RecordedRequest[] = []
  const headers: Record<string, string>[] = []
  const modelRequests: string[] = []
  let messageCounter = 0
  let hanging = 0

  const modelsHandler = http.get(`${baseUrl}/v1/models/:id`, async ({ params }) => {
    const id = String(params.id)
    modelRequests.push(id)
    if (modelsSticky?.kind === 'error') return errorBody(modelsSticky)
    if (modelsSticky?.kind === 'hang') return new Promise<Response>(() => {})
    if (modelsSticky?.kind === 'network') return HttpResponse.error()
    const known = knownModels ? knownModels[id] : modelInfo(id)
    if (!known) {
      return HttpResponse.json(
        { type: 'error', error: { type: 'not_found_error', message: `model: ${id}` }, request_id: 'req_fake' },
        { status: 404 },
      )
    }
    return HttpResponse.json(known)
  })

  const handler = http.post(`${baseUrl}/v1/messages`, async ({ request }) => {
    const body = (await request.json()) as RecordedRequest
    requests.push(body)
    const requestHeaders: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      requestHeaders[name] = value
    })
    headers.push(requestHeaders)
    const next = queue.shift() ?? sticky ?? (await responder?.(body))
    if (!next) {
      unexpected++
      return HttpResponse.json(
        { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic fake: nothing scripted' } },
        { status: 400 },
      )
    }
    if (next.kind === 'hang') {
      hanging++
      await untilAborted(request)
      hanging--
      return HttpResponse.error()
    }
    if (next.kind === 'network') return HttpResponse.error()
    if (next.delayMs) await delay(next.delayMs)
    if (next.kind === 'error') return errorBody(next)
    const content = next.content.map((block) => (block.type === 'text' ? { ...block, citations: null } : block))
    const usage = cache
      ? { ...cache.usage(body), output_tokens: estimateTokens(JSON.stringify(next.content)) }
      : next.usage
    return HttpResponse.json({
      id: `msg_fake_${++messageCounter}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: next.stopReason,
      stop_sequence: null,
      usage,
    })
  })

  return {
    handlers: [handler, modelsHandler],
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
    models: (known) => {
      knownModels = known
    },
    modelsAlways: (response) => {
      modelsSticky = response
    },
    modelRequests,
    hanging: () => hanging,
    reset: () => {
      queue = []
      sticky = null
      unexpected = 0
      knownModels = null
      modelsSticky = null
      requests.length = 0
      headers.length = 0
      modelRequests.length = 0
      cache?.reset()
    },
  }
}
