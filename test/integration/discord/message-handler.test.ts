import { ChannelType } from 'discord.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { customerThreadName } from '../../../adapters/discord/normalize.ts'
import type { Database } from '../../../src/db/client.ts'
import { t } from '../../../src/i18n/messages.ts'
import { scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import {
  botToken,
  botUserId,
  buildAdapter,
  dm,
  dmChannelFor,
  fakeMessage,
  guildId,
  otherChannelId,
  snowflake,
  staffChannelId,
  startFakeDiscord,
  supportChannelId,
} from './fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

describe.each(testDbKinds)('Discord message handling (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('answers a DM in the DM: typing first, then the core’s reply, with the bot token', async () => {
    const agent = scriptedAgent()
    const adapter = buildAdapter(db, { agent })
    const user = snowflake()
    await adapter.onMessage(dm(user, 'Halo kak, ada yang bisa dibantu?'))

    const channel = dmChannelFor(user)
    expect(discord.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST /channels/${channel}/typing`,
      `POST /channels/${channel}/messages`,
    ])
    expect(discord.calls.every((c) => c.authorization === `Bot ${botToken}`)).toBe(true)
    expect(agent.calls.map((c) => c.text)).toEqual(['Halo kak, ada yang bisa dibantu?'])
    const [sent] = discord.messagesTo(channel)
    expect(sent?.content).toBe('echo: Halo kak, ada yang bisa dibantu?')
    expect(sent?.allowed_mentions).toEqual({ parse: [], users: [] })

    const conversation = await db.prisma.conversation.findFirstOrThrow({
      where: { channel: 'discord', identity: { externalUserId: user } },
    })
    expect(conversation.externalChatId).toBe(`dm:${channel}`)
  })

  it('splits a long answer into messages under 2,000 characters, in order', async () => {
    const paragraphs = Array.from({ length: 25 }, (_, i) => `Bagian ${i + 1}: ${'info '.repeat(36)}`)
    const adapter = buildAdapter(db, { agent: scriptedAgent(() => ({ replies: [{ text: paragraphs.join('\n\n') }] })) })
    const user = snowflake()
    await adapter.onMessage(dm(user, 'jelaskan semuanya'))

    const sent = discord.messagesTo(dmChannelFor(user))
    expect(sent.length).toBeGreaterThanOrEqual(3)
    for (const m of sent) expect(m.content.length).toBeLessThanOrEqual(2000)
    expect(sent.map((m) => m.content).join('\n\n')).toBe(paragraphs.join('\n\n'))
  })

  it('answers a support-channel message in a new private thread, then keeps using that thread', async () => {
    const agent = scriptedAgent()
    const adapter = buildAdapter(db, { agent })
    const user = snowflake()
    const first = fakeMessage({ content: 'stok kaos M ada?', authorId: user, channelId: supportChannelId, guildId })
    await adapter.onMessage(first)

    const [create] = discord.callsTo('POST', /\/threads$/)
    expect(create?.path).toBe(`/channels/${supportChannelId}/threads`)
    expect(create?.body).toMatchObject({ type: ChannelType.PrivateThread, invitable: false })
    expect((create?.body as { name?: string } | undefined)?.name).toBe(customerThreadName('Customer Name', user))
    const thread = discord.threads[0]
    if (!thread) throw new Error('no thread created')
    expect(discord.callsTo('PUT', /thread-members/).map((c) => c.path)).toEqual([
      `/channels/${thread.id}/thread-members/${user}`,
    ])
    const [answer] = discord.messagesTo(thread.id)
    expect(answer?.content).toBe(`<@${user}> echo: stok kaos M ada?`)
    expect(answer?.allowed_mentions).toEqual({ parse: [], users: [user] })
    // Nothing is written in the public channel itself.
    expect(discord.messagesTo(supportChannelId)).toEqual([])

    // The customer answers inside the thread: same thread, same conversation, no new thread.
    const inThread = fakeMessage({
      content: 'ukuran L juga?',
      authorId: user,
      channelId: thread.id,
      guildId,
      channelType: ChannelType.PrivateThread,
      parentId: supportChannelId,
      channelName: thread.name,
    })
    await adapter.onMessage(inThread)
    await adapter.onMessage(fakeMessage({ content: 'satu lagi', authorId: user, channelId: supportChannelId, guildId }))
    expect(discord.callsTo('POST', /\/threads$/)).toHaveLength(1)
    expect(discord.messagesTo(thread.id).map((m) => m.content)).toEqual([
      `<@${user}> echo: stok kaos M ada?`,
      'echo: ukuran L juga?',
      'echo: satu lagi',
    ])
    const conversations = await db.prisma.conversation.findMany({
      where: { channel: 'discord', identity: { externalUserId: user } },
    })
    expect(conversations.map((c) => c.externalChatId)).toEqual([`guild:${guildId}:${supportChannelId}`])
    expect(agent.calls.at(-1)?.history.map((t) => t.text)).toContain('ukuran L juga?')
  })

  it('gives two customers in one support channel two threads and two conversations', async () => {
    const adapter = buildAdapter(db, { agent: scriptedAgent() })
    const [a, b] = [snowflake(), snowflake()]
    await Promise.all([
      adapter.onMessage(fakeMessage({ content: 'halo dari A', authorId: a, channelId: supportChannelId, guildId })),
      adapter.onMessage(fakeMessage({ content: 'halo dari B', authorId: b, channelId: supportChannelId, guildId })),
    ])
    expect(discord.threads).toHaveLength(2)
    const threadOf = (user: string) => discord.threads.find((t) => t.name.endsWith(user))?.id ?? ''
    expect(discord.messagesTo(threadOf(a)).map((m) => m.content)).toEqual([`<@${a}> echo: halo dari A`])
    expect(discord.messagesTo(threadOf(b)).map((m) => m.content)).toEqual([`<@${b}> echo: halo dari B`])
  })

  it('finds the customer’s existing thread after a restart instead of opening another', async () => {
    const user = snowflake()
    const existing = discord.addThread({
      guild_id: guildId,
      parent_id: supportChannelId,
      name: customerThreadName('Customer Name', user),
      archived: true,
    })
    const adapter = buildAdapter(db, { agent: scriptedAgent() })
    await adapter.onMessage(
      fakeMessage({ content: 'saya kembali', authorId: user, channelId: supportChannelId, guildId }),
    )
    expect(discord.callsTo('POST', /\/threads$/)).toEqual([])
    expect(discord.messagesTo(existing.id).map((m) => m.content)).toEqual(['echo: saya kembali'])
  })

  it('opens a new thread when staff deleted the remembered one', async () => {
    const adapter = buildAdapter(db, { agent: scriptedAgent() })
    const user = snowflake()
    await adapter.onMessage(fakeMessage({ content: 'pertama', authorId: user, channelId: supportChannelId, guildId }))
    const old = discord.threads[0]
    if (!old) throw new Error('no thread created')
    discord.deleteChannel(old.id)
    await adapter.onMessage(fakeMessage({ content: 'kedua', authorId: user, channelId: supportChannelId, guildId }))
    const fresh = discord.threads[1]
    expect(fresh?.id).not.toBe(old.id)
    expect(discord.messagesTo(fresh?.id ?? '').map((m) => m.content)).toEqual([`<@${user}> echo: kedua`])
  })

  it('answers a mention outside the support channels in a thread there, and ignores unmentioned chatter', async () => {
    const agent = scriptedAgent()
    const adapter = buildAdapter(db, { agent })
    const user = snowflake()
    await adapter.onMessage(
      fakeMessage({ content: 'ngobrol biasa', authorId: user, channelId: otherChannelId, guildId }),
    )
    expect(discord.calls).toEqual([])
    await adapter.onMessage(
      fakeMessage({
        content: `<@${botUserId}> ongkir ke Bandung berapa?`,
        authorId: user,
        channelId: otherChannelId,
        guildId,
        mentions: [botUserId],
      }),
    )
    expect(agent.calls.map((c) => c.text)).toEqual(['ongkir ke Bandung berapa?'])
    expect(discord.threads.map((t) => t.parent_id)).toEqual([otherChannelId])
  })

  it('ignores bots, staff in a customer’s thread, and leaves no trace of them', async () => {
    const agent = scriptedAgent()
    const adapter = buildAdapter(db, { agent })
    const customer = snowflake()
    const staff = snowflake()
    await adapter.onMessage(
      fakeMessage({ content: 'saya bot', authorId: snowflake(), channelId: supportChannelId, guildId, bot: true }),
    )
    await adapter.onMessage(
      fakeMessage({
        content: 'Halo, saya staf',
        authorId: staff,
        channelId: snowflake(),
        guildId,
        channelType: ChannelType.PrivateThread,
        parentId: supportChannelId,
        channelName: customerThreadName('Pelanggan', customer),
      }),
    )
    expect(discord.calls).toEqual([])
    expect(agent.calls).toEqual([])
    expect(await db.prisma.channelIdentity.count({ where: { externalUserId: staff } })).toBe(0)
  })

  it('asks for text when a message has none (an image only), without calling the agent', async () => {
    const agent = scriptedAgent()
    const adapter = buildAdapter(db, { agent })
    const user = snowflake()
    await adapter.onMessage(dm(user, ''))
    expect(agent.calls).toEqual([])
    expect(discord.messagesTo(dmChannelFor(user)).map((m) => m.content)).toEqual([t('id', 'discord.textOnly')])
    expect(discord.callsTo('POST', /typing$/)).toEqual([])
  })

  it('while a hand-off is open, queues the customer’s messages for the staff channel', async () => {
    const adapter = buildAdapter(db)
    const user = snowflake()
    await adapter.onMessage(dm(user, 'verifikasi ORD-2025-001 7890'))
    await adapter.onMessage(dm(user, 'Saya mau bicara dengan CS manusia'))
    expect(adapter.kicks()).toBe(0) // the opening message itself is in the hand-off notice
    await adapter.onMessage(dm(user, 'Paket saya belum sampai sejak kemarin'))
    expect(adapter.kicks()).toBe(1)
    expect(discord.messagesTo(dmChannelFor(user)).at(-1)?.content).toContain('tim CS')

    const delivered = await adapter.outbox.runOnce()
    expect(delivered.failed).toBe(0)
    const staff = discord.messagesTo(staffChannelId).map((m) => m.content)
    const handoff = await db.prisma.handoff.findFirstOrThrow({
      where: { conversation: { identity: { externalUserId: user } } },
    })
    expect(staff.some((m) => m.includes(handoff.id) && m.includes('Adi Mulyana'))).toBe(true)
    expect(staff.some((m) => m.includes('Paket saya belum sampai sejak kemarin'))).toBe(true)
    for (const m of discord.messagesTo(staffChannelId)) expect(m.allowed_mentions?.parse).toEqual([])
  })

  it('answers a repeated message id once', async () => {
    const agent = scriptedAgent()
    const adapter = buildAdapter(db, { agent })
    const user = snowflake()
    const message = dm(user, 'sekali saja')
    await adapter.onMessage(message)
    await adapter.onMessage(message)
    expect(agent.calls).toHaveLength(1)
    expect(discord.messagesTo(dmChannelFor(user))).toHaveLength(1)
  })

  it('apologises where the customer wrote when answering fails, and does not throw', async () => {
    const adapter = buildAdapter(db, {
      core: {
        handleWithTrace: async () => {
          throw new Error('core exploded')
        },
      },
    })
    const user = snowflake()
    await expect(adapter.onMessage(dm(user, 'halo'))).resolves.toBeUndefined()
    expect(discord.messagesTo(dmChannelFor(user)).map((m) => m.content)).toEqual([t('id', 'discord.somethingWrong')])
  })

  it('keeps going when the typing indicator is refused, and apologises when sending fails', async () => {
    const adapter = buildAdapter(db, { agent: scriptedAgent() })
    const user = snowflake()
    discord.fail('POST', /typing$/, { status: 500 })
    await adapter.onMessage(dm(user, 'tetap dijawab?'))
    expect(discord.messagesTo(dmChannelFor(user)).map((m) => m.content)).toEqual(['echo: tetap dijawab?'])

    discord.reset()
    discord.fail('POST', /messages$/, { status: 403, code: 50007 })
    await adapter.onMessage(dm(user, 'kirim gagal'))
    // First post refused, then the apology goes through.
    expect(discord.messagesTo(dmChannelFor(user)).map((m) => m.content)).toEqual([
      'echo: kirim gagal',
      t('id', 'discord.somethingWrong'),
    ])
  })
})
