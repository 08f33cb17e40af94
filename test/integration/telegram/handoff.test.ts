/**
 * The hand-off round trip on Telegram: the customer asks for a person → the admin chat is told (customer, reason,
 * last messages) → the customer's next messages are forwarded while the bot stays quiet → /reply reaches the
 * customer → /close hands back to the bot and asks for a rating → the rating press is stored once.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { handoffOfferToken } from '../../../src/agent/types.ts'
import type { Database } from '../../../src/db/client.ts'
import { t } from '../../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createFakeTelegram } from '../../msw/telegram.ts'
import { adminChatId, adminUserId, buildTelegramHarness, type TelegramHarness } from './harness.ts'

const telegram = createFakeTelegram()
const server = setupServer(...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => telegram.clear())
afterAll(() => server.close())

const customer = 8200

describe.each(testDbKinds)('telegram hand-off (%s)', (kind) => {
  let db: Database
  let h: TelegramHarness

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildTelegramHarness(db)
  })
  afterAll(async () => {
    await db.close()
  })

  const say = (text: string, from = customer) => h.bot.handleUpdate(telegram.updates.text({ text, from }))

  it('goes customer → admin chat → /reply → customer → /close → rating', async () => {
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '081234567890', from: customer }))
    await say('status pesanan ORD-2025-001')
    await say('bicara dengan CS')
    expect(telegram.textsTo(customer).at(-1)).toContain('tim CS')
    const handoff = await db.prisma.handoff.findFirstOrThrow({ where: { status: 'OPEN' } })
    expect(handoff.customerId).toBe('cust-adi')

    // Staff hear about it through the outbox.
    telegram.clear()
    expect(await h.outbox.runOnce()).toMatchObject({ sent: 1, failed: 0 })
    const [opened] = telegram.textsTo(adminChatId)
    expect(opened).toMatch(
      new RegExp(
        `^🙋 <b>Permintaan bantuan CS</b> #${handoff.id}\\nPelanggan: Adi Mulyana\\nKanal: telegram\\nAlasan: `,
      ),
    )
    expect(opened).toContain('\n\nPesan terakhir:\n')
    expect(opened).toContain('• Pelanggan: status pesanan ORD-2025-001\n• Bot: ')
    expect(opened).toContain('• Pelanggan: bicara dengan CS')
    expect(opened).toContain(`<code>/reply ${handoff.id} &lt;pesan&gt;</code>`)

    // While open, the bot stays quiet (only "a person will answer") and staff get the message.
    telegram.clear()
    await say('paket saya <rusak> & basah')
    expect(telegram.textsTo(customer)).toEqual([t('id', 'core.handoffWaiting')])
    await h.outbox.runOnce()
    expect(telegram.textsTo(adminChatId)).toEqual([
      `💬 Pesan baru di hand-off #${handoff.id} dari Adi Mulyana (telegram):\npaket saya &lt;rusak&gt; &amp; basah`,
    ])

    // Staff answer; the customer gets it in their chat.
    telegram.clear()
    await say(`/reply ${handoff.id} Mohon maaf kak, kami kirim pengganti besok.`, adminUserId)
    await h.outbox.runOnce()
    expect(telegram.textsTo(customer)).toEqual([
      '💬 <b>Tim CS UrbanStyle ID:</b>\nMohon maaf kak, kami kirim pengganti besok.',
    ])
    const adminMessage = await db.prisma.message.findFirstOrThrow({ where: { role: 'admin' } })
    expect(adminMessage.text).toBe('Mohon maaf kak, kami kirim pengganti besok.')

    // Staff close; the bot takes over and asks for a rating with five buttons.
    telegram.clear()
    await say(`/close ${handoff.id}`, adminUserId)
    await h.outbox.runOnce()
    const ratingRequest = telegram.callsOf('sendMessage').find((c) => String(c.body.chat_id) === String(customer))
    expect(ratingRequest?.body.text).toContain('Pilih 1 (buruk) sampai 5 (sangat baik)')
    const buttons = ratingRequest?.body.reply_markup.inline_keyboard[0]
    expect(buttons.map((b: { text: string }) => b.text)).toEqual(['1', '2', '3', '4', '5 ⭐'])
    expect(buttons[3].callback_data).toBe(`c:rate:${handoff.id}:4`)

    // Someone else cannot rate it; the customer's press is stored once.
    telegram.clear()
    await h.bot.handleUpdate(telegram.updates.callback({ data: buttons[0].callback_data, from: 8299 }))
    expect(telegram.textsTo(8299)).toEqual(['Penilaian ini tidak berlaku untuk akun Anda.'])
    telegram.clear()
    await h.bot.handleUpdate(
      telegram.updates.callback({ data: buttons[3].callback_data, from: customer, messageId: 555 }),
    )
    expect(telegram.calls.map((c) => c.method)).toEqual([
      'answerCallbackQuery',
      'editMessageReplyMarkup',
      'sendMessage',
    ])
    expect(telegram.textsTo(customer)).toEqual(['🙏 Terima kasih atas penilaian 4/5! Ada lagi yang bisa saya bantu?'])
    telegram.clear()
    await h.bot.handleUpdate(telegram.updates.callback({ data: buttons[0].callback_data, from: customer }))
    expect(telegram.textsTo(customer)).toEqual([
      'Penilaian untuk percakapan ini sudah kami terima sebelumnya. Terima kasih!',
    ])
    const closed = await db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })
    expect(closed).toMatchObject({ status: 'CLOSED', rating: 4, assignee: `admin:telegram:${adminUserId}` })

    // The bot answers again.
    telegram.clear()
    await say('status pesanan ORD-2025-001')
    expect(telegram.textsTo(customer)[0]).toContain('JNE123456789')
    await h.outbox.runOnce()
    expect(telegram.textsTo(adminChatId)).toEqual([])
  })

  it('opens no hand-off when the bot gives up, and tells the admin chat once the customer presses "talk to a person"', async () => {
    const giving = buildTelegramHarness(db, {})
    // Notices left by earlier tests go out first.
    await giving.outbox.runOnce()
    telegram.clear()
    await giving.bot.handleUpdate(telegram.updates.text({ text: 'xyzzy', from: 8201 }))
    await giving.bot.handleUpdate(telegram.updates.text({ text: 'plugh', from: 8201 }))
    await giving.outbox.runOnce()
    expect(telegram.textsTo(adminChatId)).toEqual([])
    telegram.clear()
    await giving.bot.handleUpdate(telegram.updates.callback({ data: `c:${handoffOfferToken}`, from: 8201 }))
    await giving.outbox.runOnce()
    const [opened] = telegram.textsTo(adminChatId)
    expect(opened).toContain('Pelanggan: Adi (belum terverifikasi)')
    expect(opened).toContain('Alasan: customer_accepted_offer')
    expect(opened).toContain('• Pelanggan: plugh')
  })
})
