/**
 * Never losing a message between Meta's "200 OK" and the answer, on real databases with a clock the tests move.
 * The webhook stores each message (leased to its process) before it answers; a process that stops afterwards
 * leaves the row behind, and the next start answers it once the lease has run out. A send that fails keeps the
 * core's answer, and the retry sends that answer without asking the agent again; a process that stopped after the core
 * stored its answer and before the row kept it leaves that answer to be sent by the retry (the agent is not asked
 * again); a row that keeps failing is given up.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { classifyMessage } from '../../../adapters/whatsapp/normalize.ts'
import { storedMessageSchema } from '../../../adapters/whatsapp/payloads.ts'
import type { Database } from '../../../src/db/client.ts'
import { scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { createFakeGraph } from '../../msw/whatsapp.ts'
import { buildWhatsAppHarness } from './harness.ts'

const graph = createFakeGraph()
const server = setupServer(...graph.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => graph.clear())
afterAll(() => server.close())

function manualClock(start = Date.now()) {
  let at = start
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) }
}

describe.each(testDbKinds)('whatsapp inbox recovery (%s)', (kind) => {
  let db: Database
  const clock = manualClock()

  beforeAll(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await db.close()
  })

  it('answers after a restart what an earlier process stored and never answered', async () => {
    const before = buildWhatsAppHarness(db, { now: clock.now })
    // What the webhook does before it answers 200; then the process stops.
    const message = graph.webhook.text({ from: '6281234567890', text: 'cek stok KAOS-001' })
    const stored = await before.inbox.take(
      [
        {
          channel: 'whatsapp',
          externalId: message.message.id,
          senderId: '6281234567890',
          payload: { message: message.message, profileName: 'Adi' },
          sentAt: clock.now(),
        },
      ],
      before.adapter.worker.leaseMs,
    )
    expect(stored).toHaveLength(1)

    const after = buildWhatsAppHarness(db, { now: clock.now })
    expect(await after.adapter.worker.poll()).toBe(0) // still leased to the stopped process
    clock.advance(after.adapter.worker.leaseMs + 1)
    await after.adapter.start()
    await expect.poll(() => graph.textsTo('6281234567890').length, { timeout: 10_000 }).toBe(1)
    await after.adapter.stop()
    expect(graph.textsTo('6281234567890')[0]).toContain('Kaos Basic Crewneck')
    expect(await db.prisma.inboxMessage.findFirstOrThrow({ where: { externalId: message.message.id } })).toMatchObject({
      status: 'DONE',
    })
  })

  it('asks the customer to resend a message whose answer the core stored without keeping it for the channel', async () => {
    const before = buildWhatsAppHarness(db, { now: clock.now })
    const message = graph.webhook.text({ from: '6281298765432', text: 'cek stok KAOS-001' })
    const payload = storedMessageSchema.parse({ message: message.message, profileName: 'Siti' })
    await before.inbox.take(
      [
        {
          channel: 'whatsapp',
          externalId: message.message.id,
          senderId: '6281298765432',
          payload,
          sentAt: clock.now(),
        },
      ],
      before.adapter.worker.leaseMs,
    )
    const incoming = classifyMessage(payload)
    if (incoming.kind !== 'message') throw new Error('a text message expected')
    // Answered without `confirmsDelivery` (as before answers were kept for the channel), and the process stopped
    // before the answer was kept on the row or sent: the core has no answer to give again.
    expect((await before.core.handleWithTrace(incoming.message)).replies).not.toEqual([])

    clock.advance(before.adapter.worker.leaseMs + 1)
    const after = buildWhatsAppHarness(db, { now: clock.now })
    expect(await after.adapter.worker.poll()).toBe(1)
    await after.adapter.worker.idle()
    expect(graph.textsTo('6281298765432')).toEqual([
      'Maaf, pesan Anda sebelumnya belum sempat saya jawab karena kendala sistem. Boleh dikirim ulang?',
    ])
  })

  it('keeps the answer when sending fails, and a retry sends it without asking the agent again', async () => {
    const agent = scriptedAgent((ctx) => ({ replies: [{ text: `jawaban untuk: ${ctx.text}` }] }))
    const h = buildWhatsAppHarness(db, {
      now: clock.now,
      agent,
      worker: { backoffMs: () => 30_000, maxAttempts: 3 },
    })
    await h.app.ready()
    const customer = '6281355512345'
    // Meta is unreachable for all three tries of the first send.
    graph.failNext({ kind: 'network' }, { kind: 'network' }, { kind: 'network' })
    const message = graph.webhook.text({ from: customer, text: 'ada promo?' })
    expect((await h.deliver(graph.webhook.delivery({ messages: [message] }))).statusCode).toBe(200)
    expect(agent.calls).toHaveLength(1)
    expect(graph.textsTo(customer)).toEqual([])
    const row = await db.prisma.inboxMessage.findFirstOrThrow({ where: { externalId: message.message.id } })
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1 })
    expect(row.lastError).toMatch(/^whatsapp unreachable/)
    expect(row.replies).toEqual({
      locale: 'id',
      replies: [{ text: 'jawaban untuk: ada promo?' }],
      answerId: expect.any(String),
    })
    const answerId = (row.replies as { answerId: string }).answerId
    // Stored by the core and kept until WhatsApp takes it.
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({
      deliveredAt: null,
      pendingDelivery: { replies: [{ text: 'jawaban untuk: ada promo?' }] },
    })

    expect(await h.adapter.worker.poll()).toBe(0) // not due yet
    clock.advance(30_001)
    expect(await h.adapter.worker.poll()).toBe(1)
    await h.adapter.worker.idle()
    expect(graph.textsTo(customer)).toEqual(['jawaban untuk: ada promo?'])
    expect(agent.calls).toHaveLength(1)
    expect((await db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('DONE')
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({
      deliveredAt: clock.now(),
      pendingDelivery: null,
    })
    await h.app.close()
  })

  it('sends the answer the core stored when the process stopped before the row kept it, without the agent', async () => {
    const agent = scriptedAgent((ctx) => ({ replies: [{ text: `jawaban untuk: ${ctx.text}` }] }))
    const before = buildWhatsAppHarness(db, { now: clock.now, agent })
    const customer = '6281355512366'
    const message = graph.webhook.text({ from: customer, text: 'ukuran L ada?' })
    const payload = { message: message.message, profileName: 'Rina' }
    const [row] = await before.inbox.take(
      [{ channel: 'whatsapp', externalId: message.message.id, senderId: customer, payload, sentAt: clock.now() }],
      before.adapter.worker.leaseMs,
    )
    // The stopped process got as far as the core's stored answer: the row kept nothing, WhatsApp got nothing.
    const incoming = classifyMessage(storedMessageSchema.parse(payload))
    if (incoming.kind !== 'message') throw new Error('expected a text message')
    await before.core.handleWithTrace({ ...incoming.message, confirmsDelivery: true })
    expect(agent.calls).toHaveLength(1)
    expect(graph.textsTo(customer)).toEqual([])

    clock.advance(before.adapter.worker.leaseMs + 1)
    const after = buildWhatsAppHarness(db, { now: clock.now, agent })
    expect(await after.adapter.worker.poll()).toBe(1)
    await after.adapter.worker.idle()
    expect(graph.textsTo(customer)).toEqual(['jawaban untuk: ukuran L ada?'])
    expect(agent.calls).toHaveLength(1)
    const messages = await db.prisma.message.findMany({
      where: { conversation: { channel: 'whatsapp', externalChatId: customer } },
      orderBy: { createdAt: 'asc' },
    })
    expect(messages.map((m) => [m.role, m.pendingDelivery === null, m.deliveredAt !== null])).toEqual([
      ['user', true, false],
      ['assistant', true, true],
    ])
    expect((await db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: row?.id as string } })).status).toBe('DONE')
  })

  it('keeps renewing the lease while an answer takes long, so no other worker takes the message meanwhile', async () => {
    let finish: () => void = () => undefined
    const slow = scriptedAgent(async () => {
      await new Promise<void>((resolve) => {
        finish = resolve
      })
      return { replies: [{ text: 'akhirnya' }] }
    })
    const h = buildWhatsAppHarness(db, { now: clock.now, agent: slow, worker: { leaseMs: 3000 } })
    const other = buildWhatsAppHarness(db, { now: clock.now, worker: { leaseMs: 3000 } })
    await h.app.ready()
    const message = graph.webhook.text({ from: '6281355512377', text: 'pertanyaan sulit' })
    const body = JSON.stringify(graph.webhook.delivery({ messages: [message] }))
    expect(
      (await h.app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: body, headers: graph.signed(body) }))
        .statusCode,
    ).toBe(200)
    await expect.poll(() => slow.calls.length).toBe(1)
    // Twice the lease passes while the agent thinks; the heartbeat (every second here) keeps the row taken.
    for (let i = 0; i < 2; i++) {
      clock.advance(2500)
      const renewed = clock.now().getTime()
      await expect
        .poll(async () =>
          (
            await db.prisma.inboxMessage.findFirstOrThrow({ where: { externalId: message.message.id } })
          ).nextAttemptAt.getTime(),
        )
        .toBeGreaterThan(renewed)
      expect(await other.adapter.worker.poll()).toBe(0)
    }
    finish()
    await h.adapter.worker.idle()
    expect(graph.textsTo('6281355512377')).toEqual(['akhirnya'])
    await h.app.close()
  })

  it('gives a message up after the last attempt, and never tells Meta anything but 200', async () => {
    const h = buildWhatsAppHarness(db, { now: clock.now, worker: { backoffMs: () => 1000, maxAttempts: 2 } })
    await h.app.ready()
    const customer = '6281355512399'
    graph.failNext(...Array.from({ length: 20 }, () => ({ kind: 'graph' as const, status: 401, code: 190 })))
    const message = graph.webhook.text({ from: customer, text: 'halo' })
    expect((await h.deliver(graph.webhook.delivery({ messages: [message] }))).statusCode).toBe(200)
    clock.advance(1001)
    await h.adapter.worker.poll()
    await h.adapter.worker.idle()
    const row = await db.prisma.inboxMessage.findFirstOrThrow({ where: { externalId: message.message.id } })
    expect(row).toMatchObject({ status: 'FAILED', attempts: 2 })
    expect(row.lastError).toMatch(/^whatsapp auth \(190\)/)
    expect(row.lastError).not.toContain('EAAG')
    graph.clear()
    await h.app.close()
  })
})
