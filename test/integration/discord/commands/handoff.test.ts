import { ButtonStyle } from 'discord.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Reply } from '../../../../src/core/types.ts'
import type { Database } from '../../../../src/db/client.ts'
import { t } from '../../../../src/i18n/messages.ts'
import type { NotificationTarget } from '../../../../src/services/notifications/types.ts'
import { newUser } from '../../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import {
  type Adapter,
  adminRoleId,
  buildAdapter,
  dm,
  dmChannelFor,
  type FakeSlashInput,
  fakeButton,
  fakeMessage,
  fakeSlash,
  guildId,
  isEphemeral,
  snowflake,
  startFakeDiscord,
  supportChannelId,
} from '../fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

describe.each(testDbKinds)('/handoff (%s)', (kind) => {
  let db: Database
  let adapter: Adapter
  const sentToTelegram: { target: NotificationTarget; reply: Reply }[] = []
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    adapter = buildAdapter(db, {
      channelSenders: [
        {
          channel: 'telegram',
          async send(target, reply) {
            sentToTelegram.push({ target, reply })
          },
        },
      ],
    })
  })
  afterAll(async () => {
    await db.close()
  })

  const staff = (input: Omit<FakeSlashInput, 'commandName'>) =>
    fakeSlash({ commandName: 'handoff', roles: [adminRoleId], ...input })

  /** Runs a /handoff command as an admin; returns what the admin read (deferred and ephemeral). */
  async function run(input: Omit<FakeSlashInput, 'commandName'>) {
    const interaction = staff(input)
    await adapter.interactions.slash(interaction)
    expect(interaction.calls[0]?.method).toBe('deferReply')
    expect(isEphemeral(interaction.calls[0])).toBe(true)
    return interaction.calls.slice(1).map((c) => c.options.content ?? '')
  }

  const handoffOf = (id: string) => db.prisma.handoff.findUniqueOrThrow({ where: { id } })

  /** A verified Discord customer asks for a person in a DM; returns their user id and the hand-off id. */
  async function customerAsksForHuman(): Promise<{ userId: string; handoffId: string }> {
    const userId = snowflake()
    await adapter.onMessage(dm(userId, 'verifikasi ORD-2025-001 7890'))
    await adapter.onMessage(dm(userId, 'Saya mau bicara dengan CS manusia'))
    const handoff = await db.prisma.handoff.findFirstOrThrow({
      where: { status: 'OPEN', conversation: { identity: { externalUserId: userId } } },
    })
    return { userId, handoffId: handoff.id }
  }

  it('runs the round trip: list, reply in the customer’s DM, close, and their 1–5 rating', async () => {
    const { userId, handoffId } = await customerAsksForHuman()
    await adapter.onMessage(dm(userId, 'Paket saya belum sampai, tolong dicek'))

    const [listed] = await run({ subcommand: 'list' })
    expect(listed).toContain(handoffId)
    expect(listed).toContain('discord')
    expect(listed).toContain('Adi Mulyana (cust-adi)')
    expect(listed).toContain('↳ Paket saya belum sampai, tolong dicek')

    discord.reset()
    const adminId = snowflake()
    const kicksBefore = adapter.kicks()
    const replied = await run({
      userId: adminId,
      subcommand: 'reply',
      options: { id: handoffId, text: 'Kami cek ke JNE ya kak' },
    })
    expect(replied).toEqual([t('id', 'discord.handoff.replyQueued', { channel: 'discord' })])
    expect(adapter.kicks()).toBe(kicksBefore + 1)
    const stored = await db.prisma.message.findFirstOrThrow({
      where: { role: 'admin', text: 'Kami cek ke JNE ya kak' },
    })
    expect(stored.content).toMatchObject({ actor: `admin:discord:${adminId}` })

    await adapter.outbox.runOnce()
    const answer = discord.messagesTo(dmChannelFor(userId)).at(-1)
    expect(answer?.content).toContain('Kami cek ke JNE ya kak')
    expect(answer?.content).toContain('UrbanStyle ID')

    discord.reset()
    const closed = await run({ userId: adminId, subcommand: 'close', options: { id: handoffId } })
    expect(closed).toEqual([t('id', 'discord.handoff.closed', { id: handoffId })])
    expect(await handoffOf(handoffId)).toMatchObject({
      status: 'CLOSED',
      assignee: `admin:discord:${adminId}`,
      rating: null,
    })
    await adapter.outbox.runOnce()
    const prompt = discord.messagesTo(dmChannelFor(userId)).at(-1)
    const buttons = prompt?.components?.flatMap((row) => row.components) ?? []
    expect(buttons).toHaveLength(5)
    expect(buttons.every((b) => b.style === ButtonStyle.Secondary)).toBe(true)
    const ids = buttons.map((b) => b.custom_id ?? '')

    // Someone else cannot rate it.
    const stranger = fakeButton({ customId: ids[0] ?? '', userId: snowflake(), channelId: dmChannelFor(userId) })
    await adapter.interactions.button(stranger)
    expect(stranger.calls.map((c) => c.method)).toEqual(['reply'])
    expect(stranger.calls[0]?.options.content).toBe(t('id', 'discord.buttonNotYours'))
    expect(isEphemeral(stranger.calls[0])).toBe(true)
    expect((await handoffOf(handoffId)).rating).toBeNull()

    // The customer rates 4, once.
    const press = fakeButton({ customId: ids[3] ?? '', userId, channelId: dmChannelFor(userId) })
    await adapter.interactions.button(press)
    expect(press.calls.map((c) => c.method)).toEqual(['update'])
    expect(press.calls[0]?.options).toEqual({
      content: t('id', 'discord.ratingThanks', { rating: 4 }),
      components: [],
    })
    expect((await handoffOf(handoffId)).rating).toBe(4)

    const again = fakeButton({ customId: ids[4] ?? '', userId, channelId: dmChannelFor(userId) })
    await adapter.interactions.button(again)
    expect(again.calls[0]?.options.content).toBe(t('id', 'discord.ratingAlready'))
    expect((await handoffOf(handoffId)).rating).toBe(4)

    // A closed hand-off takes no more replies, and the bot answers the customer again.
    expect(await run({ subcommand: 'reply', options: { id: handoffId, text: 'halo?' } })).toEqual([
      t('id', 'discord.handoff.notFound', { id: handoffId }),
    ])
  })

  it('answers a support-channel customer in their private thread, mentioning them', async () => {
    const userId = snowflake()
    await adapter.onMessage(
      fakeMessage({
        content: 'tolong hubungkan ke admin manusia',
        authorId: userId,
        channelId: supportChannelId,
        guildId,
      }),
    )
    const handoff = await db.prisma.handoff.findFirstOrThrow({
      where: { status: 'OPEN', conversation: { identity: { externalUserId: userId } } },
    })
    const thread = discord.threads.find((t) => t.name.endsWith(userId))
    if (!thread) throw new Error('no customer thread')

    await run({ subcommand: 'reply', options: { id: handoff.id, text: 'Halo, saya Rina dari CS' } })
    const restarted = buildAdapter(db) // a fresh process: the thread is found again, not re-created
    await restarted.outbox.runOnce()
    const last = discord.messagesTo(thread.id).at(-1)
    expect(last?.content).toMatch(new RegExp(`^<@${userId}> `))
    expect(last?.content).toContain('Halo, saya Rina dari CS')
    expect(last?.allowed_mentions).toEqual({ parse: [], users: [userId] })
    expect(discord.messagesTo(supportChannelId)).toEqual([])
    expect(discord.callsTo('POST', /\/threads$/)).toHaveLength(1)
  })

  it('reaches a Telegram customer through the Telegram sender', async () => {
    const chatId = newUser('tg')
    const { conversationId } = await adapter.core.handleWithTrace({
      channel: 'telegram',
      externalUserId: chatId,
      externalChatId: chatId,
      externalMessageId: '1',
      text: 'halo',
      receivedAt: new Date(),
    })
    const { handoff } = await adapter.handoffs.open({
      conversationId: conversationId ?? '',
      customerId: null,
      reason: 'test',
    })
    const replied = await run({ subcommand: 'reply', options: { id: handoff.id, text: 'Kami bantu ya' } })
    expect(replied).toEqual([t('id', 'discord.handoff.replyQueued', { channel: 'telegram' })])
    await adapter.outbox.runOnce()
    expect(sentToTelegram.map((s) => [s.target.channel, s.target.externalChatId])).toEqual([['telegram', chatId]])
    expect(sentToTelegram[0]?.reply.text).toContain('Kami bantu ya')
    expect(discord.allMessages().filter((m) => m.content.includes('Kami bantu ya'))).toEqual([])
  })

  it('explains missing, unknown or too long options', async () => {
    expect(await run({ subcommand: 'close', options: { id: 'no-such-handoff' } })).toEqual([
      t('id', 'discord.handoff.notFound', { id: 'no-such-handoff' }),
    ])
    expect(await run({ subcommand: 'reply', options: { id: 'x' } })).toEqual([
      t('id', 'discord.missingOption', { option: 'text' }),
    ])
    expect(await run({ subcommand: 'close', options: {} })).toEqual([
      t('id', 'discord.missingOption', { option: 'id' }),
    ])
    const [tooLong] = await run({ subcommand: 'reply', options: { id: 'x', text: 'a'.repeat(1801) } })
    expect(tooLong).toContain('Opsi "text" tidak valid')
  })

  it('refuses non-admins: the hand-off stays open and nothing is queued for the customer', async () => {
    const { handoffId } = await customerAsksForHuman()
    const queued = () => db.prisma.notification.count({ where: { audience: 'customer' } })
    const before = await queued()
    const attempts: Omit<FakeSlashInput, 'commandName'>[] = [
      { subcommand: 'close', options: { id: handoffId } },
      { subcommand: 'reply', options: { id: handoffId, text: 'bukan admin' } },
    ]
    for (const input of attempts) {
      const interaction = fakeSlash({ commandName: 'handoff', roles: [], ...input })
      await adapter.interactions.slash(interaction)
      expect(interaction.calls.map((c) => c.method)).toEqual(['reply'])
      expect(interaction.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
    }
    expect((await handoffOf(handoffId)).status).toBe('OPEN')
    expect(await queued()).toBe(before)
    expect(await db.prisma.message.count({ where: { text: 'bukan admin' } })).toBe(0)
  })
})
