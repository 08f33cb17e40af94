import { PermissionFlagsBits } from 'discord.js'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Command } from '../../../adapters/discord/commands/command.ts'
import { createInteractionHandlers, isAdmin } from '../../../adapters/discord/interactions.ts'
import { actionButtonId } from '../../../adapters/discord/normalize.ts'
import type { Database } from '../../../src/db/client.ts'
import { t } from '../../../src/i18n/messages.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import type { SentMessage } from '../../msw/discord.ts'
import {
  type Adapter,
  adminRoleId,
  buildAdapter,
  dm,
  dmChannelFor,
  fakeButton,
  fakeMessage,
  fakeSlash,
  guildId,
  isEphemeral,
  snowflake,
  startFakeDiscord,
  supportChannelId,
} from './fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

function customIds(message: SentMessage | undefined): string[] {
  return message?.components?.flatMap((row) => row.components.map((b) => b.custom_id ?? '')) ?? []
}

describe('isAdmin', () => {
  const member = (roles: string[]) => ({ roles })
  const otherGuildId = '200000000000000999'
  const manage = { has: (bit: bigint) => bit === PermissionFlagsBits.ManageGuild }

  it('needs the admin role when one is configured, cached or raw', () => {
    const base = { guildId, memberPermissions: { has: () => true } }
    const rule = { roleId: adminRoleId, guildId }
    expect(isAdmin({ ...base, member: member([adminRoleId]) }, rule)).toBe(true)
    expect(isAdmin({ ...base, member: { roles: { cache: { has: (id) => id === adminRoleId } } } }, rule)).toBe(true)
    expect(isAdmin({ ...base, member: member([adminRoleId]) }, { roleId: adminRoleId })).toBe(true)
    // Manage Server alone is not enough when a role is configured.
    expect(isAdmin({ ...base, member: member(['other']) }, rule)).toBe(false)
  })

  it('falls back to Manage Server in the configured guild only, and is never true in DMs', () => {
    expect(isAdmin({ guildId, member: member([]), memberPermissions: manage }, { guildId })).toBe(true)
    expect(isAdmin({ guildId, member: member([]), memberPermissions: { has: () => false } }, { guildId })).toBe(false)
    expect(isAdmin({ guildId: null, member: null, memberPermissions: null }, { guildId })).toBe(false)
  })

  it('counts nothing from another guild: not Manage Server there, not even a role of the same id', () => {
    const elsewhere = { guildId: otherGuildId, memberPermissions: manage }
    expect(isAdmin({ ...elsewhere, member: member([]) }, { guildId })).toBe(false)
    expect(isAdmin({ ...elsewhere, member: member([adminRoleId]) }, { roleId: adminRoleId, guildId })).toBe(false)
  })

  it('with neither a role nor a guild configured, Manage Server anywhere is no admin', () => {
    expect(isAdmin({ guildId, member: member([]), memberPermissions: manage }, {})).toBe(false)
    expect(isAdmin({ guildId: otherGuildId, member: member([]), memberPermissions: manage }, {})).toBe(false)
  })
})

describe.each(testDbKinds)('Discord buttons (%s)', (kind) => {
  let db: Database
  let adapter: Adapter
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    adapter = buildAdapter(db)
  })
  afterEach(async () => {
    await db.close()
  })

  /** Adi verifies in a DM and asks to cancel ORD-2025-002: returns the confirm and reject custom ids. */
  async function askToCancel(user: string): Promise<{ confirm: string; reject: string }> {
    await adapter.onMessage(dm(user, 'verifikasi ORD-2025-002 7890'))
    await adapter.onMessage(dm(user, 'Saya ingin membatalkan order ORD-2025-002'))
    const messages = discord.messagesTo(dmChannelFor(user))
    expect(messages[0]?.content).toContain('Adi Mulyana')
    const [confirm, reject] = customIds(messages.at(-1))
    if (!confirm || !reject) throw new Error('no confirm/reject buttons rendered')
    return { confirm, reject }
  }

  async function orderStatus() {
    return (await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-002' } })).status
  }

  it('renders the cancel confirmation as buttons carrying the token, and cancels only on the customer’s press', async () => {
    const user = snowflake()
    const { confirm } = await askToCancel(user)
    const pending = await db.prisma.pendingAction.findFirstOrThrow({ where: { action: 'cancel_order' } })
    expect(confirm).toBe(actionButtonId({ kind: 'confirm', token: pending.token }, user))
    expect(await orderStatus()).toBe('PENDING')

    const press = fakeButton({ customId: confirm, userId: user, channelId: dmChannelFor(user) })
    await adapter.interactions.button(press)
    expect(press.calls.map((c) => c.method)).toEqual(['update', 'followUp'])
    expect(press.calls[0]?.options.components).toEqual([])
    expect(press.calls[1]?.options.content).toContain('ORD-2025-002 telah dibatalkan')
    expect(isEphemeral(press.calls[1])).toBe(false)
    expect(await orderStatus()).toBe('CANCELLED')

    // The press is part of the same DM conversation.
    const conversations = await db.prisma.conversation.findMany({ where: { identity: { externalUserId: user } } })
    expect(conversations.map((c) => c.externalChatId)).toEqual([`dm:${dmChannelFor(user)}`])
  })

  it('refuses someone else’s press ephemerally and changes nothing', async () => {
    const owner = snowflake()
    const { confirm } = await askToCancel(owner)
    const messagesBefore = await db.prisma.message.count()

    const stranger = snowflake()
    const press = fakeButton({ customId: confirm, userId: stranger, channelId: supportChannelId, guildId })
    await adapter.interactions.button(press)
    expect(press.calls).toHaveLength(1)
    expect(press.calls[0]?.method).toBe('reply')
    expect(press.calls[0]?.options.content).toBe(t('id', 'discord.buttonNotYours'))
    expect(isEphemeral(press.calls[0])).toBe(true)

    expect(await orderStatus()).toBe('PENDING')
    expect(await db.prisma.pendingAction.findFirstOrThrow({ where: { action: 'cancel_order' } })).toMatchObject({
      usedAt: null,
    })
    expect(await db.prisma.message.count()).toBe(messagesBefore)
    expect(await db.prisma.channelIdentity.count({ where: { externalUserId: stranger } })).toBe(0)
  })

  it('rejects on "Tidak": the order stays, the token is used up', async () => {
    const user = snowflake()
    const { reject, confirm } = await askToCancel(user)
    const press = fakeButton({ customId: reject, userId: user, channelId: dmChannelFor(user) })
    await adapter.interactions.button(press)
    expect(press.calls[1]?.options.content).toContain('tidak dibatalkan')
    expect(await orderStatus()).toBe('PENDING')

    const late = fakeButton({ customId: confirm, userId: user, channelId: dmChannelFor(user) })
    await adapter.interactions.button(late)
    expect(late.calls[1]?.options.content).toContain('sudah diproses')
    expect(await orderStatus()).toBe('PENDING')
  })

  it('works in a customer thread: the press joins the support-channel conversation', async () => {
    const user = snowflake()
    await adapter.onMessage(
      fakeMessage({ content: 'verifikasi ORD-2025-002 7890', authorId: user, channelId: supportChannelId, guildId }),
    )
    await adapter.onMessage(
      fakeMessage({ content: 'batalkan pesanan ORD-2025-002', authorId: user, channelId: supportChannelId, guildId }),
    )
    const thread = discord.threads[0]
    const [confirm] = customIds(discord.messagesTo(thread?.id ?? '').at(-1))
    const press = fakeButton({
      customId: confirm ?? '',
      userId: user,
      channelId: thread?.id ?? '',
      guildId,
      parentId: supportChannelId,
    })
    await adapter.interactions.button(press)
    expect(await orderStatus()).toBe('CANCELLED')
    const conversations = await db.prisma.conversation.findMany({ where: { identity: { externalUserId: user } } })
    expect(conversations.map((c) => c.externalChatId)).toEqual([`guild:${guildId}:${supportChannelId}`])
  })
})

describe.each(testDbKinds)('Discord dispatch (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('answers an unknown button ephemerally', async () => {
    const adapter = buildAdapter(db)
    const press = fakeButton({ customId: 'not-ours', userId: snowflake(), channelId: '1' })
    await adapter.interactions.button(press)
    expect(press.calls[0]?.options.content).toBe(t('id', 'discord.buttonUnknown'))
    expect(isEphemeral(press.calls[0])).toBe(true)
  })

  it('answers an unknown command ephemerally', async () => {
    const adapter = buildAdapter(db)
    const interaction = fakeSlash({ commandName: 'nope' })
    await adapter.interactions.slash(interaction)
    expect(interaction.calls.map((c) => c.method)).toEqual(['reply'])
    expect(interaction.calls[0]?.options.content).toBe(t('id', 'discord.unknownCommand'))
    expect(isEphemeral(interaction.calls[0])).toBe(true)
  })

  it('catches a failing command once: logged, and the deferred reply becomes an apology', async () => {
    const adapter = buildAdapter(db)
    const broken = {
      data: { name: 'broken', toJSON: () => ({ name: 'broken', description: 'x' }) },
      admin: false,
      defer: true,
      execute: async () => {
        throw new Error('boom')
      },
    } satisfies Command
    const handlers = createInteractionHandlers({
      core: adapter.core,
      commands: [broken],
      services: adapter.services,
      handoffs: adapter.handoffs,
      desk: adapter.desk,
      log: silentLogger(),
    })
    const interaction = fakeSlash({ commandName: 'broken', locale: 'en-US' })
    await expect(handlers.slash(interaction)).resolves.toBeUndefined()
    expect(interaction.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply'])
    expect(isEphemeral(interaction.calls[0])).toBe(true)
    expect(interaction.calls[1]?.options.content).toBe(t('en', 'discord.somethingWrong'))
  })
})
