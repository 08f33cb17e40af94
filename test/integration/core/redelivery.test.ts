/**
 * A channel's redelivery of a message whose first answer was lost with the process answering it (killed after the
 * message was taken in, before its answer was stored): the repeat is answered once, from the message stored then,
 * and a later repeat is dropped as before. A repeat of an answered message, or of one the conversation has moved on
 * from, is still dropped.
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
})
