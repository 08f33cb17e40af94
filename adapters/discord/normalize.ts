/**
 * Discord payloads → the core's InboundMessage, and the small encodings the adapter relies on: which messages
 * it answers and where, conversation keys, button custom ids and customer thread names. Pure functions.
 *
 * Conversation keys (InboundMessage.externalChatId) say where the customer talks to us:
 * - `dm:<dmChannelId>` for direct messages;
 * - `guild:<guildId>:<channelId>` for a support channel (or a channel where the bot was mentioned). The
 *   customer's private thread under that channel belongs to the same conversation, so a new or re-created
 *   thread keeps the history and any open hand-off.
 */
import { ChannelType } from 'discord.js'
import type { ButtonAction, InboundMessage } from '../../src/core/types.ts'
import type { Locale } from '../../src/i18n/format.ts'

/** The parts of a discord.js Message the adapter reads (a real `Message` fits). */
export interface IncomingMessage {
  readonly id: string
  readonly content: string
  readonly createdAt: Date
  readonly guildId: string | null
  readonly channelId: string
  readonly system: boolean
  readonly webhookId: string | null
  readonly author: {
    readonly id: string
    readonly bot: boolean
    readonly username: string
    readonly globalName: string | null
  }
  readonly channel: { readonly type: ChannelType; readonly parentId?: string | null; readonly name?: string | null }
  readonly mentions: { readonly users: { has(id: string): boolean } }
}

/** Where a conversation lives. */
export type ChatKey = { kind: 'dm'; channelId: string } | { kind: 'guild'; guildId: string; channelId: string }

/** Where to answer a message: the DM itself, the customer's own thread, or their thread under `chat.channelId`. */
export type MessageRoute =
  | { kind: 'dm'; chat: ChatKey & { kind: 'dm' } }
  | { kind: 'own-thread'; threadId: string; chat: ChatKey & { kind: 'guild' } }
  | { kind: 'new-thread'; chat: ChatKey & { kind: 'guild' } }

export interface RouteOptions {
  botUserId: string
  supportChannelIds: readonly string[]
}

const threadTypes: ReadonlySet<ChannelType> = new Set([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
])

export function isThreadType(type: ChannelType): boolean {
  return threadTypes.has(type)
}

/** `ChatKey` → InboundMessage.externalChatId. */
export function formatChatKey(chat: ChatKey): string {
  return chat.kind === 'dm' ? `dm:${chat.channelId}` : `guild:${chat.guildId}:${chat.channelId}`
}

/** InboundMessage.externalChatId → `ChatKey`; null for anything this adapter did not write. */
export function parseChatKey(value: string): ChatKey | null {
  const dm = /^dm:(\d{1,25})$/.exec(value)
  if (dm?.[1]) return { kind: 'dm', channelId: dm[1] }
  const guild = /^guild:(\d{1,25}):(\d{1,25})$/.exec(value)
  if (guild?.[1] && guild[2]) return { kind: 'guild', guildId: guild[1], channelId: guild[2] }
  return null
}

const threadOwnerPattern = /· (\d{5,25})$/

/**
 * The name of a customer's private thread; it ends with the user id, so the owner is known after a restart.
 * @example customerThreadName('Adi', '123456789012345678') // 'Layan · Adi · 123456789012345678'
 */
export function customerThreadName(displayName: string, userId: string): string {
  const suffix = ` · ${userId}`
  const name = displayName.replace(/[\p{Cc}·]/gu, ' ').trim() || 'customer'
  return `Layan · ${name}`.slice(0, 100 - suffix.length) + suffix
}

/** The user a customer thread belongs to, or null when the name is not one of ours. */
export function customerThreadOwner(threadName: string | null | undefined): string | null {
  if (!threadName?.startsWith('Layan · ')) return null
  return threadOwnerPattern.exec(threadName)?.[1] ?? null
}

/**
 * Decides whether and where a message is answered: every DM; in a guild, messages in a support channel and
 * messages that mention the bot (answered in the author's private thread), and messages the owner of a
 * customer thread writes in it. Bots, webhooks, system messages and other people's threads are ignored.
 */
export function routeMessage(message: IncomingMessage, options: RouteOptions): MessageRoute | null {
  if (message.author.bot || message.system || message.webhookId) return null
  if (message.author.id === options.botUserId) return null
  if (!message.guildId) {
    if (message.channel.type !== ChannelType.DM) return null
    return { kind: 'dm', chat: { kind: 'dm', channelId: message.channelId } }
  }
  const inThread = isThreadType(message.channel.type)
  const parentId = inThread ? message.channel.parentId : message.channelId
  if (!parentId) return null
  const chat = { kind: 'guild' as const, guildId: message.guildId, channelId: parentId }
  if (inThread) {
    const owner = customerThreadOwner(message.channel.name)
    if (owner === message.author.id) return { kind: 'own-thread', threadId: message.channelId, chat }
    // Staff talking in a customer's thread, or some other thread: not for the bot unless it is called.
    if (owner) return null
  }
  const mentioned = message.mentions.users.has(options.botUserId)
  if (mentioned || options.supportChannelIds.includes(parentId)) return { kind: 'new-thread', chat }
  return null
}

/** The message text without mentions of the bot. */
export function messageText(content: string, botUserId: string): string {
  return content.replaceAll(`<@${botUserId}>`, ' ').replaceAll(`<@!${botUserId}>`, ' ').replace(/\s+/g, ' ').trim()
}

export function displayNameOf(user: { username: string; globalName?: string | null }): string {
  return user.globalName?.trim() || user.username
}

/** A routed message as the core's InboundMessage. */
export function toInboundMessage(message: IncomingMessage, route: MessageRoute, botUserId: string): InboundMessage {
  return {
    channel: 'discord',
    externalUserId: message.author.id,
    externalChatId: formatChatKey(route.chat),
    externalMessageId: message.id,
    text: messageText(message.content, botUserId),
    displayName: displayNameOf(message.author),
    receivedAt: message.createdAt,
  }
}

/** Discord's user locale ("id", "en-US", ...) → ours; Indonesian unless it is English. */
export function discordLocale(locale: string | null | undefined): Locale {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'id'
}

/** What a button's custom id says: the action and the user it was shown to. */
export interface ButtonId {
  action: ButtonAction
  ownerUserId: string
}

// Tokens: a pending action's (base64url) or a hand-off rating's ("rate:<handoff id>:<score>").
const actionIdPattern = /^layan:pa:(c|r):(\d{1,25}):([A-Za-z0-9_:-]{1,70})$/

/**
 * A confirm/reject button's custom id (at most 100 characters): the token and the user it was shown to, so a
 * press by anyone else is refused before anything runs.
 * @example actionButtonId({ kind: 'confirm', token }, '1234') // 'layan:pa:c:1234:<token>'
 */
export function actionButtonId(action: ButtonAction, ownerUserId: string): string {
  return `layan:pa:${action.kind === 'confirm' ? 'c' : 'r'}:${ownerUserId}:${action.token}`
}

/** Parses a custom id written by this adapter; null for anything else. */
export function parseButtonId(customId: string): ButtonId | null {
  const match = actionIdPattern.exec(customId)
  if (!match?.[2] || !match[3]) return null
  return { action: { kind: match[1] === 'c' ? 'confirm' : 'reject', token: match[3] }, ownerUserId: match[2] }
}

/** The conversation a button press belongs to: its DM, or the channel above the customer's thread. */
export function chatKeyOfInteraction(interaction: {
  guildId: string | null
  channelId: string | null
  channel: { type: ChannelType; parentId?: string | null } | null
}): ChatKey | null {
  if (!interaction.channelId) return null
  if (!interaction.guildId) return { kind: 'dm', channelId: interaction.channelId }
  const parentId =
    interaction.channel && isThreadType(interaction.channel.type) ? interaction.channel.parentId : interaction.channelId
  return parentId ? { kind: 'guild', guildId: interaction.guildId, channelId: parentId } : null
}
