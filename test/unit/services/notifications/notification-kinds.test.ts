/**
 * Every notification kind renders in every channel that delivers them (Telegram, Discord, WhatsApp), in both languages,
 * and every kind the code queues is a kind the renderer knows: a row no channel can show would end FAILED.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderReplies } from '../../../../adapters/discord/render.ts'
import { renderReply } from '../../../../adapters/telegram/render.ts'
import { renderReply as renderWhatsApp } from '../../../../adapters/whatsapp/render.ts'
import {
  type NotificationKind,
  notificationKinds,
  renderCustomerNotification,
  renderStaffNotification,
} from '../../../../src/services/notifications/render-notification.ts'

const target = { channel: 'telegram', externalChatId: '5001', externalUserId: '5001', locale: 'id' }

/** A payload of each kind as the code that queues it writes one. */
const samples: Record<NotificationKind, unknown> = {
  payment_completed: { orderNumber: 'ORD-2025-002', amount: 264_000 },
  back_in_stock: {
    sku: 'DRESS-001-M',
    productId: 'DRESS-001',
    productName: 'Dress Midi Floral',
    productNameEn: 'Floral Midi Dress',
    size: 'M',
    price: 189_000,
  },
  shipping_status: { orderNumber: 'ORD-2025-001', status: 'OUT_FOR_DELIVERY', location: 'Jakarta Selatan' },
  handoff_reply: { ...target, handoffId: 'h1', text: 'Siap kak, kami cek dulu ya.' },
  rating_request: { ...target, handoffId: 'h1' },
  cod_confirmation_request: {
    orderNumber: 'ORD-2025-007',
    amount: 208_000,
    token: 'Zq3n8v0cT2mYp5sLr7wXa1bKe4dHf6gJ9uNo2iQxRtA',
    expiresAt: '2026-12-10T03:15:00.000Z',
  },
  return_update: {
    returnNumber: 'ORD-2025-006-R1',
    orderNumber: 'ORD-2025-006',
    step: 'approved',
    address: 'Jl. Kemang Raya 12, Jakarta Selatan 12730',
    dueAt: '2026-12-21T03:15:00.000Z',
    shippingPaidBy: 'customer_unless_faulty',
  },
  return_requested: {
    returnNumber: 'ORD-2025-006-R1',
    orderNumber: 'ORD-2025-006',
    customerName: 'Siti Rahma',
    resolution: 'exchange',
    reason: 'kekecilan',
    items: [{ sku: 'KAOS-001-M', quantity: 1, wantedSku: 'KAOS-001-L' }],
    refundAmount: null,
  },
  return_refund_task: {
    returnNumber: 'ORD-2025-001-R1',
    orderNumber: 'ORD-2025-001',
    amount: 150_000,
    account: 'BCA ••••7890 a.n. Adi Mulyana',
  },
  return_refund_failed: { returnNumber: 'ORD-2025-006-R1', amount: 79_000, attempts: 8, error: 'midtrans 500' },
  cod_unconfirmed: {
    orderNumber: 'ORD-2025-007',
    customerName: 'Siti Rahma',
    amount: 208_000,
    placedAt: '2026-12-06T03:15:00.000Z',
    hours: 24,
  },
  low_stock: {
    productId: 'KAOS-001',
    productName: 'Kaos Basic Crewneck',
    quantity: 3,
    threshold: 5,
    sizes: [{ size: 'M', quantity: 3 }],
  },
  handoff_opened: {
    handoffId: 'h2',
    reason: 'customer_asked',
    channel: 'web',
    customerName: 'Adi Mulyana',
    messages: [{ role: 'user', text: 'tolong bantu' }],
  },
  handoff_message: { handoffId: 'h2', channel: 'discord', displayName: 'rina', text: 'halo?' },
  claude_setup_fault: {
    model: 'claude-sonnet-5-5',
    status: 401,
    type: 'authentication_error',
    message: 'invalid x-api-key',
  },
  customer_unreachable: {
    channel: 'whatsapp',
    reason: 'window_closed',
    notificationKind: 'shipping_status',
    customerName: 'Siti Rahma',
    contact: '+6281298765432',
    text: 'Pesanan ORD-2025-004 sedang dikirim.',
  },
  payment_after_cancel: { orderNumber: 'ORD-2025-002', amount: 264_000 },
  payment_amount_mismatch: { orderNumber: 'ORD-2025-002', expected: 264_000, reported: '264000.50' },
  refund_failed: { orderNumber: 'ORD-2025-004', amount: 189_000, attempts: 8, error: 'midtrans unreachable' },
  bot_alert: { condition: 'gateway_unreachable', state: 'firing', detail: 'midtrans: unreachable for 6 minutes' },
  verification_locked: {
    scope: 'order',
    orderNumber: 'ORD-2025-001',
    customerName: 'Adi Mulyana',
    failures: 5,
    lockedUntil: '2025-11-26T03:15:00.000Z',
  },
  customer_identity_conflict: {
    source: 'woocommerce',
    externalId: '42',
    name: 'Adi M.',
    email: 'adi@example.com',
    phone: '+6281299990000',
    existingCustomerId: 'cust-adi',
    existingName: 'Adi Mulyana',
    existingPhone: '+6281234567890',
    reason: 'email_other_phone',
  },
  shop_sync_stale: {
    source: 'woocommerce',
    lastSuccessAt: '2026-12-07T03:00:00.000Z',
    lastError: 'woocommerce unreachable: connect ECONNREFUSED',
    errorCount: 4,
  },
}

function render(kind: NotificationKind, locale: 'id' | 'en') {
  return notificationKinds[kind] === 'customer'
    ? renderCustomerNotification(kind, samples[kind], locale, { shopName: 'UrbanStyle ID' })
    : renderStaffNotification(kind, samples[kind], locale)
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (name === 'generated' || name === 'node_modules') return []
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return full.endsWith('.ts') ? [full] : []
  })
}

/** The literal kinds of every `notification.create(...)` in the source. */
function queuedKinds(): Map<string, string> {
  const found = new Map<string, string>()
  for (const file of ['src', 'adapters', 'tools'].flatMap((dir) => sourceFiles(dir))) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/\.notification\.create(?:Many)?\(/g)) {
      const call = text.slice(match.index, match.index + 600)
      const audience = /audience:\s*'(\w+)'/.exec(call)?.[1] ?? 'customer'
      for (const kind of call.matchAll(/kind:\s*'(\w+)'/g)) found.set(kind[1] as string, `${audience} in ${file}`)
    }
  }
  return found
}

describe('notification kinds', () => {
  it.each(Object.keys(notificationKinds) as NotificationKind[])(
    '%s renders in Telegram, Discord and WhatsApp',
    (kind) => {
      for (const locale of ['id', 'en'] as const) {
        const reply = render(kind, locale)
        expect(reply, `${kind} (${locale})`).not.toBeNull()
        if (!reply) continue
        expect(reply.text.trim().length).toBeGreaterThan(10)
        expect(reply.text).not.toMatch(/\{\w+\}/)
        const telegram = renderReply(reply)
        expect(telegram.length).toBeGreaterThan(0)
        for (const message of telegram) {
          expect(message.text.length).toBeGreaterThan(0)
          expect(message.text.length).toBeLessThanOrEqual(4096)
        }
        const discord = renderReplies([reply])
        expect(discord.length).toBeGreaterThan(0)
        for (const payload of discord) {
          expect(payload.content.length).toBeGreaterThan(0)
          expect(payload.content.length).toBeLessThanOrEqual(2000)
        }
        const whatsapp = renderWhatsApp(reply, { locale })
        expect(whatsapp.length).toBeGreaterThan(0)
        for (const message of whatsapp) {
          const body =
            message.type === 'text'
              ? message.text.body
              : message.type === 'interactive'
                ? message.interactive.body.text
                : message.template.name
          expect(body.length).toBeGreaterThan(0)
          expect(body.length).toBeLessThanOrEqual(4096)
        }
      }
    },
  )

  it('an identity conflict over a phone number already taken, and a sync never successful, render in both languages', () => {
    const phoneTaken = { ...(samples.customer_identity_conflict as object), reason: 'phone_taken', email: null }
    const neverSynced = { source: 'shopify', lastSuccessAt: null, lastError: null, errorCount: 3 }
    for (const locale of ['id', 'en'] as const) {
      const conflict = renderStaffNotification('customer_identity_conflict', phoneTaken, locale)
      expect(conflict?.text).toContain('+6281299990000')
      expect(conflict?.text).toContain('42')
      expect(conflict?.text).not.toMatch(/\{\w+\}/)
      const stale = renderStaffNotification('shop_sync_stale', neverSynced, locale)
      expect(stale?.text).toContain('shopify')
      expect(stale?.text).toContain('3')
      expect(stale?.text).not.toMatch(/\{\w+\}/)
      for (const reply of [conflict, stale]) {
        if (!reply) continue
        expect(renderReply(reply).length).toBeGreaterThan(0)
        expect(renderReplies([reply]).length).toBeGreaterThan(0)
        expect(renderWhatsApp(reply, { locale }).length).toBeGreaterThan(0)
      }
    }
  })

  it('the COD confirmation request carries its confirm and reject buttons in every channel, with the WIB expiry', () => {
    const token = (samples.cod_confirmation_request as { token: string }).token
    for (const locale of ['id', 'en'] as const) {
      const reply = render('cod_confirmation_request', locale)
      expect(reply?.text).toContain('ORD-2025-007')
      expect(reply?.text).toContain('Rp208.000')
      expect(reply?.text).toMatch(locale === 'id' ? /10 Desember 2026 10\.15 WIB/ : /10 December 2026 10:15 WIB/)
      expect(reply?.buttons?.map((b) => b.action)).toEqual([
        { kind: 'confirm', token },
        { kind: 'reject', token },
      ])
      if (!reply) continue
      // The web chat sends the Reply itself; the other channels turn the buttons into their own.
      const keyboard = renderReply(reply).at(-1)?.reply_markup
      const telegramData = JSON.stringify(keyboard)
      expect(telegramData).toContain(token)
      expect(JSON.stringify(renderReplies([reply], { ownerUserId: '42' }).at(-1)?.components)).toContain(token)
      const whatsapp = renderWhatsApp(reply, { locale }).at(-1)
      expect(whatsapp?.type).toBe('interactive')
      expect(JSON.stringify(whatsapp)).toContain(token)
    }
    const staff = renderStaffNotification('cod_unconfirmed', samples.cod_unconfirmed, 'id')
    expect(staff?.text).toContain('Siti Rahma')
    expect(staff?.text).toContain('24 jam')
  })

  it('every step of a return tells the customer what happened, with the amount where money moves', () => {
    const base = { returnNumber: 'ORD-2025-001-R1', orderNumber: 'ORD-2025-001' }
    const steps: [object, Record<'id' | 'en', RegExp[]>][] = [
      [
        { step: 'approved', address: null, dueAt: '2026-12-21T18:00:00.000Z', shippingPaidBy: 'shop' },
        // 18:00 UTC is already the 22nd in Jakarta.
        { id: [/22 Desember 2026/, /tim kami/, /kami tanggung/], en: [/22 December 2026/, /We pay/] },
      ],
      [
        { step: 'rejected', reason: 'label sudah dilepas' },
        { id: [/ditolak: label sudah dilepas/], en: [/rejected/] },
      ],
      [
        { step: 'received', resolution: 'refund', amount: 150_000 },
        { id: [/Rp150\.000/, /metode pembayaran asal/], en: [/Rp150\.000/] },
      ],
      [
        { step: 'received', resolution: 'exchange' },
        { id: [/pengganti/], en: [/replacement/] },
      ],
      [
        { step: 'refunded', amount: 150_000, method: 'manual', account: 'BCA ••••7890 a.n. Adi' },
        { id: [/Rp150\.000/, /••••7890/], en: [/Rp150\.000/, /transferred to BCA/] },
      ],
      [
        { step: 'refunded', amount: 79_000, method: 'gateway', account: null },
        { id: [/Rp79\.000/], en: [/Rp79\.000/] },
      ],
      [
        { step: 'refund_manual', amount: 150_000, account: null },
        { id: [/Rp150\.000/, /tim kami/], en: [/Rp150\.000/] },
      ],
      [
        {
          step: 'replacement_shipped',
          carrier: 'jnt',
          trackingNumber: 'JT0099887766',
          items: [{ productName: 'Kaos Basic Crewneck', size: 'L' }],
        },
        { id: [/J&T Express JT0099887766/, /Kaos Basic Crewneck \(L\)/], en: [/JT0099887766/] },
      ],
      [{ step: 'expired' }, { id: [/kedaluwarsa/], en: [/expired/] }],
    ]
    for (const [payload, expected] of steps) {
      for (const locale of ['id', 'en'] as const) {
        const reply = renderCustomerNotification('return_update', { ...base, ...payload }, locale, {
          shopName: 'UrbanStyle ID',
        })
        expect(reply, JSON.stringify(payload)).not.toBeNull()
        expect(reply?.text).toContain('ORD-2025-001-R1')
        expect(reply?.text).not.toMatch(/\{\w+\}/)
        for (const pattern of expected[locale]) expect(reply?.text).toMatch(pattern)
      }
    }
    // A step missing what it must say (a refund without its amount) is not sent half-filled.
    expect(
      renderCustomerNotification('return_update', { ...base, step: 'refunded' }, 'id', { shopName: 'x' }),
    ).toBeNull()
    const staff = renderStaffNotification('return_requested', samples.return_requested, 'en')
    expect(staff?.text).toContain('KAOS-001-M x1 → KAOS-001-L')
    expect(staff?.text).toContain('/return approve ORD-2025-006-R1')
  })

  it('every kind the code queues is one the renderer knows, for the audience it is queued to', () => {
    const queued = queuedKinds()
    expect(queued.size).toBeGreaterThanOrEqual(8)
    for (const [kind, where] of queued) {
      const audience = where.split(' ')[0]
      if (audience === 'task') continue
      expect(Object.keys(notificationKinds), `${kind} (${where})`).toContain(kind)
      expect(notificationKinds[kind as NotificationKind], `${kind} (${where})`).toBe(audience)
    }
  })
})
