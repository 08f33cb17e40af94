import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createDiscordApi, createDiscordRest } from '../../../adapters/discord/api.ts'
import { customerThreadName } from '../../../adapters/discord/normalize.ts'
import { createDiscordChannelSender, createDiscordStaffSender } from '../../../adapters/discord/sender.ts'
import { createConversationTargets } from '../../../adapters/discord/threads.ts'
import type { OutboxTarget } from '../../../src/services/notifications/outbox.ts'
import { botToken, guildId, snowflake, staffChannelId, startFakeDiscord, supportChannelId } from './fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

const token = 'B'.repeat(43)

function channelSender() {
  const api = createDiscordApi(createDiscordRest(botToken))
  return createDiscordChannelSender({ api, targets: createConversationTargets(api) })
}

describe('Discord ChannelSender', () => {
  it('writes in the customer’s DM conversation', async () => {
    const sender = channelSender()
    const userId = snowflake()
    const dmChannel = snowflake()
    const target: OutboxTarget = {
      channel: 'discord',
      externalChatId: `dm:${dmChannel}`,
      externalUserId: userId,
      locale: 'id',
    }
    await sender.send(target, {
      text: '🚚 Pesanan ORD-2025-001 sedang diantar',
      buttons: [{ label: 'Lacak', action: { url: 'https://www.jne.co.id/tracking-package' } }],
    })
    expect(sender.channel).toBe('discord')
    const [sent] = discord.messagesTo(dmChannel)
    expect(sent?.content).toBe('🚚 Pesanan ORD-2025-001 sedang diantar')
    expect(sent?.components?.[0]?.components[0]?.url).toBe('https://www.jne.co.id/tracking-package')
    expect(discord.callsTo('POST', /^\/users\/@me\/channels$/)).toEqual([])
  })

  it('writes in the private thread of a support-channel customer and mentions them', async () => {
    const sender = channelSender()
    const userId = snowflake()
    const thread = discord.addThread({
      guild_id: guildId,
      parent_id: supportChannelId,
      name: customerThreadName('Adi', userId),
    })
    const target: OutboxTarget = {
      channel: 'discord',
      externalChatId: `guild:${guildId}:${supportChannelId}`,
      externalUserId: userId,
      locale: 'id',
    }
    await sender.send(target, {
      text: '✅ Pembayaran diterima',
      buttons: [{ label: 'Ya', action: { kind: 'confirm', token } }],
    })
    const [sent] = discord.messagesTo(thread.id)
    expect(sent?.content).toBe(`<@${userId}> ✅ Pembayaran diterima`)
    expect(sent?.allowed_mentions).toEqual({ parse: [], users: [userId] })
    // Buttons belong to that customer.
    expect(sent?.components?.[0]?.components[0]?.custom_id).toBe(`layan:pa:c:${userId}:${token}`)
  })

  it('opens a DM (once) for a bare user id', async () => {
    const sender = channelSender()
    const userId = snowflake()
    for (const text of ['satu', 'dua']) {
      await sender.send({ channel: 'discord', externalChatId: userId, locale: 'id' }, { text })
    }
    expect(discord.callsTo('POST', /^\/users\/@me\/channels$/).map((c) => c.body)).toEqual([{ recipient_id: userId }])
    expect(discord.messagesTo(discord.dmChannelOf(userId) ?? '').map((m) => m.content)).toEqual(['satu', 'dua'])
  })

  it('throws when there is nobody to write to or Discord refuses, so the outbox retries', async () => {
    const sender = channelSender()
    await expect(
      sender.send(
        { channel: 'discord', externalChatId: `guild:${guildId}:${supportChannelId}`, locale: 'id' },
        { text: 'x' },
      ),
    ).rejects.toThrow(/no Discord user/)
    discord.fail('POST', /messages$/, { status: 403, code: 50007 })
    await expect(
      sender.send({ channel: 'discord', externalChatId: snowflake(), locale: 'id' }, { text: 'halo' }),
    ).rejects.toThrow()
  })
})

describe('Discord StaffSender', () => {
  it('posts to the staff channel, split under the limit, and never shows a customer’s confirm buttons there', async () => {
    const staff = createDiscordStaffSender(createDiscordApi(createDiscordRest(botToken)), staffChannelId)
    await staff.sendToStaff({
      text: `⚠️ Stok JAKET-001 menipis @everyone\n\n${'x'.repeat(2500)}`,
      buttons: [{ label: 'Ya', action: { kind: 'confirm', token } }],
    })
    expect(staff.channel).toBe('discord')
    const sent = discord.messagesTo(staffChannelId)
    expect(sent).toHaveLength(3)
    expect(sent[0]?.content).toBe('⚠️ Stok JAKET-001 menipis @everyone')
    for (const m of sent) {
      expect(m.content.length).toBeLessThanOrEqual(2000)
      expect(m.components).toBeUndefined()
      expect(m.allowed_mentions).toEqual({ parse: [], users: [] })
    }
  })
})
