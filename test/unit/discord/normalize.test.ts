import { ChannelType } from 'discord.js'
import { describe, expect, it } from 'vitest'
import {
  actionButtonId,
  chatKeyOfInteraction,
  customerThreadName,
  customerThreadOwner,
  discordLocale,
  formatChatKey,
  type IncomingMessage,
  messageText,
  parseButtonId,
  parseChatKey,
  routeMessage,
  toInboundMessage,
} from '../../../adapters/discord/normalize.ts'

const bot = '100000000000000001'
const user = '123456789012345678'
const guild = '200000000000000001'
const support = '300000000000000001'
const other = '300000000000000002'
const options = { botUserId: bot, supportChannelIds: [support] }

function message(overrides: Partial<IncomingMessage> & { channel?: IncomingMessage['channel'] } = {}): IncomingMessage {
  return {
    id: '900',
    content: 'halo',
    createdAt: new Date('2025-11-20T08:00:00Z'),
    guildId: guild,
    channelId: support,
    system: false,
    webhookId: null,
    author: { id: user, bot: false, username: 'adi', globalName: 'Adi' },
    channel: { type: ChannelType.GuildText, parentId: null, name: 'support' },
    mentions: { users: { has: () => false } },
    ...overrides,
  }
}

describe('routeMessage', () => {
  it('answers every DM in the DM', () => {
    const dm = message({ guildId: null, channelId: '777', channel: { type: ChannelType.DM } })
    expect(routeMessage(dm, options)).toEqual({ kind: 'dm', chat: { kind: 'dm', channelId: '777' } })
  })

  it('answers a support-channel message in the author’s thread under that channel', () => {
    expect(routeMessage(message(), options)).toEqual({
      kind: 'new-thread',
      chat: { kind: 'guild', guildId: guild, channelId: support },
    })
  })

  it('answers a mention in another channel, and ignores that channel otherwise', () => {
    const plain = message({ channelId: other })
    expect(routeMessage(plain, options)).toBeNull()
    const mention = message({ channelId: other, mentions: { users: { has: (id) => id === bot } } })
    expect(routeMessage(mention, options)).toEqual({
      kind: 'new-thread',
      chat: { kind: 'guild', guildId: guild, channelId: other },
    })
  })

  it('answers the owner in their own thread, and ignores staff writing there', () => {
    const thread = { type: ChannelType.PrivateThread, parentId: support, name: customerThreadName('Adi', user) }
    expect(routeMessage(message({ channelId: '555', channel: thread }), options)).toEqual({
      kind: 'own-thread',
      threadId: '555',
      chat: { kind: 'guild', guildId: guild, channelId: support },
    })
    const staff = message({ channelId: '555', channel: thread, author: { ...message().author, id: '999999999' } })
    expect(routeMessage(staff, options)).toBeNull()
  })

  it('ignores bots (itself included), webhooks and system messages', () => {
    expect(routeMessage(message({ author: { ...message().author, bot: true } }), options)).toBeNull()
    expect(routeMessage(message({ author: { ...message().author, id: bot } }), options)).toBeNull()
    expect(routeMessage(message({ webhookId: '1' }), options)).toBeNull()
    expect(routeMessage(message({ system: true }), options)).toBeNull()
  })
})

describe('toInboundMessage', () => {
  it('builds the core’s message: mention removed, conversation keyed by guild and channel', () => {
    const m = message({ content: `<@${bot}>  cek   ORD-2025-001 <@!${bot}>` })
    const route = routeMessage(m, options)
    if (!route) throw new Error('expected a route')
    expect(toInboundMessage(m, route, bot)).toEqual({
      channel: 'discord',
      externalUserId: user,
      externalChatId: `guild:${guild}:${support}`,
      externalMessageId: '900',
      text: 'cek ORD-2025-001',
      displayName: 'Adi',
      receivedAt: new Date('2025-11-20T08:00:00Z'),
    })
    expect(messageText('tanpa mention', bot)).toBe('tanpa mention')
  })
})

describe('chat keys', () => {
  it('round-trips and refuses anything else', () => {
    for (const chat of [
      { kind: 'dm' as const, channelId: '777' },
      { kind: 'guild' as const, guildId: guild, channelId: support },
    ]) {
      expect(parseChatKey(formatChatKey(chat))).toEqual(chat)
    }
    expect(parseChatKey('web-session')).toBeNull()
    expect(parseChatKey('guild:1:abc')).toBeNull()
    expect(parseChatKey('123')).toBeNull()
  })

  it('keys a press in a customer thread by the channel above it', () => {
    expect(
      chatKeyOfInteraction({
        guildId: guild,
        channelId: '555',
        channel: { type: ChannelType.PrivateThread, parentId: support },
      }),
    ).toEqual({ kind: 'guild', guildId: guild, channelId: support })
    expect(chatKeyOfInteraction({ guildId: null, channelId: '777', channel: null })).toEqual({
      kind: 'dm',
      channelId: '777',
    })
  })
})

describe('button ids', () => {
  it('fit in 100 characters with the longest snowflakes and round-trip', () => {
    const token = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'
    const id = actionButtonId({ kind: 'reject', token }, '12345678901234567890')
    expect(id.length).toBeLessThanOrEqual(100)
    expect(parseButtonId(id)).toEqual({ action: { kind: 'reject', token }, ownerUserId: '12345678901234567890' })
    const rating = actionButtonId({ kind: 'confirm', token: 'rate:cmhandoff0000000000000001:5' }, '1234567890')
    expect(parseButtonId(rating)?.action.token).toBe('rate:cmhandoff0000000000000001:5')
  })

  it('refuses ids it did not write', () => {
    expect(parseButtonId('layan:pa:x:1:tok')).toBeNull()
    expect(parseButtonId('layan:pa:c:abc:tok')).toBeNull()
    expect(parseButtonId('layan:pa:c:1:tok with spaces')).toBeNull()
    expect(parseButtonId('something-else')).toBeNull()
  })
})

describe('customer threads', () => {
  it('name the owner and stay within 100 characters', () => {
    const name = customerThreadName('N'.repeat(150), user)
    expect(name.length).toBeLessThanOrEqual(100)
    expect(customerThreadOwner(name)).toBe(user)
    expect(customerThreadOwner('general chat · 123456789')).toBeNull()
    expect(customerThreadOwner(null)).toBeNull()
  })
})

describe('discordLocale', () => {
  it('maps English locales to en and everything else to Indonesian', () => {
    expect(discordLocale('en-US')).toBe('en')
    expect(discordLocale('en-GB')).toBe('en')
    expect(discordLocale('id')).toBe('id')
    expect(discordLocale('ja')).toBe('id')
    expect(discordLocale(undefined)).toBe('id')
  })
})
