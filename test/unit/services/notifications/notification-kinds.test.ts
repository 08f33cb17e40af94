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
  shipping_status: { orderNumber: 'ORD-2025-001', status: 'OUT_FOR_DELIVERY', location: 'Jakarta Selatan' },
  handoff_reply: { ...target, handoffId: 'h1', text: 'Siap kak, kami cek dulu ya.' },
  rating_request: { ...target, handoffId: 'h1' },
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
  verification_locked: {
    scope: 'order',
    orderNumber: 'ORD-2025-001',
    customerName: 'Adi Mulyana',
    failures: 5,
    lockedUntil: '2025-11-26T03:15:00.000Z',
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
