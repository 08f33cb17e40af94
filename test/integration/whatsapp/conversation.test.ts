/**
 * Customers on WhatsApp end to end: signed webhook deliveries in Meta's shapes through the real HTTP server,
 * inbox, core, rule agent, tools and database, the Graph API answered by MSW; the tests assert the exact calls.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { t } from '../../../src/i18n/messages.ts'
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

const adi = '6281234567890'

describe.each(testDbKinds)('whatsapp conversations (%s)', (kind) => {
  let db: Database
  let h: WhatsAppHarness

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildWhatsAppHarness(db)
    await h.app.ready()
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await h.app.close()
    await db.close()
  })

  const say = (text: string, from = adi, extra: { id?: string; name?: string } = {}) =>
    h.deliver(graph.webhook.delivery({ messages: [graph.webhook.text({ from, text, ...extra })] }))
  const conversationOf = (from: string) =>
    db.prisma.conversation.findFirst({
      where: { channel: 'whatsapp', externalChatId: from },
      include: { messages: { orderBy: { createdAt: 'asc' } } },
    })

  it("answers a tracking question from a customer's own number with the waybill, without asking to verify", async () => {
    const message = graph.webhook.text({ from: adi, text: 'paket ORD-2025-001 udah sampai mana kak?', name: 'Adi M' })
    const response = await h.deliver(graph.webhook.delivery({ messages: [message] }))
    expect(response.statusCode).toBe(200)

    expect(graph.reads()).toEqual([
      {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: message.message.id,
        typing_indicator: { type: 'text' },
      },
    ])
    const sends = graph.sends()
    expect(sends).toHaveLength(1)
    expect(sends[0]).toMatchObject({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: adi,
      type: 'text',
    })
    expect(sends[0]?.text.preview_url).toBe(false)
    expect(sends[0]?.text.body).toContain('JNE123456789')
    expect(sends[0]?.text.body).toContain('Dalam Perjalanan')
    expect(sends[0]?.text.body).not.toMatch(/verifikasi/i)
    expect(graph.calls.every((c) => c.authorization === 'Bearer EAAG-test-layan-whatsapp-access-token')).toBe(true)

    const identity = await db.prisma.channelIdentity.findUniqueOrThrow({
      where: { channel_externalUserId: { channel: 'whatsapp', externalUserId: adi } },
    })
    expect(identity).toMatchObject({ customerId: 'cust-adi', externalChatId: adi, displayName: 'Adi M' })
    expect(await db.prisma.auditLog.count({ where: { entityId: identity.id, actor: 'whatsapp:phone' } })).toBe(1)
    const conversation = await conversationOf(adi)
    expect(conversation?.messages.map((m) => [m.role, m.externalMessageId])).toEqual([
      ['user', message.message.id],
      ['assistant', null],
    ])
    expect(await db.prisma.inboxMessage.findFirstOrThrow({ where: { externalId: message.message.id } })).toMatchObject({
      status: 'DONE',
      senderId: adi,
      attempts: 0,
    })
    const out = await db.prisma.outboundMessage.findMany({ where: { recipientId: adi } })
    expect(out.map((o) => [o.kind, o.status])).toEqual([['text', 'accepted']])
  })

  it('asks an unknown number to verify as on the web, then answers once it has', async () => {
    const stranger = '6281999888777'
    await say('cek pesanan ORD-2025-001', stranger)
    expect(graph.textsTo(stranger)).toEqual([
      'Untuk keamanan, mohon verifikasi dulu: kirim "verifikasi <nomor pesanan> <4 digit terakhir HP>" (contoh: verifikasi ORD-2025-123 1234).',
    ])
    const identity = await db.prisma.channelIdentity.findUniqueOrThrow({
      where: { channel_externalUserId: { channel: 'whatsapp', externalUserId: stranger } },
    })
    expect(identity.customerId).toBeNull()

    graph.clear()
    await say('verifikasi ORD-2025-001 0000', stranger)
    expect(graph.textsTo(stranger)[0]).toMatch(/^Maaf, data verifikasi tidak cocok/)
    graph.clear()
    await say('verifikasi ORD-2025-001 7890', stranger)
    expect(graph.textsTo(stranger)[0]).toMatch(/^✅ Terima kasih, Adi Mulyana!/)
    graph.clear()
    await say('cek pesanan ORD-2025-001', stranger)
    expect(graph.textsTo(stranger)[0]).toContain('JNE123456789')
  })

  it('cancels with reply buttons; the button reply runs once, a second press changes nothing', async () => {
    await say('tolong batalkan pesanan ORD-2025-002')
    const [confirm] = graph.sends(adi)
    expect(confirm?.type).toBe('interactive')
    expect(confirm?.interactive.type).toBe('button')
    expect(confirm?.interactive.body.text).toMatch(
      /^⚠️ \*Konfirmasi Pembatalan\*\n\nAnda akan membatalkan pesanan ORD-2025-002/,
    )
    const buttons = confirm?.interactive.action.buttons as { type: string; reply: { id: string; title: string } }[]
    expect(buttons.map((b) => [b.type, b.reply.title])).toEqual([
      ['reply', 'Ya, batalkan'],
      ['reply', 'Tidak'],
    ])
    const yes = buttons[0]?.reply.id ?? ''
    expect(yes).toMatch(/^c:[A-Za-z0-9_-]{43}$/)
    expect(buttons[1]?.reply.id).toBe(`r:${yes.slice(2)}`)
    expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })).status).toBe('PENDING')

    graph.clear()
    const press = graph.webhook.buttonReply({ from: adi, buttonId: yes, title: 'Ya, batalkan' })
    await h.deliver(graph.webhook.delivery({ messages: [press] }))
    expect(graph.textsTo(adi)).toHaveLength(1)
    expect(graph.textsTo(adi)[0]).toContain('ORD-2025-002')
    expect(graph.textsTo(adi)[0]).toMatch(/dibatalkan/)
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
    expect(order.status).toBe('CANCELLED')

    // The same button pressed again (a new message) and the same press delivered again.
    graph.clear()
    const again = graph.webhook.buttonReply({ from: adi, buttonId: yes, title: 'Ya, batalkan' })
    await h.deliver(graph.webhook.delivery({ messages: [again] }))
    await h.deliver(graph.webhook.delivery({ messages: [press] }))
    expect(graph.textsTo(adi)).toHaveLength(1)
    expect(graph.textsTo(adi)).toEqual([t('id', 'pending.used')])
    expect(
      await db.prisma.auditLog.count({
        where: { entity: 'Order', entityId: order.id, action: { contains: 'cancel' } },
      }),
    ).toBe(1)
  })

  it('answers a repeated message id once, however often and in whatever delivery it comes', async () => {
    const message = graph.webhook.text({ from: adi, text: 'cek stok KAOS-001' })
    const delivery = graph.webhook.delivery({ messages: [message] })
    for (let i = 0; i < 3; i++) expect((await h.deliver(delivery)).statusCode).toBe(200)
    const withStatus = graph.webhook.delivery({
      messages: [message],
      statuses: [graph.webhook.status({ id: 'wamid.unknown', status: 'read' })],
    })
    expect((await h.deliver(withStatus)).statusCode).toBe(200)
    // Meta may deliver it again while the first delivery is still being answered.
    await Promise.all([h.deliver(delivery), h.deliver(delivery)])
    expect(graph.textsTo(adi)).toHaveLength(1)
    expect(graph.textsTo(adi)[0]).toContain('Kaos Basic Crewneck')
    expect(await db.prisma.inboxMessage.count({ where: { externalId: message.message.id } })).toBe(1)
    const conversation = await conversationOf(adi)
    expect(conversation?.messages.filter((m) => m.externalMessageId === message.message.id)).toHaveLength(1)
  })

  it('answers photos, voice notes, documents, stickers and locations politely with text only, and keeps them', async () => {
    const sender = '6281355512345'
    const media = [
      graph.webhook.image({ from: sender, caption: 'yang ini ada ukuran M?' }),
      graph.webhook.voice({ from: sender }),
      graph.webhook.document({ from: sender }),
      graph.webhook.sticker({ from: sender }),
      graph.webhook.location({ from: sender }),
    ]
    await h.deliver(graph.webhook.delivery({ messages: media }))
    const texts = graph.textsTo(sender)
    expect(texts).toHaveLength(5)
    for (const text of texts) expect(text).toMatch(/^Maaf, saat ini saya hanya bisa membaca pesan teks/)
    expect(graph.reads().map((r) => r.message_id)).toEqual(media.map((m) => m.message.id))
    expect(graph.reads().every((r) => r.typing_indicator === undefined)).toBe(true)

    // One delivery: the five share a timestamp, so they are put in the order they were sent by their ids.
    const order = media.map((m) => m.message.id)
    const rows = (await db.prisma.inboxMessage.findMany({ where: { senderId: sender } })).sort(
      (a, b) => order.indexOf(a.externalId) - order.indexOf(b.externalId),
    )
    expect(rows.map((r) => [r.status, (r.payload as { message: { type: string } }).message.type])).toEqual([
      ['DONE', 'image'],
      ['DONE', 'audio'],
      ['DONE', 'document'],
      ['DONE', 'sticker'],
      ['DONE', 'location'],
    ])
    expect(rows[0]?.payload).toMatchObject({ message: { image: { caption: 'yang ini ada ukuran M?' } } })
    // Nothing reached the agent.
    expect(await conversationOf(sender)).toBeNull()

    graph.clear()
    const reaction = graph.webhook.reaction({ from: sender, to: 'wamid.OUT-1' })
    await h.deliver(graph.webhook.delivery({ messages: [reaction] }))
    expect(graph.calls).toEqual([])
  })

  it('hands off to staff on the Telegram relay; staff answers and the rating come back on WhatsApp', async () => {
    const siti = '6281298765432'
    await say('saya mau bicara dengan CS', siti, { name: 'Siti' })
    expect(graph.textsTo(siti).at(-1)).toContain('tim CS')
    const handoff = await db.prisma.handoff.findFirstOrThrow({ where: { status: 'OPEN', customerId: 'cust-siti' } })

    expect(await h.outbox.runOnce()).toMatchObject({ sent: 1, failed: 0 })
    const [opened] = telegram.textsTo(staffChatId)
    expect(opened).toMatch(
      new RegExp(`^🙋 <b>Permintaan bantuan CS</b> #${handoff.id}\\nPelanggan: Siti Rahma\\nKanal: whatsapp\\n`),
    )

    // While open, what she writes goes to staff and the bot only says a person will answer.
    graph.clear()
    telegram.clear()
    await say('paket saya datang basah', siti)
    expect(graph.textsTo(siti)).toEqual([t('id', 'core.handoffWaiting')])
    await h.outbox.runOnce()
    expect(telegram.textsTo(staffChatId)).toEqual([
      `💬 Pesan baru di hand-off #${handoff.id} dari Siti Rahma (whatsapp):\npaket saya datang basah`,
    ])

    // Staff answer inside the 24-hour window: free text on WhatsApp.
    graph.clear()
    const target = await h.desk.reply(handoff.id, 'Mohon maaf kak, kami kirim pengganti besok.', 'admin:telegram:1')
    expect(target).toMatchObject({ channel: 'whatsapp', externalChatId: siti })
    expect(await h.outbox.runOnce()).toMatchObject({ sent: 1 })
    expect(graph.textsTo(siti)).toEqual(['💬 *Tim CS UrbanStyle ID:*\nMohon maaf kak, kami kirim pengganti besok.'])

    // Closed: the rating question comes as a list of five rows; choosing one stores it, once.
    graph.clear()
    await h.handoffs.close(handoff.id, { actor: 'admin:telegram:1' })
    await h.desk.requestRating(handoff.id)
    await h.outbox.runOnce()
    const [list] = graph.sends(siti)
    expect(list?.interactive.type).toBe('list')
    expect(list?.interactive.action.button).toBe('Pilih')
    const rows = list?.interactive.action.sections[0].rows as { id: string; title: string }[]
    expect(rows.map((r) => r.title)).toEqual(['1', '2', '3', '4', '5 ⭐'])
    expect(rows[4]?.id).toBe(`c:rate:${handoff.id}:5`)

    graph.clear()
    const choice = graph.webhook.listReply({ from: siti, rowId: rows[4]?.id ?? '', title: '5 ⭐' })
    await h.deliver(graph.webhook.delivery({ messages: [choice] }))
    expect(graph.textsTo(siti)).toEqual(['🙏 Terima kasih atas penilaian 5/5! Ada lagi yang bisa saya bantu?'])
    expect(graph.reads().map((r) => r.message_id)).toEqual([choice.message.id])
    expect((await db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).rating).toBe(5)
    graph.clear()
    await h.deliver(
      graph.webhook.delivery({
        messages: [graph.webhook.listReply({ from: siti, rowId: rows[0]?.id ?? '', title: '1' })],
      }),
    )
    expect(graph.textsTo(siti)).toEqual(['Penilaian untuk percakapan ini sudah kami terima sebelumnya. Terima kasih!'])
    expect((await db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).rating).toBe(5)
  })
})
