import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handoffOfferToken } from '../../../src/agent/types.ts'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import type { HandoffOpenedEvent } from '../../../src/services/handoffs.ts'
import { inbound, newUser, recordingAgent, scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

async function conversationIdOf(db: Database, user: string): Promise<string> {
  return (await db.prisma.conversation.findFirstOrThrow({ where: { externalChatId: user } })).id
}

describe.each(testDbKinds)('hand-off (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('opens on request_human, stops the agent while open, records the customer for staff, resumes when closed', async () => {
    const events: HandoffOpenedEvent[] = []
    const rules = createApp({ db, log: silentLogger(), agent: 'rules' }).agent
    const agent = recordingAgent(rules)
    const { core, handoffs, services } = createApp({
      db,
      log: silentLogger(),
      agent,
      onHandoffOpened: (event) => {
        events.push(event)
      },
    })
    const user = newUser('human')
    const identity = await services.crm.resolveIdentity('web', user)
    await services.crm.linkIdentity(identity.id, 'cust-adi', 'test')

    const first = await core.handle(inbound(user, 'Saya mau bicara dengan CS manusia'))
    expect(first.length).toBeGreaterThan(0)
    const conversationId = await conversationIdOf(db, user)
    const open = await handoffs.findOpen(conversationId)
    expect(open).toMatchObject({ status: 'OPEN', customerId: 'cust-adi' })
    expect(events).toHaveLength(1)
    expect(events[0]?.conversation).toMatchObject({ id: conversationId, channel: 'web', externalChatId: user })
    expect(events[0]?.customer).toEqual({ id: 'cust-adi', name: 'Adi Mulyana' })
    expect(events[0]?.recentMessages.map((m) => m.role)).toContain('user')

    const callsBefore = agent.calls.length
    const waiting = await core.handle(inbound(user, 'Halo, masih ada orang?'))
    expect(waiting).toHaveLength(1)
    expect(waiting[0]?.text).toMatch(/tim CS/i)
    expect(agent.calls.length).toBe(callsBefore)
    const forStaff = await handoffs.messages(open?.id ?? '')
    expect(forStaff.filter((m) => m.role === 'user').map((m) => m.text)).toContain('Halo, masih ada orang?')
    expect((await handoffs.list()).map((h) => h.id)).toContain(open?.id)

    const closed = await handoffs.close(open?.id ?? '', { actor: 'admin:telegram:1', rating: 5 })
    expect(closed).toMatchObject({ status: 'CLOSED', assignee: 'admin:telegram:1', rating: 5 })
    expect(closed?.closedAt).toBeInstanceOf(Date)
    expect(await handoffs.close(open?.id ?? '', { actor: 'admin:telegram:1' })).toBeNull()
    expect((await handoffs.list()).map((h) => h.id)).not.toContain(open?.id)
    expect((await handoffs.list({ status: 'CLOSED' })).map((h) => h.id)).toContain(open?.id)

    await core.handle(inbound(user, 'Lacak pesanan ORD-2025-001'))
    expect(agent.calls.length).toBe(callsBefore + 1)
    const audit = await db.prisma.auditLog.findMany({ where: { entity: 'Handoff', entityId: open?.id ?? '' } })
    expect(audit.map((a) => a.action).sort()).toEqual(['handoff_closed', 'handoff_opened'])
  })

  it('opening twice keeps one open hand-off and notifies once', async () => {
    let notified = 0
    const { core, handoffs } = createApp({
      db,
      log: silentLogger(),
      agent: scriptedAgent(),
      onHandoffOpened: () => {
        notified++
      },
    })
    const user = newUser()
    await core.handle(inbound(user, 'halo'))
    const conversationId = await conversationIdOf(db, user)
    const a = await handoffs.open({ conversationId, customerId: null, reason: 'customer_asked' })
    const b = await handoffs.open({ conversationId, customerId: null, reason: 'again' })
    expect(a.created).toBe(true)
    expect(b.created).toBe(false)
    expect(b.handoff.id).toBe(a.handoff.id)
    expect(notified).toBe(1)
    expect(await db.prisma.handoff.count({ where: { conversationId, status: 'OPEN' } })).toBe(1)
  })

  it('a failing staff notification does not cost the customer the hand-off', async () => {
    const { core, handoffs } = createApp({
      db,
      log: silentLogger(),
      agent: scriptedAgent(async (ctx) => {
        const call = await ctx.callTool('request_human', { reason: 'komplain' })
        return { replies: [call.reply] }
      }),
      onHandoffOpened: () => {
        throw new Error('staff chat unreachable')
      },
    })
    const user = newUser()
    const replies = await core.handle(inbound(user, 'saya mau komplain'))
    expect(replies[0]?.text).toMatch(/tim CS/i)
    const open = await handoffs.findOpen(await conversationIdOf(db, user))
    expect(open?.reason).toBe('komplain')
  })

  it('never opens a hand-off because the agent gave up; the offered button opens one, and the customer can leave it', async () => {
    const agent = scriptedAgent((ctx) =>
      ctx.text.startsWith('?')
        ? { replies: [{ text: 'Maaf, saya belum mengerti.' }], gaveUp: true }
        : { replies: [{ text: 'siap' }] },
    )
    const { core, handoffs } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('confused')
    await core.handle(inbound(user, '? pertama'))
    await core.handle(inbound(user, '? kedua'))
    await core.handle(inbound(user, '? ketiga'))
    const conversationId = await conversationIdOf(db, user)
    expect(await handoffs.findOpen(conversationId)).toBeNull()

    const accepted = await core.handle({
      ...inbound(user, ''),
      action: { kind: 'confirm', token: handoffOfferToken },
    })
    expect(accepted[0]?.text).toMatch(/tim CS/i)
    expect(await handoffs.findOpen(conversationId)).toMatchObject({ reason: 'customer_accepted_offer' })

    // While waiting, the bot stays quiet but offers the way back.
    const callsBefore = agent.calls.length
    const waiting = await core.handle(inbound(user, '? keempat'))
    expect(agent.calls.length).toBe(callsBefore)
    expect(waiting[0]?.buttons?.[0]?.action).toEqual({ kind: 'reject', token: handoffOfferToken })

    const left = await core.handle(inbound(user, 'kembali ke bot'))
    expect(left[0]?.text).toContain('kembali membantu')
    expect(await handoffs.findOpen(conversationId)).toBeNull()
    await core.handle(inbound(user, 'halo'))
    expect(agent.calls.length).toBe(callsBefore + 1)
  })

  it('opens nothing where no staff channel is configured, and says how to reach the shop', async () => {
    const { core, handoffs } = createApp({ db, log: silentLogger(), agent: 'rules', staffAvailable: () => false })
    const user = newUser('alone')
    const replies = await core.handle(inbound(user, 'saya mau bicara dengan CS'))
    const text = replies.map((r) => r.text).join('\n')
    expect(text).toContain('belum ada staf')
    expect(text).toContain('cs@urbanstyle.id')
    expect(await handoffs.findOpen(await conversationIdOf(db, user))).toBeNull()
  })
})
