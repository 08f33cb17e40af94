/**
 * The one module that imports the Anthropic SDK: a client with the SDK's own retries turned off (the agent
 * retries within its deadline, see claude-call.ts), the two calls Layan makes (Messages, Models), and the
 * sorting of every failure into what to do about it. SDK changes stay here.
 *
 * The SDK is loaded when the first client is made, not when this module is: a server without ANTHROPIC_API_KEY
 * never loads it.
 */
import type Anthropic from '@anthropic-ai/sdk'
import type { Logger } from '../logger.ts'

type Sdk = typeof import('@anthropic-ai/sdk')
let sdk: Sdk | undefined
let loading: Promise<Sdk> | undefined
/** Loads the SDK (once); `classifyFailure` knows its error classes from then on. */
export function loadAnthropicSdk(): Promise<Sdk> {
  loading ??= import('@anthropic-ai/sdk').then((module) => {
    sdk = module
    return module
  })
  return loading
}

export type MessageParam = Anthropic.Messages.MessageParam
export type ContentBlock = Anthropic.Messages.ContentBlock
export type ContentBlockParam = Anthropic.Messages.ContentBlockParam
export type ToolUseBlock = Anthropic.Messages.ToolUseBlock
export type ToolResultBlockParam = Anthropic.Messages.ToolResultBlockParam
export type TextBlockParam = Anthropic.Messages.TextBlockParam
export type Tool = Anthropic.Messages.Tool
export type ToolInputSchema = Anthropic.Messages.Tool.InputSchema
export type Message = Anthropic.Messages.Message
export type Usage = Anthropic.Messages.Usage
type StopReason = Anthropic.Messages.StopReason
export type MessageCreateParams = Anthropic.Messages.MessageCreateParamsNonStreaming
export type ModelInfo = Anthropic.Models.ModelInfo

export interface AnthropicApiDeps {
  apiKey: string
  baseURL?: string
  log: Logger
  /** Defaults to the global fetch, looked up at call time. */
  fetch?: typeof globalThis.fetch
}

export interface CallOptions {
  timeoutMs: number
  signal?: AbortSignal
}

export interface AnthropicApi {
  /** One Messages API request, no retries. Throws what `classifyFailure` sorts. */
  createMessage(body: MessageCreateParams, options: CallOptions): Promise<Message>
  /** The Models API's entry for one model id (checks the key and the model at once). */
  retrieveModel(model: string, options: CallOptions): Promise<ModelInfo>
}

export function createAnthropicApi(deps: AnthropicApiDeps): AnthropicApi {
  const sdkLog = deps.log.child({ component: 'anthropic-sdk' })
  const client = loadAnthropicSdk().then(
    ({ default: Anthropic }) =>
      new Anthropic({
        apiKey: deps.apiKey,
        baseURL: deps.baseURL ?? null,
        maxRetries: 0,
        // Looked up per request rather than captured now, so a fetch patched later (MSW, instrumentation) is used.
        fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        logLevel: 'warn',
        logger: {
          error: (message, ...rest) => sdkLog.error({ details: rest }, message),
          warn: (message, ...rest) => sdkLog.warn({ details: rest }, message),
          info: (message, ...rest) => sdkLog.info({ details: rest }, message),
          debug: (message, ...rest) => sdkLog.debug({ details: rest }, message),
        },
      }),
  )
  // A failure to load surfaces at the first call, not as an unhandled rejection now.
  client.catch(() => undefined)
  return {
    createMessage: async (body, options) =>
      (await client).messages.create(body, {
        timeout: Math.max(1, Math.round(options.timeoutMs)),
        signal: options.signal,
      }),
    retrieveModel: async (model, options) =>
      (await client).models.retrieve(
        model,
        {},
        { timeout: Math.max(1, Math.round(options.timeoutMs)), signal: options.signal },
      ),
  }
}

/**
 * What a failed call means:
 * - `setup`: the key, the model or the account is wrong (400 for billing, 401, 402, 403, 404); retrying never
 *   helps and staff must act;
 * - `retryable`: overloaded (529), rate limited (429), a server error, a timeout or a network failure: retry
 *   if the deadline and `retry-after` allow, and count it towards the circuit breaker;
 * - `request`: this request was refused (400, 413, 422 …): not retried, not a reason to stop using Claude.
 */
export interface ApiFailure {
  kind: 'setup' | 'retryable' | 'request'
  /** HTTP status, when the API answered. */
  status?: number
  /** The API's error type ("overloaded_error", "authentication_error", …) or "timeout" / "network". */
  type: string
  message: string
  /** From `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
  retryAfterMs?: number
  requestId?: string
}

const setupStatuses = new Set([401, 402, 403, 404])
const retryableStatuses = new Set([408, 409, 429])

/** Sorts an error thrown by `createMessage` or `retrieveModel`; null for errors that are not the API's. */
export function classifyFailure(error: unknown): ApiFailure | null {
  // Before the SDK is loaded nothing can have thrown one of its errors.
  if (!sdk) return null
  const { AnthropicError, APIConnectionTimeoutError, APIError, APIUserAbortError } = sdk
  if (error instanceof APIUserAbortError) return { kind: 'retryable', type: 'timeout', message: 'aborted' }
  if (error instanceof APIConnectionTimeoutError) {
    return { kind: 'retryable', type: 'timeout', message: 'request timed out' }
  }
  if (error instanceof APIError && error.status === undefined) {
    return { kind: 'retryable', type: 'network', message: error.message }
  }
  if (error instanceof APIError) {
    const status = error.status as number
    const body = error.error as { error?: { type?: string; message?: string } } | undefined
    const type = body?.error?.type ?? `http_${status}`
    const message = body?.error?.message ?? error.message
    const requestId = error.requestID ?? undefined
    const base = { status, type, message, ...(requestId ? { requestId } : {}) }
    if (setupStatuses.has(status)) return { kind: 'setup', ...base }
    // An empty credit balance comes as a 400; it is the account's fault, not the request's.
    if (status === 400 && /credit balance|billing/i.test(message)) return { kind: 'setup', ...base }
    if (retryableStatuses.has(status) || status >= 500) {
      const retryAfterMs = retryAfterOf(error.headers)
      return { kind: 'retryable', ...base, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }
    }
    return { kind: 'request', ...base }
  }
  if (error instanceof AnthropicError) return { kind: 'request', type: 'client_error', message: error.message }
  return null
}

/** `retry-after-ms` (milliseconds) or `retry-after` (seconds, or an HTTP date), as the API sends them. */
export function retryAfterOf(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '')
  if (Number.isFinite(ms) && ms >= 0) return ms
  const raw = headers.get('retry-after')
  if (!raw) return undefined
  const seconds = Number.parseFloat(raw)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(raw)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
