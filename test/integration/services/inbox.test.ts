/**
 * The stored inbox on real databases: a message is stored once however often it is delivered, leased to the
 * process that stored it, handed out again only when that lease runs out (its process died), never to two
 * claimers at once, kept with its answer, retried, failed, and pruned; and the sender's last message time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createInboxService, type InboxItem } from '../../../src/services/inbox.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'

const MINUTE = 60_000

function manualClock(start = Date.parse('2026-12-01T03:00:00Z')) {
  let at = start
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) }
}

let counter = 0
function item(senderId: string, sentAt: Date, extra: Partial<InboxItem> = {}): InboxItem {
  counter++
  return {
    channel: 'whatsapp',
    externalId: `wamid.test-${counter}`,
    senderId,
    payload: { message: { id: `wamid.test-${counter}` } },
    sentAt,
    ...extra,
  }
}

describe.each(testDbKinds)('inbox service (%s)', (kind) => {
  let db: Database
  const clock = manualClock()

  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await db.close()
  })

  it('stores a message once, leased to the taker, and hands it out again only after the lease', async () => {
    const inbox = createInboxService({ prisma: db.prisma, now: clock.now })
    const first = item('628111', clock.now())
    const taken = await inbox.take([first, { ...first }], 3 * MINUTE)
    expect(taken.map((row) => row.externalId)).toEqual([first.externalId])
    expect(await inbox.take([first], 3 * MINUTE)).toEqual([])
    expect(await db.prisma.inboxMessage.count({ where: { externalId: first.externalId } })).toBe(1)

    // The taker "died": nothing is due until its lease runs out, then exactly one claimer gets the row.
    expect(await inbox.claimDue('whatsapp', 10, 3 * MINUTE)).toEqual([])
    clock.advance(3 * MINUTE + 1)
    const [a, b] = await Promise.all([
      inbox.claimDue('whatsapp', 10, 3 * MINUTE),
      inbox.claimDue('whatsapp', 10, 3 * MINUTE),
    ])
    expect([...a, ...b].map((row) => row.externalId)).toEqual([first.externalId])
    await inbox.done(first.externalId === a[0]?.externalId ? (a[0]?.id ?? '') : (b[0]?.id ?? ''))
    clock.advance(10 * MINUTE)
    expect(await inbox.claimDue('whatsapp', 10, 3 * MINUTE)).toEqual([])
  })

  it('hands out the oldest first, skipping senders still being answered and other channels', async () => {
    const inbox = createInboxService({ prisma: db.prisma, now: clock.now })
    const base = clock.now().getTime()
    const rows = [
      item('628222', new Date(base - 3000)),
      item('628333', new Date(base - 2000)),
      item('628222', new Date(base - 1000)),
      item('628444', new Date(base - 4000), { channel: 'telegram' }),
    ]
    await inbox.take(rows, 0)
    const claimed = await inbox.claimDue('whatsapp', 10, MINUTE, ['628333'])
    expect(claimed.map((row) => row.externalId)).toEqual([rows[0]?.externalId, rows[2]?.externalId])
    for (const row of claimed) await inbox.done(row.id)
    const rest = await inbox.claimDue('whatsapp', 10, MINUTE)
    expect(rest.map((row) => row.senderId)).toEqual(['628333'])
    await inbox.done(rest[0]?.id ?? '')
  })

  it('renews the lease of rows still being handled, and not of settled ones', async () => {
    const inbox = createInboxService({ prisma: db.prisma, now: clock.now })
    const [busy, settled] = await inbox.take([item('628777', clock.now()), item('628778', clock.now())], MINUTE)
    await inbox.done(settled?.id ?? '')
    clock.advance(50_000)
    await inbox.renew([busy?.id ?? '', settled?.id ?? ''], MINUTE)
    clock.advance(50_000)
    expect(await inbox.claimDue('whatsapp', 10, MINUTE)).toEqual([])
    const rows = await db.prisma.inboxMessage.findMany({ where: { senderId: { in: ['628777', '628778'] } } })
    expect(rows.find((r) => r.id === settled?.id)?.status).toBe('DONE')
    clock.advance(10_001)
    expect((await inbox.claimDue('whatsapp', 10, MINUTE)).map((r) => r.id)).toEqual([busy?.id])
    await inbox.done(busy?.id ?? '')
  })

  it('keeps the answer, retries after the given pause, and fails for good when told', async () => {
    const inbox = createInboxService({ prisma: db.prisma, now: clock.now })
    const [row] = await inbox.take([item('628555', clock.now())], MINUTE)
    if (!row) throw new Error('not stored')
    await inbox.saveReplies(row.id, { locale: 'id', replies: [{ text: 'Halo' }] }, MINUTE)
    await inbox.failed(row.id, 1, new Error('graph api down'), 30_000)
    expect(await inbox.claimDue('whatsapp', 10, MINUTE)).toEqual([])
    clock.advance(30_001)
    const [again] = await inbox.claimDue('whatsapp', 10, MINUTE)
    expect(again).toMatchObject({ id: row.id, attempts: 1, lastError: 'graph api down' })
    expect(again?.replies).toEqual({ locale: 'id', replies: [{ text: 'Halo' }] })
    await inbox.failed(row.id, 2, new Error('still down'), null)
    expect(await db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'FAILED',
      attempts: 2,
    })
  })

  it('tells when a sender last wrote, and prunes only handled rows older than asked', async () => {
    const inbox = createInboxService({ prisma: db.prisma, now: clock.now })
    const base = clock.now().getTime()
    expect(await inbox.lastMessageAt('whatsapp', '628666')).toBeNull()
    const [old, recent] = await inbox.take(
      [item('628666', new Date(base - 40 * 24 * 60 * MINUTE)), item('628666', new Date(base - 5 * MINUTE))],
      0,
    )
    expect((await inbox.lastMessageAt('whatsapp', '628666'))?.getTime()).toBe(base - 5 * MINUTE)
    expect(await inbox.lastMessageAt('telegram', '628666')).toBeNull()
    const cutoff = new Date(base - 30 * 24 * 60 * MINUTE)
    expect(await inbox.prune(cutoff)).toBe(0) // still pending
    await inbox.done(old?.id ?? '')
    await inbox.done(recent?.id ?? '')
    expect(await inbox.prune(cutoff)).toBe(1)
    expect(await db.prisma.inboxMessage.count({ where: { senderId: '628666' } })).toBe(1)
  })
})
