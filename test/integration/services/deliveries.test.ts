/**
 * Delivery statuses on real databases: a sent message only ever moves forward (accepted → sent → delivered →
 * read, or failed), repeats and late arrivals change nothing, and a status that arrives before the send was
 * recorded still lands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createDeliveryService, type StatusReport } from '../../../src/services/deliveries.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'

const status = (externalId: string, s: StatusReport['status'], extra: Partial<StatusReport> = {}): StatusReport => ({
  channel: 'whatsapp',
  externalId,
  recipientId: '6281234567890',
  status: s,
  at: new Date(),
  ...extra,
})

describe.each(testDbKinds)('delivery service (%s)', (kind) => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await db.close()
  })

  const row = (externalId: string) =>
    db.prisma.outboundMessage.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'whatsapp', externalId } },
    })

  it('moves a sent message forward only, whatever order and how often statuses come', async () => {
    const deliveries = createDeliveryService({ prisma: db.prisma })
    await deliveries.recordSent([
      { channel: 'whatsapp', externalId: 'wamid.A', recipientId: '6281234567890', kind: 'text', notificationId: 'n-1' },
    ])
    expect(await row('wamid.A')).toMatchObject({ status: 'accepted', kind: 'text', notificationId: 'n-1' })
    expect(await deliveries.recordStatuses([status('wamid.A', 'delivered')])).toBe(1)
    expect(await deliveries.recordStatuses([status('wamid.A', 'sent'), status('wamid.A', 'delivered')])).toBe(0)
    expect((await row('wamid.A')).status).toBe('delivered')
    expect(await deliveries.recordStatuses([status('wamid.A', 'read')])).toBe(1)
    expect((await row('wamid.A')).status).toBe('read')
  })

  it('keeps the error of a failed message, and a status that came before the send', async () => {
    const deliveries = createDeliveryService({ prisma: db.prisma })
    await deliveries.recordStatuses([
      status('wamid.B', 'failed', { errorCode: 131047, errorTitle: 'Re-engagement message' }),
    ])
    await deliveries.recordSent([
      { channel: 'whatsapp', externalId: 'wamid.B', recipientId: '6281234567890', kind: 'text' },
    ])
    expect(await row('wamid.B')).toMatchObject({
      status: 'failed',
      kind: 'text',
      errorCode: 131047,
      errorTitle: 'Re-engagement message',
    })
  })
})
