import { ButtonStyle } from 'discord.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { t } from '../../../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { type Adapter, buildAdapter, fakeSlash, isEphemeral, snowflake, startFakeDiscord } from '../fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

describe.each(testDbKinds)('/order (%s)', (kind) => {
  let db: Database
  let adapter: Adapter
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    adapter = buildAdapter(db)
  })
  afterAll(async () => {
    await db.close()
  })

  async function verifiedAdi(): Promise<string> {
    const userId = snowflake()
    const identity = await adapter.services.crm.resolveIdentity('discord', userId)
    await adapter.services.crm.linkIdentity(identity.id, 'cust-adi', 'test')
    return userId
  }

  it('shows the verified customer’s own order at once, ephemeral, with a tracking link button', async () => {
    const userId = await verifiedAdi()
    const interaction = fakeSlash({ commandName: 'order', userId, options: { number: 'ord-2025-001' } })
    await adapter.interactions.slash(interaction)

    expect(interaction.calls.map((c) => c.method)).toEqual(['reply'])
    const [reply] = interaction.calls
    expect(isEphemeral(reply)).toBe(true)
    expect(reply?.options.content).toContain('**Pesanan ORD-2025-001**')
    expect(reply?.options.content).toContain('Rp150.000')
    expect(reply?.options.content).toContain('JNE123456789')
    const [button] = reply?.options.components?.[0]?.components ?? []
    expect(button?.style).toBe(ButtonStyle.Link)
    expect(button?.url).toContain('jne.co.id')
  })

  it('treats another customer’s order as not found', async () => {
    const userId = await verifiedAdi()
    const interaction = fakeSlash({ commandName: 'order', userId, options: { number: 'ORD-2025-004' } })
    await adapter.interactions.slash(interaction)
    const content = interaction.calls[0]?.options.content ?? ''
    expect(content).toBe('Pesanan ORD-2025-004 tidak ditemukan. Mohon periksa kembali nomor pesanannya.')
    expect(content).not.toContain('Siti')
    expect(isEphemeral(interaction.calls[0])).toBe(true)
  })

  it('asks an unverified user to /verify first, and explains a malformed number', async () => {
    const unverified = fakeSlash({ commandName: 'order', options: { number: 'ORD-2025-001' } })
    await adapter.interactions.slash(unverified)
    expect(unverified.calls[0]?.options.content).toBe(t('id', 'discord.orderNeedsVerify'))

    const malformed = fakeSlash({ commandName: 'order', userId: await verifiedAdi(), options: { number: 'abc' } })
    await adapter.interactions.slash(malformed)
    expect(malformed.calls[0]?.options.content).toBe(t('id', 'discord.verifyBadOrder'))
  })
})
