/**
 * The Messages API request of one turn, laid out for the prompt cache. The API caches a request's prefix up to
 * each block marked `cache_control` (at most four) and reuses it when a later request starts with the same bytes:
 *
 *   tools ▸ system ▸ earlier turns ▸ this message (note + text) ▸ tool rounds …
 *        ①        ②              ③                                  ④
 *
 * ① and ② hold everything static (the rules, the knowledge base, the tool schemas), the same for every customer.
 * ③ is the end of the conversation so far: the next message's request starts with exactly these turns (history
 * is rebuilt from the database the same way each time, its texts masked the same way), so it reads them from the
 * cache and only its own new turns are written. ④ moves to the last block of each request within a turn, so each
 * tool round reads the previous round. The per-message note (verified or not, the date and time) sits after ③,
 * where it changes nothing cached.
 */
import type { MessageParam, TextBlockParam, Tool, ToolInputSchema } from './anthropic-api.ts'
import { mergeTurns, trimHistory } from './history.ts'
import type { Masker } from './personal-data.ts'
import { buildSystemPrompt, buildTurnContext, type SystemPromptOptions } from './prompt.ts'
import type { AgentContext } from './types.ts'

export type CacheTtl = '5m' | '1h'

/** A tool as Claude sees it: the registry's name, description and input JSON Schema (an object schema). */
export interface ClaudeToolDefinition {
  name: string
  description: string
  inputSchema: object
}

export interface CacheOptions {
  /** False sends no cache_control at all (the bench's "without caching" line). */
  enabled: boolean
  ttl: CacheTtl
}

type CacheControl = { type: 'ephemeral'; ttl?: CacheTtl }

function cacheControl(options: CacheOptions): CacheControl {
  // The 5-minute lifetime is the API's default; naming it would change nothing but the bytes.
  return options.ttl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' }
}

/** The static part of every request: system blocks and tools, with breakpoints ① and ②. */
export function staticPrefix(
  prompt: SystemPromptOptions,
  tools: readonly ClaudeToolDefinition[],
  cache: CacheOptions,
): { system: TextBlockParam[]; tools: Tool[] } {
  const mark = cache.enabled ? { cache_control: cacheControl(cache) } : {}
  const system: TextBlockParam[] = buildSystemPrompt(prompt).map((text, i, all) =>
    i === all.length - 1 ? { type: 'text', text, ...mark } : { type: 'text', text },
  )
  const toolList: Tool[] = tools.map((tool, i, all) => ({
    name: tool.name,
    description: tool.description,
    input_schema: toInputSchema(tool.inputSchema),
    ...(i === all.length - 1 ? mark : {}),
  }))
  return { system, tools: toolList }
}

/** zod's converter adds `$schema`, which the tool definition does not need. */
function toInputSchema(schema: object): ToolInputSchema {
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>
  return { ...rest, type: 'object' }
}

/**
 * Earlier turns within the budget (masked, breakpoint ③ on the last), then this message: the note and the
 * customer's masked text.
 */
export function buildMessages(
  ctx: Pick<AgentContext, 'history' | 'text' | 'verified' | 'locale' | 'lastOrderNumber' | 'now'>,
  maxHistoryTokens: number,
  masker: Masker,
  cache: CacheOptions,
): MessageParam[] {
  const earlier = mergeTurns(trimHistory(ctx.history, maxHistoryTokens))
  const messages: MessageParam[] = earlier.map((turn) => ({
    role: turn.role,
    content: [{ type: 'text', text: masker.mask(turn.text) }],
  }))
  const last = messages.at(-1)
  if (cache.enabled && last && Array.isArray(last.content)) {
    const block = last.content.at(-1) as TextBlockParam
    block.cache_control = cacheControl(cache)
  }
  const note = buildTurnContext({
    verified: ctx.verified,
    locale: ctx.locale,
    lastOrderNumber: ctx.lastOrderNumber,
    now: ctx.now,
  })
  const text: TextBlockParam = { type: 'text', text: masker.mask(ctx.text) || '…' }
  const newest: MessageParam = { role: 'user', content: [{ type: 'text', text: note }, text] }
  // Two user turns in a row (an earlier message the model never answered) are one turn to the API.
  if (last?.role === 'user' && Array.isArray(last.content)) {
    last.content.push(...(newest.content as TextBlockParam[]))
    return messages
  }
  messages.push(newest)
  return messages
}

/**
 * The messages as sent: a copy with breakpoint ④ on the last block of the last message (blocks before it are
 * shared, not copied, and keep their own marks).
 */
export function withTailBreakpoint(messages: readonly MessageParam[], cache: CacheOptions): MessageParam[] {
  const last = messages.at(-1)
  if (!cache.enabled || !last || !Array.isArray(last.content) || last.content.length === 0) return [...messages]
  const blocks = [...last.content]
  const tail = blocks.at(-1) as (typeof blocks)[number] & { cache_control?: CacheControl }
  if (tail.type === 'text' || tail.type === 'tool_result' || tail.type === 'tool_use') {
    blocks[blocks.length - 1] = { ...tail, cache_control: cacheControl(cache) } as (typeof blocks)[number]
  }
  return [...messages.slice(0, -1), { ...last, content: blocks } as MessageParam]
}
