import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { t } from '../../../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { adminRoleId, buildAdapter, fakeSlash, isEphemeral, startFakeDiscord } from '../fakes.ts'

const { server } = startFakeDiscord()
afterAll(() => server.close())

describe.each(testDbKinds)('/cod (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('lists the unconfirmed COD orders for admins, and says when there are none', async () => {
    const adapter = buildAdapter(db)
    const asked = fakeSlash({ commandName: 'cod', roles: [adminRoleId], locale: 'en-US' })
    await adapter.interactions.slash(asked)
    expect(asked.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply'])
    expect(isEphemeral(asked.calls[0])).toBe(true)
    const text = String(asked.calls[1]?.options.content)
    expect(text.split('\n')[0]).toBe('💵 COD orders the customer has not confirmed (1):')
    expect(text).toMatch(/^- ORD-2025-005, Siti Rahma, Rp71\.000, placed /m)

    await db.prisma.payment.updateMany({
      where: { order: { orderNumber: 'ORD-2025-005' } },
      data: { codConfirmedAt: new Date(), codConfirmedBy: 'customer:cust-siti' },
    })
    const again = fakeSlash({ commandName: 'cod', roles: [adminRoleId] })
    await adapter.interactions.slash(again)
    expect(again.calls[1]?.options.content).toBe(t('id', 'cod.listEmpty'))
  })

  it('refuses everyone else', async () => {
    const adapter = buildAdapter(db)
    const interaction = fakeSlash({ commandName: 'cod' })
    await adapter.interactions.slash(interaction)
    expect(interaction.calls.map((c) => c.method)).toEqual(['reply'])
    expect(interaction.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
  })
})
