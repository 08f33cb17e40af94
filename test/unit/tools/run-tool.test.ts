import { Writable } from 'node:stream'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { GatewayError } from '../../../src/gateways/errors.ts'
import { OrderNotCancellable, OrderNotFound } from '../../../src/services/errors.ts'
import type { Services } from '../../../src/services/index.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { ok, type ToolContext, type ToolPlugin } from '../../../tools/types.ts'

function capturingLogger() {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  return { log: pino({ level: 'debug' }, stream), lines }
}

function context(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    identity: { id: 'ident-1', channel: 'web', externalUserId: 'u1', customerId: null },
    // The runner never touches services; the fake tools below stand in for real ones.
    services: {} as Services,
    pendingActions: { create: async () => ({ token: 't', expiresAt: new Date() }) },
    log: pino({ level: 'silent' }),
    now: () => new Date('2025-11-25T00:00:00Z'),
    locale: 'id',
    ...overrides,
  }
}

const customer = {
  id: 'cust-adi',
  name: 'Adi Mulyana',
  phoneNumber: '+6281234567890',
  email: null,
  locale: 'id',
  createdAt: new Date(),
  updatedAt: new Date(),
}

function tool(run: (input: { orderNumber: string }) => Promise<unknown>, needsCustomer = true) {
  const calls: unknown[] = []
  const plugin: ToolPlugin<{ orderNumber: string }, unknown> = {
    name: 'fake_tool',
    description: 'test',
    input: z.object({ orderNumber: z.string().min(1) }),
    effect: { kind: 'read' },
    needsCustomer,
    async run(_ctx, input) {
      calls.push(input)
      return ok(await run(input))
    },
    render: () => ({ text: '' }),
  }
  return { plugin, calls }
}

describe('runTool', () => {
  it('returns the tool result for valid input and a customer', async () => {
    const { plugin, calls } = tool(async (input) => ({ echoed: input.orderNumber }))
    const result = await runTool(plugin, context({ customer }), { orderNumber: 'ORD-2025-001' })
    expect(result).toEqual({ ok: true, data: { echoed: 'ORD-2025-001' } })
    expect(calls).toEqual([{ orderNumber: 'ORD-2025-001' }])
  })

  it('refuses invalid input with the failing field, without running the tool', async () => {
    const { plugin, calls } = tool(async () => 'never')
    const result = await runTool(plugin, context({ customer }), { orderNumber: 42 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.details?.field).toBe('orderNumber')
    expect(calls).toEqual([])
  })

  it('treats a missing input object as empty (and reports the missing field)', async () => {
    const { plugin } = tool(async () => 'never')
    const result = await runTool(plugin, context({ customer }), undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { field: 'orderNumber' } } })
  })

  it('answers verification_required when the tool needs a customer and there is none', async () => {
    const { plugin, calls } = tool(async () => 'never')
    const result = await runTool(plugin, context(), { orderNumber: 'ORD-2025-001' })
    expect(result).toMatchObject({ ok: false, error: { code: 'verification_required' } })
    expect(calls).toEqual([])
  })

  it('runs a tool that needs no customer for an unverified sender', async () => {
    const { plugin } = tool(async () => 'public', false)
    expect(await runTool(plugin, context(), { orderNumber: 'x' })).toEqual({ ok: true, data: 'public' })
  })

  it('turns a domain error into its code, message and details', async () => {
    const { plugin } = tool(async () => {
      throw new OrderNotCancellable('ORD-2025-001', 'SHIPPED')
    })
    const result = await runTool(plugin, context({ customer }), { orderNumber: 'ORD-2025-001' })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'not_cancellable',
        message: 'order ORD-2025-001 is SHIPPED and cannot be cancelled',
        details: { orderNumber: 'ORD-2025-001', status: 'SHIPPED' },
      },
    })
  })

  it('keeps "not found" free of anything but the asked number', async () => {
    const { plugin } = tool(async () => {
      throw new OrderNotFound('ORD-2099-999')
    })
    const result = await runTool(plugin, context({ customer }), { orderNumber: 'ORD-2099-999' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'order_not_found', details: { orderNumber: 'ORD-2099-999' } },
    })
  })

  it('turns a gateway error into service_unavailable', async () => {
    const { plugin } = tool(async () => {
      throw new GatewayError('courier', 'timeout', 'no answer in 5 s')
    })
    const result = await runTool(plugin, context({ customer }), { orderNumber: 'ORD-2025-001' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'service_unavailable', details: { gateway: 'courier', failure: 'timeout' } },
    })
  })

  it('turns anything else into internal_error, logs it, and hides the internals from the result', async () => {
    const { log, lines } = capturingLogger()
    const { plugin } = tool(async () => {
      throw new Error('connection string postgres://secret@db leaked')
    })
    const result = await runTool(plugin, context({ customer, log }), { orderNumber: 'ORD-2025-001' })
    expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } })
    expect(JSON.stringify(result)).not.toContain('secret')
    expect(lines.some((l) => l.level === 50 && l.tool === 'fake_tool')).toBe(true)
  })

  it('never throws, even when a thrown value is not an Error and the logger is broken', async () => {
    const brokenLog = pino({ level: 'silent' })
    brokenLog.error = () => {
      throw new Error('logger down')
    }
    const { plugin } = tool(async () => {
      throw 'a string'
    })
    await expect(runTool(plugin, context({ customer, log: brokenLog }), { orderNumber: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal_error' },
    })
  })
})
