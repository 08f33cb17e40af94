/**
 * Proactive messages and WhatsApp's 24-hour customer-service window, on real databases with a clock the tests
 * move: inside the window a shipping update goes as free text; outside it as the configured template (in the
 * customer's language, variables flattened); without a template staff are told on their Telegram relay, with
 * the message and the customer's number; and a "re-engagement required" answer inside the recorded window
 * falls back to the template. Staff answers to a hand-off follow the same rules.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { createFakeTelegram } from '../../msw/telegram.ts'
import { createFakeGraph } from '../../msw/whatsapp.ts'
import { buildWhatsAppHarness, staffChatId, type WhatsAppHarness } from './harness.ts'

const graph = createFakeGraph()
const telegram = createFakeTelegram()
const server = setupServer(...graph.handlers, ...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  graph.clear()
  telegram.clear()
})
afterAll(() => server.close())

const HOUR = 60 * 60 * 1000
const adi = '6281234567890'
const siti = '6281298765432'

function manualClock(start = Date.now()) {
  let at = start
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) }
}

describe.each(testDbKinds)('whatsapp notifications without templates (%s)', (kind) => {
  let db: Database
  let h: WhatsAppHarness
  const clock = manualClock()

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildWhatsAppHarness(db, { now: clock.now })
    await h.app.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await h.app.close()
    await db.close()
  })

  const say = (text: string, from: string) =>
    h.deliver(
      graph.webhook.delivery({
        messages: [graph.webhook.text({ from, text, timestamp: String(Math.floor(clock.now().getTime() / 1000)) })],
      }),
    )

  it('sends a shipping update as free text inside the window, and tells staff when the window has closed', async () => {
    await say('halo kak', adi)
    graph.clear()

    clock.advance(HOUR)
    await h.services.shipping.updateShippingStatus('ORD-2025-001', 'OUT_FOR_DELIVERY', 'Jakarta Selatan', {
      actor: 'admin',
    })
    expect(await h.outbox.runOnce()).toMatchObject({ sent: 1, failed: 0 })
    const [inside] = graph.sends(adi)
    expect(inside).toMatchObject({ to: adi, type: 'text' })
    expect(inside?.text.body).toBe(
      [
        '🛵 Update pengiriman pesanan ORD-2025-001: *Sedang Diantar*',
        'Lokasi: Jakarta Selatan',
        'Balas "lacak ORD-2025-001" untuk melihat detail pengiriman.',
      ].join('\n'),
    )
    const row = await db.prisma.outboundMessage.findFirstOrThrow({
      where: { recipientId: adi, kind: 'text' },
      orderBy: { createdAt: 'desc' },
    })
    expect(row.notificationId).not.toBeNull()

    // 25 hours after the customer's last message: nothing goes out on WhatsApp, the row fails at once, staff hear.
    graph.clear()
    clock.advance(24 * HOUR)
    await h.services.shipping.updateShippingStatus('ORD-2025-001', 'DELIVERED', 'Jakarta Selatan', { actor: 'admin' })
    expect(await h.outbox.runOnce()).toMatchObject({ claimed: 1, sent: 0, failed: 1, retried: 0 })
    expect(graph.calls).toEqual([])
    const failed = await db.prisma.notification.findFirstOrThrow({
      where: { kind: 'shipping_status', status: 'FAILED' },
    })
    expect(failed.lastError).toBe(
      'whatsapp: outside the 24-hour window and no template is configured for shipping_status',
    )
    expect(await h.outbox.runOnce()).toMatchObject({ sent: 1 })
    const [notice] = telegram.textsTo(staffChatId)
    expect(notice).toMatch(/^📭 <b>Pesan untuk Adi Mulyana tidak terkirim<\/b> \(whatsapp\): sudah lebih dari 24 jam/)
    expect(notice).toContain('Update pengiriman pesanan ORD-2025-001: <b>Terkirim</b>')
    expect(notice).toContain('misalnya telepon +6281234567890.')
  })

  it('tells staff when their answer to a hand-off can no longer reach the customer', async () => {
    await say('saya mau bicara dengan CS', siti)
    const handoff = await db.prisma.handoff.findFirstOrThrow({ where: { status: 'OPEN', customerId: 'cust-siti' } })
    await h.outbox.runOnce()
    graph.clear()
    telegram.clear()
    clock.advance(30 * HOUR)
    await h.desk.reply(handoff.id, 'Maaf lama, paketnya sudah kami kirim ulang.', 'admin:telegram:1')
    await h.outbox.runOnce()
    await h.outbox.runOnce()
    expect(graph.calls).toEqual([])
    const [notice] = telegram.textsTo(staffChatId)
    expect(notice).toContain('Pesan untuk Siti Rahma tidak terkirim')
    expect(notice).toContain('Maaf lama, paketnya sudah kami kirim ulang.')
  })
})

describe.each(testDbKinds)('whatsapp notifications with templates (%s)', (kind) => {
  let db: Database
  let h: WhatsAppHarness
  const clock = manualClock()

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildWhatsAppHarness(db, {
      now: clock.now,
      config: {
        WHATSAPP_TEMPLATE_SHIPPING: 'shipping_update:orderNumber,status,location',
        WHATSAPP_TEMPLATE_HANDOFF_REPLY: 'support_reply',
        WHATSAPP_TEMPLATE_LANGUAGES: ['id', 'en_US'],
      },
    })
    await h.app.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await h.app.close()
    await db.close()
  })

  const say = (text: string, from: string) =>
    h.deliver(
      graph.webhook.delivery({
        messages: [graph.webhook.text({ from, text, timestamp: String(Math.floor(clock.now().getTime() / 1000)) })],
      }),
    )

  it('sends the approved template outside the window, in the language the customer writes', async () => {
    await say('where is my order ORD-2025-001?', adi)
    graph.clear()
    clock.advance(26 * HOUR)
    await h.services.shipping.updateShippingStatus('ORD-2025-001', 'OUT_FOR_DELIVERY', undefined, { actor: 'admin' })
    expect(await h.outbox.runOnce()).toMatchObject({ sent: 1 })
    expect(graph.sends(adi)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: adi,
        type: 'template',
        template: {
          name: 'shipping_update',
          language: { code: 'en_US' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'ORD-2025-001' },
                { type: 'text', text: 'Out for Delivery' },
                { type: 'text', text: 'Jakarta' },
              ],
            },
          ],
        },
      },
    ])
    const out = await db.prisma.outboundMessage.findFirstOrThrow({ where: { recipientId: adi, kind: 'template' } })
    expect(out.notificationId).not.toBeNull()
  })

  it('falls back to the template when Meta says the window closed earlier than recorded (131047)', async () => {
    await say('halo, paket saya?', siti)
    const handoffText = 'Baris pertama\n\nBaris kedua\twith     spaces'
    await say('saya mau bicara dengan CS', siti)
    const handoff = await db.prisma.handoff.findFirstOrThrow({ where: { status: 'OPEN', customerId: 'cust-siti' } })
    await h.outbox.runOnce()
    graph.clear()
    clock.advance(HOUR)
    graph.failNext({ kind: 'graph', status: 400, code: 131047, message: 'Re-engagement message' })
    await h.desk.reply(handoff.id, handoffText, 'admin:telegram:1')
    expect(await h.outbox.runOnce()).toMatchObject({ sent: 1 })
    const tried = graph.calls.filter((c) => c.body.to === siti)
    expect(tried.map((c) => [c.body.type, c.ok])).toEqual([
      ['text', false],
      ['template', true],
    ])
    expect(tried[1]?.body.template).toEqual({
      name: 'support_reply',
      language: { code: 'id' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Baris pertama Baris kedua with   spaces' }] }],
    })
  })
})
