/**
 * `/return` on Discord (admins): list, show, approve, reject, received and ship through the slash command, each
 * answered ephemerally in the admin's language, audited as admin:discord:<id>; a member without the admin role is
 * refused with nothing changed; a reject puts the exchange's reserved size back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { t } from '../../../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { adiExchange, adiManualRefund, deliveredRecently } from '../../../helpers/returns.ts'
import {
  type Adapter,
  adminRoleId,
  buildAdapter,
  type FakeSlashInput,
  fakeSlash,
  isEphemeral,
  snowflake,
  startFakeDiscord,
} from '../fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

describe.each(testDbKinds)('/return (%s)', (kind) => {
  let db: Database
  let adapter: Adapter
  let exchange: string
  let refund: string
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    adapter = buildAdapter(db)
    await deliveredRecently(db.prisma, 'ORD-2025-001')
    exchange = (await adiExchange(adapter.services.returns)).number
    refund = (await adiManualRefund(adapter.services.returns)).number
  })
  afterAll(async () => {
    await db.close()
  })

  async function run(subcommand: string, options: FakeSlashInput['options'] = {}, extra: Partial<FakeSlashInput> = {}) {
    const interaction = fakeSlash({ commandName: 'return', subcommand, roles: [adminRoleId], options, ...extra })
    await adapter.interactions.slash(interaction)
    return interaction
  }
  const statusOf = async (number: string) =>
    (await db.prisma.returnRequest.findUniqueOrThrow({ where: { number } })).status

  it('refuses a member without the admin role, changing nothing', async () => {
    const interaction = await run('approve', { number: exchange }, { roles: ['some-other-role'] })
    expect(interaction.calls.map((c) => c.method)).toEqual(['reply'])
    expect(interaction.calls[0]?.options.content).toBe(t('id', 'discord.adminOnly'))
    expect(await statusOf(exchange)).toBe('REQUESTED')
  })

  it('lists and shows requests ephemerally', async () => {
    const list = await run('list')
    expect(list.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply'])
    expect(isEphemeral(list.calls[0])).toBe(true)
    expect(list.calls[1]?.options.content).toContain(exchange)
    expect(list.calls[1]?.options.content).toContain(refund)
    const show = await run('show', { number: refund.toLowerCase() }, { locale: 'en-US' })
    expect(show.calls[1]?.options.content).toContain('Account: BCA ••••7890 a.n. Adi Mulyana')
    expect(show.calls[1]?.options.content).toContain('Refund: Rp59.000')
    expect(show.calls[1]?.options.content).not.toContain('1234567890')
    expect((await run('show', { number: 'ORD-2099-001-R9' })).calls[1]?.options.content).toBe(
      'Retur ORD-2099-001-R9 tidak ditemukan.',
    )
  })

  it('approves, receives and ships; a wrong state is answered; audited as the Discord admin', async () => {
    const userId = snowflake()
    const early = await run('received', { number: exchange }, { userId })
    expect(early.calls[1]?.options.content).toContain('jadi tidak bisa ditandai diterima')
    await run('approve', { number: exchange }, { userId })
    await run('received', { number: exchange }, { userId })
    const shipped = await run('ship', { number: exchange, carrier: 'sicepat', waybill: 'SCP000111222' }, { userId })
    expect(shipped.calls[1]?.options.content).toContain('SiCepat')
    expect(await statusOf(exchange)).toBe('REPLACEMENT_SHIPPED')
    const audits = await db.prisma.auditLog.findMany({
      where: { entity: 'ReturnRequest', actor: `admin:discord:${userId}` },
    })
    expect(audits.map((a) => a.action).sort()).toEqual([
      'return.approved',
      'return.received',
      'return.replacement_shipped',
    ])
  })

  it('rejects with a reason: the customer is told why', async () => {
    const rejected = await run('reject', { number: refund, reason: 'label sudah dilepas' })
    expect(rejected.calls[1]?.options.content).toContain('ditolak')
    expect(await statusOf(refund)).toBe('REJECTED')
    const notice = await db.prisma.notification.findFirstOrThrow({
      where: { kind: 'return_update', payload: { path: ['step'], equals: 'rejected' } },
    })
    expect(notice.payload).toMatchObject({ returnNumber: refund, reason: 'label sudah dilepas' })
  })

  it("a rejected exchange's reserved size goes back to stock", async () => {
    await deliveredRecently(db.prisma, 'ORD-2025-003')
    const stockL = async () =>
      (await db.prisma.inventory.findUniqueOrThrow({ where: { sku: 'KEMEJA-001-L' } })).quantity
    const before = await stockL()
    const request = await adapter.services.returns.create(
      'cust-adi',
      {
        orderNumber: 'ORD-2025-003',
        items: [{ sku: 'KEMEJA-001-M', wantedSize: 'L' }],
        reason: 'kekecilan',
        resolution: 'exchange',
      },
      { actor: 'customer:test' },
    )
    expect(await stockL()).toBe(before - 1)
    await run('reject', { number: request.number, reason: 'sudah dicuci' })
    expect(await statusOf(request.number)).toBe('REJECTED')
    expect(await stockL()).toBe(before)
  })
})
