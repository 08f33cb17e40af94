/**
 * The Telegram bot end to end: real-shaped Update JSON through grammY with a preset botInfo, the real core and
 * rule agent on a real database, the Bot API answered by MSW; the tests assert the exact API calls.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { capturingLogger, scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createFakeTelegram, testBotInfo } from '../../msw/telegram.ts'
import { buildTelegramHarness, type TelegramHarness } from './harness.ts'

const telegram = createFakeTelegram()
const server = setupServer(...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => telegram.clear())
afterAll(() => server.close())

const methods = () => telegram.calls.map((call) => call.method)

describe.each(testDbKinds)('telegram bot (%s)', (kind) => {
  let db: Database
  let h: TelegramHarness

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildTelegramHarness(db)
  })
  afterAll(async () => {
    await db.close()
  })

  it('answers a private text message: typing first, then HTML through the core and rule agent', async () => {
    await h.bot.handleUpdate(telegram.updates.text({ text: 'cek stok KAOS-001', from: 6001 }))
    expect(methods()).toEqual(['sendChatAction', 'sendMessage'])
    expect(telegram.calls[0]?.body).toEqual({ chat_id: 6001, action: 'typing' })
    const sent = telegram.calls[1]?.body
    expect(sent).toMatchObject({ chat_id: 6001, parse_mode: 'HTML', link_preview_options: { is_disabled: true } })
    expect(sent?.text).toContain('Kaos Basic Crewneck')
    expect(sent?.text).toContain('S 10 · M 15 · L 20 · XL 5')
    const stored = await db.prisma.message.findMany({
      where: { conversation: { channel: 'telegram', externalChatId: '6001' } },
      orderBy: { createdAt: 'asc' },
    })
    expect(stored.map((m) => [m.role, m.externalMessageId?.startsWith('6001:') ?? null])).toEqual([
      ['user', true],
      ['assistant', null],
    ])
  })

  it('escapes a customer name like "<b>&" in the HTML it sends', async () => {
    await db.prisma.customer.create({
      data: { id: 'cust-html', name: '<b>& Sons', phoneNumber: '+6281200001111', email: null },
    })
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '6281200001111', from: 6002 }))
    const sent = telegram.callsOf('sendMessage')[0]?.body
    expect(sent?.text).toBe(
      '✅ Terima kasih, &lt;b&gt;&amp; Sons! Nomor Anda sudah terverifikasi. Ada yang bisa saya bantu soal pesanan Anda?',
    )
    expect(sent?.reply_markup).toEqual({ remove_keyboard: true })
  })

  it('in a group answers only a mention of the bot (as a reply) or a reply to the bot', async () => {
    const group = { id: -100555, type: 'supergroup', title: 'Komunitas' }
    await h.bot.handleUpdate(telegram.updates.text({ text: 'cek stok KAOS-001', from: 6003, chat: group }))
    expect(telegram.calls).toEqual([])

    const mention = telegram.updates.groupMention({ text: 'cek stok KAOS-001', from: 6003, chatId: -100555 })
    await h.bot.handleUpdate(mention)
    expect(methods()).toEqual(['sendChatAction', 'sendMessage'])
    const sent = telegram.callsOf('sendMessage')[0]?.body
    expect(sent?.chat_id).toBe(-100555)
    expect(sent?.text).toContain('Kaos Basic Crewneck')
    expect(sent?.reply_parameters).toEqual({
      message_id: mention.message?.message_id,
      allow_sending_without_reply: true,
    })

    telegram.clear()
    const botMessage = {
      message_id: 77,
      date: 0,
      chat: group,
      from: { id: testBotInfo.id, is_bot: true, first_name: 'Layan' },
      text: 'x',
    }
    await h.bot.handleUpdate(
      telegram.updates.text({
        text: 'stok kemeja linen?',
        from: 6003,
        chat: group,
        message: { reply_to_message: botMessage },
      }),
    )
    expect(telegram.callsOf('sendMessage')[0]?.body.text).toContain('Kemeja Linen')
  })

  it('shows a tracking link as a URL button', async () => {
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '081234567890', from: 6004 }))
    telegram.clear()
    await h.bot.handleUpdate(telegram.updates.text({ text: 'lacak ORD-2025-001', from: 6004 }))
    const sent = telegram.callsOf('sendMessage')[0]?.body
    expect(sent?.text).toContain('JNE123456789')
    expect(sent?.reply_markup).toEqual({
      inline_keyboard: [[{ text: '🔗 Lacak Paket', url: 'https://www.jne.co.id/tracking-package?awb=JNE123456789' }]],
    })
  })

  it('turns confirm/reject into an inline keyboard; a press is answered, its buttons removed, and runs once', async () => {
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '081234567890', from: 6005 }))
    await h.bot.handleUpdate(telegram.updates.text({ text: 'batalkan pesanan ORD-2025-002', from: 6005 }))
    const confirm = telegram.callsOf('sendMessage').at(-1)?.body
    expect(confirm?.text).toContain('<b>Konfirmasi Pembatalan</b>')
    const row = confirm?.reply_markup.inline_keyboard[0]
    expect(row.map((b: { text: string }) => b.text)).toEqual(['Ya, batalkan', 'Tidak'])
    expect(row[0].callback_data).toMatch(/^c:[A-Za-z0-9_-]{43}$/)
    expect(row[1].callback_data).toBe(`r:${row[0].callback_data.slice(2)}`)

    telegram.clear()
    const press = telegram.updates.callback({ data: row[0].callback_data, from: 6005, messageId: 4242 })
    await h.bot.handleUpdate(press)
    expect(methods()).toEqual(['answerCallbackQuery', 'editMessageReplyMarkup', 'sendChatAction', 'sendMessage'])
    expect(telegram.calls[0]?.body).toEqual({ callback_query_id: press.callback_query?.id })
    expect(telegram.calls[1]?.body).toEqual({ chat_id: 6005, message_id: 4242, reply_markup: { inline_keyboard: [] } })
    expect(telegram.calls[3]?.body.text).toBe('Pesanan ORD-2025-002 telah dibatalkan.')
    const order = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })
    expect(order.status).toBe('CANCELLED')

    // The same press again (a new callback id): the token is used up, nothing changes.
    telegram.clear()
    await h.bot.handleUpdate(telegram.updates.callback({ data: row[0].callback_data, from: 6005 }))
    expect(telegram.callsOf('sendMessage')[0]?.body.text).toBe('Konfirmasi ini sudah diproses sebelumnya.')
  })

  it('answers a press of buttons that are not ours without running anything', async () => {
    await h.bot.handleUpdate(telegram.updates.callback({ data: 'something-else', from: 6006 }))
    expect(methods()).toEqual(['answerCallbackQuery'])
    expect(telegram.calls[0]?.body.text).toBe('Tombol ini sudah tidak berlaku.')
  })

  it('asks for text when sent a sticker, and stores nothing', async () => {
    await h.bot.handleUpdate(telegram.updates.sticker({ from: 6007 }))
    expect(methods()).toEqual(['sendMessage'])
    expect(telegram.calls[0]?.body.text).toBe(
      'Maaf, saat ini saya hanya bisa membaca pesan teks. Silakan tulis pertanyaan Anda ya 🙏',
    )
    expect(await db.prisma.conversation.count({ where: { externalChatId: '6007' } })).toBe(0)
  })

  it('ignores edited messages', async () => {
    await h.bot.handleUpdate(telegram.updates.edited({ text: 'batalkan ORD-2025-001', from: 6008 }))
    expect(telegram.calls).toEqual([])
    expect(await db.prisma.conversation.count({ where: { externalChatId: '6008' } })).toBe(0)
  })

  it('drops a repeated update_id: a redelivery is never answered twice', async () => {
    // The bot's own typing delay: a redelivery is dropped before "typing…" would show.
    const bot = buildTelegramHarness(db, { typingDelayMs: null }).bot
    const sticker = telegram.updates.sticker({ from: 6009 })
    await bot.handleUpdate(sticker)
    await bot.handleUpdate(sticker)
    const text = telegram.updates.text({ text: 'halo', from: 6009 })
    await bot.handleUpdate(text)
    await bot.handleUpdate(structuredClone(text))
    expect(methods()).toEqual(['sendMessage', 'sendMessage'])
    const events = await db.prisma.processedEvent.count({
      where: { source: 'telegram:update', eventKey: { in: [String(sticker.update_id), String(text.update_id)] } },
    })
    expect(events).toBe(2)
  })

  it('sends the stored answer to a redelivery whose answer never reached Telegram, once; later repeats are dropped', async () => {
    const agent = scriptedAgent()
    const bot = buildTelegramHarness(db, { agent, typingDelayMs: null }).bot
    const update = telegram.updates.text({ text: 'halo', from: 6016 })
    // Telegram unreachable: neither the answer nor the apology gets through (as when the process dies meanwhile).
    telegram.failNext('sendMessage', { kind: 'network' }, { kind: 'network' })
    await bot.handleUpdate(update)
    const answer = await db.prisma.message.findFirstOrThrow({
      where: { role: 'assistant', conversation: { channel: 'telegram', externalChatId: '6016' } },
    })
    expect(answer).toMatchObject({ text: 'echo: halo', deliveredAt: null })
    telegram.clear()

    await bot.handleUpdate(structuredClone(update))
    expect(methods()).toEqual(['sendMessage'])
    expect(telegram.callsOf('sendMessage')[0]?.body).toMatchObject({ chat_id: 6016, text: 'echo: halo' })
    expect(agent.calls).toHaveLength(1)
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id: answer.id } })).toMatchObject({
      deliveredAt: expect.any(Date),
      pendingDelivery: null,
    })

    await bot.handleUpdate(structuredClone(update))
    expect(methods()).toEqual(['sendMessage'])
    expect(await db.prisma.message.count({ where: { conversation: { externalChatId: '6016' } } })).toBe(2)
  })

  it('drops a text update whose update_id was claimed already, storing nothing of it', async () => {
    const text = telegram.updates.text({ text: 'cek stok KAOS-001', from: 6015 })
    await db.prisma.processedEvent.create({ data: { source: 'telegram:update', eventKey: String(text.update_id) } })
    await buildTelegramHarness(db, { typingDelayMs: null }).bot.handleUpdate(text)
    expect(telegram.calls).toEqual([])
    expect(await db.prisma.message.count({ where: { conversation: { externalChatId: '6015' } } })).toBe(0)
  })

  it('waits out a 429 retry_after (auto-retry) instead of failing', async () => {
    telegram.failNext('sendMessage', {
      kind: 'api',
      code: 429,
      description: 'Too Many Requests: retry after 0',
      retryAfter: 0,
    })
    await h.bot.handleUpdate(telegram.updates.text({ text: 'cek stok KAOS-001', from: 6010 }))
    const sends = telegram.callsOf('sendMessage')
    expect(sends).toHaveLength(2)
    expect(sends[1]?.body.text).toBe(sends[0]?.body.text)
  })

  it('logs a failed update and apologises to the customer (one error boundary)', async () => {
    const { log, lines } = capturingLogger()
    const logged = buildTelegramHarness(db, { log })
    telegram.failNext('sendMessage', { kind: 'api', code: 400, description: "Bad Request: can't parse entities" })
    await logged.bot.handleUpdate(telegram.updates.text({ text: 'cek stok KAOS-001', from: 6011 }))
    const sends = telegram.callsOf('sendMessage')
    expect(sends).toHaveLength(2)
    expect(sends[1]?.body).toEqual({
      chat_id: 6011,
      text: 'Maaf, terjadi kendala saat memproses pesan Anda. Silakan coba lagi sebentar lagi, atau balas "bicara dengan CS".',
    })
    expect(lines.some((line) => line.msg === 'telegram update failed' && line.level === 50)).toBe(true)
  })

  it('by default shows "typing…" only when the answer takes a noticeable time', async () => {
    const defaults = buildTelegramHarness(db, { typingDelayMs: null })
    await defaults.bot.handleUpdate(telegram.updates.text({ text: 'cek stok KAOS-001', from: 6013 }))
    expect(methods()).toEqual(['sendMessage'])
    expect(telegram.textsTo(6013)[0]).toContain('Kaos Basic Crewneck')
    telegram.clear()

    const slow = scriptedAgent(async () => {
      await new Promise((resolve) => setTimeout(resolve, 450))
      return { replies: [{ text: 'Sudah saya cek, kak.' }] }
    })
    const thinking = buildTelegramHarness(db, { agent: slow, typingDelayMs: null })
    await thinking.bot.handleUpdate(telegram.updates.text({ text: 'tolong dicek ya', from: 6014 }))
    expect(methods()).toEqual(['sendChatAction', 'sendMessage'])
    expect(telegram.calls[0]?.body).toEqual({ chat_id: 6014, action: 'typing' })
    expect(telegram.textsTo(6014)).toEqual(['Sudah saya cek, kak.'])
  })

  it('splits a 10,000-character reply into messages under 4,096 characters on paragraph boundaries', async () => {
    const paragraphs = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')} ${'x'.repeat(497)}`)
    const long = paragraphs.join('\n\n')
    expect(long.length).toBe(10_038)
    const agent = scriptedAgent(() => ({ replies: [{ text: long }] }))
    const scripted = buildTelegramHarness(db, { agent })
    await scripted.bot.handleUpdate(telegram.updates.text({ text: 'ceritakan semuanya', from: 6012 }))
    const texts = telegram.textsTo(6012)
    expect(texts).toHaveLength(3)
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096)
    // Every message holds whole paragraphs, in order, and nothing is lost.
    expect(texts.flatMap((text) => text.split('\n\n'))).toEqual(paragraphs)
  })
})
