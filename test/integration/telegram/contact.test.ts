/**
 * Verification by contact on Telegram: /start offers the request_contact button; the sender's own contact links
 * their identity to the customer with that number (any usual way of writing it); anyone else's contact, or a
 * phone-book contact without a Telegram user, links nothing.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createFakeTelegram } from '../../msw/telegram.ts'
import { buildTelegramHarness, type TelegramHarness } from './harness.ts'

const telegram = createFakeTelegram()
const server = setupServer(...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => telegram.clear())
afterAll(() => server.close())

const contactKeyboard = {
  keyboard: [[{ text: '📱 Bagikan nomor HP', request_contact: true }]],
  one_time_keyboard: true,
  resize_keyboard: true,
}

describe.each(testDbKinds)('telegram contact verification (%s)', (kind) => {
  let db: Database
  let h: TelegramHarness

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildTelegramHarness(db)
  })
  afterAll(async () => {
    await db.close()
  })

  const identity = (userId: number) =>
    db.prisma.channelIdentity.findUnique({
      where: { channel_externalUserId: { channel: 'telegram', externalUserId: String(userId) } },
    })

  it('/start greets by name and offers the "Bagikan nomor HP" button', async () => {
    await h.bot.handleUpdate(telegram.updates.text({ text: '/start', from: 7001, fromExtra: { first_name: 'Rina<3' } }))
    const sent = telegram.callsOf('sendMessage')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.body.text).toMatch(/^👋 Halo Rina&lt;3! Saya Layan, asisten virtual UrbanStyle ID\./)
    expect(sent[0]?.body.text).toContain('<b>Bagikan nomor HP</b>')
    expect(sent[0]?.body.reply_markup).toEqual(contactKeyboard)
  })

  it('/start in English for an English Telegram app, and without the button in a group', async () => {
    await h.bot.handleUpdate(telegram.updates.text({ text: '/start', from: 7002, fromExtra: { language_code: 'en' } }))
    expect(telegram.callsOf('sendMessage')[0]?.body.reply_markup.keyboard[0][0].text).toBe('📱 Share phone number')
    telegram.clear()
    await h.bot.handleUpdate(
      telegram.updates.text({ text: '/start', from: 7002, chat: { id: -100300, type: 'supergroup', title: 'G' } }),
    )
    expect(telegram.callsOf('sendMessage')[0]?.body.reply_markup).toBeUndefined()
  })

  it.each([
    ['081298765432', 7010],
    ['6281298765432', 7011],
    ['+62 812-9876-5432', 7012],
  ])('links the sender’s own contact written as %s to Siti', async (phone, userId) => {
    await h.bot.handleUpdate(telegram.updates.contact({ phone, from: userId }))
    const sent = telegram.callsOf('sendMessage')
    expect(sent.map((c) => c.body.text)).toEqual([
      '✅ Terima kasih, Siti Rahma! Nomor Anda sudah terverifikasi. Ada yang bisa saya bantu soal pesanan Anda?',
    ])
    expect(sent[0]?.body.reply_markup).toEqual({ remove_keyboard: true })
    const linked = await identity(userId)
    expect(linked?.customerId).toBe('cust-siti')
    expect(linked?.verifiedAt).toBeInstanceOf(Date)
    expect(linked?.externalChatId).toBe(String(userId))

    // Now verified: the bot answers about her own orders.
    telegram.clear()
    await h.bot.handleUpdate(telegram.updates.text({ text: 'status pesanan ORD-2025-004', from: userId }))
    expect(telegram.callsOf('sendMessage')[0]?.body.text).toContain('ORD-2025-004')
    expect(telegram.callsOf('sendMessage')[0]?.body.text).not.toContain('tidak ditemukan')
  })

  it('refuses someone else’s contact, asks again for their own, and links nothing', async () => {
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '081234567890', from: 7020, userId: 7999 }))
    const sent = telegram.callsOf('sendMessage')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.body.text).toBe('Demi keamanan, mohon bagikan nomor HP Anda sendiri lewat tombol "Bagikan Kontak".')
    expect(sent[0]?.body.reply_markup).toEqual(contactKeyboard)
    const refused = await identity(7020)
    expect(refused?.customerId).toBeNull()
    expect(await db.prisma.auditLog.count({ where: { action: 'identity.link', entityId: refused?.id } })).toBe(0)

    telegram.clear()
    await h.bot.handleUpdate(telegram.updates.text({ text: 'status pesanan ORD-2025-001', from: 7020 }))
    expect(telegram.callsOf('sendMessage')[0]?.body.text).not.toContain('JNE123456789')
  })

  it('refuses a phone-book contact without a Telegram user id', async () => {
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '081234567890', from: 7021, userId: null }))
    expect((await identity(7021))?.customerId).toBeNull()
    expect(telegram.callsOf('sendMessage')[0]?.body.reply_markup).toEqual(contactKeyboard)
  })

  it('says so when the own number belongs to no customer, linking nothing', async () => {
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '081300000000', from: 7022 }))
    expect(telegram.callsOf('sendMessage')[0]?.body.text).toContain('belum terdaftar sebagai pelanggan')
    expect((await identity(7022))?.customerId).toBeNull()
  })
})
