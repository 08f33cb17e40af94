/**
 * Where to write to a customer: their DM, or their private thread under a support channel (found by its name,
 * which ends with the user id, or created and the customer added). Thread ids are remembered; two messages at
 * once share one lookup, so a customer never gets two threads.
 */
import { DiscordAPIError } from 'discord.js'
import type { DiscordApi } from './api.ts'
import { type ChatKey, customerThreadName, customerThreadOwner } from './normalize.ts'
import type { DiscordPayload } from './render.ts'

export interface ConversationTarget {
  channelId: string
  /** True when the thread was created just now (the first answer then mentions the customer). */
  created: boolean
}

export interface ConversationTargets {
  /** The channel to write to for `userId` in the conversation `chat`. */
  resolve(chat: ChatKey, userId: string, displayName?: string): Promise<ConversationTarget>
  /** Remembers a thread seen in a message (the customer wrote in it). */
  remember(chat: ChatKey, userId: string, threadId: string): void
  /** Forgets a thread that turned out to be gone (deleted by staff). */
  forget(chat: ChatKey, userId: string): void
}

export function createConversationTargets(api: DiscordApi): ConversationTargets {
  const known = new Map<string, string>()
  const pending = new Map<string, Promise<ConversationTarget>>()
  const keyOf = (chat: ChatKey & { kind: 'guild' }, userId: string) => `${chat.channelId}:${userId}`

  async function findOrCreate(chat: ChatKey & { kind: 'guild' }, userId: string, displayName: string) {
    const found = await api.findThread(chat.guildId, chat.channelId, (name) => customerThreadOwner(name) === userId)
    if (found) return { channelId: found, created: false }
    const threadId = await api.createPrivateThread(chat.channelId, customerThreadName(displayName, userId))
    await api.addThreadMember(threadId, userId)
    return { channelId: threadId, created: true }
  }

  return {
    async resolve(chat, userId, displayName = 'customer') {
      if (chat.kind === 'dm') return { channelId: chat.channelId, created: false }
      const key = keyOf(chat, userId)
      const cached = known.get(key)
      if (cached) return { channelId: cached, created: false }
      const inFlight = pending.get(key)
      if (inFlight) return { ...(await inFlight), created: false }
      const lookup = findOrCreate(chat, userId, displayName)
      pending.set(key, lookup)
      try {
        const target = await lookup
        known.set(key, target.channelId)
        return target
      } finally {
        pending.delete(key)
      }
    },
    remember(chat, userId, threadId) {
      if (chat.kind === 'guild') known.set(keyOf(chat, userId), threadId)
    },
    forget(chat, userId) {
      if (chat.kind === 'guild') known.delete(keyOf(chat, userId))
    },
  }
}

/** Discord's "Unknown Channel" error code: the thread was deleted. */
const unknownChannel = 10003

function isUnknownChannel(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === unknownChannel
}

export interface SendToConversation {
  api: DiscordApi
  targets: ConversationTargets
  chat: ChatKey
  userId: string
  displayName?: string
  /** The messages to send; `mentionUserId` is set when the customer should be notified (a new thread, say). */
  render: (mentionUserId: string | undefined) => DiscordPayload[]
  /** A target resolved before (the typing indicator went there). */
  target?: ConversationTarget
  /** Mention the customer in a thread even when it is not new (proactive messages should notify them). */
  alwaysMention?: boolean
}

/**
 * Sends messages to a customer's conversation. When their remembered thread was deleted meanwhile, a new one
 * is found or created and the messages go there.
 */
export async function sendToConversation(input: SendToConversation): Promise<void> {
  const { api, targets, chat, userId } = input
  let target = input.target ?? (await targets.resolve(chat, userId, input.displayName))
  const mentions = (to: ConversationTarget) => to.created || (input.alwaysMention === true && chat.kind === 'guild')
  const send = async (to: ConversationTarget, payloads: DiscordPayload[]) => {
    for (const payload of payloads) await api.sendMessage(to.channelId, payload, mentions(to) ? [userId] : [])
  }
  const payloadsFor = (to: ConversationTarget) => input.render(mentions(to) ? userId : undefined)
  try {
    await send(target, payloadsFor(target))
  } catch (error) {
    if (chat.kind !== 'guild' || !isUnknownChannel(error)) throw error
    targets.forget(chat, userId)
    target = await targets.resolve(chat, userId, input.displayName)
    await send(target, payloadsFor(target))
  }
}
