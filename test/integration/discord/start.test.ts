import { Events, GatewayIntentBits, Partials } from 'discord.js'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { fetchRequest } from '../../../adapters/discord/api.ts'
import { type DiscordConfig, startDiscord } from '../../../adapters/discord/start.ts'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { t } from '../../../src/i18n/messages.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createHandoffDesk } from '../../../src/services/handoff-desk.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import {
  botToken,
  dm,
  dmChannelFor,
  fakeButton,
  fakeSlash,
  guildId,
  snowflake,
  staffChannelId,
  startFakeDiscord,
  supportChannelId,
} from './fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

const appId = '800000000000000001'
const config: DiscordConfig = {
  DISCORD_TOKEN: botToken,
  DISCORD_APP_ID: appId,
  DISCORD_SUPPORT_CHANNEL_IDS: [supportChannelId],
  DISCORD_STAFF_CHANNEL_ID: staffChannelId,
  DISCORD_ADMIN_ROLE_ID: undefined,
  DISCORD_GUILD_ID: undefined,
}

describe.each(testDbKinds)('startDiscord (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  function start(overrides: Partial<DiscordConfig> = {}) {
    const { core, services, handoffs } = createApp({ db, log: silentLogger(), agent: 'rules' })
    return startDiscord({
      config: { ...config, ...overrides },
      core,
      services,
      handoffs,
      desk: createHandoffDesk({ prisma: db.prisma }),
      log: silentLogger(),
      login: false,
    })
  }

  it('builds a client with the intents, the DM partial and REST over global fetch', async () => {
    const adapter = await start()
    const { options } = adapter.client
    for (const intent of [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ]) {
      expect(options.intents.has(intent)).toBe(true)
    }
    expect(options.partials).toContain(Partials.Channel)
    expect(options.rest?.makeRequest).toBe(fetchRequest)
    await adapter.stop()
  })

  it('routes gateway messages, slash commands and buttons to the handlers', async () => {
    const adapter = await start()
    const user = snowflake()
    // The fakes carry the parts the adapter reads; the event typings want full discord.js classes.
    adapter.client.emit(Events.MessageCreate, dm(user, 'Apakah Kaos Basic Crewneck ukuran M masih ada?') as never)
    await vi.waitFor(() => expect(discord.messagesTo(dmChannelFor(user))).toHaveLength(1), { timeout: 15_000 })
    expect(discord.messagesTo(dmChannelFor(user))[0]?.content).toContain('Kaos Basic Crewneck')

    // No admin role configured: Manage Server decides; this member has none.
    const slash = Object.assign(fakeSlash({ commandName: 'lowstock' }), {
      isChatInputCommand: () => true,
      isButton: () => false,
    })
    adapter.client.emit(Events.InteractionCreate, slash as never)
    await vi.waitFor(() => expect(slash.calls).toHaveLength(1))
    expect(slash.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))

    const button = Object.assign(fakeButton({ customId: 'x', userId: user, channelId: '1', guildId }), {
      isChatInputCommand: () => false,
      isButton: () => true,
    })
    adapter.client.emit(Events.InteractionCreate, button as never)
    await vi.waitFor(() => expect(button.calls).toHaveLength(1))
    expect(button.calls[0]?.options.content).toBe(t('id', 'discord.buttonUnknown'))
    await adapter.stop()
  })

  it('gives the outbox a customer sender, and a staff sender only with a staff channel', async () => {
    const adapter = await start()
    expect(adapter.channelSender.channel).toBe('discord')
    await adapter.staffSender?.sendToStaff({ text: 'Stok menipis' })
    expect(discord.messagesTo(staffChannelId).map((m) => m.content)).toEqual(['Stok menipis'])
    await adapter.stop()

    const quiet = await start({ DISCORD_STAFF_CHANNEL_ID: undefined })
    expect(quiet.staffSender).toBeNull()
    await quiet.stop()
  })

  it('refuses to start without a token or an application id', async () => {
    await expect(start({ DISCORD_TOKEN: undefined })).rejects.toThrow(/DISCORD_TOKEN/)
    await expect(start({ DISCORD_APP_ID: undefined })).rejects.toThrow(/DISCORD_APP_ID/)
  })
})
