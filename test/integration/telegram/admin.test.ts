/**
 * Admin commands through the bot: every command refused for a non-admin (nothing changes), and for the admin
 * with good and bad arguments, checked in the database and in the exact messages sent.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createFakeTelegram } from '../../msw/telegram.ts'
import { adminChatId, adminUserId, buildTelegramHarness, type TelegramHarness } from './harness.ts'

const telegram = createFakeTelegram()
const server = setupServer(...telegram.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => telegram.clear())
afterAll(() => server.close())

const customerId = 8100

describe.each(testDbKinds)('telegram admin commands (%s)', (kind) => {
  let db: Database
  let h: TelegramHarness

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    h = buildTelegramHarness(db)
  })
  afterAll(async () => {
    await db.close()
  })

  /** Sends a command as `from` in their private chat and returns the texts sent back. */
  async function run(text: string, from = adminUserId): Promise<string[]> {
    telegram.clear()
    await h.bot.handleUpdate(telegram.updates.text({ text, from }))
    return telegram.textsTo(from)
  }

  const stockOf = async (sku: string) => (await db.prisma.inventory.findUniqueOrThrow({ where: { sku } })).quantity

  it.each([
    '/stock KAOS-001-M 1 hacked',
    '/lowstock',
    '/cod',
    '/ship ORD-2025-001 DELIVERED',
    '/order ORD-2025-001',
    '/handoffs',
    '/reply abc hello',
    '/close abc',
    '/unlock ORD-2025-001',
  ])('refuses %s to a customer, changing nothing', async (command) => {
    const before = {
      notifications: await db.prisma.notification.count(),
      audits: await db.prisma.auditLog.count(),
      stock: await stockOf('KAOS-001-M'),
    }
    expect(await run(command, customerId)).toEqual([
      '⛔ Maaf, perintah ini hanya untuk admin toko. Tidak ada yang diubah.',
    ])
    expect(telegram.calls.map((c) => c.method)).toEqual(['sendMessage'])
    expect(await db.prisma.notification.count()).toBe(before.notifications)
    expect(await db.prisma.auditLog.count()).toBe(before.audits)
    expect(await stockOf('KAOS-001-M')).toBe(before.stock)
    const tracking = await db.prisma.shippingTracking.findFirstOrThrow({ where: { trackingNumber: 'JNE123456789' } })
    expect(tracking.currentStatus).toBe('IN_TRANSIT')
  })

  it('accepts /command@botname in the admin group and answers there', async () => {
    telegram.clear()
    const group = { id: adminChatId, type: 'supergroup', title: 'Admin' }
    await h.bot.handleUpdate(
      telegram.updates.text({ text: '/lowstock@layan_test_bot', from: adminUserId, chat: group }),
    )
    expect(telegram.textsTo(adminChatId)[0]).toContain('Jaket Denim Oversize')
  })

  describe('/cod', () => {
    it('lists the COD orders the customer has not confirmed, oldest first, in WIB', async () => {
      const [text] = await run('/cod')
      expect(text?.split('\n')[0]).toBe('💵 Pesanan COD yang belum dikonfirmasi pelanggan (1):')
      expect(text).toMatch(/^• ORD-2025-005, Siti Rahma, Rp71\.000, dibuat \d+ \w+ \d{4} \d{2}\.\d{2} WIB$/m)
    })
  })

  describe('/stock', () => {
    it('shows a usage line without arguments or with a bad quantity', async () => {
      const usage =
        'Cara pakai: /stock &lt;SKU|ID produk&gt; [jumlah] [alasan]\nContoh: /stock KAOS-001-M 12 stok opname'
      expect(await run('/stock')).toEqual([usage])
      expect(await run('/stock KAOS-001-M dua')).toEqual([usage])
      expect(await run('/stock KAOS-001-M -3')).toEqual([usage])
    })

    it('shows a product with all sizes, or one SKU', async () => {
      expect(await run('/stock KAOS-001')).toEqual([
        '📦 <b>Kaos Basic Crewneck</b> (KAOS-001)\nTotal: 50 unit\nPer ukuran: S 10 · M 15 · L 20 · XL 5\nGudang: Jakarta',
      ])
      expect((await run('/stock jaket-001-l'))[0]).toMatch(
        /^📦 <b>Jaket Denim Oversize<\/b> \(JAKET-001-L\)\nTotal: 1 unit ⚠️ menipis/,
      )
      expect(await run('/stock NOPE-999')).toEqual(['Produk atau SKU NOPE-999 tidak ditemukan.'])
    })

    it('sets a SKU’s count with an audit, and asks for a SKU when given a product id', async () => {
      expect(await run('/stock KAOS-001-M 12 stok opname')).toEqual([
        '✅ Stok KAOS-001-M diubah: 15 → 12 (alasan: stok opname).',
      ])
      expect(await stockOf('KAOS-001-M')).toBe(12)
      const movement = await db.prisma.inventoryMovement.findFirstOrThrow({
        where: { sku: 'KAOS-001-M' },
        orderBy: { createdAt: 'desc' },
      })
      expect(movement).toMatchObject({
        delta: -3,
        quantityAfter: 12,
        reason: 'stok opname',
        actor: `admin:telegram:${adminUserId}`,
      })
      const audit = await db.prisma.auditLog.findFirstOrThrow({
        where: { action: 'inventory.set', entityId: 'KAOS-001-M' },
      })
      expect(audit.actor).toBe(`admin:telegram:${adminUserId}`)

      expect(await run('/stock KAOS-001 5')).toEqual([
        'Untuk mengubah stok, sebutkan SKU per ukuran, misalnya KAOS-001-S.',
      ])
      expect(await stockOf('KAOS-001-S')).toBe(10)
    })

    it('announces low stock to the admin chat once a product falls to its threshold', async () => {
      await run('/stock KEMEJA-001-L 0 rusak')
      expect(await db.prisma.notification.count({ where: { kind: 'low_stock' } })).toBe(0) // 12 → 7, above 5
      await run('/stock KEMEJA-001-M 0 rusak')
      expect(await db.prisma.notification.count({ where: { kind: 'low_stock' } })).toBe(1) // 7 → 3
      await run('/stock KEMEJA-001-S 2')
      expect(await db.prisma.notification.count({ where: { kind: 'low_stock' } })).toBe(1) // already low

      telegram.clear()
      await h.outbox.runOnce()
      expect(telegram.textsTo(adminChatId)).toEqual([
        '⚠️ <b>Stok menipis</b>: Kemeja Linen Lengan Panjang (KEMEJA-001) tinggal 3 unit (batas 5).\nPer ukuran: S 3 · M 0 · L 0',
      ])
    })
  })

  it('/lowstock lists products running low and sold out', async () => {
    const [text] = await run('/lowstock')
    expect(text).toContain('⚠️ <b>Stok menipis</b>\n• Jaket Denim Oversize (JAKET-001): 3 unit (M 2 · L 1)')
    expect(text).toContain('⛔ <b>Stok habis</b>\n• Dress Midi Floral (DRESS-001)')
  })

  describe('/ship', () => {
    it('answers bad arguments with a usage line or the reason', async () => {
      expect((await run('/ship'))[0]).toMatch(
        /^Cara pakai: \/ship &lt;nomor pesanan&gt; &lt;status&gt; \[lokasi\]\nStatus: PROCESSING, PENDING_PICKUP/,
      )
      expect((await run('/ship ORD-2025-001'))[0]).toMatch(/^Cara pakai: \/ship/)
      expect((await run('/ship ORD-2025-001 LOST'))[0]).toMatch(/^Status "LOST" tidak dikenal\. Pilihan: PROCESSING/)
      expect(await run('/ship ORD-2099-999 DELIVERED')).toEqual(['Pesanan ORD-2099-999 tidak ditemukan.'])
      expect(await run('/ship ORD-2025-004 IN_TRANSIT')).toEqual([
        'Pesanan ORD-2025-004 belum punya nomor resi, jadi status pengirimannya belum bisa diubah.',
      ])
      expect(await db.prisma.notification.count({ where: { kind: 'shipping_status' } })).toBe(0)
    })

    it('sets the status with a location and queues the customer’s notification', async () => {
      expect(await run('/ship ord-2025-001 out-for-delivery Jakarta Selatan')).toEqual([
        '✅ ORD-2025-001: 🛵 Sedang Diantar — Jakarta Selatan. Pelanggan akan diberi tahu.',
      ])
      const tracking = await db.prisma.shippingTracking.findFirstOrThrow({ where: { trackingNumber: 'JNE123456789' } })
      expect(tracking).toMatchObject({ currentStatus: 'OUT_FOR_DELIVERY', currentLocation: 'Jakarta Selatan' })
      const notification = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'shipping_status' } })
      expect(notification).toMatchObject({ customerId: 'cust-adi', audience: 'customer', status: 'PENDING' })
      const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'shipping.status' } })
      expect(audit.actor).toBe(`admin:telegram:${adminUserId}`)
    })
  })

  describe('/order', () => {
    it('answers bad arguments with a usage line or "not found"', async () => {
      expect(await run('/order')).toEqual(['Cara pakai: /order &lt;nomor pesanan&gt;\nContoh: /order ORD-2025-001'])
      expect(await run('/order ORD-2099-001')).toEqual(['Pesanan ORD-2099-001 tidak ditemukan.'])
      expect(await run('/order bukan-pesanan')).toEqual(['Pesanan bukan-pesanan tidak ditemukan.'])
    })

    it('shows any customer’s order in full', async () => {
      const [text] = await run('/order ORD 2025 004')
      expect(text).toContain('<b>Pesanan ORD-2025-004</b>')
      expect(text).toContain('👤 Pelanggan: Siti Rahma · +6281298765432 · siti@example.com')
      expect(text).toContain('💳 Pembayaran: Pembayaran Berhasil · E-Wallet OVO · Rp170.000')
      const [shipped] = await run('/order ORD-2025-003')
      expect(shipped).toContain('🚚 Pengiriman: SiCepat SCP1234567890 · Terkirim')
    })
  })

  describe('hand-off commands', () => {
    it('/handoffs says when none is open', async () => {
      expect(await run('/handoffs')).toEqual(['✅ Tidak ada hand-off yang terbuka.'])
    })

    it('/handoffs, /reply and /close work on an open hand-off and refuse bad arguments', async () => {
      await run('bicara dengan CS', customerId)
      const handoff = await db.prisma.handoff.findFirstOrThrow({ where: { status: 'OPEN' } })

      const [list] = await run('/handoffs')
      expect(list).toMatch(
        new RegExp(
          `^🙋 <b>Hand-off terbuka</b> \\(1\\)\\n• #<code>${handoff.id}</code> · belum terverifikasi · telegram · `,
        ),
      )

      expect(await run('/reply')).toEqual(['Cara pakai: /reply &lt;ID hand-off&gt; &lt;pesan untuk pelanggan&gt;'])
      expect(await run(`/reply ${handoff.id}`)).toEqual([
        'Cara pakai: /reply &lt;ID hand-off&gt; &lt;pesan untuk pelanggan&gt;',
      ])
      expect(await run('/reply nope-123 halo')).toEqual(['Hand-off #nope-123 tidak ditemukan atau sudah ditutup.'])
      expect(await run(`/reply ${handoff.id} Halo kak, kami cek dulu ya`)).toEqual([
        `✅ Balasan untuk hand-off #${handoff.id} dikirim ke pelanggan (telegram).`,
      ])
      const replyRow = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'handoff_reply' } })
      expect(replyRow.payload).toMatchObject({
        handoffId: handoff.id,
        text: 'Halo kak, kami cek dulu ya',
        channel: 'telegram',
        externalChatId: String(customerId),
      })

      expect(await run('/close')).toEqual(['Cara pakai: /close &lt;ID hand-off&gt;'])
      expect(await run(`/close ${handoff.id} extra`)).toEqual(['Cara pakai: /close &lt;ID hand-off&gt;'])
      expect(await run('/close nope-123')).toEqual(['Hand-off #nope-123 tidak ditemukan atau sudah ditutup.'])
      expect(await run(`/close ${handoff.id}`)).toEqual([
        `✅ Hand-off #${handoff.id} ditutup. Bot kembali melayani, dan pelanggan diminta memberi nilai 1–5.`,
      ])
      expect((await db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).status).toBe('CLOSED')
      expect(await db.prisma.notification.count({ where: { kind: 'rating_request' } })).toBe(1)
      expect(await run(`/close ${handoff.id}`)).toEqual([`Hand-off #${handoff.id} tidak ditemukan atau sudah ditutup.`])
      expect(await run(`/reply ${handoff.id} masih di sana?`)).toEqual([
        `Hand-off #${handoff.id} tidak ditemukan atau sudah ditutup.`,
      ])
    })
  })

  it('answers an English admin in English', async () => {
    telegram.clear()
    await h.bot.handleUpdate(
      telegram.updates.text({ text: '/order', from: adminUserId, fromExtra: { language_code: 'en' } }),
    )
    expect(telegram.textsTo(adminUserId)).toEqual(['Usage: /order &lt;order number&gt;\nExample: /order ORD-2025-001'])
  })
})
