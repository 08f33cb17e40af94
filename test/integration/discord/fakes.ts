/**
 * Typed fakes of discord.js messages and interactions for the Discord adapter's tests: plain objects shaped like
 * the parts the adapter reads, whose reply/deferReply/editReply/followUp/update record their calls (and flip
 * `deferred`/`replied` as discord.js does). Plus the wiring every Discord test needs: the fake REST API on MSW,
 * a real core over a real database, and the adapter's dependencies.
 */
import { randomInt } from 'node:crypto'
import { ChannelType, MessageFlags } from 'discord.js'
import { setupServer } from 'msw/node'
import { createDiscordApi, createDiscordRest } from '../../../adapters/discord/api.ts'
import type { SlashInteraction } from '../../../adapters/discord/commands/command.ts'
import { commands } from '../../../adapters/discord/commands/index.ts'
import { type ButtonPress, createInteractionHandlers } from '../../../adapters/discord/interactions.ts'
import { createMessageHandler } from '../../../adapters/discord/message-handler.ts'
import type { IncomingMessage } from '../../../adapters/discord/normalize.ts'
import { createDiscordChannelSender, createDiscordStaffSender } from '../../../adapters/discord/sender.ts'
import { createConversationTargets } from '../../../adapters/discord/threads.ts'
import type { Agent } from '../../../src/agent/types.ts'
import { createApp } from '../../../src/app.ts'
import type { ConversationCore } from '../../../src/core/conversation.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { createHandoffDesk } from '../../../src/services/handoff-desk.ts'
import { createHandoffNotices } from '../../../src/services/notifications/handoff-notices.ts'
import { createLowStockWatcher } from '../../../src/services/notifications/low-stock.ts'
import { createOutboxWorker } from '../../../src/services/notifications/outbox.ts'
import type { ChannelSender } from '../../../src/services/notifications/types.ts'
import { createFakeDiscord, type FakeDiscord } from '../../msw/discord.ts'

export const botToken = 'test-bot-token'
export const botUserId = '100000000000000001'
export const guildId = '200000000000000001'
export const supportChannelId = '300000000000000001'
export const otherChannelId = '300000000000000002'
export const adminRoleId = '400000000000000001'
export const staffChannelId = '600000000000000001'

/** A fresh Discord snowflake-like id. */
export function snowflake(): string {
  return `5${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e8)).padStart(8, '0')}`
}

export interface RecordedCall {
  method: 'reply' | 'deferReply' | 'editReply' | 'followUp' | 'update'
  options: {
    content?: string | null
    flags?: unknown
    components?: { components: { custom_id?: string; url?: string; label?: string; style?: number }[] }[]
  }
}

/** Whether an interaction response carried the ephemeral flag. */
export function isEphemeral(call: RecordedCall | undefined): boolean {
  return call?.options.flags === MessageFlags.Ephemeral
}

interface Recorder {
  calls: RecordedCall[]
  deferred: boolean
  replied: boolean
}

function recorder(): Recorder & {
  reply(o: object): Promise<void>
  deferReply(o?: object): Promise<void>
  editReply(o: object): Promise<void>
  followUp(o: object): Promise<void>
  update(o: object): Promise<void>
} {
  const r = {
    calls: [] as RecordedCall[],
    deferred: false,
    replied: false,
    async reply(options: object) {
      if (r.deferred || r.replied) throw new Error('InteractionAlreadyReplied')
      r.calls.push({ method: 'reply', options })
      r.replied = true
    },
    async deferReply(options: object = {}) {
      if (r.deferred || r.replied) throw new Error('InteractionAlreadyReplied')
      r.calls.push({ method: 'deferReply', options })
      r.deferred = true
    },
    async editReply(options: object) {
      if (!r.deferred && !r.replied) throw new Error('InteractionNotReplied')
      r.calls.push({ method: 'editReply', options })
      r.replied = true
    },
    async followUp(options: object) {
      if (!r.deferred && !r.replied) throw new Error('InteractionNotReplied')
      r.calls.push({ method: 'followUp', options })
    },
    async update(options: object) {
      if (r.deferred || r.replied) throw new Error('InteractionAlreadyReplied')
      r.calls.push({ method: 'update', options })
      r.replied = true
    },
  }
  return r
}

export interface FakeSlashInput {
  commandName: string
  userId?: string
  subcommand?: string
  options?: Record<string, string | number>
  /** Member roles; default none. `rolesAs: 'cache'` gives a cached GuildMember's shape. */
  roles?: string[]
  rolesAs?: 'array' | 'cache'
  /** Member permission bits; default none. */
  permissions?: bigint[]
  guildId?: string | null
  locale?: string
}

export type FakeSlash = SlashInteraction & Recorder

/** A slash command interaction; options are read from `options` (numbers for integer options). */
export function fakeSlash(input: FakeSlashInput): FakeSlash {
  const r = recorder()
  const values = input.options ?? {}
  const roles = input.roles ?? []
  const inGuild = input.guildId !== null
  const interaction: FakeSlash = Object.assign(r, {
    id: snowflake(),
    commandName: input.commandName,
    user: { id: input.userId ?? snowflake(), username: 'tester', globalName: 'Tester' },
    guildId: inGuild ? (input.guildId ?? guildId) : null,
    locale: input.locale ?? 'id',
    member: inGuild
      ? { roles: input.rolesAs === 'cache' ? { cache: { has: (id: string) => roles.includes(id) } } : roles }
      : null,
    memberPermissions: inGuild
      ? { has: (bit: bigint) => (input.permissions ?? []).some((p) => (p & bit) === bit) }
      : null,
    options: {
      getSubcommand: () => input.subcommand ?? null,
      getString: (name: string) => {
        const v = values[name]
        return v === undefined ? null : String(v)
      },
      getInteger: (name: string) => {
        const v = values[name]
        return typeof v === 'number' ? v : null
      },
    },
  })
  return interaction
}

export interface FakeButtonInput {
  customId: string
  userId: string
  channelId: string
  guildId?: string | null
  /** Set for a press inside a thread. */
  parentId?: string
  locale?: string
}

export type FakeButton = ButtonPress & Recorder

export function fakeButton(input: FakeButtonInput): FakeButton {
  const r = recorder()
  const inGuild = input.guildId !== null && input.guildId !== undefined
  return Object.assign(r, {
    id: snowflake(),
    customId: input.customId,
    user: { id: input.userId, username: 'tester', globalName: 'Tester' },
    locale: input.locale ?? 'id',
    guildId: inGuild ? (input.guildId ?? null) : null,
    channelId: input.channelId,
    channel: input.parentId
      ? { type: ChannelType.PrivateThread, parentId: input.parentId }
      : { type: inGuild ? ChannelType.GuildText : ChannelType.DM, parentId: null },
  })
}

export interface FakeMessageInput {
  content: string
  authorId: string
  channelId: string
  guildId?: string | null
  channelType?: ChannelType
  parentId?: string | null
  channelName?: string | null
  mentions?: string[]
  bot?: boolean
  id?: string
}

export function fakeMessage(input: FakeMessageInput): IncomingMessage {
  const mentions = input.mentions ?? []
  return {
    id: input.id ?? snowflake(),
    content: input.content,
    createdAt: new Date(),
    guildId: input.guildId ?? null,
    channelId: input.channelId,
    system: false,
    webhookId: null,
    author: { id: input.authorId, bot: input.bot ?? false, username: 'customer', globalName: 'Customer Name' },
    channel: {
      type: input.channelType ?? (input.guildId ? ChannelType.GuildText : ChannelType.DM),
      parentId: input.parentId ?? null,
      name: input.channelName ?? null,
    },
    mentions: { users: { has: (id: string) => mentions.includes(id) } },
  }
}

/** A DM from `userId` (its DM channel id derived from the user id, so each user has one). */
export function dm(userId: string, content: string): IncomingMessage {
  return fakeMessage({ content, authorId: userId, channelId: dmChannelFor(userId) })
}

export function dmChannelFor(userId: string): string {
  return `7${userId.slice(1)}`
}

/** Starts MSW with the fake Discord API; call `close()` in afterAll. */
export function startFakeDiscord(): { discord: FakeDiscord; server: ReturnType<typeof setupServer> } {
  const discord = createFakeDiscord({ token: botToken })
  discord.setChannelGuild(supportChannelId, guildId)
  discord.setChannelGuild(otherChannelId, guildId)
  const server = setupServer(...discord.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  return { discord, server }
}

export interface AdapterOptions {
  /** 'rules' (default) or an agent of the test's own. */
  agent?: 'rules' | Agent
  /** Other channels' senders registered with the outbox (a Telegram stand-in, say). */
  channelSenders?: ChannelSender[]
  /** Replaces the core (to make it fail, say). */
  core?: Pick<ConversationCore, 'handleWithTrace'>
  adminRoleId?: string
  /** DISCORD_GUILD_ID (default: the fake guild); null for none. */
  adminGuildId?: string | null
}

/**
 * The Discord adapter's handlers over a real core, desk, outbox and database, talking to the fake REST API. The
 * outbox is not polling: tests deliver what was queued with `outbox.runOnce()`.
 */
export function buildAdapter(db: Database, options: AdapterOptions = {}) {
  const log = silentLogger()
  const desk = createHandoffDesk({ prisma: db.prisma })
  const notices = createHandoffNotices({ prisma: db.prisma })
  let kicks = 0
  const notify = () => {
    kicks++
  }
  const lowStock = createLowStockWatcher({ prisma: db.prisma, log })
  const built = createApp({
    db,
    log,
    agent: options.agent ?? 'rules',
    config: { RATE_LIMIT_PER_MINUTE: 1000 },
    onHandoffOpened: notices.opened,
    notify,
  })
  const api = createDiscordApi(createDiscordRest(botToken))
  const targets = createConversationTargets(api)
  const core = options.core ?? built.core
  const outbox = createOutboxWorker({
    prisma: db.prisma,
    log,
    senders: [createDiscordChannelSender({ api, targets }), ...(options.channelSenders ?? [])],
    staffSenders: [createDiscordStaffSender(api, staffChannelId)],
  })
  return {
    ...built,
    desk,
    notices,
    outbox,
    api,
    targets,
    /** How often the adapter kicked the outbox. */
    kicks: () => kicks,
    onMessage: createMessageHandler({
      core,
      api,
      targets,
      botUserId: () => botUserId,
      supportChannelIds: [supportChannelId],
      log,
      typingEveryMs: 60_000,
    }),
    interactions: createInteractionHandlers({
      core,
      commands,
      adminRoleId: 'adminRoleId' in options ? options.adminRoleId : adminRoleId,
      adminGuildId: options.adminGuildId === null ? undefined : (options.adminGuildId ?? guildId),
      services: built.services,
      handoffs: built.handoffs,
      desk,
      lowStock,
      notify,
      log,
    }),
  }
}

export type Adapter = ReturnType<typeof buildAdapter>
