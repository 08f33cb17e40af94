/**
 * Known and lower cost, through the real core and database: cache breakpoints on the static prefix, the history
 * and the newest block; the history's prefix read back from the cache on the next message; model, tokens and
 * estimated cost recorded per answer and per conversation, and a per-conversation summary logged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runTrackingConversation } from '../../../bench/claude-cache.ts'
import type { Database } from '../../../src/db/client.ts'
import {
  type ClaudeCore,
  claudeCore,
  logged,
  say,
  testClaudeModel,
  useAnthropicServer,
  verifiedSender,
} from '../../helpers/claude.ts'
import { capturingLogger, newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import type { RecordedRequest } from '../../msw/anthropic.ts'
import { createStandInModel } from '../../msw/anthropic-stand-in.ts'
import { createPromptCacheSimulator } from '../../msw/prompt-cache-sim.ts'

const anthropic = useAnthropicServer({ responder: createStandInModel(), cache: createPromptCacheSimulator() })

/** Every `cache_control` in a request, where it sits. */
function breakpoints(request: RecordedRequest | undefined): string[] {
  const found: string[] = []
  for (const [i, tool] of (request?.tools ?? []).entries()) if (tool.cache_control) found.push(`tools[${i}]`)
  for (const [i, block] of (request?.system ?? []).entries()) if (block.cache_control) found.push(`system[${i}]`)
  for (const [m, message] of (request?.messages ?? []).entries()) {
    if (!Array.isArray(message.content)) continue
    for (const [b, block] of message.content.entries()) {
      if ((block as { cache_control?: unknown }).cache_control) found.push(`messages[${m}][${b}]`)
    }
  }
  return found
}

describe.each(testDbKinds)('Claude cost (%s)', (kind) => {
  let db: Database
  let built: ClaudeCore
  let lines: Record<string, unknown>[]
  let adi: string

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    const capture = capturingLogger()
    lines = capture.lines
    built = claudeCore(db, capture.log)
    adi = await verifiedSender(built, newUser('adi'))
  })
  afterEach(async () => {
    await db.close()
  })

  it('marks tools, system, the end of the history and the newest block; the next message reads the history back', async () => {
    await say(built, adi, 'Pesanan ORD-2025-001 sudah sampai mana?')
    const firstTurn = anthropic.requests.length
    await say(built, adi, 'Kalau ORD-2025-003?')

    const next = anthropic.requests[firstTurn]
    const tools = next?.tools?.length ?? 0
    const system = next?.system?.length ?? 0
    const messages = next?.messages ?? []
    expect(breakpoints(next)).toEqual([
      `tools[${tools - 1}]`,
      `system[${system - 1}]`,
      // The previous answer (end of the history), then the newest message's text.
      `messages[${messages.length - 2}][0]`,
      `messages[${messages.length - 1}][1]`,
    ])
    const rows = await db.prisma.message.findMany({ where: { role: 'assistant' }, orderBy: { createdAt: 'asc' } })
    // The second message's first request read the first message's whole conversation from the cache.
    const [first, second] = rows
    expect(second?.cacheReadTokens).toBeGreaterThan(first?.cacheWriteTokens ?? 0)
    expect(second?.cacheWriteTokens).toBeLessThan((first?.cacheWriteTokens ?? 0) / 4)
  })

  it('records model, tokens and cost per answer and per conversation, and logs the conversation summary', async () => {
    const one = await say(built, adi, 'Pesanan ORD-2025-001 sudah sampai mana?')
    await say(built, adi, 'Pembayaran ORD-2025-001 sudah masuk?')

    const rows = await db.prisma.message.findMany({ where: { role: 'assistant', conversationId: one.conversationId! } })
    const sum = (key: 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens' | 'costMicroUsd') =>
      rows.reduce((total, row) => total + (row[key] ?? 0), 0)
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { id: one.conversationId! } })
    expect(conversation).toMatchObject({
      model: testClaudeModel,
      inputTokens: sum('inputTokens'),
      outputTokens: sum('outputTokens'),
      cacheReadTokens: sum('cacheReadTokens'),
      cacheWriteTokens: sum('cacheWriteTokens'),
    })
    expect(Number(conversation.costMicroUsd)).toBe(sum('costMicroUsd'))
    expect(sum('cacheReadTokens')).toBeGreaterThan(0)
    for (const row of rows) {
      const expected =
        (row.inputTokens! + row.cacheWriteTokens! * 1.25 + row.cacheReadTokens! * 0.1) * 3 + row.outputTokens! * 15
      expect(row.costMicroUsd).toBe(Math.round(expected))
      expect(row.model).toBe(testClaudeModel)
    }
    const summaries = logged(lines, 'conversation usage')
    expect(summaries).toHaveLength(2)
    expect(summaries[1]).toMatchObject({
      conversationId: one.conversationId,
      model: testClaudeModel,
      conversation: { cacheReadTokens: sum('cacheReadTokens'), costMicroUsd: sum('costMicroUsd') },
    })
  })

  it('uses the 1-hour lifetime on every breakpoint with ANTHROPIC_CACHE_TTL=1h, and prices writes at 2x', async () => {
    built = claudeCore(db, capturingLogger().log, {
      ANTHROPIC_CACHE_TTL: '1h',
      ANTHROPIC_PRICE_INPUT_PER_MTOK: 1,
      ANTHROPIC_PRICE_OUTPUT_PER_MTOK: 5,
    })
    const user = await verifiedSender(built, newUser('quiet'))

    await say(built, user, 'jam buka toko?')

    const [request] = anthropic.requests
    expect(request?.tools?.at(-1)?.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' })
    expect(request?.system?.at(-1)?.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' })
    const [row] = await db.prisma.message.findMany({ where: { role: 'assistant' } })
    expect(row?.costMicroUsd).toBe(
      Math.round(row!.inputTokens! + row!.cacheWriteTokens! * 2 + row!.cacheReadTokens! * 0.1 + row!.outputTokens! * 5),
    )
  })

  it('bills at most 35 % of the uncached input tokens for a four-message tracking conversation', async () => {
    const cached = await runTrackingConversation(true, { db, fake: anthropic })
    const uncached = await runTrackingConversation(false, { db, fake: anthropic })

    expect(cached.requests).toBe(8)
    // The conversation was answered, with the same answers either way.
    for (const [i, part] of ['JNE123456789', 'JNE123456789', 'SCP1234567890', 'Rp150.000'].entries()) {
      expect(cached.replies[i]).toContain(part)
    }
    expect(uncached.replies).toEqual(cached.replies)
    expect(cached.billedInputTokens / uncached.billedInputTokens).toBeLessThanOrEqual(0.35)
  })
})
