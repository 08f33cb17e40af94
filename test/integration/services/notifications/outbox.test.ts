/**
 * The outbox worker on real databases: exactly-once delivery with a failing first attempt (Telegram through
 * MSW), the customer's language and private chat, two workers on the same rows, backoff and FAILED, staff rows,
 * rows it cannot render or deliver, and the polling loop.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Reply } from '../../../../src/core/types.ts'
import type { Database } from '../../../../src/db/client.ts'
import type { Channel } from '../../../../src/generated/prisma/enums.ts'
import { formatRupiah } from '../../../../src/i18n/format.ts'
import { silentLogger } from '../../../../src/logger.ts'
import { createOutboxWorker } from '../../../../src/services/notifications/outbox.ts'
import {
  type ChannelSender,
  NotDeliverable,
  type NotificationTarget,
  type StaffSender,
} from '../../../../src/services/notifications/types.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../../helpers/http.ts'
import { createFakeTelegram } from '../../../msw/telegram.ts'
import { adminChatId, buildTelegramHarness } from '../../telegram/harness.ts'

const telegram = createFakeTelegram()
const server = setupServer(...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => telegram.clear())
afterAll(() => server.close())

/** A channel that records what it was asked to send, failing while `failing` is set. */
function recordingSender(channel: Channel, delayMs = 0) {
  const sent: { target: NotificationTarget; reply: Reply }[] = []
  const sender = {
    channel,
    sent,
    failing: false,
    async send(target: NotificationTarget, reply: Reply) {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
      if (sender.failing) throw new Error(`${channel} is down`)
      sent.push({ target, reply })
    },
  } satisfies ChannelSender & Record<string, unknown>
  return sender
}

function recordingStaff(channel: Channel, failing = false) {
  const sent: Reply[] = []
  return {
    channel,
    sent,
    async sendToStaff(reply: Reply) {
      if (failing) throw new Error('staff chat down')
      sent.push(reply)
    },
  } satisfies StaffSender & Record<string, unknown>
}

/** A clock tests move by hand. */
function manualClock(start = Date.now()) {
  let at = start
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) }
}

describe.each(testDbKinds)('outbox with Telegram (%s)', (kind) => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase(kind)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await db.close()
  })

  it('delivers a shipping update exactly once in the customer’s language, after a failing first attempt', async () => {
    const clock = manualClock()
    const h = buildTelegramHarness(db, { now: clock.now })
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '081234567890', from: 9501 }))
    await h.bot.handleUpdate(telegram.updates.text({ text: 'where is my order ORD-2025-001?', from: 9501 }))
    await h.services.shipping.updateShippingStatus('ORD-2025-001', 'DELIVERED', 'Bandung', { actor: 'test' })
    const row = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'shipping_status' } })
    // The row's default nextAttemptAt is the database's now(); put it on the test's clock.
    await db.prisma.notification.update({ where: { id: row.id }, data: { nextAttemptAt: clock.now() } })

    telegram.clear()
    telegram.failNext('sendMessage', { kind: 'network' })
    expect(await h.outbox.runOnce()).toEqual({ claimed: 1, sent: 0, retried: 1, failed: 0 })
    const retrying = await db.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })
    expect(retrying).toMatchObject({ status: 'PENDING', attempts: 1, sentAt: null })
    expect(retrying.lastError).toContain('telegram:')
    expect(retrying.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 30_000)

    expect(await h.outbox.runOnce()).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0 }) // not due yet
    clock.advance(31_000)
    expect(await h.outbox.runOnce()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 })
    expect(await h.outbox.runOnce()).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0 })

    const sends = telegram.callsOf('sendMessage')
    expect(sends).toHaveLength(2) // the failed try and the delivery
    expect(sends[1]?.body).toMatchObject({ chat_id: '9501', parse_mode: 'HTML' })
    expect(sends[1]?.body.text).toBe(
      '✅ Shipping update for order ORD-2025-001: <b>Delivered</b>\nLocation: Bandung\nYour parcel has arrived. Thank you for shopping at UrbanStyle ID!',
    )
    const sent = await db.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })
    expect(sent).toMatchObject({ status: 'SENT', attempts: 2, lastError: null })
    expect(sent.sentAt?.getTime()).toBe(clock.now().getTime())
  })

  it('sends to the private chat when the customer last wrote in a group', async () => {
    const h = buildTelegramHarness(db)
    await h.bot.handleUpdate(telegram.updates.contact({ phone: '081298765432', from: 9502 }))
    await h.bot.handleUpdate(telegram.updates.groupMention({ text: 'halo', from: 9502, chatId: -100950 }))
    const identity = await db.prisma.channelIdentity.findFirstOrThrow({ where: { externalUserId: '9502' } })
    expect(identity.externalChatId).toBe('-100950')
    await db.prisma.notification.create({
      data: {
        customerId: 'cust-siti',
        kind: 'payment_completed',
        payload: { orderNumber: 'ORD-2025-005', amount: 71000 },
      },
    })
    telegram.clear()
    await h.outbox.runOnce()
    expect(telegram.textsTo(-100950)).toEqual([])
    expect(telegram.textsTo(9502)).toEqual([
      '✅ Pembayaran pesanan ORD-2025-005 sebesar Rp71.000 sudah kami terima. Pesanan Anda segera kami proses. Terima kasih!',
    ])
  })

  it('posts staff rows to the admin chat', async () => {
    const h = buildTelegramHarness(db)
    await db.prisma.notification.create({
      data: {
        audience: 'admin',
        kind: 'low_stock',
        payload: { productId: 'DRESS-001', productName: 'Dress Midi Floral', quantity: 0, threshold: 5, sizes: [] },
      },
    })
    telegram.clear()
    expect(await h.outbox.runOnce()).toMatchObject({ sent: 1 })
    expect(telegram.textsTo(adminChatId)).toEqual(['⛔ <b>Stok habis</b>: Dress Midi Floral (DRESS-001).'])
  })
})

describe.each(testDbKinds)('outbox rules (%s)', (kind) => {
  let db: Database
  const log = silentLogger()

  beforeAll(async () => {
    db = await createTestDatabase(kind, { poolSize: 6 })
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await db.prisma.notification.deleteMany()
  })
  afterAll(async () => {
    await db.close()
  })

  async function linkIdentity(channel: Channel, userId: string, customerId: string, chatId = userId) {
    const identity = await db.prisma.channelIdentity.create({
      data: { channel, externalUserId: userId, externalChatId: chatId, customerId },
    })
    return identity
  }

  it('never sends a row twice when two workers run at once', async () => {
    await linkIdentity('discord', 'd-siti', 'cust-siti')
    await db.prisma.notification.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        customerId: 'cust-siti',
        kind: 'payment_completed',
        payload: { orderNumber: `ORD-2025-${String(i).padStart(3, '0')}`, amount: 1000 + i },
      })),
    })
    const a = recordingSender('discord', 2)
    const b = recordingSender('discord', 2)
    const first = createOutboxWorker({ prisma: db.prisma, log, senders: [a], batchSize: 5 })
    const second = createOutboxWorker({ prisma: db.prisma, log, senders: [b], batchSize: 5 })
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()])
    const texts = [...a.sent, ...b.sent].map((s) => s.reply.text)
    expect(texts).toHaveLength(30)
    expect(new Set(texts).size).toBe(30)
    expect(await db.prisma.notification.count({ where: { status: 'SENT', attempts: 1 } })).toBe(30)
  })

  it('tries the newest reachable chat first and falls back to the next', async () => {
    const old = await linkIdentity('telegram', 't-adi', 'cust-adi')
    await db.prisma.channelIdentity.update({
      where: { id: old.id },
      data: { updatedAt: new Date(Date.now() - 60_000) },
    })
    await linkIdentity('discord', 'd-adi', 'cust-adi')
    const discord = recordingSender('discord')
    const telegramSender = recordingSender('telegram')
    const worker = createOutboxWorker({ prisma: db.prisma, log, senders: [discord, telegramSender] })
    await db.prisma.notification.create({
      data: {
        customerId: 'cust-adi',
        kind: 'payment_completed',
        payload: { orderNumber: 'ORD-2025-002', amount: 264000 },
      },
    })
    await worker.runOnce()
    expect(discord.sent.map((s) => s.target)).toEqual([
      { channel: 'discord', externalChatId: 'd-adi', externalUserId: 'd-adi', locale: 'id' },
    ])
    expect(telegramSender.sent).toEqual([])

    discord.failing = true
    await db.prisma.notification.create({
      data: {
        customerId: 'cust-adi',
        kind: 'payment_completed',
        payload: { orderNumber: 'ORD-2025-002', amount: 264000 },
      },
    })
    expect(await worker.runOnce()).toMatchObject({ sent: 1 })
    expect(telegramSender.sent.map((s) => s.target.externalChatId)).toEqual(['t-adi'])
  })

  it('backs off exponentially and gives up after maxAttempts', async () => {
    await linkIdentity('discord', 'd-budi', 'cust-budi')
    const down = recordingSender('discord')
    down.failing = true
    const clock = manualClock()
    const worker = createOutboxWorker({ prisma: db.prisma, log, senders: [down], now: clock.now, maxAttempts: 3 })
    const row = await db.prisma.notification.create({
      data: {
        customerId: 'cust-budi',
        kind: 'payment_completed',
        payload: { orderNumber: 'ORD-2025-009', amount: 1 },
        nextAttemptAt: clock.now(),
      },
    })
    const delays: number[] = []
    for (const expected of ['retried', 'retried', 'failed'] as const) {
      const before = clock.now().getTime()
      const result = await worker.runOnce()
      expect(result[expected]).toBe(1)
      const current = await db.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })
      delays.push(current.nextAttemptAt.getTime() - before)
      clock.advance(10 * 60_000)
    }
    expect(delays.slice(0, 2)).toEqual([30_000, 60_000])
    const failed = await db.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3, lastError: 'discord: discord is down' })
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 })
  })

  it('fails at once what it cannot render, and retries a customer nobody can reach', async () => {
    const worker = createOutboxWorker({ prisma: db.prisma, log, senders: [recordingSender('telegram')] })
    const unknown = await db.prisma.notification.create({
      data: { customerId: 'cust-adi', kind: 'horoscope', payload: {} },
    })
    const broken = await db.prisma.notification.create({
      data: { customerId: 'cust-adi', kind: 'payment_completed', payload: { orderNumber: 7 } },
    })
    const unreachable = await db.prisma.notification.create({
      data: { customerId: 'cust-budi', kind: 'payment_completed', payload: { orderNumber: 'ORD-1', amount: 1 } },
    })
    await db.prisma.channelIdentity.deleteMany({ where: { customerId: 'cust-budi' } })
    expect(await worker.runOnce()).toEqual({ claimed: 3, sent: 0, retried: 1, failed: 2 })
    const rows = await db.prisma.notification.findMany({
      where: { id: { in: [unknown.id, broken.id, unreachable.id] } },
    })
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(byId.get(unknown.id)).toMatchObject({ status: 'FAILED', lastError: 'cannot render kind "horoscope"' })
    expect(byId.get(broken.id)).toMatchObject({ status: 'FAILED' })
    expect(byId.get(unreachable.id)).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastError: 'the customer has no reachable chat',
    })
  })

  it('sends staff rows to every staff channel; one that works is enough; none configured fails the row', async () => {
    const up = recordingStaff('telegram')
    const down = recordingStaff('discord', true)
    const worker = createOutboxWorker({ prisma: db.prisma, log, staffSenders: [down, up] })
    const payload = { handoffId: 'h1', channel: 'web', customerName: null, displayName: null, text: 'halo?' }
    const row = await db.prisma.notification.create({ data: { audience: 'admin', kind: 'handoff_message', payload } })
    expect(await worker.runOnce()).toMatchObject({ sent: 1 })
    expect(up.sent.map((r) => r.text)).toEqual(['💬 Pesan baru di hand-off #h1 dari belum terverifikasi (web):\nhalo?'])
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('SENT')

    const nobody = createOutboxWorker({ prisma: db.prisma, log })
    const lonely = await db.prisma.notification.create({
      data: { audience: 'admin', kind: 'handoff_message', payload },
    })
    expect(await nobody.runOnce()).toMatchObject({ failed: 1 })
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { id: lonely.id } })).toMatchObject({
      status: 'FAILED',
      lastError: 'no staff channel is configured',
    })
  })

  it('does not retry a message no channel can take now: fails it at once and tells staff, with its text', async () => {
    await linkIdentity('whatsapp', '6281355512345', 'cust-budi')
    const closed: ChannelSender = {
      channel: 'whatsapp',
      async send(_target, _reply, notification) {
        const tell = notification?.kind !== 'rating_request'
        throw new NotDeliverable('whatsapp', 'window_closed', tell, 'outside the window', '+6281355512345')
      },
    }
    const staff = recordingStaff('telegram')
    const worker = createOutboxWorker({ prisma: db.prisma, log, senders: [closed], staffSenders: [staff] })
    const row = await db.prisma.notification.create({
      data: { customerId: 'cust-budi', kind: 'payment_completed', payload: { orderNumber: 'ORD-2025-010', amount: 5 } },
    })
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, failed: 1, retried: 0 })
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      lastError: 'whatsapp: outside the window',
    })
    expect(await worker.runOnce()).toMatchObject({ sent: 1 })
    expect(staff.sent.map((r) => r.text)).toEqual([
      [
        '📭 **Pesan untuk Budi Santoso tidak terkirim** (whatsapp): sudah lebih dari 24 jam sejak pesan terakhir pelanggan di WhatsApp, dan belum ada template yang disetujui untuk pesan ini. Isi pesannya:',
        `✅ Pembayaran pesanan ORD-2025-010 sebesar ${formatRupiah(5)} sudah kami terima. Pesanan Anda segera kami proses. Terima kasih!`,
        'Mohon sampaikan lewat cara lain, misalnya telepon +6281355512345.',
      ].join('\n\n'),
    ])

    // A rating request that cannot go out is dropped without troubling staff.
    await db.prisma.notification.create({
      data: {
        customerId: 'cust-budi',
        kind: 'rating_request',
        payload: { handoffId: 'h9', channel: 'whatsapp', externalChatId: '6281355512345' },
      },
    })
    expect(await worker.runOnce()).toMatchObject({ failed: 1 })
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 })
    expect(staff.sent).toHaveLength(1)
  })

  it('delivers on another channel when one cannot take the message now, and tells nobody', async () => {
    const wa = await linkIdentity('whatsapp', '6281298765432', 'cust-siti')
    await db.prisma.channelIdentity.update({ where: { id: wa.id }, data: { updatedAt: new Date(Date.now() + 60_000) } })
    await linkIdentity('discord', 'd-siti-2', 'cust-siti')
    const closed: ChannelSender = {
      channel: 'whatsapp',
      async send() {
        throw new NotDeliverable('whatsapp', 'window_closed', true, 'outside the window')
      },
    }
    const discord = recordingSender('discord')
    const staff = recordingStaff('telegram')
    const worker = createOutboxWorker({ prisma: db.prisma, log, senders: [closed, discord], staffSenders: [staff] })
    await db.prisma.notification.create({
      data: { customerId: 'cust-siti', kind: 'payment_completed', payload: { orderNumber: 'ORD-2025-005', amount: 5 } },
    })
    expect(await worker.runOnce()).toMatchObject({ sent: 1 })
    expect(discord.sent.map((s) => s.target.externalChatId)).toEqual(['d-siti-2'])
    expect(await db.prisma.notification.count({ where: { kind: 'customer_unreachable' } })).toBe(0)
  })

  it('polls by itself once started, and stops', async () => {
    const staff = recordingStaff('telegram')
    const worker = createOutboxWorker({ prisma: db.prisma, log, pollIntervalMs: 20 })
    worker.addStaffSender(staff)
    worker.start()
    await db.prisma.notification.create({
      data: {
        audience: 'admin',
        kind: 'low_stock',
        payload: { productId: 'X-1', productName: 'X', quantity: 2, threshold: 5, sizes: [{ size: 'M', quantity: 2 }] },
      },
    })
    await expect.poll(() => staff.sent.length, { timeout: 10_000 }).toBe(1)
    await worker.stop()
    expect(staff.sent[0]?.text).toBe('⚠️ **Stok menipis**: X (X-1) tinggal 2 unit (batas 5).\nPer ukuran: M 2')
  })
})
