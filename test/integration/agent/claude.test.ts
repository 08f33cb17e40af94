/**
 * The Claude agent's tool loop through the real core, tools and database, with the Messages API answered by MSW:
 * what it sends (tools, results, history), what the customer gets back, and what reaches the model of another
 * customer's data (nothing).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { estimateTokens } from '../../../src/agent/history.ts'
import type { Database } from '../../../src/db/client.ts'
import { messages } from '../../../src/i18n/messages.ts'
import { silentLogger } from '../../../src/logger.ts'
import { toolJsonSchemas } from '../../../tools/index.ts'
import {
  type ClaudeCore,
  claudeCore,
  say,
  testClaudeModel,
  useAnthropicServer,
  verifiedSender,
} from '../../helpers/claude.ts'
import { newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { type RecordedBlock, type RecordedRequest, textResponse, toolUseResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

function lastBlocks(request: RecordedRequest | undefined): RecordedBlock[] {
  const content = request?.messages.at(-1)?.content
  if (!Array.isArray(content)) throw new Error('the last message has no content blocks')
  return content
}

function toolResults(request: RecordedRequest | undefined) {
  return lastBlocks(request).filter((block) => block.type === 'tool_result')
}

describe.each(testDbKinds)('Claude agent through the core (%s)', (kind) => {
  let db: Database
  let built: ClaudeCore
  let adi: string

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    built = claudeCore(db, silentLogger())
    adi = await verifiedSender(built, newUser('adi'))
  })
  afterEach(async () => {
    await db.close()
  })

  it('runs a tool on the real database and answers with the model text, storing usage, model and cost', async () => {
    anthropic.script(
      toolUseResponse([{ id: 'toolu_track', name: 'track_order', input: { orderNumber: 'ord 2025 001' } }], {
        text: 'Saya cek dulu ya kak.',
        usage: { input_tokens: 1000, output_tokens: 50, cache_creation_input_tokens: 800, cache_read_input_tokens: 0 },
      }),
      textResponse('Pesanan **ORD-2025-001** sedang dikirim dengan JNE (resi JNE123456789).', {
        usage: { input_tokens: 1200, output_tokens: 80, cache_creation_input_tokens: 0, cache_read_input_tokens: 800 },
      }),
    )

    const trace = await say(built, adi, 'Pesanan ORD-2025-001 sudah sampai mana kak?')

    // The model's words, with the courier link button the tool made.
    expect(trace.replies).toEqual([
      {
        text: 'Pesanan **ORD-2025-001** sedang dikirim dengan JNE (resi JNE123456789).',
        buttons: [
          { label: '🔗 Lacak Paket', action: { url: 'https://www.jne.co.id/tracking-package?awb=JNE123456789' } },
        ],
      },
    ])
    expect(trace.tools).toMatchObject([{ name: 'track_order', ok: true }])
    expect(anthropic.requests).toHaveLength(2)
    const second = anthropic.requests[1]
    expect(second?.messages.at(-2)).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Saya cek dulu ya kak.' },
        { type: 'tool_use', id: 'toolu_track', name: 'track_order', input: { orderNumber: 'ord 2025 001' } },
      ],
    })
    const [result] = toolResults(second)
    expect(result).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_track' })
    expect(result?.is_error).toBeUndefined()
    const data = JSON.parse(result!.content)
    expect(data).toMatchObject({
      ok: true,
      data: { orderNumber: 'ORD-2025-001', orderStatus: 'SHIPPED', shipment: { trackingNumber: 'JNE123456789' } },
    })

    const [answer] = await db.prisma.message.findMany({
      where: { conversationId: trace.conversationId!, role: 'assistant' },
    })
    expect(answer).toMatchObject({
      inputTokens: 2200,
      outputTokens: 130,
      cacheReadTokens: 800,
      cacheWriteTokens: 800,
      model: testClaudeModel,
    })
    // $3 / $15 per million: 2200 + 800 × 1.25 + 800 × 0.1 = 3280 input-equivalents × 3 + 130 × 15.
    expect(answer?.costMicroUsd).toBe(3280 * 3 + 130 * 15)
    const calls = await db.prisma.toolCall.findMany({ where: { conversationId: trace.conversationId! } })
    expect(calls.map((call) => [call.name, call.ok])).toEqual([['track_order', true]])
  })

  it('runs the tool calls of one turn together and answers them in one user message, in order', async () => {
    anthropic.script(
      toolUseResponse([
        { id: 'toolu_a', name: 'track_order', input: { orderNumber: 'ORD-2025-001' } },
        { id: 'toolu_b', name: 'verify_payment', input: { orderNumber: 'ORD-2025-001' } },
      ]),
      textResponse('Sudah dibayar dan sedang dikirim, kak.'),
    )

    const trace = await say(built, adi, 'status kirim dan bayar ORD-2025-001?')

    expect(trace.replies[0]?.text).toBe('Sudah dibayar dan sedang dikirim, kak.')
    expect(trace.tools.map((tool) => tool.name)).toEqual(['track_order', 'verify_payment'])
    const results = toolResults(anthropic.requests[1])
    expect(results.map((result) => result.tool_use_id)).toEqual(['toolu_a', 'toolu_b'])
    expect(lastBlocks(anthropic.requests[1])).toHaveLength(2)
    expect(JSON.parse(results[1]!.content)).toMatchObject({ ok: true, data: { isPaid: true, amount: 150_000 } })
  })

  it('returns a failed tool and an unknown tool to Claude as is_error results, running nothing unknown', async () => {
    anthropic.script(
      toolUseResponse([
        { id: 'toolu_missing', name: 'track_order', input: { orderNumber: 'ORD-2099-999' } },
        { id: 'toolu_evil', name: 'delete_all_orders', input: {} },
      ]),
      textResponse('Maaf kak, pesanan ORD-2099-999 tidak ada di akun kakak.'),
    )

    const trace = await say(built, adi, 'cek ORD-2099-999 lalu hapus semua pesanan')

    const [missing, evil] = toolResults(anthropic.requests[1])
    expect(missing).toMatchObject({ tool_use_id: 'toolu_missing', is_error: true })
    expect(JSON.parse(missing!.content)).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    expect(evil).toMatchObject({ tool_use_id: 'toolu_evil', is_error: true })
    expect(JSON.parse(evil!.content)).toMatchObject({ error: 'unknown_tool' })
    expect(trace.tools.map((tool) => tool.name)).toEqual(['track_order'])
    expect(trace.replies[0]?.text).toBe('Maaf kak, pesanan ORD-2099-999 tidak ada di akun kakak.')
  })

  it("never shows another customer's order: invented customer ids are ignored and nothing of Siti's reaches Claude", async () => {
    anthropic.script(
      toolUseResponse([
        { id: 'toolu_other', name: 'track_order', input: { orderNumber: 'ORD-2025-004', customerId: 'cust-siti' } },
      ]),
      textResponse('Maaf kak, pesanan ORD-2025-004 tidak ditemukan di akun kakak.'),
    )

    const trace = await say(built, adi, 'tolong cek pesanan ORD-2025-004 punya Siti')

    const [result] = toolResults(anthropic.requests[1])
    expect(result).toMatchObject({ tool_use_id: 'toolu_other', is_error: true })
    expect(JSON.parse(result!.content)).toMatchObject({ ok: false, error: { code: 'order_not_found' } })
    const sentByAgent = JSON.stringify(anthropic.requests.map((request) => request.messages.slice(1)))
    for (const secret of ['Siti Rahma', '170000', 'KAOS-001-S', 'OVO', '81298765432']) {
      expect(sentByAgent).not.toContain(secret)
      expect(JSON.stringify(trace.replies)).not.toContain(secret)
    }
  })

  it('asks an unverified sender to share the contact when a tool wanted verification', async () => {
    const stranger = newUser('stranger')
    anthropic.script(
      toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }]),
      textResponse('Kakak perlu verifikasi dulu ya.'),
    )

    const trace = await say(built, stranger, 'pesanan ORD-2025-001 dimana?')

    expect(trace.replies[0]?.requestContact).toBe(true)
    expect(JSON.parse(toolResults(anthropic.requests[1])[0]!.content)).toMatchObject({
      error: { code: 'verification_required' },
    })
    expect(lastBlocks(anthropic.requests[0])[0]).toMatchObject({ text: expect.stringMatching(/not verified/) })
  })

  it('sends the registry tools, the system prompt with the knowledge base, the model and the key', async () => {
    anthropic.script(textResponse('Buka setiap hari 08.00–21.00 WIB kak.'))

    await say(built, adi, 'jam buka?')

    const [request] = anthropic.requests
    expect(request?.model).toBe(testClaudeModel)
    expect(request?.max_tokens).toBe(1024)
    expect(anthropic.headers[0]?.authorization ?? anthropic.headers[0]?.['x-api-key']).toContain('sk-ant-test-key')
    expect(request?.tools?.map((tool) => tool.name)).toEqual(toolJsonSchemas().map((tool) => tool.name))
    expect(request?.system?.at(-1)?.text).toContain('08.00–21.00')
  })

  it('trims a long history to the budget, starting with a user turn, and keeps turns alternating', async () => {
    built = claudeCore(db, silentLogger(), { ANTHROPIC_MAX_HISTORY_TOKENS: 300 })
    const user = await verifiedSender(built, newUser('long'))
    const long = (i: number) => `pertanyaan ${i}: ${'apakah kaos ini tersedia dalam warna lain '.repeat(3)}`
    for (let i = 0; i < 8; i++) {
      anthropic.script(textResponse(`jawaban ${i}: ${'iya kak tersedia dalam beberapa warna '.repeat(3)}`))
      await say(built, user, long(i))
    }
    anthropic.requests.length = 0
    anthropic.script(textResponse('Baik kak.'))

    await say(built, user, 'pertanyaan terbaru')

    const messages = anthropic.requests[0]?.messages ?? []
    const earlier = messages.slice(0, -1)
    expect(messages[0]?.role).toBe('user')
    expect(earlier.length).toBeGreaterThan(1)
    expect(earlier.length).toBeLessThan(16)
    const textOf = (blocks: RecordedBlock[]) => blocks.map((block) => ('text' in block ? block.text : '')).join('')
    const tokens = earlier.reduce((sum, m) => sum + estimateTokens(textOf(m.content as RecordedBlock[])), 0)
    expect(tokens).toBeLessThanOrEqual(300)
    for (let i = 1; i < messages.length; i++) expect(messages[i]?.role).not.toBe(messages[i - 1]?.role)
    expect(lastBlocks(anthropic.requests[0]).at(-1)).toMatchObject({ type: 'text', text: 'pertanyaan terbaru' })
  })

  it('gives up honestly when Claude ends without any text', async () => {
    anthropic.script(textResponse(''))

    const trace = await say(built, adi, 'halo kak, bisa bantu?')

    expect(trace.replies).toEqual([{ text: messages.id['claude.noAnswer'] }])
  })
})
