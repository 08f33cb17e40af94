import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { t } from '../../../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { buildAdapter, fakeSlash, isEphemeral, snowflake, startFakeDiscord } from '../fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

describe.each(testDbKinds)('/verify (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  const identityOf = (userId: string) =>
    db.prisma.channelIdentity.findUnique({
      where: { channel_externalUserId: { channel: 'discord', externalUserId: userId } },
    })

  it('links the Discord user to the order’s customer, deferred and ephemeral', async () => {
    const adapter = buildAdapter(db)
    const userId = snowflake()
    const interaction = fakeSlash({
      commandName: 'verify',
      userId,
      options: { order: 'ord 2025 001', phone_last4: '7890' },
    })
    await adapter.interactions.slash(interaction)

    expect(interaction.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply'])
    expect(isEphemeral(interaction.calls[0])).toBe(true)
    expect(interaction.calls[1]?.options.content).toBe(t('id', 'core.verifyOk', { name: 'Adi Mulyana' }))
    expect(await identityOf(userId)).toMatchObject({ customerId: 'cust-adi', displayName: 'Tester' })
    expect(discord.calls).toEqual([])
  })

  it('refuses wrong digits without saying whether the order exists, and counts the try', async () => {
    const adapter = buildAdapter(db)
    const userId = snowflake()
    for (const order of ['ORD-2025-001', 'ORD-2099-999']) {
      const interaction = fakeSlash({ commandName: 'verify', userId, options: { order, phone_last4: '0000' } })
      await adapter.interactions.slash(interaction)
      expect(interaction.calls[1]?.options.content).toBe(t('id', 'core.verifyFailed'))
    }
    expect(await identityOf(userId)).toMatchObject({ customerId: null, verifyFailures: 2 })
  })

  it('locks after five failed tries, even with the right digits', async () => {
    const adapter = buildAdapter(db)
    const userId = snowflake()
    for (let i = 0; i < 5; i++) {
      await adapter.interactions.slash(
        fakeSlash({ commandName: 'verify', userId, options: { order: 'ORD-2025-001', phone_last4: '1111' } }),
      )
    }
    const last = fakeSlash({
      commandName: 'verify',
      userId,
      locale: 'en-US',
      options: { order: 'ORD-2025-001', phone_last4: '7890' },
    })
    await adapter.interactions.slash(last)
    // The sender's own limit, or the order's (earlier tests in this file failed on ORD-2025-001 too).
    expect(last.calls[1]?.options.content).toMatch(/^Too many verification attempts\. .* try again in \d+ minutes/)
    expect(await identityOf(userId)).toMatchObject({ customerId: null })
  })

  it('explains malformed options clearly and changes nothing', async () => {
    const adapter = buildAdapter(db)
    const userId = snowflake()
    const badDigits = fakeSlash({
      commandName: 'verify',
      userId,
      options: { order: 'ORD-2025-001', phone_last4: '78a0' },
    })
    await adapter.interactions.slash(badDigits)
    expect(badDigits.calls[1]?.options.content).toBe(t('id', 'discord.verifyBadDigits'))

    const badOrder = fakeSlash({
      commandName: 'verify',
      userId,
      locale: 'en-GB',
      options: { order: 'pesanan saya', phone_last4: '7890' },
    })
    await adapter.interactions.slash(badOrder)
    expect(badOrder.calls[1]?.options.content).toBe(t('en', 'discord.verifyBadOrder'))

    expect(await identityOf(userId)).toBeNull()
  })
})
