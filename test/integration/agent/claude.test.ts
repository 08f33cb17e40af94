import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ClaudeAgentDeps, type ClaudeToolDefinition, createClaudeAgent } from '../../../src/agent/claude.ts'
import { estimateTokens } from '../../../src/agent/history.ts'
import type { Agent, AgentContext, AgentTurn, ToolInvocation } from '../../../src/agent/types.ts'
import type { Reply } from '../../../src/core/types.ts'
import { claudeMessages } from '../../../src/i18n/claude-messages.ts'
import { silentLogger } from '../../../src/logger.ts'
import {
  createAnthropicFake,
  drainMockedResponses,
  errorResponse,
  overloadedResponse,
  type RecordedBlock,
  type RecordedRequest,
  textResponse,
  toolUseResponse,
} from '../../msw/anthropic.ts'

const anthropic = createAnthropicFake()
const server = setupServer(anthropic.handler)
drainMockedResponses(server)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  anthropic.reset()
})
afterAll(() => server.close())

const orderNumberSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { orderNumber: { type: 'string' } },
  required: ['orderNumber'],
  additionalProperties: false,
}

const toolDefinitions: ClaudeToolDefinition[] = [
  { name: 'track_order', description: 'Where an order is.', inputSchema: orderNumberSchema },
  { name: 'verify_payment', description: 'Whether an order is paid.', inputSchema: orderNumberSchema },
  { name: 'cancel_order', description: 'Prepare a cancellation.', inputSchema: orderNumberSchema },
  { name: 'request_human', description: 'Bring in a person.', inputSchema: { type: 'object', properties: {} } },
]

const knowledgeText = 'Jam operasional UrbanStyle ID: setiap hari 08.00–21.00 WIB.'

/** A small shop, two customers; the fake tools see only the sender's orders, as the real services do. */
const ordersByCustomer: Record<
  string,
  Record<string, { status: string; items: string; total: number; payment: string }>
> = {
  'cust-adi': {
    'ORD-2025-001': {
      status: 'SHIPPED',
      items: 'KAOS-001-M x1, CELANA-001-31 x1',
      total: 150000,
      payment: 'bank_transfer',
    },
    'ORD-2025-002': { status: 'PENDING', items: 'JAKET-001-L x1', total: 264000, payment: 'bank_transfer' },
  },
  'cust-siti': {
    'ORD-2025-004': { status: 'PROCESSING', items: 'KAOS-001-S x2 (Siti Rahma)', total: 170000, payment: 'OVO' },
  },
}
const sitisSecrets = ['Siti', '170000', '170.000', 'KAOS-001-S', 'OVO', '+6281298765432']

const cancelButtons: Reply['buttons'] = [
  { label: 'Ya, batalkan', action: { kind: 'confirm', token: 'tok-cancel-secret' } },
  { label: 'Tidak', action: { kind: 'reject', token: 'tok-cancel-secret' } },
]

interface FakeTools {
  calls: { name: string; input: unknown }[]
  callTool: AgentContext['callTool']
}

/** Mimics the core's callTool for one sender: results for the model, a rendered reply for the customer. */
function fakeTools(customerId: string | null): FakeTools {
  const calls: FakeTools['calls'] = []
  const notFound = (name: string, input: unknown): ToolInvocation => ({
    name,
    input,
    ok: false,
    errorCode: 'order_not_found',
    result: { error: 'order_not_found', message: 'No order with this number in the customer’s account.' },
    reply: { text: 'Pesanan tidak ditemukan.' },
  })
  async function callTool(name: string, input: unknown): Promise<ToolInvocation> {
    calls.push({ name, input })
    if (!customerId) {
      return {
        name,
        input,
        ok: false,
        errorCode: 'verification_required',
        result: { error: 'verification_required' },
        reply: { text: 'Verifikasi dulu ya kak.', requestContact: true },
      }
    }
    const orderNumber = (input as { orderNumber?: string }).orderNumber ?? ''
    const order = ordersByCustomer[customerId]?.[orderNumber]
    if (name === 'request_human') {
      return { name, input, ok: true, result: { handoff: 'opened' }, reply: { text: 'Tim kami akan membantu.' } }
    }
    if (!order) return notFound(name, input)
    if (name === 'track_order') {
      return {
        name,
        input,
        ok: true,
        result: { orderNumber, status: order.status, courier: 'JNE', waybill: 'JNE123456789' },
        reply: { text: `Pesanan ${orderNumber}: ${order.status}` },
      }
    }
    if (name === 'verify_payment') {
      return { name, input, ok: true, result: { orderNumber, isPaid: true }, reply: { text: 'Sudah dibayar.' } }
    }
    if (name === 'cancel_order') {
      if (order.status !== 'PENDING' && order.status !== 'PROCESSING') {
        return {
          name,
          input,
          ok: false,
          errorCode: 'not_cancellable',
          result: { error: 'not_cancellable', status: order.status },
          reply: { text: 'Pesanan ini tidak bisa dibatalkan.' },
        }
      }
      return {
        name,
        input,
        ok: true,
        result: { orderNumber, awaitingConfirmation: true, total: order.total },
        reply: { text: `Batalkan pesanan ${orderNumber}?`, buttons: cancelButtons },
      }
    }
    throw new Error(`fake tools: no tool ${name}`)
  }
  return { calls, callTool }
}

interface RecordingFallback extends Agent {
  calls: AgentContext[]
}

function recordingFallback(): RecordingFallback {
  const calls: AgentContext[] = []
  return {
    name: 'rules',
    calls,
    async respond(ctx) {
      calls.push(ctx)
      return { replies: [{ text: 'Jawaban dari asisten offline.' }, { text: 'Baris kedua.' }] }
    },
  }
}

function makeAgent(overrides: Partial<ClaudeAgentDeps> = {}) {
  const fallback = recordingFallback()
  const agent = createClaudeAgent({
    apiKey: 'sk-ant-test-key',
    model: 'claude-test-model',
    tools: toolDefinitions,
    knowledgeText,
    shopName: 'UrbanStyle ID',
    fallback,
    maxHistoryTokens: 2000,
    maxRetries: 2,
    timeoutMs: 5000,
    log: silentLogger(),
    ...overrides,
  })
  return { agent, fallback }
}

function makeContext(tools: FakeTools, overrides: Partial<AgentContext> = {}): AgentContext {
  return {
    text: 'Pesanan ORD-2025-001 sudah sampai mana kak?',
    locale: 'id',
    history: [],
    verified: true,
    lastOrderNumber: null,
    shopName: 'UrbanStyle ID',
    callTool: tools.callTool,
    log: silentLogger(),
    ...overrides,
  }
}

function blocks(request: RecordedRequest | undefined, index: number): RecordedBlock[] {
  const content = request?.messages.at(index)?.content
  if (!Array.isArray(content)) throw new Error(`message ${index} has no content blocks`)
  return content
}

function toolResults(request: RecordedRequest | undefined) {
  return blocks(request, -1).filter((block) => block.type === 'tool_result')
}

describe('ClaudeAgent', () => {
  it('runs one tool call and answers with the final text, summing usage over the rounds', async () => {
    const tools = fakeTools('cust-adi')
    const { agent, fallback } = makeAgent()
    anthropic.script(
      toolUseResponse([{ id: 'toolu_track', name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }], {
        text: 'Saya cek dulu ya kak.',
        usage: { input_tokens: 1000, output_tokens: 50, cache_creation_input_tokens: 800, cache_read_input_tokens: 0 },
      }),
      textResponse('Pesanan **ORD-2025-001** sedang dikirim dengan JNE (resi JNE123456789).', {
        usage: { input_tokens: 1200, output_tokens: 80, cache_creation_input_tokens: 0, cache_read_input_tokens: 800 },
      }),
    )

    const response = await agent.respond(makeContext(tools))

    expect(response.replies).toEqual([
      { text: 'Pesanan **ORD-2025-001** sedang dikirim dengan JNE (resi JNE123456789).' },
    ])
    expect(response.usage).toEqual({
      inputTokens: 2200,
      outputTokens: 130,
      cacheReadTokens: 800,
      cacheWriteTokens: 800,
    })
    expect(response.limitedMode).toBeUndefined()
    expect(response.gaveUp).toBeUndefined()
    expect(tools.calls).toEqual([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }])
    expect(fallback.calls).toHaveLength(0)

    expect(anthropic.requests).toHaveLength(2)
    const second = anthropic.requests[1]
    expect(second?.messages.at(-2)).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Saya cek dulu ya kak.' },
        { type: 'tool_use', id: 'toolu_track', name: 'track_order', input: { orderNumber: 'ORD-2025-001' } },
      ],
    })
    expect(second?.messages.at(-1)?.role).toBe('user')
    expect(toolResults(second)).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'toolu_track',
        content: JSON.stringify({
          orderNumber: 'ORD-2025-001',
          status: 'SHIPPED',
          courier: 'JNE',
          waybill: 'JNE123456789',
        }),
      },
    ])
    expect(blocks(second, -1)).toHaveLength(1)
  })

  it('runs the tool calls of one turn in parallel and answers them in one user message, in order', async () => {
    const events: string[] = []
    const base = fakeTools('cust-adi')
    let started = 0
    let bothStarted!: () => void
    const barrier = new Promise<void>((resolve) => {
      bothStarted = resolve
    })
    const tools: FakeTools = {
      calls: base.calls,
      async callTool(name, input) {
        events.push(`start ${name}`)
        if (++started === 2) bothStarted()
        // Sequential calls would wait here until the timeout and finish one before the other starts.
        await Promise.race([barrier, new Promise((resolve) => setTimeout(resolve, 500))])
        // The first tool finishes last, so order in the answer must come from the request, not completion.
        if (name === 'track_order') await new Promise((resolve) => setTimeout(resolve, 20))
        const invocation = await base.callTool(name, input)
        events.push(`end ${name}`)
        return invocation
      },
    }
    const { agent } = makeAgent()
    anthropic.script(
      toolUseResponse([
        { id: 'toolu_a', name: 'track_order', input: { orderNumber: 'ORD-2025-001' } },
        { id: 'toolu_b', name: 'verify_payment', input: { orderNumber: 'ORD-2025-001' } },
      ]),
      textResponse('Sudah dibayar dan sedang dikirim, kak.'),
    )

    const response = await agent.respond(makeContext(tools, { text: 'status kirim dan bayar ORD-2025-001?' }))

    expect(response.replies[0]?.text).toBe('Sudah dibayar dan sedang dikirim, kak.')
    expect(events.slice(0, 2).sort()).toEqual(['start track_order', 'start verify_payment'])
    expect(events.slice(2)).toEqual(['end verify_payment', 'end track_order'])
    expect(anthropic.requests).toHaveLength(2)
    const results = toolResults(anthropic.requests[1])
    expect(results.map((result) => result.tool_use_id)).toEqual(['toolu_a', 'toolu_b'])
    expect(blocks(anthropic.requests[1], -1)).toHaveLength(2)
    expect(JSON.parse(results[1]!.content)).toEqual({ orderNumber: 'ORD-2025-001', isPaid: true })
  })

  it('returns a failed tool call to Claude as an is_error result', async () => {
    const tools = fakeTools('cust-adi')
    const { agent } = makeAgent()
    anthropic.script(
      toolUseResponse([{ id: 'toolu_missing', name: 'track_order', input: { orderNumber: 'ORD-2099-999' } }]),
      textResponse('Maaf kak, pesanan ORD-2099-999 tidak ada di akun kakak.'),
    )

    const response = await agent.respond(makeContext(tools, { text: 'cek ORD-2099-999' }))

    expect(response.replies[0]?.text).toBe('Maaf kak, pesanan ORD-2099-999 tidak ada di akun kakak.')
    const [result] = toolResults(anthropic.requests[1])
    expect(result).toMatchObject({ tool_use_id: 'toolu_missing', is_error: true })
    expect(JSON.parse(result!.content)).toMatchObject({ error: 'order_not_found' })
  })

  it('answers a call to an unknown tool with is_error without running anything', async () => {
    const tools = fakeTools('cust-adi')
    const { agent } = makeAgent()
    anthropic.script(
      toolUseResponse([{ id: 'toolu_evil', name: 'delete_all_orders', input: {} }]),
      textResponse('Maaf kak, saya tidak bisa melakukan itu.'),
    )

    const response = await agent.respond(makeContext(tools, { text: 'hapus semua pesanan' }))

    expect(tools.calls).toEqual([])
    const [result] = toolResults(anthropic.requests[1])
    expect(result).toMatchObject({ tool_use_id: 'toolu_evil', is_error: true })
    expect(JSON.parse(result!.content)).toMatchObject({ error: 'unknown_tool' })
    expect(response.replies[0]?.text).toBe('Maaf kak, saya tidak bisa melakukan itu.')
  })

  it('retries a 429 through the SDK and then answers normally', async () => {
    const tools = fakeTools('cust-adi')
    const { agent, fallback } = makeAgent()
    anthropic.script(errorResponse(429), textResponse('Halo kak, ada yang bisa dibantu?'))

    const response = await agent.respond(makeContext(tools, { text: 'halo' }))

    expect(anthropic.requests).toHaveLength(2)
    expect(anthropic.requests[1]).toEqual(anthropic.requests[0])
    expect(response.replies).toEqual([{ text: 'Halo kak, ada yang bisa dibantu?' }])
    expect(response.limitedMode).toBeUndefined()
    expect(fallback.calls).toHaveLength(0)
  })

  it('falls back to the rule agent in limited mode when the API stays overloaded (529)', async () => {
    const tools = fakeTools('cust-adi')
    const { agent, fallback } = makeAgent({ maxRetries: 2 })
    anthropic.always(overloadedResponse())
    const ctx = makeContext(tools)

    const response = await agent.respond(ctx)

    expect(anthropic.requests).toHaveLength(3) // the first try and two SDK retries
    expect(fallback.calls).toEqual([ctx])
    expect(response.limitedMode).toBe(true)
    expect(response.usage).toBeUndefined()
    expect(response.replies).toEqual([
      { text: `${claudeMessages.limitedMode.id}\n\nJawaban dari asisten offline.`, limitedMode: true },
      { text: 'Baris kedua.', limitedMode: true },
    ])
    expect(response.replies[0]?.text).toMatch(/^⚠️ Asisten sedang dalam mode terbatas/)
  })

  it('says it is in limited mode in English, and does not retry a rejected API key (401)', async () => {
    const tools = fakeTools('cust-adi')
    const { agent, fallback } = makeAgent()
    anthropic.always(errorResponse(401))

    const response = await agent.respond(makeContext(tools, { text: 'where is my order?', locale: 'en' }))

    expect(anthropic.requests).toHaveLength(1)
    expect(fallback.calls).toHaveLength(1)
    expect(response.limitedMode).toBe(true)
    expect(response.replies[0]?.text).toMatch(/^⚠️ The assistant is in limited mode/)
  })

  it('falls back when the API does not answer within the timeout', async () => {
    const tools = fakeTools('cust-adi')
    const { agent, fallback } = makeAgent({ timeoutMs: 100, maxRetries: 0 })
    anthropic.script(textResponse('too late', { delayMs: 2000 }))

    const started = Date.now()
    const response = await agent.respond(makeContext(tools))

    expect(Date.now() - started).toBeLessThan(1500)
    expect(fallback.calls).toHaveLength(1)
    expect(response.limitedMode).toBe(true)
  })

  it('keeps the usage of rounds that succeeded before a failure', async () => {
    const tools = fakeTools('cust-adi')
    const { agent, fallback } = makeAgent({ maxRetries: 0 })
    anthropic.script(
      toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }], {
        usage: { input_tokens: 500, output_tokens: 40 },
      }),
      errorResponse(500),
    )

    const response = await agent.respond(makeContext(tools))

    expect(fallback.calls).toHaveLength(1)
    expect(response.usage).toEqual({ inputTokens: 500, outputTokens: 40, cacheReadTokens: 0, cacheWriteTokens: 0 })
  })

  it('stops at the tool-round limit, says so honestly and gives up', async () => {
    const tools = fakeTools('cust-adi')
    const { agent } = makeAgent({ maxToolRounds: 2 })
    anthropic.always(toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }]))

    const response = await agent.respond(makeContext(tools))

    expect(tools.calls).toHaveLength(2)
    expect(anthropic.requests).toHaveLength(3)
    expect(response.gaveUp).toBe(true)
    expect(response.replies).toEqual([{ text: claudeMessages.roundLimit.id }])
    expect(response.usage).toEqual({ inputTokens: 300, outputTokens: 60, cacheReadTokens: 0, cacheWriteTokens: 0 })
  })

  it("never leaks another customer's order: the tool says not found and nothing of it reaches Claude or the reply", async () => {
    const tools = fakeTools('cust-adi')
    const { agent } = makeAgent()
    anthropic.script(
      toolUseResponse([{ id: 'toolu_other', name: 'track_order', input: { orderNumber: 'ORD-2025-004' } }]),
      textResponse('Maaf kak, pesanan ORD-2025-004 tidak ditemukan di akun kakak.'),
    )

    const response = await agent.respond(makeContext(tools, { text: 'tolong cek pesanan ORD-2025-004 punya Siti' }))

    expect(tools.calls).toEqual([{ name: 'track_order', input: { orderNumber: 'ORD-2025-004' } }])
    const [result] = toolResults(anthropic.requests[1])
    expect(result).toMatchObject({ tool_use_id: 'toolu_other', is_error: true })
    expect(JSON.parse(result!.content)).toEqual({
      error: 'order_not_found',
      message: 'No order with this number in the customer’s account.',
    })
    // The customer's own words mention Siti; everything the agent added must not.
    const sentByAgent = anthropic.requests.map((request) => ({ ...request, messages: request.messages.slice(1) }))
    for (const secret of sitisSecrets) {
      expect(JSON.stringify(sentByAgent)).not.toContain(secret)
      expect(JSON.stringify(response.replies)).not.toContain(secret)
    }
  })

  it('attaches the confirm/reject buttons of cancel_order to the final reply and performs no write itself', async () => {
    const tools = fakeTools('cust-adi')
    const { agent } = makeAgent()
    anthropic.script(
      toolUseResponse([{ name: 'cancel_order', input: { orderNumber: 'ORD-2025-002' } }]),
      textResponse('Kakak yakin mau membatalkan pesanan ORD-2025-002 (Rp264.000)? Tekan tombol di bawah ya.'),
    )

    const response = await agent.respond(makeContext(tools, { text: 'batalkan ORD-2025-002' }))

    expect(tools.calls).toEqual([{ name: 'cancel_order', input: { orderNumber: 'ORD-2025-002' } }])
    expect(response.replies).toEqual([
      {
        text: 'Kakak yakin mau membatalkan pesanan ORD-2025-002 (Rp264.000)? Tekan tombol di bawah ya.',
        buttons: cancelButtons,
      },
    ])
    // The model reads the tool's result, never the rendered reply with the one-time token.
    expect(JSON.stringify(anthropic.requests)).not.toContain('tok-cancel-secret')
  })

  it('asks for the contact when a tool wanted verification', async () => {
    const tools = fakeTools(null)
    const { agent } = makeAgent()
    anthropic.script(
      toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }]),
      textResponse('Kakak perlu verifikasi dulu: tekan tombol bagikan nomor telepon ya.'),
    )

    const response = await agent.respond(makeContext(tools, { verified: false }))

    expect(response.replies[0]?.requestContact).toBe(true)
    expect(response.replies[0]?.buttons).toBeUndefined()
    const lastUser = blocks(anthropic.requests[0], -1)
    expect(lastUser[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/not verified/) })
  })

  it('gives up honestly when Claude ends without any text', async () => {
    const tools = fakeTools('cust-adi')
    const { agent } = makeAgent()
    anthropic.script(textResponse('', { stopReason: 'refusal' }))

    const response = await agent.respond(makeContext(tools, { locale: 'en', text: 'hello?' }))

    expect(response.gaveUp).toBe(true)
    expect(response.replies).toEqual([{ text: claudeMessages.noAnswer.en }])
  })

  it('marks the system prompt and the tools for caching, with the model, key and knowledge from deps', async () => {
    const tools = fakeTools('cust-adi')
    const { agent } = makeAgent()
    anthropic.script(textResponse('Buka setiap hari 08.00–21.00 WIB kak.'))

    await agent.respond(makeContext(tools, { text: 'jam buka?' }))

    const [request] = anthropic.requests
    expect(request?.model).toBe('claude-test-model')
    expect(request?.max_tokens).toBe(1024)
    expect(anthropic.headers[0]?.authorization ?? anthropic.headers[0]?.['x-api-key']).toContain('sk-ant-test-key')

    const system = request?.system ?? []
    expect(system.length).toBeGreaterThanOrEqual(2)
    expect(system.at(-1)?.cache_control).toEqual({ type: 'ephemeral' })
    expect(system.slice(0, -1).every((block) => block.cache_control === undefined)).toBe(true)
    expect(system.at(-1)?.text).toContain(knowledgeText)
    expect(system[0]?.text).toContain('UrbanStyle ID')

    const sentTools = request?.tools ?? []
    expect(sentTools.map((tool) => tool.name)).toEqual(toolDefinitions.map((tool) => tool.name))
    expect(sentTools.at(-1)?.cache_control).toEqual({ type: 'ephemeral' })
    expect(sentTools.slice(0, -1).every((tool) => tool.cache_control === undefined)).toBe(true)
    const { $schema: _ignored, ...schemaWithoutDialect } = orderNumberSchema
    expect(sentTools[0]).toEqual({
      name: 'track_order',
      description: 'Where an order is.',
      input_schema: schemaWithoutDialect,
    })
  })

  it('trims a long history to the budget, starting with a user turn', async () => {
    const tools = fakeTools('cust-adi')
    const { agent } = makeAgent({ maxHistoryTokens: 500 })
    const history: AgentTurn[] = Array.from({ length: 61 }, (_, i) => ({
      role: i % 2 === 0 ? 'assistant' : 'user',
      text: `turn ${i} ${'lorem ipsum '.repeat(16)}`,
    }))
    anthropic.script(textResponse('Baik kak.'))

    await agent.respond(makeContext(tools, { history, text: 'pertanyaan terbaru', lastOrderNumber: 'ORD-2025-001' }))

    const messages = anthropic.requests[0]?.messages ?? []
    const earlier = messages.slice(0, -1)
    expect(messages[0]?.role).toBe('user')
    expect(earlier.length).toBeGreaterThan(2)
    expect(earlier.length).toBeLessThan(history.length)
    const tokens = earlier.reduce((sum, message) => sum + estimateTokens(String(message.content)), 0)
    expect(tokens).toBeLessThanOrEqual(500)
    for (let i = 1; i < messages.length; i++) expect(messages[i]?.role).not.toBe(messages[i - 1]?.role)
    expect(earlier.at(-1)).toEqual({ role: 'assistant', content: history.at(-1)?.text.trim() })

    const last = blocks(anthropic.requests[0], -1)
    expect(last.at(-1)).toEqual({ type: 'text', text: 'pertanyaan terbaru' })
    expect(last[0]).toMatchObject({ type: 'text', text: expect.stringContaining('ORD-2025-001') })
    expect(anthropic.unexpected()).toBe(0)
  })
})
