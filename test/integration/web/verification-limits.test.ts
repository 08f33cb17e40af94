/**
 * Brute-forcing "verifikasi <order> <last 4 digits>" from outside, through the web chat's HTTP routes on a real
 * database: every guess from a fresh session and a fresh address, as an attacker without cookies would. The limits
 * hold per order number, per customer and per address; the real customer's ways back (the lock expires, a
 * Telegram shared contact, staff unlocking) work; staff are alerted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildWebServer, openSession, type WebServer } from '../../helpers/web.ts'

const locked = /Terlalu banyak percobaan verifikasi/
const mismatch = /tidak cocok/

describe.each(testDbKinds)('verification limits over HTTP (%s)', (kind) => {
  let db: Database
  let server: WebServer
  let at: number
  let nextAddress: number
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    at = Date.now()
    nextAddress = 1
    server = buildWebServer(db, { now: () => new Date(at) })
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await server.app.close()
    await db.close()
  })

  /** A new browser from a new address: no cookie, no history, nothing in common with the last guess. */
  const stranger = () => openSession(server.app, `198.51.100.${nextAddress++}`)
  const guess = async (order: string, digits: string) => (await stranger()).say(`verifikasi ${order} ${digits}`)
  const linkedToAdi = () => db.prisma.channelIdentity.count({ where: { customerId: 'cust-adi' } })
  const alerts = () => db.prisma.notification.findMany({ where: { kind: 'verification_locked' } })

  it('five wrong guesses lock the order, even for the right digits, whatever session or address they come from', async () => {
    for (const digits of ['0000', '1111', '2222', '3333', '4444']) {
      const wrong = await guess('ORD-2025-001', digits)
      expect(wrong.texts[0]).toMatch(mismatch)
    }
    const right = await guess('ORD-2025-001', '7890')
    expect(right.status).toBe(200)
    expect(right.texts[0]).toMatch(locked)
    expect(right.texts[0]).toMatch(/15 menit/)
    expect(right.verified).toBe(false)
    expect(await linkedToAdi()).toBe(0)

    // Staff hear about it once, with what they need to act.
    const [alert, ...more] = await alerts()
    expect(more).toHaveLength(0)
    expect(alert?.audience).toBe('admin')
    expect(alert?.payload).toMatchObject({ scope: 'order', orderNumber: 'ORD-2025-001', customerName: 'Adi Mulyana' })

    // Another channel is refused too.
    const telegram = await server.core.handle({
      channel: 'telegram',
      externalUserId: '777001',
      externalChatId: '777001',
      externalMessageId: 'm-1',
      text: 'verifikasi ORD-2025-001 7890',
      receivedAt: new Date(at),
    })
    expect(telegram[0]?.text).toMatch(locked)
    expect(await linkedToAdi()).toBe(0)
  })

  it('the lock expires: the right digits work again after 15 minutes', async () => {
    for (const digits of ['0000', '1111', '2222', '3333', '4444']) await guess('ORD-2025-001', digits)
    at += 14 * 60_000
    expect((await guess('ORD-2025-001', '7890')).texts[0]).toMatch(locked)
    at += 61_000
    const back = await guess('ORD-2025-001', '7890')
    expect(back.texts[0]).toContain('Adi Mulyana')
    expect(back.verified).toBe(true)
  })

  it('a Telegram shared contact still links the real customer while the order is locked', async () => {
    for (const digits of ['0000', '1111', '2222', '3333', '4444']) await guess('ORD-2025-001', digits)
    const replies = await server.core.handle({
      channel: 'telegram',
      externalUserId: '777002',
      externalChatId: '777002',
      externalMessageId: 'c-1',
      text: '',
      contact: { phoneNumber: '+6281234567890', userId: '777002' },
      receivedAt: new Date(at),
    })
    expect(replies[0]?.text).toContain('Adi Mulyana')
    expect(await linkedToAdi()).toBe(1)
  })

  it('staff can lift the lock of the order and the customer; it is audited', async () => {
    for (const digits of ['0000', '1111', '2222', '3333', '4444']) await guess('ORD-2025-001', digits)
    const unlocked = await server.services.crm.clearVerificationLimits('ORD-2025-001', 'admin:telegram:9001')
    expect(unlocked).toMatchObject({ orderNumber: 'ORD-2025-001', customerName: 'Adi Mulyana' })
    expect(unlocked.cleared).toBeGreaterThan(0)
    expect((await guess('ORD-2025-001', '7890')).verified).toBe(true)
    expect(await db.prisma.auditLog.count({ where: { action: 'verification.unlock' } })).toBe(1)
  })

  it('hopping between one customer’s orders is limited per customer: ten failures lock all of them', async () => {
    for (const order of ['ORD-2025-001', 'ORD-2025-002']) {
      for (const digits of ['0000', '1111', '2222', '3333', '4444']) await guess(order, digits)
    }
    // ORD-2025-003 was never guessed, but it is Adi's.
    const right = await guess('ORD-2025-003', '7890')
    expect(right.texts[0]).toMatch(locked)
    expect(right.texts[0]).toMatch(/24 jam/)
    expect(await linkedToAdi()).toBe(0)
    const scopes = (await alerts()).map((a) => (a.payload as { scope: string }).scope).sort()
    expect(scopes).toEqual(['customer', 'order', 'order'])
    // Another customer is not affected.
    expect((await guess('ORD-2025-004', '5432')).texts[0]).toContain('Siti Rahma')
  })

  it('an order number that does not exist locks the same way, so the answers tell nothing about existence', async () => {
    const unknown: string[] = []
    const known: string[] = []
    for (const digits of ['0000', '1111', '2222', '3333', '4444', '5555']) {
      unknown.push((await guess('ORD-2099-999', digits)).texts[0] ?? '')
      known.push((await guess('ORD-2025-005', digits)).texts[0] ?? '')
    }
    expect(unknown).toEqual(known)
    expect(unknown.at(-1)).toMatch(locked)
    // Staff are alerted about real orders only.
    expect((await alerts()).map((a) => (a.payload as { orderNumber: string }).orderNumber)).toEqual(['ORD-2025-005'])
  })

  it('one address gets 20 tries an hour, whatever order numbers and sessions it uses', async () => {
    const address = '203.0.113.7'
    for (let i = 0; i < 20; i++) {
      const session = await openSession(server.app, address)
      const res = await session.say(`verifikasi ORD-2099-${String(100 + i)} 1234`)
      expect(res.texts[0]).toMatch(mismatch)
    }
    const fromThere = await (await openSession(server.app, address)).say('verifikasi ORD-2025-001 7890')
    expect(fromThere.texts[0]).toMatch(locked)
    expect(fromThere.verified).toBe(false)
    // The same customer from another address is fine: the order itself was never guessed.
    expect((await guess('ORD-2025-001', '7890')).verified).toBe(true)
    at += 60 * 60_000
    expect((await (await openSession(server.app, address)).say('verifikasi ORD-2025-004 5432')).verified).toBe(true)
  })

  it('an IPv6 client counts by its /64: rotating the interface id does not give new tries', async () => {
    for (let i = 0; i < 20; i++) {
      await (await openSession(server.app, `2001:db8:5:6::${(i + 1).toString(16)}`)).say(
        `verifikasi ORD-2099-${100 + i} 1234`,
      )
    }
    const rotated = await (await openSession(server.app, '2001:db8:5:6:aaaa:bbbb:cccc:dddd')).say(
      'verifikasi ORD-2025-001 7890',
    )
    expect(rotated.texts[0]).toMatch(locked)
  })
})
