/**
 * What prompt caching saves: a scripted four-message tracking conversation of a verified customer through the
 * real core and Claude agent, answered by the stand-in model (test/msw/anthropic-stand-in.ts) with usage billed
 * by the prompt-cache simulator (test/msw/prompt-cache-sim.ts), once with caching and once without. The figure is
 * input tokens as billed: cache reads weigh 0.1, writes 1.25 (5-minute lifetime). Target: at most 35 % of the
 * uncached figure. Also the request sizes, for the record.
 */
import { setupServer } from 'msw/node'
import { billedInputTokens } from '../src/agent/cost.ts'
import type { TokenUsage } from '../src/agent/types.ts'
import { createApp } from '../src/app.ts'
import type { Database } from '../src/db/client.ts'
import { openDatabase } from '../src/db/client.ts'
import { prepareDatabase } from '../src/db/prepare.ts'
import { silentLogger } from '../src/logger.ts'
import { type AnthropicFake, createAnthropicFake, drainMockedResponses } from '../test/msw/anthropic.ts'
import { createStandInModel } from '../test/msw/anthropic-stand-in.ts'
import { createPromptCacheSimulator, estimateTokens } from '../test/msw/prompt-cache-sim.ts'
import type { BenchOptions } from './services.ts'

/** The customer's four messages: where is my order, when will it arrive, and the other order, and the payment. */
export const trackingConversation = [
  'Pesanan ORD-2025-001 sudah sampai mana kak?',
  'Lacak lagi ya, kapan kira-kira sampainya?',
  'Kalau pesanan ORD-2025-003 gimana statusnya?',
  'Oke makasih. Pembayaran ORD-2025-001 sudah masuk kan?',
]

export interface CachingRun {
  requests: number
  usage: TokenUsage
  billedInputTokens: number
  /** Bytes of each request body, in order. */
  requestBytes: number[]
  /** Estimated tokens of the static prefix (tools and system prompt). */
  prefixTokens: number
  replies: string[]
}

export interface TrackingConversationOptions {
  /** A demo database to use (default: a fresh in-memory one). */
  db?: Database
  /**
   * A fake API already intercepting requests, with the stand-in model and a cache simulator (tests have one);
   * it is reset first. Default: one of its own for the run.
   */
  fake?: AnthropicFake
}

/** Runs the conversation once, with or without prompt caching. */
export async function runTrackingConversation(
  caching: boolean,
  options: TrackingConversationOptions = {},
): Promise<CachingRun> {
  const own = options.db ?? (await openDatabase({ inMemory: true }))
  const log = silentLogger()
  if (!options.db) await prepareDatabase(own, { migrate: true, seedWhenEmpty: true, log })
  const fake =
    options.fake ?? createAnthropicFake({ responder: createStandInModel(), cache: createPromptCacheSimulator() })
  fake.reset()
  const server = options.fake ? null : setupServer(...fake.handlers)
  if (server) {
    drainMockedResponses(server)
    server.listen({ onUnhandledRequest: 'bypass' })
  }
  try {
    const built = createApp({
      db: own,
      log,
      config: { ANTHROPIC_API_KEY: 'sk-bench', ANTHROPIC_MODEL: 'claude-bench' },
      agent: 'claude',
      claude: { promptCaching: caching },
    })
    const user = `bench-cache-${caching ? 'on' : 'off'}-${Date.now()}`
    const identity = await built.services.crm.resolveIdentity('cli', user)
    await built.services.crm.linkByPhone(identity.id, '+6281234567890', 'bench')
    const replies: string[] = []
    for (const [i, text] of trackingConversation.entries()) {
      const answer = await built.core.handle({
        channel: 'cli',
        externalUserId: user,
        externalChatId: user,
        externalMessageId: `m${i}`,
        text,
        receivedAt: new Date(),
      })
      replies.push(answer.map((reply) => reply.text).join('\n'))
    }
    const rows = await own.prisma.message.findMany({
      where: { role: 'assistant', conversation: { identityId: identity.id } },
    })
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
    for (const row of rows) {
      usage.inputTokens += row.inputTokens ?? 0
      usage.outputTokens += row.outputTokens ?? 0
      usage.cacheReadTokens += row.cacheReadTokens ?? 0
      usage.cacheWriteTokens += row.cacheWriteTokens ?? 0
    }
    const first = fake.requests[0]
    const prefixTokens =
      estimateTokens(JSON.stringify(first?.tools ?? [])) + estimateTokens(JSON.stringify(first?.system ?? []))
    return {
      requests: fake.requests.length,
      usage,
      billedInputTokens: billedInputTokens(usage),
      requestBytes: fake.requests.map((request) => Buffer.byteLength(JSON.stringify(request))),
      prefixTokens,
      replies,
    }
  } finally {
    server?.close()
    if (!options.db) await own.close()
  }
}

export async function runClaudeCacheBench({ emit }: BenchOptions): Promise<void> {
  const cached = await runTrackingConversation(true)
  const uncached = await runTrackingConversation(false)
  const sizes = [...cached.requestBytes].sort((a, b) => a - b)
  emit({
    bench: 'claude.billed_input_tokens',
    db: 'pglite',
    messages: trackingConversation.length,
    requests: cached.requests,
    cached: Math.round(cached.billedInputTokens),
    uncached: Math.round(uncached.billedInputTokens),
    ratio: Math.round((cached.billedInputTokens / uncached.billedInputTokens) * 1000) / 1000,
    target: 0.35,
    cache_read_tokens: cached.usage.cacheReadTokens,
    cache_write_tokens: cached.usage.cacheWriteTokens,
    uncached_input_tokens: cached.usage.inputTokens,
    prefix_tokens: cached.prefixTokens,
    request_bytes_min: sizes[0],
    request_bytes_max: sizes.at(-1),
  })
}
