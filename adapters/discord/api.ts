/**
 * The Discord REST calls the adapter makes, over discord.js's REST client. The client is built with
 * `makeRequest: fetch` (global fetch instead of undici), so tests answer it with MSW.
 *
 * @example
 * const api = createDiscordApi(createDiscordRest(token))
 * await api.sendMessage(channelId, { content: 'Halo!' })
 */
import { type APIChannel, type APIThreadList, ChannelType, REST, type RESTOptions, Routes } from 'discord.js'
import type { DiscordPayload } from './render.ts'

/**
 * discord.js's `makeRequest` over global fetch, looked up at call time (MSW replaces it when a test starts).
 * The casts only bridge undici's and the DOM's fetch typings; the objects are the same at run time.
 */
export const fetchRequest: RESTOptions['makeRequest'] = (url, init) =>
  fetch(url, init as RequestInit) as unknown as ReturnType<RESTOptions['makeRequest']>

/** A REST client on global fetch, Discord API v10. */
export function createDiscordRest(token: string): REST {
  return new REST({ version: '10', makeRequest: fetchRequest }).setToken(token)
}

export interface DiscordApi {
  /** Posts a message; mentions never ping anyone but `pingUserIds`. */
  sendMessage(channelId: string, payload: DiscordPayload, pingUserIds?: readonly string[]): Promise<{ id: string }>
  /** The DM channel with a user (created on first use). */
  openDm(userId: string): Promise<string>
  /** "Layan is typing…" for about ten seconds. */
  sendTyping(channelId: string): Promise<void>
  /** A private thread under a text channel that only its members (and moderators) see. */
  createPrivateThread(parentId: string, name: string): Promise<string>
  addThreadMember(threadId: string, userId: string): Promise<void>
  /** A thread under `parentId` (active, or archived and joined by the bot) whose name matches. */
  findThread(guildId: string, parentId: string, matches: (name: string) => boolean): Promise<string | null>
  /** Replaces the application's commands (guild-wide when `guildId` is given, else global). */
  putCommands(applicationId: string, guildId: string | undefined, body: readonly unknown[]): Promise<unknown>
}

/** A week: the longest auto-archive Discord offers, so customer threads stay open between visits. */
const threadArchiveMinutes = 10080

export function createDiscordApi(rest: REST): DiscordApi {
  return {
    async sendMessage(channelId, payload, pingUserIds = []) {
      const body = { ...payload, allowed_mentions: { parse: [], users: [...pingUserIds] } }
      const message = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string }
      return { id: message.id }
    },

    async openDm(userId) {
      const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel
      return channel.id
    },

    async sendTyping(channelId) {
      await rest.post(Routes.channelTyping(channelId))
    },

    async createPrivateThread(parentId, name) {
      const thread = (await rest.post(Routes.threads(parentId), {
        body: { name, type: ChannelType.PrivateThread, invitable: false, auto_archive_duration: threadArchiveMinutes },
      })) as APIChannel
      return thread.id
    },

    async addThreadMember(threadId, userId) {
      await rest.put(Routes.threadMembers(threadId, userId))
    },

    async findThread(guildId, parentId, matches) {
      const pick = (list: APIThreadList) =>
        list.threads.find((t) => 'parent_id' in t && t.parent_id === parentId && matches(t.name ?? ''))?.id ?? null
      const active = (await rest.get(Routes.guildActiveThreads(guildId))) as APIThreadList
      const found = pick(active)
      if (found) return found
      const archived = (await rest.get(Routes.channelJoinedArchivedThreads(parentId))) as APIThreadList
      return pick(archived)
    },

    putCommands(applicationId, guildId, body) {
      const route = guildId
        ? Routes.applicationGuildCommands(applicationId, guildId)
        : Routes.applicationCommands(applicationId)
      return rest.put(route, { body })
    },
  }
}
