import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { capturingLogger, inbound, newUser, recordingAgent, scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

async function messagesOf(db: Database, conversationId: string) {
  return db.prisma.message.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
}

async function conversationOf(db: Database, user: string) {
  return db.prisma.conversation.findFirstOrThrow({ where: { externalChatId: user } })
}

/** Links a web sender to a demo customer the way an admin would. */
async function verifiedSender(db: Database, customerId: string): Promise<string> {
  const user = newUser('verified')
  const { services } = createApp({ db, log: silentLogger(), agent: scriptedAgent() })
  const identity = await services.crm.resolveIdentity('web', user)
  await services.crm.linkIdentity(identity.id, customerId, 'test')
  return user
}

describe.each(testDbKinds)('conversation core (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('answers a message once: a repeat of the same channel message returns [] and runs nothing', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser()
    const msg = inbound(user, 'halo')
    expect(await core.handle(msg)).toEqual([{ text: 'echo: halo' }])
    expect(await core.handle({ ...msg, text: 'halo lagi' })).toEqual([])
    expect(agent.calls).toHaveLength(1)
    const conversation = await conversationOf(db, user)
    expect(await messagesOf(db, conversation.id)).toHaveLength(2)
    const events = await db.prisma.processedEvent.count({ where: { source: 'web:message' } })
    expect(events).toBeGreaterThanOrEqual(1)
  })

  it('does not take the same message id in another chat for a repeat', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    await core.handle(inbound(newUser(), 'satu', { externalMessageId: 'shared-id-1' }))
    const replies = await core.handle(inbound(newUser(), 'dua', { externalMessageId: 'shared-id-1' }))
    expect(replies).toEqual([{ text: 'echo: dua' }])
    expect(agent.calls).toHaveLength(2)
  })

  it('creates the sender identity on first contact and gives the agent the linked customer', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    const stranger = newUser('stranger')
    await core.handle(inbound(stranger, 'halo', { displayName: 'Tamu' }))
    const identity = await db.prisma.channelIdentity.findUniqueOrThrow({
      where: { channel_externalUserId: { channel: 'web', externalUserId: stranger } },
    })
    expect(identity.displayName).toBe('Tamu')
    expect(identity.customerId).toBeNull()
    expect(agent.calls[0]?.verified).toBe(false)

    const adi = await verifiedSender(db, 'cust-adi')
    await core.handle(inbound(adi, 'halo'))
    expect(agent.calls[1]?.verified).toBe(true)
    expect((await conversationOf(db, adi)).customerId).toBe('cust-adi')
  })

  it('binds tools to the sender: a verified customer sees their order, another customer gets "not found"', async () => {
    const agent = scriptedAgent(async (ctx) => {
      const call = await ctx.callTool('track_order', { orderNumber: 'ORD-2025-001' })
      return { replies: [call.reply] }
    })
    const { core } = createApp({ db, log: silentLogger(), agent })
    const adi = await verifiedSender(db, 'cust-adi')
    const siti = await verifiedSender(db, 'cust-siti')
    const own = await core.handle(inbound(adi, 'lacak'))
    expect(own[0]?.text).toContain('JNE123456789')
    const foreign = await core.handle(inbound(siti, 'lacak'))
    expect(foreign[0]?.text).not.toContain('JNE123456789')

    const sitiConversation = await conversationOf(db, siti)
    const calls = await db.prisma.toolCall.findMany({ where: { conversationId: sitiConversation.id } })
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ name: 'track_order', ok: false, errorCode: 'order_not_found' })
    expect(calls[0]?.input).toEqual({ orderNumber: 'ORD-2025-001' })
    expect(calls[0]?.latencyMs).toBeGreaterThanOrEqual(0)
    const adiCalls = await db.prisma.toolCall.findMany({
      where: { conversationId: (await conversationOf(db, adi)).id },
    })
    expect(adiCalls.map((c) => [c.name, c.ok, c.errorCode])).toEqual([['track_order', true, null]])
  })

  it('answers one conversation in send order when five messages arrive at once', async () => {
    // Random delays make interleaving likely if the lock did not hold.
    const agent = scriptedAgent(async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 25)))
      return { replies: [{ text: `echo: ${ctx.text}` }] }
    })
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('burst')
    const texts = ['m1', 'm2', 'm3', 'm4', 'm5']
    const answers = await Promise.all(texts.map((text) => core.handle(inbound(user, text))))
    expect(answers.map((r) => r[0]?.text)).toEqual(texts.map((t) => `echo: ${t}`))
    const rows = await messagesOf(db, (await conversationOf(db, user)).id)
    expect(rows.map((m) => [m.role, m.text])).toEqual(
      texts.flatMap((t) => [
        ['user', t],
        ['assistant', `echo: ${t}`],
      ]),
    )
    // Each agent call saw exactly the earlier turns.
    expect(agent.calls.map((c) => c.history.length)).toEqual([0, 2, 4, 6, 8])
  })

  it('loads no more history than the agent reads', async () => {
    const agent = { ...scriptedAgent(), historyNeeded: 3 }
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('short-memory')
    for (const text of ['h1', 'h2', 'h3', 'h4']) await core.handle(inbound(user, text))
    expect(agent.calls.map((c) => c.history.length)).toEqual([0, 2, 3, 3])
    // The newest ones, oldest first.
    expect(agent.calls[3]?.history.map((turn) => turn.text)).toEqual(['echo: h2', 'h3', 'echo: h3'])
  })

  it('persists the turn with token usage and gives the agent the earlier turns as history', async () => {
    const agent = scriptedAgent((ctx) => ({
      replies: [{ text: `jawaban untuk ${ctx.text}` }, { text: 'baris kedua' }],
      usage: { inputTokens: 120, outputTokens: 30, cacheReadTokens: 100, cacheWriteTokens: 5 },
    }))
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser()
    await core.handle(inbound(user, 'pertama'))
    await core.handle(inbound(user, 'kedua'))
    const rows = await messagesOf(db, (await conversationOf(db, user)).id)
    expect(rows.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(rows[0]).toMatchObject({ text: 'pertama', inputTokens: null })
    expect(rows[1]).toMatchObject({
      text: 'jawaban untuk pertama\n\nbaris kedua',
      inputTokens: 120,
      outputTokens: 30,
      cacheReadTokens: 100,
      cacheWriteTokens: 5,
    })
    expect(rows[0]?.externalMessageId).toBeTruthy()
    expect(agent.calls[1]?.history).toEqual([
      { role: 'user', text: 'pertama' },
      { role: 'assistant', text: 'jawaban untuk pertama\n\nbaris kedua' },
    ])
  })

  it('apologises honestly when the agent throws, logs the error and keeps the message', async () => {
    const { log, lines } = capturingLogger()
    const agent = scriptedAgent(() => {
      throw new Error('model exploded')
    })
    const { core } = createApp({ db, log, agent })
    const user = newUser()
    const replies = await core.handle(inbound(user, 'tolong bantu saya'))
    expect(replies).toHaveLength(1)
    expect(replies[0]?.text).toMatch(/maaf/i)
    expect(replies[0]?.text).not.toContain('model exploded')
    const rows = await messagesOf(db, (await conversationOf(db, user)).id)
    expect(rows.map((m) => [m.role, m.text])).toEqual([
      ['user', 'tolong bantu saya'],
      ['assistant', replies[0]?.text],
    ])
    const logged = lines.find((l) => l.msg === 'answering failed')
    expect(logged).toBeDefined()
    expect(JSON.stringify(logged?.err)).toContain('model exploded')
  })

  it('gives every message one child logger with channel and conversation id', async () => {
    const { log, lines } = capturingLogger()
    const agent = scriptedAgent((ctx) => {
      ctx.log.info('agent was here')
      return { replies: [{ text: 'ok' }] }
    })
    const { core } = createApp({ db, log, agent })
    const user = newUser()
    await core.handle(inbound(user, 'halo'))
    const conversation = await conversationOf(db, user)
    const line = lines.find((l) => l.msg === 'agent was here')
    expect(line).toMatchObject({ channel: 'web', conversationId: conversation.id })
  })

  it('detects the language of the text, falling back to the conversation for a button press', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser()
    await core.handle(inbound(user, 'Where is my order, please?', { locale: 'id' }))
    await core.handle(inbound(user, 'Pesanan saya sudah dikirim belum?', { locale: 'en' }))
    expect(agent.calls.map((c) => c.locale)).toEqual(['en', 'id'])
    expect((await conversationOf(db, user)).locale).toBe('id')
  })

  it('remembers the order a tool was called about and hands it to the next turn', async () => {
    const agent = scriptedAgent(async (ctx) => {
      if (ctx.text.includes('ORD')) await ctx.callTool('track_order', { orderNumber: 'ord 2025 001' })
      return { replies: [{ text: 'ok' }] }
    })
    const { core } = createApp({ db, log: silentLogger(), agent })
    const adi = await verifiedSender(db, 'cust-adi')
    await core.handle(inbound(adi, 'lacak ORD 2025 001'))
    expect((await conversationOf(db, adi)).lastOrderNumber).toBe('ORD-2025-001')
    await core.handle(inbound(adi, 'kalau pembayarannya?'))
    expect(agent.calls[1]?.lastOrderNumber).toBe('ORD-2025-001')
  })

  it('does not remember an order number that was not found', async () => {
    const agent = scriptedAgent(async (ctx) => {
      await ctx.callTool('track_order', { orderNumber: 'ORD-2099-999' })
      return { replies: [{ text: 'ok' }] }
    })
    const { core } = createApp({ db, log: silentLogger(), agent })
    const adi = await verifiedSender(db, 'cust-adi')
    await core.handle(inbound(adi, 'lacak ORD-2099-999'))
    expect((await conversationOf(db, adi)).lastOrderNumber).toBeNull()
  })

  it('reports an unknown tool as a failed call without throwing', async () => {
    const agent = scriptedAgent(async (ctx) => {
      const call = await ctx.callTool('drop_all_tables', {})
      return { replies: [{ text: call.ok ? 'ran' : `failed: ${call.errorCode}` }] }
    })
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser()
    expect((await core.handle(inbound(user, 'x')))[0]?.text).toBe('failed: unknown_tool')
    const calls = await db.prisma.toolCall.findMany({ where: { conversationId: (await conversationOf(db, user)).id } })
    expect(calls.map((c) => [c.name, c.ok, c.errorCode])).toEqual([['drop_all_tables', false, 'unknown_tool']])
  })

  it('links a Telegram shared contact only when it is the sender’s own number', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent })
    const user = newUser('tg')
    const contact = (userId: string) =>
      inbound(user, '', { channel: 'telegram', contact: { phoneNumber: '6281298765432', userId } })
    const foreign = await core.handle(contact('someone-else'))
    expect(foreign[0]?.requestContact).toBe(true)
    const identityOf = () =>
      db.prisma.channelIdentity.findUniqueOrThrow({
        where: { channel_externalUserId: { channel: 'telegram', externalUserId: user } },
      })
    expect((await identityOf()).customerId).toBeNull()
    const own = await core.handle(contact(user))
    expect(own[0]?.text).toContain('Siti Rahma')
    expect((await identityOf()).customerId).toBe('cust-siti')
    expect(agent.calls).toHaveLength(0)
  })
})

describe.each(testDbKinds)('conversation core with the rule agent (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('runs a button press as the pending action without calling the agent', async () => {
    const built = createApp({ db, log: silentLogger(), agent: 'rules' })
    const agent = recordingAgent(built.agent)
    const { core } = createApp({ db, log: silentLogger(), agent })
    const adi = await verifiedSender(db, 'cust-adi')
    const asked = await core.handle(inbound(adi, 'Saya ingin membatalkan order ORD-2025-002'))
    const confirm = asked.flatMap((r) => r.buttons ?? []).find((b) => 'kind' in b.action && b.action.kind === 'confirm')
    expect(confirm).toBeDefined()
    expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })).status).toBe('PENDING')
    const callsBefore = agent.calls.length

    const done = await core.handle(inbound(adi, '', { action: confirm?.action as { kind: 'confirm'; token: string } }))
    expect(agent.calls.length).toBe(callsBefore)
    expect(done[0]?.text).toMatch(/dibatalkan/i)
    expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })).status).toBe(
      'CANCELLED',
    )

    const rows = await messagesOf(db, (await conversationOf(db, adi)).id)
    expect(rows.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(rows[2]?.text).toBe('[confirm]')
  })

  it('a button press from another sender changes nothing', async () => {
    const { core } = createApp({ db, log: silentLogger(), agent: 'rules' })
    const siti = await verifiedSender(db, 'cust-siti')
    const asked = await core.handle(inbound(siti, 'tolong cancel ORD-2025-005'))
    const confirm = asked.flatMap((r) => r.buttons ?? []).find((b) => 'kind' in b.action && b.action.kind === 'confirm')
    expect(confirm).toBeDefined()
    const adi = await verifiedSender(db, 'cust-adi')
    const replies = await core.handle(
      inbound(adi, '', { action: confirm?.action as { kind: 'confirm'; token: string } }),
    )
    expect(replies[0]?.text).not.toMatch(/telah dibatalkan/i)
    expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-005' } })).status).toBe('PENDING')
  })
})
