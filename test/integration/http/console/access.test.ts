/**
 * Every console route called without a session, as staff and as the owner (with the CSRF token), and every change
 * called with a session but without the token. The list of routes comes from the server itself, so a new route
 * without a row here fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
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

type Who = 'none' | 'staff' | 'owner'
interface RouteCase {
  method: string
  url: string
  /** The concrete URL to call. */
  path: (ids: Ids) => string
  payload?: (ids: Ids) => object
  /** Expected status for none / staff / owner. */
  expect: Record<Who, number>
}
interface Ids {
  conversationId: string
  customerId: string
  staffUserId: string
  /** An open return (with a refund account and a photo) and a rejected one (every step refused: 409). */
  returnNumber: string
  photoId: string
  rejectedReturn: string
}

const everyone = { none: 401, staff: 200, owner: 200 }
const ownerOnly = { none: 401, staff: 403, owner: 200 }
const wrongState = { none: 401, staff: 409, owner: 409 }

const cases: RouteCase[] = [
  {
    method: 'POST',
    url: '/console/api/login',
    path: () => '/console/api/login',
    payload: () => ({ email: staffEmail, password: 'rahasia-toko-2026' }),
    expect: { none: 200, staff: 200, owner: 200 },
  },
  { method: 'GET', url: '/console/api/me', path: () => '/console/api/me', expect: everyone },
  { method: 'GET', url: '/console/api/notices', path: () => '/console/api/notices', expect: everyone },
  {
    method: 'POST',
    url: '/console/api/me/password',
    path: () => '/console/api/me/password',
    // A wrong current password: reachable by every signed-in user, and changes nothing.
    payload: () => ({ currentPassword: 'not-my-password', newPassword: 'another-long-pass' }),
    expect: { none: 401, staff: 400, owner: 400 },
  },
  { method: 'GET', url: '/console/api/users', path: () => '/console/api/users', expect: ownerOnly },
  {
    method: 'POST',
    url: '/console/api/users',
    path: () => '/console/api/users',
    payload: () => ({
      email: `new${Math.random().toString(36).slice(2, 8)}@urbanstyle.test`,
      password: 'another-long-pass',
      role: 'staff',
    }),
    expect: { none: 401, staff: 403, owner: 201 },
  },
  {
    method: 'POST',
    url: '/console/api/users/:id/active',
    path: (ids) => `/console/api/users/${ids.staffUserId}/active`,
    payload: () => ({ active: true }),
    expect: ownerOnly,
  },
  { method: 'GET', url: '/console/api/audit', path: () => '/console/api/audit', expect: ownerOnly },
  {
    method: 'GET',
    url: '/console/api/conversations',
    path: () => '/console/api/conversations?status=waiting',
    expect: everyone,
  },
  {
    method: 'GET',
    url: '/console/api/conversations/:id',
    path: (ids) => `/console/api/conversations/${ids.conversationId}`,
    expect: everyone,
  },
  {
    method: 'POST',
    url: '/console/api/conversations/:id/claim',
    path: (ids) => `/console/api/conversations/${ids.conversationId}/claim`,
    expect: everyone,
  },
  {
    method: 'POST',
    url: '/console/api/conversations/:id/reply',
    path: (ids) => `/console/api/conversations/${ids.conversationId}/reply`,
    payload: () => ({ text: 'Halo kak, saya bantu cek ya' }),
    expect: everyone,
  },
  // Each role's claim (or reply) opens a hand-off when none is open, so each can close it.
  {
    method: 'POST',
    url: '/console/api/conversations/:id/close',
    path: (ids) => `/console/api/conversations/${ids.conversationId}/close`,
    expect: everyone,
  },
  {
    method: 'POST',
    url: '/console/api/customers/:id/reveal',
    path: (ids) => `/console/api/customers/${ids.customerId}/reveal`,
    expect: ownerOnly,
  },
  {
    method: 'GET',
    url: '/console/api/events',
    path: () => '/console/api/events',
    expect: { none: 401, staff: 0, owner: 0 },
  },
  { method: 'GET', url: '/console/api/stock', path: () => '/console/api/stock?q=kaos', expect: everyone },
  { method: 'GET', url: '/console/api/stock/low', path: () => '/console/api/stock/low', expect: everyone },
  {
    method: 'GET',
    url: '/console/api/orders/cod-unconfirmed',
    path: () => '/console/api/orders/cod-unconfirmed',
    expect: everyone,
  },
  {
    method: 'POST',
    url: '/console/api/stock/:sku',
    path: () => '/console/api/stock/KAOS-001-M',
    payload: () => ({ quantity: 40, reason: 'stock opname' }),
    expect: everyone,
  },
  {
    method: 'POST',
    url: '/console/api/shipping/:orderNumber',
    path: () => '/console/api/shipping/ORD-2025-001',
    payload: () => ({ status: 'IN_TRANSIT', location: 'Bandung' }),
    expect: everyone,
  },
  {
    method: 'GET',
    url: '/console/api/analytics',
    path: () => '/console/api/analytics?from=2026-01-01&to=2026-12-31',
    expect: everyone,
  },
  {
    method: 'GET',
    url: '/console/api/analytics/:table.csv',
    path: () => '/console/api/analytics/tools.csv',
    expect: everyone,
  },
  { method: 'GET', url: '/console/api/returns', path: () => '/console/api/returns?status=open', expect: everyone },
  {
    method: 'GET',
    url: '/console/api/returns/:number',
    path: (ids) => `/console/api/returns/${ids.returnNumber}`,
    expect: everyone,
  },
  {
    method: 'GET',
    url: '/console/api/returns/:number/photos/:photoId',
    path: (ids) => `/console/api/returns/${ids.returnNumber}/photos/${ids.photoId}`,
    expect: everyone,
  },
  {
    method: 'POST',
    url: '/console/api/returns/:number/account/reveal',
    path: (ids) => `/console/api/returns/${ids.returnNumber}/account/reveal`,
    expect: ownerOnly,
  },
  // The steps on a rejected request: past the session, role and CSRF checks, refused by the request's state.
  ...(['approve', 'received', 'refunded'] as const).map((step) => ({
    method: 'POST',
    url: `/console/api/returns/:number/${step}`,
    path: (ids: Ids) => `/console/api/returns/${ids.rejectedReturn}/${step}`,
    expect: wrongState,
  })),
  {
    method: 'POST',
    url: '/console/api/returns/:number/reject',
    path: (ids) => `/console/api/returns/${ids.rejectedReturn}/reject`,
    payload: () => ({ reason: 'label dilepas' }),
    expect: wrongState,
  },
  {
    method: 'POST',
    url: '/console/api/returns/:number/ship',
    path: (ids) => `/console/api/returns/${ids.rejectedReturn}/ship`,
    payload: () => ({ carrier: 'jnt', trackingNumber: 'JT0011223344' }),
    expect: wrongState,
  },
  { method: 'GET', url: '/console/api/setup', path: () => '/console/api/setup', expect: everyone },
  { method: 'POST', url: '/console/api/logout', path: () => '/console/api/logout', expect: everyone },
]

describe.each(testDbKinds)('console access (%s)', (kind) => {
  let db: Database
  let server: ConsoleServer
  let ids: Ids
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    server = await buildConsoleServer(db)
    const customer = await db.prisma.customer.findFirstOrThrow({ where: { phoneNumber: { not: '' } } })
    const identity = await db.prisma.channelIdentity.create({
      data: { channel: 'web', externalUserId: 'access-test-session', customerId: customer.id },
    })
    const conversation = await db.prisma.conversation.create({
      data: { channel: 'web', externalChatId: 'access-test-session', identityId: identity.id, customerId: customer.id },
    })
    await db.prisma.message.create({
      data: { conversationId: conversation.id, role: 'user', text: 'mau bicara dengan CS' },
    })
    const staff = await db.prisma.consoleUser.findUniqueOrThrow({ where: { email: staffEmail } })
    await deliveredRecently(db.prisma, 'ORD-2025-001')
    const open = await adiManualRefund(server.services.returns)
    const photo = await db.prisma.attachment.create({
      data: {
        returnId: (await db.prisma.returnRequest.findUniqueOrThrow({ where: { number: open.number } })).id,
        channel: 'telegram',
        mime: 'image/jpeg',
        sizeBytes: 3,
        data: new Uint8Array([0xff, 0xd8, 0xff]),
      },
    })
    const rejected = await adiExchange(server.services.returns)
    await server.services.returns.reject(rejected.number, 'label dilepas', 'test')
    ids = {
      conversationId: conversation.id,
      customerId: customer.id,
      staffUserId: staff.id,
      returnNumber: open.number,
      photoId: photo.id,
      rejectedReturn: rejected.number,
    }
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await server?.app.close()
    await db?.close()
  })

  it('has a row for every console route', () => {
    const known = new Set(cases.map((c) => `${c.method} ${c.url}`))
    const registered = server.routes.map((r) => `${r.method} ${r.url}`)
    expect(registered.filter((r) => !known.has(r))).toEqual([])
    expect([...known].filter((k) => !registered.includes(k))).toEqual([])
  })

  for (const who of ['none', 'staff', 'owner'] as const) {
    it(`answers every route as expected for ${who}`, async () => {
      const session: ConsoleSession | null =
        who === 'none' ? null : await signIn(server.app, who === 'owner' ? ownerEmail : staffEmail)
      const seen: Record<string, number> = {}
      const wanted: Record<string, number> = {}
      for (const route of cases) {
        const key = `${route.method} ${route.url}`
        wanted[key] = route.expect[who]
        if (route.url === '/console/api/events' && session) {
          // An event stream never ends: only its refusal is checked here (the browser test reads the stream).
          continue
        }
        const res = await server.app.inject({
          method: route.method as 'GET' | 'POST',
          url: route.path(ids),
          ...(session ? { cookies: session.cookies, headers: session.headers } : {}),
          ...(route.payload ? { payload: route.payload(ids) } : {}),
        })
        seen[key] = res.statusCode
        if (res.statusCode === 401) expect(res.json().error.code).toMatch(/unauthorized|invalid_credentials/)
      }
      for (const key of Object.keys(seen)) expect(`${key} → ${seen[key]}`).toBe(`${key} → ${wanted[key]}`)
    })
  }

  it('refuses every change without the CSRF token, with a session', async () => {
    const session = await signIn(server.app, ownerEmail)
    for (const route of cases.filter((c) => c.method === 'POST' && c.url !== '/console/api/login')) {
      const res = await server.app.inject({
        method: 'POST',
        url: route.path(ids),
        cookies: session.cookies,
        headers: { 'x-csrf-token': 'not-the-token' },
        ...(route.payload ? { payload: route.payload(ids) } : {}),
      })
      expect(`${route.url} → ${res.statusCode}`).toBe(`${route.url} → 403`)
      expect(res.json().error.code).toBe('csrf_failed')
    }
  })

  it('shows staff masked contact details; the owner reveals them and the reveal is audited', async () => {
    const staff = await signIn(server.app, staffEmail)
    const view = await server.app.inject({
      method: 'GET',
      url: `/console/api/conversations/${ids.conversationId}`,
      cookies: staff.cookies,
    })
    const customer = await db.prisma.customer.findUniqueOrThrow({ where: { id: ids.customerId } })
    const phoneNumber = customer.phoneNumber ?? ''
    expect(phoneNumber).not.toBe('')
    expect(view.json().customer.phone).not.toContain(phoneNumber.slice(3, -3))
    expect(view.json().customer.phone).toMatch(/^\+62•+\d{3}$/)
    expect(view.body).not.toContain(phoneNumber)
    const owner = await signIn(server.app, ownerEmail)
    const before = await db.prisma.auditLog.count({ where: { action: 'console_contact_revealed' } })
    const reveal = await server.app.inject({
      method: 'POST',
      url: `/console/api/customers/${ids.customerId}/reveal`,
      cookies: owner.cookies,
      headers: owner.headers,
    })
    expect(reveal.json().phone).toBe(customer.phoneNumber)
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'console_contact_revealed' } })
    expect(audit.length).toBe(before + 1)
    expect(audit.at(-1)?.actor).toBe(`console:${ownerEmail}`)
  })
})
