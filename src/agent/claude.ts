/**
 * The Claude agent: the Messages API with the shop's tools in a loop. The only module that imports the
 * Anthropic SDK, so SDK changes stay here.
 *
 * One `respond` call: trimmed history + the new message → Claude; while Claude asks for tools (up to
 * `maxToolRounds` rounds) run every tool call of the turn in parallel through `ctx.callTool` and answer with one
 * user message of tool results; Claude's final text becomes the Reply, carrying the buttons the tools produced
 * (a cancel_order call yields the confirm/reject buttons although Claude only writes text). When the API fails
 * for good (after the SDK's own retries) the fallback agent answers, marked as limited mode.
 *
 * The SDK is loaded when the first Claude agent is made, not when this module is: a server without
 * ANTHROPIC_API_KEY never loads it.
 */
import type Anthropic from '@anthropic-ai/sdk'
import type { AnthropicError, ClientOptions } from '@anthropic-ai/sdk'
import type { Reply, ReplyButton } from '../core/types.ts'
import { claudeMessage } from '../i18n/claude-messages.ts'
import type { Logger } from '../logger.ts'
import { mergeTurns, trimHistory } from './history.ts'
import { buildSystemPrompt, buildTurnContext } from './prompt.ts'
import type { Agent, AgentContext, AgentResponse, TokenUsage, ToolInvocation } from './types.ts'

type MessageParam = Anthropic.Messages.MessageParam
type ContentBlock = Anthropic.Messages.ContentBlock
type ContentBlockParam = Anthropic.Messages.ContentBlockParam
type ToolUseBlock = Anthropic.Messages.ToolUseBlock
type ToolResultBlockParam = Anthropic.Messages.ToolResultBlockParam

/** A tool as Claude sees it: the registry's name, description and input JSON Schema (an object schema). */
export interface ClaudeToolDefinition {
  name: string
  description: string
  inputSchema: object
}

export interface ClaudeAgentDeps {
  apiKey: string
  /** e.g. "claude-sonnet-4-6" (ANTHROPIC_MODEL). */
  model: string
  baseURL?: string
  tools: ClaudeToolDefinition[]
  knowledgeText: string
  shopName: string
  /** Answers when the API fails for good (the rule agent). */
  fallback: Agent
  /** Token budget for earlier turns (estimated at ~4 characters a token). */
  maxHistoryTokens: number
  /** Tool rounds per message before giving up honestly. Default 6. */
  maxToolRounds?: number
  /** Per API request. Default 30 000 ms. */
  timeoutMs?: number
  /** SDK retries for connection errors, 408, 409, 429 and 5xx (529 included). Default 2. */
  maxRetries?: number
  /** max_tokens of one answer. Default 1024. */
  maxOutputTokens?: number
  log: Logger
  /** Defaults to the global fetch, looked up at call time. */
  fetch?: typeof globalThis.fetch
}

const ephemeral = { type: 'ephemeral' } as const

let sdk: Promise<typeof import('@anthropic-ai/sdk')> | undefined
const loadSdk = () => {
  sdk ??= import('@anthropic-ai/sdk')
  return sdk
}

/** `createClaudeAgent({ apiKey, model, tools, knowledgeText, shopName, fallback: ruleAgent, maxHistoryTokens: 4000, log })` */
export function createClaudeAgent(deps: ClaudeAgentDeps): Agent {
  const maxToolRounds = deps.maxToolRounds ?? 6
  const maxOutputTokens = deps.maxOutputTokens ?? 1024
  const sdkLog = deps.log.child({ component: 'anthropic-sdk' })
  const loading = loadSdk()
  const client = loading.then(
    ({ default: Anthropic }) =>
      new Anthropic({
        apiKey: deps.apiKey,
        baseURL: deps.baseURL ?? null,
        maxRetries: deps.maxRetries ?? 2,
        timeout: deps.timeoutMs ?? 30_000,
        // Looked up per request rather than captured now, so a fetch patched later (MSW, instrumentation) is used.
        fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        logLevel: 'warn',
        logger: {
          error: (message, ...rest) => sdkLog.error({ details: rest }, message),
          warn: (message, ...rest) => sdkLog.warn({ details: rest }, message),
          info: (message, ...rest) => sdkLog.info({ details: rest }, message),
          debug: (message, ...rest) => sdkLog.debug({ details: rest }, message),
        } satisfies NonNullable<ClientOptions['logger']>,
      }),
  )
  // A failure to load or construct surfaces at the first respond, not as an unhandled rejection now.
  client.catch(() => undefined)

  // Tools, then system: marking the last of each caches the whole static prefix.
  const system: Anthropic.Messages.TextBlockParam[] = buildSystemPrompt(deps).map((text, i, all) =>
    i === all.length - 1 ? { type: 'text', text, cache_control: ephemeral } : { type: 'text', text },
  )
  const tools: Anthropic.Messages.Tool[] = deps.tools.map((tool, i, all) => ({
    name: tool.name,
    description: tool.description,
    input_schema: toInputSchema(tool.inputSchema),
    ...(i === all.length - 1 ? { cache_control: ephemeral } : {}),
  }))
  const toolNames = new Set(deps.tools.map((tool) => tool.name))

  async function runToolUse(ctx: AgentContext, block: ToolUseBlock): Promise<[ToolResultBlockParam, ToolInvocation?]> {
    if (!toolNames.has(block.name)) {
      ctx.log.warn({ tool: block.name }, 'claude asked for an unknown tool')
      const error = { error: 'unknown_tool', message: `There is no tool named "${block.name}".` }
      return [{ type: 'tool_result', tool_use_id: block.id, content: JSON.stringify(error), is_error: true }]
    }
    let invocation: ToolInvocation
    try {
      invocation = await ctx.callTool(block.name, block.input)
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
      content: JSON.stringify(invocation.result ?? null),
      ...(invocation.ok ? {} : { is_error: true }),
    }
    return [result, invocation]
  }

  async function fallBack(ctx: AgentContext, error: AnthropicError, usage: TokenUsage): Promise<AgentResponse> {
    const { APIError } = await loading
    const status = error instanceof APIError ? error.status : undefined
    const level = status === 401 || status === 403 || status === 400 ? 'error' : 'warn'
    ctx.log[level]({ err: error, status, errorName: error.name }, 'claude unavailable; the rule agent answers')
    const answer = await deps.fallback.respond(ctx)
    const notice = claudeMessage('limitedMode', ctx.locale)
    const [first, ...rest] = answer.replies
    const replies: Reply[] = [
      { ...first, text: first ? `${notice}\n\n${first.text}` : notice, limitedMode: true },
      ...rest.map((reply) => ({ ...reply, limitedMode: true })),
    ]
    return {
      replies,
      limitedMode: true,
      ...(answer.gaveUp ? { gaveUp: true } : {}),
      ...(hasUsage(usage) ? { usage } : {}),
    }
  }

  async function respond(ctx: AgentContext): Promise<AgentResponse> {
    const messages = buildMessages(ctx, deps.maxHistoryTokens)
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
    const invocations: ToolInvocation[] = []
    const [{ AnthropicError }, api] = await Promise.all([loading, client])
    for (let round = 0; ; round++) {
      let message: Anthropic.Messages.Message
      try {
        message = await api.messages.create({
          model: deps.model,
          max_tokens: maxOutputTokens,
          system,
          tools,
          messages,
        })
      } catch (error) {
        if (error instanceof AnthropicError) return fallBack(ctx, error, usage)
        throw error
      }
      addUsage(usage, message.usage)
      const toolUses = message.content.filter((block): block is ToolUseBlock => block.type === 'tool_use')
      if (message.stop_reason !== 'tool_use' || toolUses.length === 0) {
        ctx.log.info({ rounds: round, stopReason: message.stop_reason, usage }, 'claude answered')
        return finalAnswer(ctx, message, invocations, usage)
      }
      if (round >= maxToolRounds) {
        ctx.log.warn({ rounds: round, usage }, 'claude reached the tool-round limit')
        return { replies: [{ text: claudeMessage('roundLimit', ctx.locale) }], usage, gaveUp: true }
      }
      messages.push({ role: 'assistant', content: message.content.map(toParam) })
      const outcomes = await Promise.all(toolUses.map((block) => runToolUse(ctx, block)))
      messages.push({ role: 'user', content: outcomes.map(([result]) => result) })
      for (const [, invocation] of outcomes) if (invocation) invocations.push(invocation)
    }
  }

  return { name: 'claude', respond }
}

/** Earlier turns within the budget, then the new message preceded by the per-message context note. */
function buildMessages(ctx: AgentContext, maxHistoryTokens: number): MessageParam[] {
  const turns = mergeTurns([...trimHistory(ctx.history, maxHistoryTokens), { role: 'user', text: ctx.text || '…' }])
  const note = buildTurnContext({ verified: ctx.verified, locale: ctx.locale, lastOrderNumber: ctx.lastOrderNumber })
  return turns.map((turn, i): MessageParam => {
    if (i < turns.length - 1) return { role: turn.role, content: turn.text }
    return {
      role: 'user',
      content: [
        { type: 'text', text: note },
        { type: 'text', text: turn.text },
      ],
    }
  })
}

function finalAnswer(
  ctx: AgentContext,
  message: Anthropic.Messages.Message,
  invocations: ToolInvocation[],
  usage: TokenUsage,
): AgentResponse {
  const text = message.content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('')
    .trim()
  if (text === '') return { replies: [{ text: claudeMessage('noAnswer', ctx.locale) }], usage, gaveUp: true }
  const reply: Reply = { text }
  const buttons = collectButtons(invocations)
  if (buttons.length > 0) reply.buttons = buttons
  if (invocations.some((invocation) => invocation.reply.requestContact)) reply.requestContact = true
  return { replies: [reply], usage }
}

/** Every button the tools produced this turn, first occurrence kept. */
function collectButtons(invocations: ToolInvocation[]): ReplyButton[] {
  const seen = new Set<string>()
  const buttons: ReplyButton[] = []
  for (const button of invocations.flatMap((invocation) => invocation.reply.buttons ?? [])) {
    const key = JSON.stringify(button.action)
    if (seen.has(key)) continue
    seen.add(key)
    buttons.push(button)
  }
  return buttons
}

/** A response block as it goes back in the next request (only the fields the API accepts as input). */
function toParam(block: ContentBlock): ContentBlockParam {
  if (block.type === 'text') return { type: 'text', text: block.text }
  if (block.type === 'tool_use') return { type: 'tool_use', id: block.id, name: block.name, input: block.input }
  return block as ContentBlockParam
}

/** zod's converter adds `$schema`, which the tool definition does not need. */
function toInputSchema(schema: object): Anthropic.Messages.Tool.InputSchema {
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>
  return { ...rest, type: 'object' }
}

function addUsage(total: TokenUsage, usage: Anthropic.Messages.Usage): void {
  total.inputTokens += usage.input_tokens ?? 0
  total.outputTokens += usage.output_tokens ?? 0
  total.cacheReadTokens += usage.cache_read_input_tokens ?? 0
  total.cacheWriteTokens += usage.cache_creation_input_tokens ?? 0
}

function hasUsage(usage: TokenUsage): boolean {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens > 0
}
