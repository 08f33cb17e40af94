/**
 * Returns from the console over HTTP: staff sign in, list the open requests, open one (account masked, photo
 * served with its type and nosniff), approve, mark received, ship the exchange's replacement with a waybill and
 * mark a transfer refund paid; the customer's notices are queued and render with the amount and the waybill.
 * Wrong states and bad waybills are refused with nothing changed; only the owner reveals the account, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { renderCustomerNotification } from '../../../../src/services/notifications/render-notification.ts'
import {
  buildConsoleServer,
  type ConsoleServer,
  type ConsoleSession,
  ownerEmail,
  signIn,
  staffEmail,
} from '../../../helpers/console.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../../helpers/http.ts'
import { adiExchange, adiManualRefund, deliveredRecently } from '../../../helpers/returns.ts'

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])

describe.each(testDbKinds)('console returns (%s)', (kind) => {
  let db: Database
  let server: ConsoleServer
  let staff: ConsoleSession
  let exchange: string
  let refund: string
  let photoId: string

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    server = await buildConsoleServer(db)
    await deliveredRecently(db.prisma, 'ORD-2025-001')
    exchange = (await adiExchange(server.services.returns)).number
    refund = (await adiManualRefund(server.services.returns)).number
    const request = await db.prisma.returnRequest.findUniqueOrThrow({ where: { number: exchange } })
    photoId = (
      await db.prisma.attachment.create({
        data: { returnId: request.id, channel: 'web', mime: 'image/jpeg', sizeBytes: jpeg.length, data: jpeg },
      })
    ).id
    staff = await signIn(server.app, staffEmail)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await server?.app.close()
    await db?.close()
  })

  const get = (url: string, session = staff) => server.app.inject({ method: 'GET', url, cookies: session.cookies })
  const post = (url: string, payload?: object, session = staff) =>
    server.app.inject({
      method: 'POST',
      url,
      cookies: session.cookies,
      headers: session.headers,
      ...(payload ? { payload } : {}),
    })
  const customerSteps = async () =>
    (await db.prisma.notification.findMany({ where: { kind: 'return_update' }, orderBy: { createdAt: 'asc' } })).map(
      (n) => ({ ...(n.payload as { returnNumber: string; step: string }), payload: n.payload }),
    )

  it('lists open requests by status and shows one with the account masked and the photo', async () => {
    const list = await get('/console/api/returns?status=open')
    expect(list.statusCode).toBe(200)
    expect(
      list
        .json()
        .returns.map((r: { number: string }) => r.number)
        .sort(),
    ).toEqual([exchange, refund].sort())
    expect((await get('/console/api/returns?status=REFUNDED')).json().returns).toEqual([])
    const bogus = await get('/console/api/returns?status=bogus')
    expect(bogus.statusCode).toBe(400)
    expect(bogus.json().error.field).toBe('status')

    const detail = await get(`/console/api/returns/${refund}`)
    expect(detail.json().return).toMatchObject({ status: 'REQUESTED', refundAccount: 'BCA ••••7890 a.n. Adi Mulyana' })
    expect(detail.body).not.toContain('1234567890')
    const withPhoto = (await get(`/console/api/returns/${exchange}`)).json().return
    expect(withPhoto.photos).toEqual([{ id: photoId, mime: 'image/jpeg', sizeBytes: jpeg.length }])

    const photo = await get(`/console/api/returns/${exchange}/photos/${photoId}`)
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toBe('image/jpeg')
    expect(photo.headers['x-content-type-options']).toBe('nosniff')
    expect(String(photo.headers['cache-control'])).toMatch(/^private/)
    expect([...photo.rawPayload]).toEqual([...jpeg])
    // A photo id of another request is not found through this one.
    expect((await get(`/console/api/returns/${refund}/photos/${photoId}`)).statusCode).toBe(404)
    expect((await get('/console/api/returns/ORD-2099-001-R1')).json().error.code).toBe('return_not_found')
  })

  it('only the owner reveals the refund account, and the reveal is audited', async () => {
    expect((await post(`/console/api/returns/${refund}/account/reveal`)).statusCode).toBe(403)
    const owner = await signIn(server.app, ownerEmail)
    const reveal = await post(`/console/api/returns/${refund}/account/reveal`, undefined, owner)
    expect(reveal.json()).toEqual({ bank: 'BCA', number: '1234567890', holder: 'Adi Mulyana' })
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'return.account_revealed' } })
    expect(audit.actor).toBe(`console:${ownerEmail}`)
  })

  it('approves, receives and ships the exchange with a waybill; refuses wrong states and bad waybills', async () => {
    const early = await post(`/console/api/returns/${exchange}/ship`, {
      carrier: 'jnt',
      trackingNumber: 'JT0099887766',
    })
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('return_wrong_state')

    const approved = await post(`/console/api/returns/${exchange}/approve`)
    expect(approved.json().return).toMatchObject({ status: 'APPROVED' })
    expect((await post(`/console/api/returns/${exchange}/approve`)).statusCode).toBe(409)
    expect((await post(`/console/api/returns/${exchange}/received`)).json().return.status).toBe('RECEIVED')

    const bad = await post(`/console/api/returns/${exchange}/ship`, { carrier: 'jnt', trackingNumber: 'JT 00/99' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('trackingNumber')
    const taken = await post(`/console/api/returns/${exchange}/ship`, {
      carrier: 'jne',
      trackingNumber: 'JNE123456789',
    })
    expect(taken.statusCode).toBe(400)
    expect(
      (await post(`/console/api/returns/${exchange}/ship`, { carrier: 'dhl', trackingNumber: 'X1234' })).statusCode,
    ).toBe(400)
    expect((await server.services.returns.get(exchange)).status).toBe('RECEIVED')

    const shipped = await post(`/console/api/returns/${exchange}/ship`, {
      carrier: 'jnt',
      trackingNumber: 'jt0099887766',
    })
    expect(shipped.json().return.status).toBe('REPLACEMENT_SHIPPED')
    const shipments = await db.prisma.shippingTracking.findMany({ where: { order: { orderNumber: 'ORD-2025-001' } } })
    expect(shipments.map((s) => s.trackingNumber).sort()).toEqual(['JNE123456789', 'JT0099887766'])

    const steps = (await customerSteps()).filter((s) => s.returnNumber === exchange)
    expect(steps.map((s) => s.step)).toEqual(['approved', 'received', 'replacement_shipped'])
    const text = renderCustomerNotification('return_update', steps.at(-1)?.payload, 'id', { shopName: 'UrbanStyle ID' })
    expect(text?.text).toContain('J&T Express JT0099887766')
    expect(text?.text).toContain('(L)')
    const audits = await db.prisma.auditLog.findMany({
      where: {
        entity: 'ReturnRequest',
        action: { in: ['return.approved', 'return.received', 'return.replacement_shipped'] },
      },
    })
    expect(audits.map((a) => a.actor)).toEqual([
      `console:${staffEmail}`,
      `console:${staffEmail}`,
      `console:${staffEmail}`,
    ])
  })

  it('a transfer refund: received queues the staff task, refunded tells the customer the amount', async () => {
    await post(`/console/api/returns/${refund}/approve`)
    expect((await post(`/console/api/returns/${refund}/refunded`)).statusCode).toBe(409)
    const received = await post(`/console/api/returns/${refund}/received`)
    expect(received.json().return).toMatchObject({
      status: 'REFUND_PENDING',
      refundMethod: 'manual',
      refundAmount: 59_000,
    })
    const task = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'return_refund_task' } })
    expect(task.payload).toMatchObject({
      returnNumber: refund,
      amount: 59_000,
      account: 'BCA ••••7890 a.n. Adi Mulyana',
    })
    expect((await post(`/console/api/returns/${refund}/refunded`)).json().return.status).toBe('REFUNDED')
    const last = (await customerSteps()).filter((s) => s.returnNumber === refund).at(-1)
    expect(last?.step).toBe('refunded')
    const text = renderCustomerNotification('return_update', last?.payload, 'en', { shopName: 'UrbanStyle ID' })
    expect(text?.text).toBe(
      `💸 Rp59.000 for ${refund} (order ORD-2025-001) has been transferred to BCA ••••7890 a.n. Adi Mulyana.`,
    )
    const reject = await post(`/console/api/returns/${refund}/reject`, { reason: 'x' })
    expect(reject.statusCode).toBe(400)
  })
})
