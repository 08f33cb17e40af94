/**
 * The Claude agent: the Messages API with the shop's tools in a loop (the SDK itself stays behind
 * anthropic-api.ts).
 *
 * One `respond` call, within one deadline for the whole message:
 * 1. a standing set-up fault (claude-setup.ts) or an open circuit breaker sends the message straight to the
 *    rule agent, marked as limited mode: nobody waits for an API that is known not to answer;
 * 2. trimmed history + the per-message note + the new message (phone numbers and emails masked) → Claude;
 *    while Claude asks for tools (up to `maxToolRounds` rounds) every tool call of the turn runs in parallel
 *    through `ctx.callTool` and is answered with one user message of tool results (timestamps in WIB);
 * 3. every stop reason is handled: `end_turn` answers; `pause_turn` continues; `max_tokens` is asked again
 *    once with twice the room and `model_context_window_exceeded` once with a quarter of the history, then the
 *    rule agent answers; `refusal` and `stop_sequence` are never shown. Each is logged at warn;
 * 4. the answer never contradicts what happened (claude-replies.ts): a staged write shows the tool's own
 *    confirmation and buttons;
 * 5. token usage and its estimated cost (cost.ts) come back with the answer for the core to store.
 * When the API fails for good (claude-call.ts bounds every wait) the rule agent answers, saying so.
 */
import type { Reply } from '../core/types.ts'
import { t } from '../i18n/messages.ts'
import type { Logger } from '../logger.ts'
import {
  type AnthropicApi,
  type ApiFailure,
  type ContentBlock,
  type ContentBlockParam,
  createAnthropicApi,
  type Message,
  type MessageParam,
  type ToolResultBlockParam,
  type ToolUseBlock,
  type Usage,
} from './anthropic-api.ts'
import { type BreakerState, type CircuitBreaker, createCircuitBreaker } from './circuit-breaker.ts'
import { callWithRetries, type RetryPolicy } from './claude-call.ts'
import { stagedReplies, stagedWrites, textReplies } from './claude-replies.ts'
import {
  buildMessages,
  type CacheOptions,
  type CacheTtl,
  type ClaudeToolDefinition,
  staticPrefix,
  withTailBreakpoint,
} from './claude-request.ts'
import { type ClaudeSetup, createClaudeSetup, type SetupFault, type SetupStatus } from './claude-setup.ts'
import { type ClaudePrices, costMicroUsd } from './cost.ts'
import type { KnowledgeBase } from './knowledge.ts'
import { createMasker, type Masker } from './personal-data.ts'
import { toolResultJson } from './tool-result-json.ts'
import type { Agent, AgentContext, AgentResponse, TokenUsage, ToolInvocation } from './types.ts'

export type { ClaudeToolDefinition }

export interface ClaudeAgentDeps {
  apiKey: string
  /** e.g. "claude-sonnet-5-5" (ANTHROPIC_MODEL). */
  model: string
  baseURL?: string
  tools: ClaudeToolDefinition[]
  /** The shop's knowledge base: its text goes into the system prompt, as it is when each message is answered. */
  knowledge: Pick<KnowledgeBase, 'asPromptText' | 'refresh'>
  shopName: string
  /** Answers when Claude cannot (the rule agent). */
  fallback: Agent
  /** Token budget for earlier turns (estimated at ~4 characters a token). */
  maxHistoryTokens: number
  /** Tool rounds per message before giving up honestly. Default 6. */
  maxToolRounds?: number
  /** max_tokens of one answer. Default 1024. */
  maxOutputTokens?: number
  /** Everything Claude may take for one message. Default 15 000 ms. */
  deadlineMs?: number
  /** One request at most. Default 10 000 ms. */
  attemptTimeoutMs?: number
  /** Retries of one request within the deadline. Default 2. */
  maxRetries?: number
  /** Longest `retry-after` waited for. Default 5000 ms. */
  retryAfterCapMs?: number
  /** Failed requests in a row that open the circuit breaker. Default 3. */
  breakerFailures?: number
  /** How long the breaker stays open before a probe. Default 30 000 ms. */
  breakerCooldownMs?: number
  /** Prompt cache lifetime. Default '5m'. */
  cacheTtl?: CacheTtl
  /** False sends no cache_control (to measure what caching saves). Default true. */
  promptCaching?: boolean
  /** Prices for the cost estimate. Default $3 / $15 per million input / output tokens. */
  prices?: Omit<ClaudePrices, 'cacheTtl'>
  /** Told once per distinct set-up fault (a refused key, an unknown model …). */
  onSetupFault?: (fault: SetupFault) => void | Promise<void>
  log: Logger
  /** Defaults to the global fetch, looked up at call time. */
  fetch?: typeof globalThis.fetch
  /** Clock for deadlines and the breaker (epoch ms). Default Date.now. */
  now?: () => number
  /** Counts requests, tokens and fallbacks (the metrics of src/ops/metrics.ts). */
  observer?: ClaudeObserver
}

/** Told of each Messages API request (`ok` or the failure's kind), the tokens billed, and each fall-back. */
export interface ClaudeObserver {
  llmRequest(model: string, outcome: string): void
  llmTokens(
    model: string,
    usage: {
      input_tokens?: number | null
      output_tokens?: number | null
      cache_read_input_tokens?: number | null
      cache_creation_input_tokens?: number | null
    },
  ): void
  agentFallback(reason: string): void
}

/** The agent, plus what the service and `/readyz` need to know about Claude. */
export interface ClaudeAgent extends Agent {
  readonly name: 'claude'
  readonly model: string
  /** Checks the key and the model with the Models API (at start). */
  checkSetup(): Promise<SetupStatus>
  /** For `/readyz`: set-up state and circuit breaker. */
  status(): ClaudeStatus
}

export interface ClaudeStatus {
  model: string
  setup: SetupStatus
  breaker: { state: BreakerState; openUntil: string | null }
}

/** How the agent could not give Claude's answer. */
type Failure =
  | { kind: 'setup_fault' }
  | { kind: 'unavailable'; reason: string; failure?: ApiFailure }
  | { kind: 'incomplete'; stopReason: string }

export function createClaudeAgent(deps: ClaudeAgentDeps): ClaudeAgent {
  // Read at each call, not captured: a clock replaced later (fake timers) is the one used.
  const now = deps.now ?? (() => Date.now())
  const maxToolRounds = deps.maxToolRounds ?? 6
  const maxOutputTokens = deps.maxOutputTokens ?? 1024
  const deadlineMs = deps.deadlineMs ?? 15_000
  const cache: CacheOptions = { enabled: deps.promptCaching ?? true, ttl: deps.cacheTtl ?? '5m' }
  const prices: ClaudePrices = {
    inputPerMTok: deps.prices?.inputPerMTok ?? 3,
    outputPerMTok: deps.prices?.outputPerMTok ?? 15,
    cacheTtl: cache.ttl,
  }
  const log = deps.log
  const api: AnthropicApi = createAnthropicApi({ apiKey: deps.apiKey, baseURL: deps.baseURL, log, fetch: deps.fetch })
  const breaker: CircuitBreaker = createCircuitBreaker({
    failures: deps.breakerFailures ?? 3,
    cooldownMs: deps.breakerCooldownMs ?? 30_000,
    now,
    onChange: (state, detail) =>
      state === 'open'
        ? log.warn(
            { failures: detail.failures, openUntil: new Date(detail.openUntil ?? 0).toISOString() },
            'claude circuit breaker open: the rule agent answers until a probe succeeds',
          )
        : log.info('claude circuit breaker closed: claude answers again'),
  })
  const policy: RetryPolicy = {
    attemptTimeoutMs: deps.attemptTimeoutMs ?? 10_000,
    maxRetries: deps.maxRetries ?? 2,
    retryAfterCapMs: deps.retryAfterCapMs ?? 5000,
  }
  const setup: ClaudeSetup = createClaudeSetup({
    api,
    model: deps.model,
    log,
    now,
    ...(deps.onSetupFault ? { onFault: deps.onSetupFault } : {}),
  })
  // Rebuilt only when the knowledge changed, so the cached prompt prefix stays byte-for-byte the same till then.
  let built: { knowledgeText: string; prefix: ReturnType<typeof staticPrefix> } | null = null
  async function currentPrefix(): Promise<ReturnType<typeof staticPrefix>> {
    await deps.knowledge.refresh?.()
    const knowledgeText = deps.knowledge.asPromptText()
    if (built?.knowledgeText !== knowledgeText) {
      built = { knowledgeText, prefix: staticPrefix({ shopName: deps.shopName, knowledgeText }, deps.tools, cache) }
    }
    return built.prefix
  }
  const toolNames = new Set(deps.tools.map((tool) => tool.name))

  async function runToolUse(
    ctx: AgentContext,
    masker: Masker,
    block: ToolUseBlock,
  ): Promise<[ToolResultBlockParam, ToolInvocation?]> {
    if (!toolNames.has(block.name)) {
      ctx.log.warn({ tool: block.name }, 'claude asked for an unknown tool')
      const error = { error: 'unknown_tool', message: `There is no tool named "${block.name}".` }
      return [{ type: 'tool_result', tool_use_id: block.id, content: JSON.stringify(error), is_error: true }]
    }
    let invocation: ToolInvocation
    try {
      // Placeholders the model passes on ("[phone-1]" in a new address) become the customer's own values again.
      invocation = await ctx.callTool(block.name, masker.restoreDeep(block.input))
    } catch (error) {
      // callTool promises never to throw; if it does anyway, Claude still gets an answer for this tool_use.
      ctx.log.error({ err: error, tool: block.name }, 'callTool threw')
      const failure = { error: 'tool_failed', message: 'The tool failed unexpectedly.' }
      return [{ type: 'tool_result', tool_use_id: block.id, content: JSON.stringify(failure), is_error: true }]
    }
    ctx.log.debug({ tool: block.name, ok: invocation.ok, errorCode: invocation.errorCode }, 'tool ran')
    const result: ToolResultBlockParam = {
      type: 'tool_result',
      tool_use_id: block.id,
      content: masker.mask(toolResultJson(invocation.result)),
      ...(invocation.ok ? {} : { is_error: true }),
    }
    return [result, invocation]
  }

  function priced(response: AgentResponse, usage: TokenUsage): AgentResponse {
    if (!hasUsage(usage)) return response
    return { ...response, usage, model: deps.model, costMicroUsd: costMicroUsd(usage, prices) }
  }

  async function fallBack(ctx: AgentContext, why: Failure, usage: TokenUsage, invocations: ToolInvocation[]) {
    // A write the model already staged is real (its token exists): show it rather than start over.
    if (stagedWrites(invocations).length > 0) return priced({ replies: stagedReplies('', invocations) }, usage)
    deps.observer?.agentFallback(why.kind === 'unavailable' ? why.reason : why.kind)
    const answer = await deps.fallback.respond(ctx)
    const notice = t(ctx.locale, 'claude.limitedMode')
    const [first, ...rest] = answer.replies
    const replies: Reply[] = [
      { ...first, text: first ? `${notice}\n\n${first.text}` : notice, limitedMode: true },
      ...rest.map((reply) => ({ ...reply, limitedMode: true })),
    ]
    ctx.log.info({ why: why.kind }, 'the rule agent answered in limited mode')
    return priced({ replies, limitedMode: true, ...(answer.gaveUp ? { gaveUp: true } : {}) }, usage)
  }

  function unavailable(ctx: AgentContext, reason: string, failure: ApiFailure | undefined): Failure {
    if (failure?.kind === 'setup') {
      setup.reportFault(failure)
      return { kind: 'setup_fault' }
    }
    const level = failure?.kind === 'request' ? 'error' : 'warn'
    ctx.log[level](
      {
        reason,
        status: failure?.status,
        errorType: failure?.type,
        detail: failure?.message,
        requestId: failure?.requestId,
      },
      'claude gave no answer in time; the rule agent answers',
    )
    return { kind: 'unavailable', reason, ...(failure ? { failure } : {}) }
  }

  async function respond(ctx: AgentContext): Promise<AgentResponse> {
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
    const invocations: ToolInvocation[] = []
    const deadline = now() + deadlineMs
    // A set-up fault is looked at again now and then; that check takes at most a fifth of this message's time.
    if (setup.recheckDue()) await setup.check(deadlineMs / 5)
    if (setup.blocked()) return fallBack(ctx, { kind: 'setup_fault' }, usage, invocations)

    const prefix = await currentPrefix()
    const masker = createMasker()
    // The history and this message, then what the tool rounds of this turn add.
    let base = buildMessages(ctx, deps.maxHistoryTokens, masker, cache)
    let rounds: MessageParam[] = []
    let maxTokens = maxOutputTokens
    const retried = { maxTokens: false, contextWindow: false }
    const callDeps = {
      api,
      breaker,
      policy,
      now,
      onRetry: (failure: ApiFailure, waitMs: number, attempt: number) => {
        deps.observer?.llmRequest(deps.model, failure.kind)
        ctx.log.info({ status: failure.status, errorType: failure.type, waitMs, attempt }, 'claude request retried')
      },
    }

    for (let round = 0; ; ) {
      const outcome = await callWithRetries(
        callDeps,
        {
          model: deps.model,
          max_tokens: maxTokens,
          system: prefix.system,
          tools: prefix.tools,
          messages: withTailBreakpoint([...base, ...rounds], cache),
        },
        deadline,
      )
      // A request that ended here (an earlier failed try was counted by onRetry; an open breaker sent none).
      if (outcome.ok) deps.observer?.llmRequest(deps.model, 'ok')
      else if (outcome.failure) deps.observer?.llmRequest(deps.model, outcome.failure.kind)
      if (!outcome.ok) return fallBack(ctx, unavailable(ctx, outcome.reason, outcome.failure), usage, invocations)
      const message = outcome.message
      addUsage(usage, message.usage)
      deps.observer?.llmTokens(deps.model, message.usage)
      const stop = message.stop_reason
      const text = masker.restore(textOf(message))
      const toolUses = message.content.filter((block): block is ToolUseBlock => block.type === 'tool_use')

      if (stop === 'tool_use' && toolUses.length > 0) {
        if (round >= maxToolRounds) {
          ctx.log.warn({ rounds: round, usage }, 'claude reached the tool-round limit')
          if (stagedWrites(invocations).length > 0) return priced({ replies: stagedReplies('', invocations) }, usage)
          return priced({ replies: [{ text: t(ctx.locale, 'claude.roundLimit') }], gaveUp: true }, usage)
        }
        round++
        const outcomes = await Promise.all(toolUses.map((block) => runToolUse(ctx, masker, block)))
        rounds = [
          ...rounds,
          { role: 'assistant', content: message.content.map(toParam) },
          { role: 'user', content: outcomes.map(([result]) => result) },
        ]
        for (const [, invocation] of outcomes) if (invocation) invocations.push(invocation)
        continue
      }
      if (stop === 'pause_turn') {
        // The API paused a long turn; sending its content back lets it carry on.
        ctx.log.warn({ stopReason: stop, rounds: round }, 'claude paused its turn; continuing')
        if (round >= maxToolRounds) return fallBack(ctx, { kind: 'incomplete', stopReason: stop }, usage, invocations)
        round++
        rounds = [...rounds, { role: 'assistant', content: message.content.map(toParam) }]
        continue
      }
      if (stop === 'max_tokens') {
        // Cut mid-sentence, or a tool call cut off: nothing of it is used.
        ctx.log.warn({ stopReason: stop, maxTokens, retried: retried.maxTokens }, 'claude answer cut at max_tokens')
        if (retried.maxTokens) return fallBack(ctx, { kind: 'incomplete', stopReason: stop }, usage, invocations)
        retried.maxTokens = true
        maxTokens *= 2
        continue
      }
      if (stop === 'model_context_window_exceeded') {
        ctx.log.warn({ stopReason: stop, retried: retried.contextWindow }, 'claude context window exceeded')
        if (retried.contextWindow) return fallBack(ctx, { kind: 'incomplete', stopReason: stop }, usage, invocations)
        retried.contextWindow = true
        base = buildMessages(ctx, Math.floor(deps.maxHistoryTokens / 4), masker, cache)
        continue
      }
      if (stop === 'refusal' || (stop !== 'end_turn' && stop !== 'tool_use')) {
        // A refusal's text, or an answer stopped by a stop sequence nobody set, is never shown.
        ctx.log.warn({ stopReason: stop }, 'claude stopped without a usable answer')
        if (stagedWrites(invocations).length > 0) return priced({ replies: stagedReplies('', invocations) }, usage)
        if (stop === 'refusal') {
          return priced({ replies: [{ text: t(ctx.locale, 'claude.noAnswer') }], gaveUp: true }, usage)
        }
        return fallBack(ctx, { kind: 'incomplete', stopReason: String(stop) }, usage, invocations)
      }
      ctx.log.info({ rounds: round, stopReason: stop, usage }, 'claude answered')
      if (stagedWrites(invocations).length > 0) return priced({ replies: stagedReplies(text, invocations) }, usage)
      if (text === '') {
        return priced({ replies: [{ text: t(ctx.locale, 'claude.noAnswer') }], gaveUp: true }, usage)
      }
      return priced({ replies: textReplies(text, invocations) }, usage)
    }
  }

  return {
    name: 'claude',
    model: deps.model,
    respond,
    checkSetup: () => setup.check(),
    status: () => {
      const openUntil = breaker.openUntil()
      return {
        model: deps.model,
        setup: setup.status(),
        breaker: { state: breaker.state(), openUntil: openUntil === null ? null : new Date(openUntil).toISOString() },
      }
    },
  }
}

function textOf(message: Message): string {
  return message.content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('')
    .trim()
}

/** A response block as it goes back in the next request (only the fields the API accepts as input). */
function toParam(block: ContentBlock): ContentBlockParam {
  if (block.type === 'text') return { type: 'text', text: block.text }
  if (block.type === 'tool_use') return { type: 'tool_use', id: block.id, name: block.name, input: block.input }
  return block as ContentBlockParam
}

function addUsage(total: TokenUsage, usage: Usage): void {
  total.inputTokens += usage.input_tokens ?? 0
  total.outputTokens += usage.output_tokens ?? 0
  total.cacheReadTokens += usage.cache_read_input_tokens ?? 0
  total.cacheWriteTokens += usage.cache_creation_input_tokens ?? 0
}

function hasUsage(usage: TokenUsage): boolean {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens > 0
}
