import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { PrismaClient } from '../../../src/generated/prisma/client.ts'
import { CustomerNotFound, InvalidInput } from '../../../src/services/errors.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildServices } from '../../helpers/services.ts'

const MINUTE = 60_000

describe.each(testDbKinds)('crm service (%s)', (kind) => {
  describe('customers', () => {
    let db: Database
    let crm: ReturnType<typeof buildServices>['crm']
    let counting: PrismaClient
    let statements = 0

    beforeAll(async () => {
      db = await createTestDatabase(kind)
      const client = new PrismaClient({ adapter: db.adapterFactory, log: [{ emit: 'event', level: 'query' }] })
      client.$on('query', () => {
        statements++
      })
      counting = client
      crm = buildServices(db, { prisma: counting }).crm
    })
    afterAll(async () => {
      await counting.$disconnect()
      await db.close()
    })

    it('normalizes Indonesian mobile numbers', () => {
      for (const form of ['081234567890', '6281234567890', '+6281234567890', '+62 812-3456-7890', '0812 3456 7890']) {
        expect(crm.normalizePhone(form)).toBe('+6281234567890')
      }
      for (const bad of ['021 5551234', 'not a phone', '', '+1 415 555 0100'])
        expect(crm.normalizePhone(bad)).toBeNull()
    })

    it("gives Adi's profile with a masked phone, in at most 3 statements", async () => {
      statements = 0
      const profile = await crm.getCustomerProfile('cust-adi')
      expect(statements).toBeGreaterThan(0)
      expect(statements).toBeLessThanOrEqual(3)
      expect(profile).toMatchObject({
        id: 'cust-adi',
        name: 'Adi Mulyana',
        email: 'adi@example.com',
        orderCount: 3,
        totalSpent: 150_000 + 264_000 + 139_000,
      })
      expect(profile.maskedPhone).not.toContain('81234567890')
      expect(profile.maskedPhone).toMatch(/^\+62.*\*.*7890$/)
      expect(profile.memberSince).toBeInstanceOf(Date)
      expect(profile.recentOrders.map((o) => o.orderNumber)).toEqual(['ORD-2025-002', 'ORD-2025-001', 'ORD-2025-003'])
      expect(profile.recentOrders[1]).toMatchObject({ status: 'SHIPPED', totalAmount: 150_000 })
      expect(profile.recentOrders[1]?.createdAt).toBeInstanceOf(Date)
    })

    it('gives an empty history for a customer without orders', async () => {
      expect(await crm.getCustomerProfile('cust-budi')).toMatchObject({
        orderCount: 0,
        totalSpent: 0,
        recentOrders: [],
      })
    })

    it('throws CustomerNotFound for unknown or malformed ids', async () => {
      for (const id of ['cust-nobody', '', 'x'.repeat(10_000), "cust-adi' OR '1'='1"]) {
        await expect(crm.getCustomerProfile(id)).rejects.toBeInstanceOf(CustomerNotFound)
      }
    })

    it('finds Adi by his number in every usual form', async () => {
      for (const form of ['081234567890', '6281234567890', '+6281234567890', '+62 812-3456-7890']) {
        expect((await crm.findCustomerByPhone(form))?.id).toBe('cust-adi')
      }
      expect(await crm.findCustomerByPhone('+6281111111111')).toBeNull()
      expect(await crm.findCustomerByPhone('021 5551234')).toBeNull()
      expect(await crm.findCustomerByPhone('0812\'; DROP TABLE "Customer"; --')).toBeNull()
      expect(await crm.findCustomerByPhone('0'.repeat(10_000))).toBeNull()
    })
  })

  describe('identities', () => {
    let db: Database
    let crm: ReturnType<typeof buildServices>['crm']
    let clock: Date

    beforeEach(async () => {
      db = await createTestDatabase(kind)
      clock = new Date('2025-11-25T04:00:00Z')
      crm = buildServices(db, { now: () => clock }).crm
    })
    afterEach(async () => {
      await db.close()
    })

    const newIdentity = async (user = 'web-user-1') => (await crm.resolveIdentity('web', user)).id
    const identityRow = (id: string) => db.prisma.channelIdentity.findUniqueOrThrow({ where: { id } })

    it('creates an identity on first contact and finds the same one later', async () => {
      const first = await crm.resolveIdentity('telegram', '12345', {
        displayName: 'Adi',
        externalChatId: '12345',
        locale: 'id',
      })
      expect(first).toMatchObject({
        channel: 'telegram',
        externalUserId: '12345',
        displayName: 'Adi',
        externalChatId: '12345',
        customer: null,
      })
      const again = await crm.resolveIdentity('telegram', '12345', { displayName: 'Adi M' })
      expect(again.id).toBe(first.id)
      expect(again.displayName).toBe('Adi M')
      expect(again.externalChatId).toBe('12345') // kept when not given
      const otherChannel = await crm.resolveIdentity('discord', '12345')
      expect(otherChannel.id).not.toBe(first.id)
      expect(await db.prisma.channelIdentity.count()).toBe(2)
    })

    it('creates one identity when first messages arrive together', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => crm.resolveIdentity('web', 'burst-user')))
      expect(new Set(results.map((r) => r.id)).size).toBe(1)
      expect(await db.prisma.channelIdentity.count({ where: { externalUserId: 'burst-user' } })).toBe(1)
    })

    it('refuses unknown channels and malformed user ids, and trims long names', async () => {
      await expect(crm.resolveIdentity('sms' as 'web', '1')).rejects.toBeInstanceOf(InvalidInput)
      for (const user of ['', '   ', 'x'.repeat(10_000), 'a\nb']) {
        await expect(crm.resolveIdentity('web', user)).rejects.toBeInstanceOf(InvalidInput)
      }
      expect(await db.prisma.channelIdentity.count()).toBe(0)
      const named = await crm.resolveIdentity('web', 'long-name', { displayName: 'n'.repeat(10_000) })
      expect(named.displayName).toHaveLength(100)
    })

    it('links an identity to a customer, with an audit row', async () => {
      const id = await newIdentity()
      await crm.linkIdentity(id, 'cust-adi', 'admin:telegram:99')
      const row = await identityRow(id)
      expect(row.customerId).toBe('cust-adi')
      expect(row.verifiedAt?.toISOString()).toBe(clock.toISOString())
      expect((await crm.resolveIdentity('web', 'web-user-1')).customer?.name).toBe('Adi Mulyana')
      const audit = await db.prisma.auditLog.findMany({ where: { entity: 'ChannelIdentity', entityId: id } })
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({ actor: 'admin:telegram:99', action: 'identity.link' })
      expect(audit[0]?.data).toMatchObject({ customerId: 'cust-adi' })

      await expect(crm.linkIdentity(id, 'cust-nobody', 'admin')).rejects.toBeInstanceOf(CustomerNotFound)
      await expect(crm.linkIdentity('no-such-identity', 'cust-adi', 'admin')).rejects.toBeInstanceOf(InvalidInput)
      await expect(crm.linkIdentity(id, 'cust-siti', '')).rejects.toBeInstanceOf(InvalidInput)
      expect((await identityRow(id)).customerId).toBe('cust-adi')
      expect(await db.prisma.auditLog.count()).toBe(1)
    })

    it('links by a verified phone number in any form, or returns null and changes nothing', async () => {
      const id = await newIdentity()
      expect(await crm.linkByPhone(id, '+6281111111111', 'telegram:contact')).toBeNull()
      expect(await crm.linkByPhone(id, 'garbage', 'telegram:contact')).toBeNull()
      expect((await identityRow(id)).customerId).toBeNull()
      expect(await db.prisma.auditLog.count()).toBe(0)

      const customer = await crm.linkByPhone(id, '62 812-3456-7890', 'telegram:contact')
      expect(customer?.id).toBe('cust-adi')
      expect((await identityRow(id)).customerId).toBe('cust-adi')
      expect(await db.prisma.auditLog.count({ where: { actor: 'telegram:contact', action: 'identity.link' } })).toBe(1)
    })

    it('links a WhatsApp sender by the number the channel vouches for, once, and keeps an existing link', async () => {
      expect(await crm.linkChannelPhone('whatsapp', '6281111111111', '+6281111111111')).toBeNull()
      expect(await db.prisma.channelIdentity.count({ where: { channel: 'whatsapp' } })).toBe(0)

      expect(await crm.linkChannelPhone('whatsapp', '6281234567890', '+6281234567890', { displayName: 'Adi' })).toBe(
        'cust-adi',
      )
      const identity = await db.prisma.channelIdentity.findUniqueOrThrow({
        where: { channel_externalUserId: { channel: 'whatsapp', externalUserId: '6281234567890' } },
      })
      expect(identity).toMatchObject({ customerId: 'cust-adi', displayName: 'Adi' })
      expect(await db.prisma.auditLog.count({ where: { entityId: identity.id, actor: 'whatsapp:phone' } })).toBe(1)
      expect(await crm.linkChannelPhone('whatsapp', '6281234567890', '+6281234567890')).toBe('cust-adi')
      expect(await db.prisma.auditLog.count({ where: { entityId: identity.id } })).toBe(1)

      // Verified another way first (order number + digits): that link stays.
      const other = await crm.resolveIdentity('whatsapp', '6281298765432')
      await crm.linkIdentity(other.id, 'cust-budi', 'admin')
      expect(await crm.linkChannelPhone('whatsapp', '6281298765432', '+6281298765432')).toBe('cust-budi')
    })

    it('verifies with an order number and the last 4 phone digits', async () => {
      const id = await newIdentity()
      const result = await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '7890')
      expect(result.ok).toBe(true)
      expect(result.ok && result.customer.id).toBe('cust-adi')
      const row = await identityRow(id)
      expect(row.customerId).toBe('cust-adi')
      expect(row.verifiedAt?.toISOString()).toBe(clock.toISOString())
      expect(await db.prisma.auditLog.count({ where: { entityId: id, action: 'identity.link' } })).toBe(1)
    })

    it('answers the same mismatch for wrong digits and for an unknown order', async () => {
      const id = await newIdentity()
      const wrongDigits = await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '0000')
      const unknownOrder = await crm.verifyByOrderAndPhone(id, 'ORD-2025-999', '7890')
      expect(wrongDigits).toEqual({ ok: false, reason: 'mismatch' })
      expect(unknownOrder).toEqual(wrongDigits)
      const row = await identityRow(id)
      expect(row.customerId).toBeNull()
      expect(row.verifyFailures).toBe(2)
    })

    it("links another customer only with that customer's own digits", async () => {
      const id = await newIdentity()
      expect(await crm.verifyByOrderAndPhone(id, 'ORD-2025-004', '7890')).toEqual({ ok: false, reason: 'mismatch' })
      expect((await identityRow(id)).customerId).toBeNull()
      const result = await crm.verifyByOrderAndPhone(id, 'ord 2025 004', '5432')
      expect(result.ok && result.customer.id).toBe('cust-siti')
      expect((await identityRow(id)).customerId).toBe('cust-siti')
    })

    it('locks after 5 failures in an hour, even for the right digits, until the hour is over', async () => {
      const id = await newIdentity()
      for (let i = 0; i < 5; i++) {
        expect(await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '1111')).toEqual({ ok: false, reason: 'mismatch' })
        clock = new Date(clock.getTime() + MINUTE)
      }
      // 5 minutes after the first failure.
      expect(await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '7890')).toEqual({
        ok: false,
        reason: 'locked',
        retryAfterMinutes: 55,
      })
      clock = new Date(clock.getTime() + 30 * MINUTE)
      const later = await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '7890')
      expect(later).toEqual({ ok: false, reason: 'locked', retryAfterMinutes: 25 })
      expect((await identityRow(id)).customerId).toBeNull()
      expect((await identityRow(id)).verifyFailures).toBe(5) // locked tries are not counted

      clock = new Date(clock.getTime() + 25 * MINUTE) // an hour after the first failure
      const result = await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '7890')
      expect(result.ok).toBe(true)
      expect(await identityRow(id)).toMatchObject({
        customerId: 'cust-adi',
        verifyFailures: 0,
        verifyWindowStart: null,
      })
    })

    it('starts a new window an hour after the first failure', async () => {
      const id = await newIdentity()
      for (let i = 0; i < 4; i++) await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '1111')
      clock = new Date(clock.getTime() + 61 * MINUTE)
      for (let i = 0; i < 4; i++) {
        expect(await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '1111')).toEqual({ ok: false, reason: 'mismatch' })
      }
      expect(await identityRow(id)).toMatchObject({ verifyFailures: 4 })
      expect((await identityRow(id)).verifyWindowStart?.toISOString()).toBe(clock.toISOString())
      expect((await crm.verifyByOrderAndPhone(id, 'ORD-2025-001', '7890')).ok).toBe(true)
    })

    it('counts parallel guesses one by one: never more than 5 get through', async () => {
      const id = await newIdentity()
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => crm.verifyByOrderAndPhone(id, 'ORD-2025-001', String(1000 + i))),
      )
      expect(results.filter((r) => !r.ok && r.reason === 'mismatch')).toHaveLength(5)
      expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(7)
      expect((await identityRow(id)).verifyFailures).toBe(5)
    })

    it('refuses malformed input without counting it as a try', async () => {
      const id = await newIdentity()
      const attempts: [string, string, string][] = [
        [id, 'ORD-2025-001', '789'],
        [id, 'ORD-2025-001', '78901'],
        [id, 'ORD-2025-001', 'abcd'],
        [id, 'ORD-2025-001', ''],
        [id, 'ORD-2025-001', '7'.repeat(10_000)],
        [id, '', '7890'],
        [id, 'x'.repeat(10_000), '7890'],
        [id, "ORD-2025-001' OR '1'='1", '7890'],
        ['', 'ORD-2025-001', '7890'],
        ['no-such-identity', 'ORD-2025-001', '7890'],
      ]
      for (const [identityId, order, digits] of attempts) {
        await expect(crm.verifyByOrderAndPhone(identityId, order, digits)).rejects.toBeInstanceOf(InvalidInput)
      }
      expect(await identityRow(id)).toMatchObject({ verifyFailures: 0, customerId: null })
    })
  })
})
