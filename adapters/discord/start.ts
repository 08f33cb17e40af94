/**
 * Starts the Discord adapter (main.ts calls it when DISCORD_TOKEN and DISCORD_APP_ID are set): builds the REST
 * API, the outbox senders and the handlers, wires them to a gateway client and logs in.
 *
 * Hand-offs reach the staff channel through the outbox: register `staffSender` with it, and give createApp
 * `onHandoffOpened: createHandoffNotices({ prisma }).opened`. Customer notifications (shipping, payment, staff
 * answers, rating requests) reach Discord customers through `channelSender`.
 *
 * @example
 * const discord = await startDiscord({ config, core, services, handoffs, desk, lowStock,
 *   notify: () => void outbox.runOnce(), log })
 * outbox.addChannelSender(discord.channelSender)
 * if (discord.staffSender) outbox.addStaffSender(discord.staffSender)
 */
import type { Client } from 'discord.js'
import type { Config } from '../../src/config.ts'
import type { ConversationCore } from '../../src/core/conversation.ts'
import type { Logger } from '../../src/logger.ts'
import type { HandoffDesk } from '../../src/services/handoff-desk.ts'
import type { Handoffs } from '../../src/services/handoffs.ts'
import type { Services } from '../../src/services/index.ts'
import type { LowStockWatcher } from '../../src/services/notifications/low-stock.ts'
import type { ChannelSender, StaffSender } from '../../src/services/notifications/types.ts'
import { createDiscordApi, createDiscordRest, type DiscordApi } from './api.ts'
import { attachHandlers, createDiscordClient } from './client.ts'
import { commands } from './commands/index.ts'
import { createInteractionHandlers } from './interactions.ts'
import { createMessageHandler } from './message-handler.ts'
import { createDiscordChannelSender, createDiscordStaffSender } from './sender.ts'
import { createConversationTargets } from './threads.ts'

export type DiscordConfig = Pick<
  Config,
  | 'DISCORD_TOKEN'
  | 'DISCORD_APP_ID'
  | 'DISCORD_SUPPORT_CHANNEL_IDS'
  | 'DISCORD_STAFF_CHANNEL_ID'
  | 'DISCORD_ADMIN_ROLE_ID'
  | 'DISCORD_GUILD_ID'
>

export interface DiscordDeps {
  config: DiscordConfig
  /** The conversation core (main.ts may pass its in-flight tracking wrapper of `handleWithTrace`). */
  core: Pick<ConversationCore, 'handleWithTrace'>
  services: Services
  handoffs: Pick<Handoffs, 'findOpen' | 'list' | 'messages' | 'close'>
  desk: Pick<HandoffDesk, 'reply' | 'requestRating' | 'rate'>
  lowStock?: Pick<LowStockWatcher, 'afterStockChange'>
  /** Kicks the outbox after something was queued. */
  notify?: () => void
  log: Logger
  now?: () => Date
  /** Tests pass `false` to build everything without connecting to the gateway. */
  login?: boolean
}

export interface DiscordAdapter {
  client: Client
  api: DiscordApi
  /** For the outbox: writes to customers in their DM or private thread. */
  channelSender: ChannelSender
  /** For the outbox: posts to DISCORD_STAFF_CHANNEL_ID; null when it is not set. */
  staffSender: StaffSender | null
  /** Connects to the gateway (done by `startDiscord` itself unless `login: false`). */
  login(): Promise<void>
  stop(): Promise<void>
}

/** Starts the adapter; throws when DISCORD_TOKEN or DISCORD_APP_ID is missing. */
export async function startDiscord(deps: DiscordDeps): Promise<DiscordAdapter> {
  const { config } = deps
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) throw new Error('Discord needs DISCORD_TOKEN and DISCORD_APP_ID')
  const log = deps.log.child({ component: 'discord' })
  const api = createDiscordApi(createDiscordRest(config.DISCORD_TOKEN))
  const targets = createConversationTargets(api)
  const client = createDiscordClient()
  const appId = config.DISCORD_APP_ID

  attachHandlers(client, {
    log,
    message: createMessageHandler({
      core: deps.core,
      api,
      targets,
      // The bot user's id is the application's id; the client knows it for sure once logged in.
      botUserId: () => client.user?.id ?? appId,
      supportChannelIds: config.DISCORD_SUPPORT_CHANNEL_IDS,
      log,
    }),
    interactions: createInteractionHandlers({
      core: deps.core,
      commands,
      adminRoleId: config.DISCORD_ADMIN_ROLE_ID,
      adminGuildId: config.DISCORD_GUILD_ID,
      services: deps.services,
      handoffs: deps.handoffs,
      desk: deps.desk,
      lowStock: deps.lowStock,
      notify: deps.notify,
      log,
      now: deps.now,
    }),
  })
  if (!config.DISCORD_ADMIN_ROLE_ID && !config.DISCORD_GUILD_ID) {
    log.warn('discord admin commands are off: set DISCORD_GUILD_ID (Manage Server there) or DISCORD_ADMIN_ROLE_ID')
  }
  const token = config.DISCORD_TOKEN
  async function login(): Promise<void> {
    client.once('clientReady', (ready) => log.info({ user: ready.user.tag }, 'discord connected'))
    await client.login(token)
  }
  if (deps.login !== false) await login()

  return {
    client,
    api,
    channelSender: createDiscordChannelSender({ api, targets }),
    staffSender: config.DISCORD_STAFF_CHANNEL_ID
      ? createDiscordStaffSender(api, config.DISCORD_STAFF_CHANNEL_ID)
      : null,
    login,
    stop: () => client.destroy(),
  }
}
