import { PermissionFlagsBits } from 'discord.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { t } from '../../../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import {
  type Adapter,
  adminRoleId,
  buildAdapter,
  type FakeSlashInput,
  fakeSlash,
  isEphemeral,
  snowflake,
  staffChannelId,
  startFakeDiscord,
} from '../fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

describe.each(testDbKinds)('/stock (%s)', (kind) => {
  let db: Database
  let adapter: Adapter
  // One database: each test works on its own SKUs.
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    adapter = buildAdapter(db)
  })
  afterAll(async () => {
    await db.close()
  })

  const admin = (input: Omit<FakeSlashInput, 'commandName'>) =>
    fakeSlash({ commandName: 'stock', roles: [adminRoleId], ...input })
  const quantityOf = async (sku: string) => (await db.prisma.inventory.findUniqueOrThrow({ where: { sku } })).quantity
  const changes = () => Promise.all([db.prisma.inventoryMovement.count(), db.prisma.auditLog.count()])

  it('checks a product’s stock by size, deferred and ephemeral', async () => {
    const interaction = admin({ subcommand: 'check', options: { sku: 'jaket-001' } })
    await adapter.interactions.slash(interaction)
    expect(interaction.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply'])
    expect(isEphemeral(interaction.calls[0])).toBe(true)
    const content = interaction.calls[1]?.options.content ?? ''
    expect(content).toContain('Jaket Denim Oversize')
    expect(content).toContain('- M (JAKET-001-M): 2')
    expect(content).toContain('- L (JAKET-001-L): 1')
    expect(content).toContain('Total: 3 unit')
    expect(content).toContain(t('id', 'discord.stock.low'))
  })

  it('sets a counted quantity, audited with the admin as actor', async () => {
    const userId = snowflake()
    const interaction = admin({
      userId,
      subcommand: 'set',
      options: { sku: 'KAOS-001-M', quantity: 20, reason: 'opname' },
    })
    await adapter.interactions.slash(interaction)
    expect(interaction.calls[1]?.options.content).toContain(
      t('id', 'discord.stock.setDone', { sku: 'KAOS-001-M', before: 15, after: 20 }),
    )
    expect(await quantityOf('KAOS-001-M')).toBe(20)
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'inventory.set' } })
    expect(audit).toMatchObject({ actor: `admin:discord:${userId}`, entityId: 'KAOS-001-M' })
  })

  it('adjusts up and down, and refuses to go below zero', async () => {
    const up = admin({ subcommand: 'adjust', options: { sku: 'KEMEJA-001-S', delta: 4 } })
    await adapter.interactions.slash(up)
    expect(await quantityOf('KEMEJA-001-S')).toBe(7)
    expect(up.calls[1]?.options.content).toContain('+4')

    const tooMuch = admin({ subcommand: 'adjust', locale: 'en-US', options: { sku: 'KEMEJA-001-S', delta: -50 } })
    await adapter.interactions.slash(tooMuch)
    expect(tooMuch.calls[1]?.options.content).toBe(
      t('en', 'discord.stock.insufficient', { sku: 'KEMEJA-001-S', available: 7, requested: 50 }),
    )
    expect(await quantityOf('KEMEJA-001-S')).toBe(7)
  })

  it('explains bad options clearly and changes nothing', async () => {
    const before = await changes()
    const cases: [Omit<FakeSlashInput, 'commandName'>, string][] = [
      [
        { subcommand: 'set', options: { sku: 'KAOS-001-S', quantity: -3 } },
        t('id', 'discord.invalidOption', { option: 'quantity', reason: '0–1000000' }),
      ],
      [{ subcommand: 'set', options: { sku: 'KAOS-001-S' } }, t('id', 'discord.missingOption', { option: 'quantity' })],
      [
        { subcommand: 'adjust', options: { sku: 'KAOS-001-S', delta: 0 } },
        t('id', 'discord.invalidOption', { option: 'delta', reason: '≠ 0, −1000000…1000000' }),
      ],
      [{ subcommand: 'check', options: { sku: 'TOPI-999' } }, t('id', 'discord.stock.notFound', { sku: 'TOPI-999' })],
      [{ subcommand: 'set', options: { sku: 'KAOS 001; DROP', quantity: 5 } }, 'Opsi "sku" tidak valid'],
    ]
    for (const [input, expected] of cases) {
      const interaction = admin(input)
      await adapter.interactions.slash(interaction)
      expect(interaction.calls[1]?.options.content).toContain(expected)
    }
    expect(await quantityOf('KAOS-001-S')).toBe(10)
    expect(await changes()).toEqual(before)
  })

  it('refuses a member without the admin role ephemerally, without deferring, changing nothing', async () => {
    const before = await changes()
    // Manage Server alone does not make an admin when DISCORD_ADMIN_ROLE_ID is set.
    const interaction = fakeSlash({
      commandName: 'stock',
      subcommand: 'set',
      roles: ['some-other-role'],
      permissions: [PermissionFlagsBits.ManageGuild],
      options: { sku: 'CELANA-001-30', quantity: 0 },
    })
    await adapter.interactions.slash(interaction)
    expect(interaction.calls.map((c) => c.method)).toEqual(['reply'])
    expect(interaction.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
    expect(isEphemeral(interaction.calls[0])).toBe(true)
    expect(await quantityOf('CELANA-001-30')).toBe(8)
    expect(await changes()).toEqual(before)
  })

  it('accepts the role from a cached member, and Manage Server when no admin role is configured', async () => {
    const cached = admin({ rolesAs: 'cache', subcommand: 'adjust', options: { sku: 'KAOS-001-L', delta: -1 } })
    await adapter.interactions.slash(cached)
    expect(await quantityOf('KAOS-001-L')).toBe(19)

    const noRole = buildAdapter(db, { adminRoleId: undefined })
    const manager = fakeSlash({
      commandName: 'stock',
      subcommand: 'adjust',
      permissions: [PermissionFlagsBits.ManageGuild],
      options: { sku: 'KAOS-001-L', delta: -1 },
    })
    await noRole.interactions.slash(manager)
    expect(await quantityOf('KAOS-001-L')).toBe(18)
    const member = fakeSlash({ commandName: 'stock', subcommand: 'adjust', options: { sku: 'KAOS-001-L', delta: -1 } })
    await noRole.interactions.slash(member)
    expect(member.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
    expect(await quantityOf('KAOS-001-L')).toBe(18)
  })

  it('refuses Manage Server held in any other guild, such as an attacker server with the bot invited', async () => {
    const attack = (adapter: Adapter) => {
      const interaction = fakeSlash({
        commandName: 'stock',
        subcommand: 'set',
        guildId: '200000000000000999',
        permissions: [PermissionFlagsBits.ManageGuild, PermissionFlagsBits.Administrator],
        options: { sku: 'KAOS-001-M', quantity: 0 },
      })
      return adapter.interactions.slash(interaction).then(() => interaction)
    }
    const before = await quantityOf('KAOS-001-M')
    for (const target of [
      buildAdapter(db, { adminRoleId: undefined }),
      buildAdapter(db, { adminRoleId: undefined, adminGuildId: null }),
      buildAdapter(db),
    ]) {
      const interaction = await attack(target)
      expect(interaction.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
    }
    expect(await quantityOf('KAOS-001-M')).toBe(before)
    // With neither DISCORD_ADMIN_ROLE_ID nor DISCORD_GUILD_ID, Manage Server in the shop's guild is not enough.
    const unconfigured = buildAdapter(db, { adminRoleId: undefined, adminGuildId: null })
    const local = fakeSlash({
      commandName: 'stock',
      subcommand: 'set',
      permissions: [PermissionFlagsBits.ManageGuild],
      options: { sku: 'KAOS-001-M', quantity: 0 },
    })
    await unconfigured.interactions.slash(local)
    expect(local.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
    expect(await quantityOf('KAOS-001-M')).toBe(before)
  })

  describe('low-stock alert', () => {
    let own: Database
    let ownAdapter: Adapter
    beforeAll(async () => {
      own = await createTestDatabase(kind)
      ownAdapter = buildAdapter(own)
    })
    afterAll(async () => {
      await own.close()
    })

    it('queues a staff alert when a change sells a product out, delivered to the staff channel', async () => {
      const cut = fakeSlash({
        commandName: 'stock',
        roles: [adminRoleId],
        subcommand: 'set',
        options: { sku: 'JAKET-001-L', quantity: 0 },
      })
      await ownAdapter.interactions.slash(cut)
      expect(ownAdapter.kicks()).toBe(0) // 3 → 2: already low, not announced again
      const last = fakeSlash({
        commandName: 'stock',
        roles: [adminRoleId],
        subcommand: 'adjust',
        options: { sku: 'JAKET-001-M', delta: -2 },
      })
      await ownAdapter.interactions.slash(last)
      expect(last.calls[1]?.options.content).toContain(t('id', 'discord.stock.out'))
      expect(ownAdapter.kicks()).toBe(1)
      await ownAdapter.outbox.runOnce()
      const [alert] = discord.messagesTo(staffChannelId)
      expect(alert?.content).toContain('JAKET-001')
    })
  })
})
