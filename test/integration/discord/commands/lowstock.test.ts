import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { t } from '../../../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { adminRoleId, buildAdapter, fakeSlash, isEphemeral, startFakeDiscord } from '../fakes.ts'

const { server } = startFakeDiscord()
afterAll(() => server.close())

describe.each(testDbKinds)('/lowstock (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('lists low and sold-out products for admins, deferred and ephemeral', async () => {
    const adapter = buildAdapter(db)
    const interaction = fakeSlash({ commandName: 'lowstock', roles: [adminRoleId], locale: 'en-US' })
    await adapter.interactions.slash(interaction)
    expect(interaction.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply'])
    expect(isEphemeral(interaction.calls[0])).toBe(true)
    expect(interaction.calls[1]?.options.content).toBe(
      [
        t('en', 'discord.lowstock.title'),
        '- Jaket Denim Oversize (JAKET-001): 3 units',
        '',
        t('en', 'discord.lowstock.outTitle'),
        '- Dress Midi Floral (DRESS-001): 0 units',
      ].join('\n'),
    )
  })

  it('refuses everyone else', async () => {
    const adapter = buildAdapter(db)
    const interaction = fakeSlash({ commandName: 'lowstock' })
    await adapter.interactions.slash(interaction)
    expect(interaction.calls.map((c) => c.method)).toEqual(['reply'])
    expect(interaction.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
  })
})
