/**
 * A customer's photo on Telegram, through the Bot API stand-in: the largest size within RETURN_PHOTO_MAX_BYTES is
 * fetched (getFile, then the file URL), checked and stored; kept for the next return request or linked to the
 * open one; an unverified sender gets the verify hint and nothing is fetched or stored; a caption is answered as
 * the text it is.
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

/** Two days after ORD-2025-003 (Adi's) was delivered: inside the return window. */
const now = () => new Date('2025-10-07T03:00:00Z')
const maxBytes = 20_000
const jpeg = (size: number, fill = 7) => {
  const bytes = new Uint8Array(size).fill(fill)
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  return bytes
}

describe.each(testDbKinds)('telegram photos (%s)', (kind) => {
  let db: Database
  let h: TelegramHarness

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildTelegramHarness(db, { now, photoMaxBytes: maxBytes })
  })
  afterAll(async () => {
    await db.close()
  })

  const photosOf = (customerId: string) =>
    db.prisma.attachment.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' } })
  const conversationOf = async (userId: number) => {
    const identity = await db.prisma.channelIdentity.findUniqueOrThrow({
      where: { channel_externalUserId: { channel: 'telegram', externalUserId: String(userId) } },
    })
    return db.prisma.conversation.findFirstOrThrow({ where: { identityId: identity.id } })
  }

  it('refuses an unverified sender’s photo with the verify hint; nothing is fetched or stored', async () => {
    telegram.addFile('anon-1', jpeg(5000))
    await h.bot.handleUpdate(telegram.updates.photo({ from: 8101, sizes: [{ fileId: 'anon-1', size: 5000 }] }))
    expect(telegram.textsTo(8101)).toEqual([
      '📷 Foto belum kami simpan: untuk mengirim foto retur, verifikasi dulu dengan mengirim "verifikasi &lt;nomor pesanan&gt; &lt;4 digit terakhir HP&gt;", contoh: verifikasi ORD-2025-123 1234.',
    ])
    expect(telegram.callsOf('getFile')).toHaveLength(0)
    expect(telegram.callsOf('download')).toHaveLength(0)
    expect(await db.prisma.attachment.count()).toBe(0)
  })

  it('keeps a verified customer’s photo (the largest size within the limit) and links it to the request made next', async () => {
    const adi = 8102
    await h.bot.handleUpdate(telegram.updates.text({ text: 'verifikasi ORD-2025-001 7890', from: adi }))
    telegram.clear()
    telegram.addFile('small', jpeg(3000, 1))
    telegram.addFile('medium', jpeg(15_000, 2))
    telegram.addFile('huge', jpeg(30_000, 3))
    await h.bot.handleUpdate(
      telegram.updates.photo({
        from: adi,
        sizes: [
          { fileId: 'small', size: 3000 },
          { fileId: 'medium', size: 15_000 },
          { fileId: 'huge', size: 30_000 },
        ],
      }),
    )
    expect(telegram.textsTo(adi)).toEqual([
      '📷 Foto diterima; sebutkan pesanan dan barang yang ingin diretur, lalu foto ini ikut tersimpan bersama permintaannya.',
    ])
    expect(telegram.callsOf('getFile').map((c) => c.body.file_id)).toEqual(['medium'])
    expect(telegram.callsOf('download').map((c) => c.body.path)).toEqual(['photos/medium.jpg'])
    const conversation = await conversationOf(adi)
    const [kept] = await photosOf('cust-adi')
    expect(kept).toMatchObject({
      conversationId: conversation.id,
      returnId: null,
      channel: 'telegram',
      mime: 'image/jpeg',
      sizeBytes: 15_000,
    })
    expect(Buffer.from(kept?.data ?? []).equals(Buffer.from(jpeg(15_000, 2)))).toBe(true)

    // The request made in this conversation takes the photo waiting in it; staff read it back.
    const request = await h.services.returns.create(
      'cust-adi',
      { orderNumber: 'ORD-2025-003', items: [{}], reason: 'kekecilan', resolution: 'refund' },
      { actor: 'customer', conversationId: conversation.id },
    )
    const [linked] = await photosOf('cust-adi')
    expect(linked?.returnId).not.toBeNull()
    const forStaff = await h.services.returns.photo(request.number, linked?.id ?? '')
    expect(forStaff.mime).toBe('image/jpeg')
    expect(Buffer.from(forStaff.data).length).toBe(15_000)

    // A photo sent after the request goes straight to it, in English for an English app.
    telegram.clear()
    telegram.addFile('after', jpeg(4000, 4))
    await h.bot.handleUpdate(
      telegram.updates.photo({ from: adi, sizes: [{ fileId: 'after', size: 4000 }], caption: undefined }),
    )
    expect(telegram.textsTo(adi)).toEqual([`📷 Foto diterima dan disimpan bersama permintaan ${request.number}.`])
    const all = await photosOf('cust-adi')
    expect(all).toHaveLength(2)
    expect(all.every((p) => p.returnId === all[0]?.returnId)).toBe(true)
  })

  it('refuses a photo whose every size is over the limit without fetching it, and a file that is no image', async () => {
    const siti = 8103
    await h.bot.handleUpdate(
      telegram.updates.text({ text: 'verify ORD-2025-004 5432', from: siti, fromExtra: { language_code: 'en' } }),
    )
    telegram.clear()
    await h.bot.handleUpdate(
      telegram.updates.photo({
        from: siti,
        sizes: [
          { fileId: 'big-a', size: 25_000 },
          { fileId: 'big-b', size: 90_000 },
        ],
      }),
    )
    // The conversation is in English since her verification.
    expect(telegram.textsTo(siti)).toEqual([
      '📷 Sorry, the photo is too large (at most 20 KB). Please send a smaller one.',
    ])
    expect(telegram.callsOf('getFile')).toHaveLength(0)

    telegram.clear()
    telegram.addFile('text', new TextEncoder().encode('<html>not a photo at all</html>'))
    await h.bot.handleUpdate(telegram.updates.photo({ from: siti, sizes: [{ fileId: 'text', size: 31 }] }))
    expect(telegram.textsTo(siti)).toEqual([
      '📷 Sorry, this file is not a photo we can keep. Please send a JPEG, PNG or WebP photo.',
    ])
    expect(telegram.callsOf('download')).toHaveLength(1)
    expect(await photosOf('cust-siti')).toEqual([])
  })

  it('apologises when the file cannot be fetched, stores nothing, and still answers the caption', async () => {
    const siti = 8105
    await h.bot.handleUpdate(telegram.updates.text({ text: 'verifikasi ORD-2025-004 5432', from: siti }))
    const before = await db.prisma.attachment.count()
    telegram.clear()
    telegram.addFile('lost', jpeg(1000))
    telegram.failNext('getFile', { kind: 'network' })
    await h.bot.handleUpdate(
      telegram.updates.photo({
        from: siti,
        sizes: [{ fileId: 'lost', size: 1000 }],
        caption: 'stok kaos ukuran M ada?',
      }),
    )
    const texts = telegram.textsTo(siti)
    expect(texts[0]).toBe('📷 Maaf, foto belum bisa kami terima saat ini. Silakan kirim lagi sebentar lagi.')
    expect(texts[1]).toContain('Ukuran M')
    expect(telegram.callsOf('download')).toHaveLength(0)
    expect(await db.prisma.attachment.count()).toBe(before)
  })

  it('answers a caption first as the text it is: a verification in it lets the photo be kept', async () => {
    const budi = 8104
    telegram.addFile('budi-1', jpeg(2000))
    await h.bot.handleUpdate(
      telegram.updates.photo({
        from: budi,
        sizes: [{ fileId: 'budi-1', size: 2000 }],
        caption: 'verifikasi ORD-2025-001 7890',
      }),
    )
    const texts = telegram.textsTo(budi)
    expect(texts[0]).toBe('📷 Foto diterima dan disimpan bersama permintaan ORD-2025-003-R1.')
    expect(texts[1]).toContain('Adi Mulyana')
    // Adi's open request, made in his other conversation, is his latest open one: the photo joins it.
    const photos = await photosOf('cust-adi')
    expect(photos).toHaveLength(3)
    expect(new Set(photos.map((p) => p.returnId)).size).toBe(1)
  })
})
