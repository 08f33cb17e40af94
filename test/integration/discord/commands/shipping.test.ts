import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { t } from '../../../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import {
  type Adapter,
  adminRoleId,
  buildAdapter,
  dm,
  dmChannelFor,
  type FakeSlashInput,
  fakeSlash,
  isEphemeral,
  snowflake,
  startFakeDiscord,
} from '../fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

describe.each(testDbKinds)('/shipping update (%s)', (kind) => {
  let db: Database
  let adapter: Adapter
  // One database: refusals compare before and after, the updates touch different orders.
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    adapter = buildAdapter(db)
  })
  afterAll(async () => {
    await db.close()
  })

  const update = (options: FakeSlashInput['options'], extra: Partial<FakeSlashInput> = {}) =>
    fakeSlash({ commandName: 'shipping', subcommand: 'update', roles: [adminRoleId], options, ...extra })
  const trackingOf = (orderNumber: string) =>
    db.prisma.shippingTracking.findFirst({ where: { order: { orderNumber } }, include: { order: true } })
  const sideEffects = () =>
    Promise.all([db.prisma.shippingEvent.count(), db.prisma.notification.count(), db.prisma.auditLog.count()])

  it('records a status with location: event, customer notification, audit with the admin', async () => {
    const userId = snowflake()
    const interaction = update({ order: 'ORD-2025-001', status: 'OUT_FOR_DELIVERY', location: 'Bandung' }, { userId })
    await adapter.interactions.slash(interaction)
    expect(interaction.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply'])
    expect(isEphemeral(interaction.calls[0])).toBe(true)
    expect(interaction.calls[1]?.options.content).toBe(
      t('id', 'discord.shipping.done', {
        orderNumber: 'ORD-2025-001',
        status: 'Sedang Diantar',
        location: ' (Bandung)',
      }),
    )
    expect(await trackingOf('ORD-2025-001')).toMatchObject({
      currentStatus: 'OUT_FOR_DELIVERY',
      currentLocation: 'Bandung',
    })
    const notification = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'shipping_status' } })
    expect(notification).toMatchObject({ customerId: 'cust-adi', audience: 'customer' })
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'shipping.status' } })
    expect(audit.actor).toBe(`admin:discord:${userId}`)
  })

  it('notifies a customer linked through Discord by DM, through the outbox', async () => {
    const customer = snowflake()
    await adapter.onMessage(dm(customer, 'verifikasi ORD-2025-003 7890'))
    await adapter.interactions.slash(update({ order: 'ORD-2025-003', status: 'RETURNED', location: 'Bandung' }))
    await adapter.outbox.runOnce()
    const last = discord.messagesTo(dmChannelFor(customer)).at(-1)
    expect(last?.content).toContain('ORD-2025-003')
    expect(last?.content).toContain('Dikembalikan')
  })

  it('needs a waybill and carrier for an order not shipped yet, then ships it', async () => {
    const without = update({ order: 'ORD-2025-004', status: 'IN_TRANSIT' })
    await adapter.interactions.slash(without)
    expect(without.calls[1]?.options.content).toBe(
      t('id', 'discord.shipping.needWaybill', { orderNumber: 'ORD-2025-004' }),
    )
    expect(await trackingOf('ORD-2025-004')).toBeNull()

    const withWaybill = update({ order: 'ORD-2025-004', status: 'IN_TRANSIT', waybill: 'JNE000111222', carrier: 'jne' })
    await adapter.interactions.slash(withWaybill)
    const tracking = await trackingOf('ORD-2025-004')
    expect(tracking).toMatchObject({ trackingNumber: 'JNE000111222', carrier: 'jne', currentStatus: 'IN_TRANSIT' })
    expect(tracking?.order.status).toBe('SHIPPED')
  })

  it('explains bad options and unknown orders clearly, changing nothing', async () => {
    const before = await sideEffects()
    const cases: [FakeSlashInput['options'], string][] = [
      [{ order: 'ORD-2025-001', status: 'LOST_IN_SPACE' }, 'Opsi "status" tidak valid'],
      [{ order: 'ORD-2025-001', status: 'IN_TRANSIT', carrier: 'dhl' }, 'Opsi "carrier" tidak valid'],
      [{ order: 'bukan nomor', status: 'IN_TRANSIT' }, t('id', 'discord.verifyBadOrder')],
      [
        { order: 'ORD-2099-999', status: 'IN_TRANSIT' },
        t('id', 'discord.shipping.orderNotFound', { orderNumber: 'ORD-2099-999' }),
      ],
      [{ order: 'ORD-2025-001', status: 'IN_TRANSIT', location: '<script>' }, 'Opsi "location" tidak valid'],
    ]
    for (const [options, expected] of cases) {
      const interaction = update(options)
      await adapter.interactions.slash(interaction)
      expect(interaction.calls[1]?.options.content).toContain(expected)
    }
    expect(await sideEffects()).toEqual(before)
  })

  it('refuses a non-admin, changing nothing', async () => {
    const before = await sideEffects()
    const trackingBefore = await trackingOf('ORD-2025-005')
    const interaction = update(
      { order: 'ORD-2025-005', status: 'DELIVERED', waybill: 'JNE999888777', carrier: 'jne' },
      { roles: [] },
    )
    await adapter.interactions.slash(interaction)
    expect(interaction.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
    expect(trackingBefore).toBeNull()
    expect(await trackingOf('ORD-2025-005')).toBeNull()
    expect(await sideEffects()).toEqual(before)
  })
})
