import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { inbound, newUser, scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

describe.each(testDbKinds)('verification command (%s)', (kind) => {
  let db: Database
  // A database per test: failed tries count per order number, whoever sends them.
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await db.close()
  })

  function build() {
    const agent = scriptedAgent(async (ctx) => {
      const call = await ctx.callTool('track_order', { orderNumber: 'ORD-2025-001' })
      return { replies: [call.reply] }
    })
    return { ...createApp({ db, log: silentLogger(), agent }), agent }
  }

  const identityOf = (user: string) =>
    db.prisma.channelIdentity.findUniqueOrThrow({
      where: { channel_externalUserId: { channel: 'web', externalUserId: user } },
    })

  it('links the sender on a right order number and phone digits, before and without the agent', async () => {
    const { core, agent } = build()
    const user = newUser()
    const before = await core.handle(inbound(user, 'Di mana pesanan ORD-2025-001?'))
    expect(before[0]?.text).not.toContain('JNE123456789')
    expect(before[0]?.text).toMatch(/verifikasi/i)

    const replies = await core.handle(inbound(user, 'verifikasi ORD-2025-001 7890'))
    expect(replies).toHaveLength(1)
    expect(replies[0]?.text).toContain('Adi Mulyana')
    expect(agent.calls).toHaveLength(1)
    expect((await identityOf(user)).customerId).toBe('cust-adi')
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { externalChatId: user } })
    expect(conversation.customerId).toBe('cust-adi')

    const after = await core.handle(inbound(user, 'Di mana pesanan ORD-2025-001?'))
    expect(after[0]?.text).toContain('JNE123456789')
  })

  it('understands loose forms and answers in English', async () => {
    const { core } = build()
    const user = newUser()
    const replies = await core.handle(inbound(user, 'verify ORD 2025 001 7890'))
    expect(replies[0]?.text).toMatch(/verified/i)
    expect((await identityOf(user)).customerId).toBe('cust-adi')
  })

  it('answers a wrong order number and wrong digits alike, never saying whether the order exists', async () => {
    const { core, agent } = build()
    const user = newUser()
    const wrongDigits = await core.handle(inbound(user, 'verifikasi ORD-2025-001 0000'))
    const noSuchOrder = await core.handle(inbound(user, 'verifikasi ORD-2099-999 7890'))
    expect(wrongDigits[0]?.text).toBe(noSuchOrder[0]?.text)
    expect(wrongDigits[0]?.text).toMatch(/tidak cocok/i)
    expect(wrongDigits[0]?.text).not.toMatch(/ORD-2025-001|ORD-2099-999/)
    expect((await identityOf(user)).customerId).toBeNull()
    expect(agent.calls).toHaveLength(0)
  })

  it('locks after five failed tries: even the right digits then say "try again later"', async () => {
    const { core } = build()
    const user = newUser()
    for (let i = 0; i < 5; i++) await core.handle(inbound(user, `verifikasi ORD-2025-001 000${i}`))
    const locked = await core.handle(inbound(user, 'verifikasi ORD-2025-001 7890'))
    expect(locked[0]?.text).toMatch(/coba lagi dalam \d+ menit/i)
    expect((await identityOf(user)).customerId).toBeNull()
  })

  it('shows how to verify when the command is incomplete, to a sender who is not verified', async () => {
    const { core, agent } = build()
    const user = newUser()
    const replies = await core.handle(inbound(user, 'verifikasi'))
    expect(replies[0]?.text).toContain('4 digit')
    expect(agent.calls).toHaveLength(0)
  })

  it('leaves other messages that start with the word to the agent', async () => {
    const { core, agent } = build()
    const user = newUser()
    await core.handle(inbound(user, 'verifikasi ORD-2025-001 7890'))
    await core.handle(inbound(user, 'verifikasi pembayaran ORD-2025-002 dong'))
    await core.handle(inbound(user, 'verifikasi ORD-2025-002'))
    expect(agent.calls.map((c) => c.text)).toEqual([
      'verifikasi pembayaran ORD-2025-002 dong',
      'verifikasi ORD-2025-002',
    ])
  })
})
