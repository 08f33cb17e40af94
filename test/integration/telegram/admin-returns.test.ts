/**
 * `/return` through the bot: the admin lists, shows (photos follow as photos), approves, receives and ships an
 * exchange; a customer is refused with nothing changed; unknown numbers, wrong states, unknown carriers and bad
 * waybills answer in the admin's language. Checked in the database, the audit and the customer's notices.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { adiExchange, deliveredRecently } from '../../helpers/returns.ts'
import { createFakeTelegram } from '../../msw/telegram.ts'
import { adminUserId, buildTelegramHarness, type TelegramHarness } from './harness.ts'

const telegram = createFakeTelegram()
const server = setupServer(...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => telegram.clear())
afterAll(() => server.close())

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])

describe.each(testDbKinds)('telegram /return (%s)', (kind) => {
  let db: Database
  let h: TelegramHarness
  let number: string

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildTelegramHarness(db)
    await deliveredRecently(db.prisma, 'ORD-2025-001')
    const created = await adiExchange(h.services.returns)
    number = created.number
    await db.prisma.attachment.create({
      data: {
        customerId: 'cust-adi',
        returnId: (await db.prisma.returnRequest.findUniqueOrThrow({ where: { number } })).id,
        channel: 'telegram',
        mime: 'image/png',
        sizeBytes: png.length,
        data: png,
      },
    })
  })
  afterAll(async () => {
    await db.close()
  })

  async function run(text: string, from = adminUserId, language = 'id'): Promise<string[]> {
    telegram.clear()
    await h.bot.handleUpdate(telegram.updates.text({ text, from, fromExtra: { language_code: language } }))
    return telegram.textsTo(from)
  }
  const statusOf = async () => (await db.prisma.returnRequest.findUniqueOrThrow({ where: { number } })).status

  it('refuses a customer, changing nothing', async () => {
    const audits = await db.prisma.auditLog.count()
    expect(await run(`/return approve ${number}`, 8100)).toEqual([
      '⛔ Maaf, perintah ini hanya untuk admin toko. Tidak ada yang diubah.',
    ])
    expect(await statusOf()).toBe('REQUESTED')
    expect(await db.prisma.auditLog.count()).toBe(audits)
  })

  it('lists the open requests and shows one with items, reason, photo count, then sends the photo', async () => {
    const list = await run('/return')
    expect(list[0]).toContain(number)
    expect(list[0]).toContain('tukar ukuran')
    const detail = (await run(`/return ${number.toLowerCase()}`))[0] ?? ''
    expect(detail).toContain('KAOS-001-M')
    expect(detail).toContain('→ KAOS-001-L')
    expect(detail).toContain('Alasan: kekecilan')
    expect(detail).toContain('Foto: 1')
    expect(detail).toContain(`/return approve ${number}`)
    const photos = telegram.calls.filter((c) => c.method === 'sendPhoto')
    expect(photos).toHaveLength(1)
    expect(String(photos[0]?.body.multipart)).toContain(Buffer.from(png).toString('latin1'))
    expect(String(photos[0]?.body.multipart)).toContain('name="chat_id"')
  })

  it('answers unknown numbers, wrong states and bad arguments clearly, in the admin language', async () => {
    expect(await run('/return ORD-2099-999-R1')).toEqual(['Retur ORD-2099-999-R1 tidak ditemukan.'])
    expect(await run('/return ORD-2099-999-R1', adminUserId, 'en')).toEqual(['Return ORD-2099-999-R1 not found.'])
    expect((await run(`/return received ${number}`))[0]).toBe(
      `Retur ${number} berstatus "menunggu persetujuan tim kami", jadi tidak bisa ditandai diterima.`,
    )
    expect((await run(`/return reject ${number}`))[0]).toContain('Tulis alasan penolakan')
    expect((await run('/return ship'))[0]).toContain('Pakai: /return')
    expect(await statusOf()).toBe('REQUESTED')
  })

  it('approves, receives and ships the replacement; the customer is told each step; audited as the admin', async () => {
    expect((await run(`/return approve ${number}`))[0]).toContain('disetujui')
    expect(await statusOf()).toBe('APPROVED')
    expect((await run(`/return received ${number}`))[0]).toContain(`/return ship ${number}`)
    expect((await run(`/return ship ${number} dhl JT0099887766`))[0]).toContain('Kurir "dhl" tidak dikenal')
    expect((await run(`/return ship ${number} jnt JT!!`))[0]).toContain('Nomor resi "JT!!" tidak valid')
    expect(await statusOf()).toBe('RECEIVED')
    expect((await run(`/return ship ${number} J&T jt0099887766`))[0]).toBe(
      `🚚 Pengganti ${number} dikirim dengan J&amp;T Express JT0099887766; pelanggan diberi tahu.`,
    )
    expect(await statusOf()).toBe('REPLACEMENT_SHIPPED')
    const shipment = await db.prisma.shippingTracking.findUniqueOrThrow({ where: { trackingNumber: 'JT0099887766' } })
    expect(shipment.carrier).toBe('jnt')
    const steps = await db.prisma.notification.findMany({
      where: { kind: 'return_update', customerId: 'cust-adi' },
      orderBy: { createdAt: 'asc' },
    })
    expect(steps.map((n) => (n.payload as { step: string }).step)).toEqual([
      'approved',
      'received',
      'replacement_shipped',
    ])
    const audits = await db.prisma.auditLog.findMany({
      where: { entity: 'ReturnRequest', action: { not: 'return.requested' } },
    })
    expect(audits.map((a) => `${a.action} ${a.actor}`).sort()).toEqual(
      ['return.approved', 'return.received', 'return.replacement_shipped'].map(
        (a) => `${a} admin:telegram:${adminUserId}`,
      ),
    )
    // A second press of the same step changes nothing.
    expect((await run(`/return approve ${number}`))[0]).toContain('jadi tidak bisa disetujui')
  })
})
