/**
 * A channel's redelivery of a message whose first answer was lost with the process answering it (killed after the
 * message was taken in, before its answer was stored): the repeat is answered once, from the message stored then,
 * and a later repeat is dropped as before. A repeat of an answered message, or of one the conversation has moved on
 * from, is still dropped.
 *
 * On a channel that redelivers until it is acknowledged (`confirmsDelivery`), an answer stored and never marked sent
 * (killed after storing it, before or while sending it) is given again, as stored, to every redelivery until the
 * channel marks it sent; the agent does not run again, no tool runs again, nothing is stored twice. Once marked, a
 * redelivery is dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { inbound, newUser, scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

describe.each(testDbKinds)('redelivery after a lost answer (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  const messagesOf = async (user: string) => {
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { externalChatId: user } })
    return db.prisma.message.findMany({
      where: { conversationId: conversation.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    })
  }
  /** What a process killed between taking the message in and storing its answer leaves behind. */
  const loseLastAnswer = async (user: string) => {
    const last = (await messagesOf(user)).at(-1)
    expect(last?.role).toBe('assistant')
    await db.prisma.message.delete({ where: { id: last?.id as string } })
  }

  it('answers the repeat of a message whose answer was lost, once, without storing it twice', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('redelivered')
    const first = inbound(user, 'halo')
    await core.handle(first)
    const second = inbound(user, 'stok kaos M ada?', { delivery: { source: 'web:test-delivery', key: `${user}-2` } })
    await core.handle(second)
    await loseLastAnswer(user)

    expect(await core.handle(second)).toEqual([{ text: 'echo: stok kaos M ada?' }])
    expect(agent.calls).toHaveLength(3)
    // The agent saw the conversation before the message, not the message twice.
    expect(agent.calls[2]?.history.map((turn) => turn.text)).toEqual(['halo', 'echo: halo'])
    expect((await messagesOf(user)).map((m) => [m.role, m.text])).toEqual([
      ['user', 'halo'],
      ['assistant', 'echo: halo'],
      ['user', 'stok kaos M ada?'],
      ['assistant', 'echo: stok kaos M ada?'],
    ])
    // Answered now: a further repeat is a plain repeat again.
    expect(await core.handle(second)).toEqual([])
    expect(agent.calls).toHaveLength(3)
  })

  it('drops the repeat of an answered message, and of one the conversation has moved on from', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('moved-on')
    const first = inbound(user, 'satu')
    await core.handle(first)
    expect(await core.handle(first)).toEqual([])
    await core.handle(inbound(user, 'dua'))
    await loseLastAnswer(user)
    // 'satu' is no longer the last message: its repeat is not answered again.
    expect(await core.handle(first)).toEqual([])
    expect(agent.calls.map((ctx) => ctx.text)).toEqual(['satu', 'dua'])
  })

  const redelivered = (user: string, text: string) =>
    inbound(user, text, {
      channel: 'telegram',
      confirmsDelivery: true,
      delivery: { source: 'telegram:update', key: `${user}-update` },
    })

  it('gives the stored answer again to a redelivery until the channel marks it sent, then drops it', async () => {
    const agent = scriptedAgent(async (ctx) => {
      await ctx.callTool('check_inventory', { query: 'Kaos Basic Crewneck', size: 'M' })
      return {
        replies: [
          { text: 'Stok ada. Mau saya sambungkan ke CS?' },
          {
            text: 'Pilih:',
            buttons: [
              { label: 'Ya', action: { kind: 'confirm', token: 'handoff:offer' } },
              { label: 'Katalog', action: { url: 'https://urbanstyle.example/katalog' } },
            ],
          },
        ],
      }
    })
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('kept')
    const message = redelivered(user, 'kaos M ada?')
    const first = await core.handleWithTrace(message)
    expect(first.answerId).toEqual(expect.any(String))
    expect(first.resent).toBeUndefined()
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { externalChatId: user } })
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id: first.answerId as string } })).toMatchObject({
      role: 'assistant',
      deliveredAt: null,
      pendingDelivery: { replies: first.replies, locale: 'id', verified: false, handoffOpen: false },
    })

    // The process was killed before the answer reached the channel: every redelivery gets it, as it was.
    for (let i = 0; i < 2; i++) {
      const again = await core.handleWithTrace(structuredClone(message))
      expect(again).toMatchObject({
        replies: first.replies,
        tools: [],
        locale: first.locale,
        verified: first.verified,
        handoffOpen: first.handoffOpen,
        conversationId: conversation.id,
        answerId: first.answerId,
        resent: true,
      })
    }
    expect(agent.calls).toHaveLength(1)
    expect(await db.prisma.toolCall.count({ where: { conversationId: conversation.id } })).toBe(1)
    expect((await messagesOf(user)).map((m) => m.role)).toEqual(['user', 'assistant'])

    await core.delivered(first)
    const marked = await db.prisma.message.findUniqueOrThrow({ where: { id: first.answerId as string } })
    expect(marked.deliveredAt).toBeInstanceOf(Date)
    expect(marked.pendingDelivery).toBeNull()
    expect((await core.handleWithTrace(structuredClone(message))).replies).toEqual([])
    expect(agent.calls).toHaveLength(1)
  })

  it('drops a redelivery whose answer was marked sent, and keeps nothing for channels that do not redeliver', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('sent')
    const message = redelivered(user, 'halo')
    await core.delivered(await core.handleWithTrace(message))
    expect(await core.handleWithTrace(structuredClone(message))).toMatchObject({ replies: [], conversationId: null })

    const web = inbound(newUser('web'), 'halo')
    const trace = await core.handleWithTrace(web)
    expect(trace.answerId).toBeUndefined()
    expect(await core.handleWithTrace(web)).toMatchObject({ replies: [] })
    const [answer] = (await messagesOf(web.externalUserId)).filter((m) => m.role === 'assistant')
    expect(answer).toMatchObject({ pendingDelivery: null, deliveredAt: null })
    expect(agent.calls).toHaveLength(2)
  })

  it('gives a kept answer to its redelivery even after the customer wrote again, so it is never lost', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('moved-on-kept')
    const first = redelivered(user, 'satu')
    const lost = await core.handleWithTrace(first)
    const second = inbound(user, 'dua', { channel: 'telegram', confirmsDelivery: true })
    await core.delivered(await core.handleWithTrace(second))
    expect(await core.handleWithTrace(structuredClone(first))).toMatchObject({
      replies: [{ text: 'echo: satu' }],
      answerId: lost.answerId,
      resent: true,
    })
    expect(agent.calls.map((ctx) => ctx.text)).toEqual(['satu', 'dua'])
    expect((await messagesOf(user)).map((m) => m.text)).toEqual(['satu', 'echo: satu', 'dua', 'echo: dua'])
  })

  it('marking a trace without a kept answer, or an unknown answer, changes nothing and does not throw', async () => {
    const { core } = createApp({ db, log: silentLogger(), agent: scriptedAgent() })
    await expect(core.delivered({})).resolves.toBeUndefined()
    await expect(core.delivered({ answerId: 'no-such-answer' })).resolves.toBeUndefined()
  })
})
