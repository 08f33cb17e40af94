/**
 * Console sign-in from an attacker's side: wrong passwords lock the account (even the right password is refused
 * while locked, and the lock ends), an unknown email gets the same answer as a wrong password, the login route is
 * rate limited per client address, sessions end at sign-out, and every attempt is audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import {
  buildConsoleServer,
  type ConsoleServer,
  ownerEmail,
  signIn,
  staffEmail,
  testPassword,
} from '../../../helpers/console.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../../helpers/http.ts'

describe.each(testDbKinds)('console sign-in (%s)', (kind) => {
  let db: Database
  let server: ConsoleServer
  let clock = new Date('2026-12-07T08:00:00Z')
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    clock = new Date('2026-12-07T08:00:00Z')
    server = await buildConsoleServer(db, { now: () => clock })
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await server.app.close()
    await db.close()
  })

  const login = (email: string, password: string, remoteAddress = '203.0.113.9') =>
    server.app.inject({ method: 'POST', url: '/console/api/login', payload: { email, password }, remoteAddress })

  it('stores Argon2id hashes and sets an http-only, SameSite=Strict cookie scoped to /console', async () => {
    const user = await db.prisma.consoleUser.findUniqueOrThrow({ where: { email: ownerEmail } })
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$/)
    expect(user.role).toBe('owner')
    const res = await login(ownerEmail.toUpperCase(), testPassword)
    expect(res.statusCode).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'layan_console')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Strict')
    expect(cookie?.path).toBe('/console')
    const session = await db.prisma.consoleSession.findFirstOrThrow({ where: { userId: user.id } })
    expect(session.id).not.toBe(cookie?.value)
  })

  it('changes your own password: the old one stops working, your other sessions end, this one stays', async () => {
    const here = await signIn(server.app, staffEmail)
    const elsewhere = await signIn(server.app, staffEmail)
    const change = (session: typeof here, payload: object, headers = session.headers) =>
      server.app.inject({ method: 'POST', url: '/console/api/me/password', cookies: session.cookies, headers, payload })
    const newPassword = 'a-new-long-password'

    expect((await change(here, { currentPassword: testPassword, newPassword }, {})).statusCode).toBe(403)
    const short = await change(here, { currentPassword: testPassword, newPassword: 'short' })
    expect(short.statusCode).toBe(400)
    expect(short.json().error.field).toBe('newPassword')
    const wrong = await change(here, { currentPassword: 'not-the-password', newPassword })
    expect(wrong.json().error).toMatchObject({ code: 'invalid_input', field: 'currentPassword' })
    expect((await change(here, { currentPassword: testPassword, newPassword })).statusCode).toBe(204)

    const me = (session: typeof here) =>
      server.app.inject({ method: 'GET', url: '/console/api/me', cookies: session.cookies })
    expect((await me(here)).statusCode).toBe(200)
    expect((await me(elsewhere)).statusCode).toBe(401)
    expect((await login(staffEmail, testPassword)).statusCode).toBe(401)
    expect((await login(staffEmail, newPassword)).statusCode).toBe(200)
    const actions = (await db.prisma.auditLog.findMany({ where: { actor: `console:${staffEmail}` } })).map(
      (a) => a.action,
    )
    expect(actions).toContain('console_password_change_failed')
    expect(actions).toContain('console_password_changed')
  })

  it('locks the account when the current password is guessed through the change route', async () => {
    const session = await signIn(server.app, staffEmail)
    let last = 0
    for (let i = 0; i < 5; i++) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/console/api/me/password',
        cookies: session.cookies,
        headers: session.headers,
        payload: { currentPassword: `guess-${i}-guess`, newPassword: 'a-new-long-password' },
      })
      last = res.statusCode
    }
    // The fifth wrong guess locked the account and ended its sessions, this one included.
    expect(last).toBe(400)
    const me = await server.app.inject({ method: 'GET', url: '/console/api/me', cookies: session.cookies })
    expect(me.statusCode).toBe(401)
    expect((await login(staffEmail, testPassword)).statusCode).toBe(423)
  })

  it('locks the account after five wrong passwords, refuses the right one while locked, and unlocks later', async () => {
    for (let i = 0; i < 4; i++) expect((await login(staffEmail, `wrong-password-${i}`)).statusCode).toBe(401)
    const fifth = await login(staffEmail, 'wrong-password-5')
    expect(fifth.statusCode).toBe(423)
    expect(fifth.json().error.code).toBe('account_locked')
    expect((await login(staffEmail, testPassword)).statusCode).toBe(423)
    clock = new Date(clock.getTime() + 16 * 60_000)
    expect((await login(staffEmail, testPassword)).statusCode).toBe(200)
    const actions = (
      await db.prisma.auditLog.findMany({ where: { actor: `console:${staffEmail}` }, orderBy: { createdAt: 'asc' } })
    ).map((a) => a.action)
    expect(actions.filter((a) => a === 'console_login_failed')).toHaveLength(4)
    expect(actions).toContain('console_account_locked')
    expect(actions).toContain('console_login_refused')
    expect(actions.at(-1)).toBe('console_login')
  })

  it('answers an unknown email exactly like a wrong password, and audits it', async () => {
    const unknown = await login('nobody@urbanstyle.test', testPassword)
    const wrong = await login(ownerEmail, 'not-the-password')
    expect(unknown.statusCode).toBe(401)
    expect(unknown.json()).toEqual(wrong.json())
    expect(
      await db.prisma.auditLog.count({
        where: { actor: 'console:nobody@urbanstyle.test', action: 'console_login_failed' },
      }),
    ).toBe(1)
  })

  it('ends the session at sign-out, and with the account turned off', async () => {
    const staff = await signIn(server.app, staffEmail)
    const me = () => server.app.inject({ method: 'GET', url: '/console/api/me', cookies: staff.cookies })
    expect((await me()).statusCode).toBe(200)
    const owner = await signIn(server.app, ownerEmail)
    const user = await db.prisma.consoleUser.findUniqueOrThrow({ where: { email: staffEmail } })
    const off = await server.app.inject({
      method: 'POST',
      url: `/console/api/users/${user.id}/active`,
      cookies: owner.cookies,
      headers: owner.headers,
      payload: { active: false },
    })
    expect(off.statusCode).toBe(200)
    expect((await me()).statusCode).toBe(401)
    expect((await login(staffEmail, testPassword)).statusCode).toBe(401)
    const out = await server.app.inject({
      method: 'POST',
      url: '/console/api/logout',
      cookies: owner.cookies,
      headers: owner.headers,
    })
    expect(out.statusCode).toBe(200)
    expect(
      (await server.app.inject({ method: 'GET', url: '/console/api/me', cookies: owner.cookies })).statusCode,
    ).toBe(401)
  })

  it('refuses turning off the last owner', async () => {
    const owner = await signIn(server.app, ownerEmail)
    const user = await db.prisma.consoleUser.findUniqueOrThrow({ where: { email: ownerEmail } })
    const res = await server.app.inject({
      method: 'POST',
      url: `/console/api/users/${user.id}/active`,
      cookies: owner.cookies,
      headers: owner.headers,
      payload: { active: false },
    })
    expect(res.statusCode).toBe(400)
  })
})

describe('console sign-in rate limit', () => {
  it(
    'answers 429 after CONSOLE_LOGIN_RATE_PER_MINUTE tries from one address, while another address still signs in',
    async () => {
      const db = await createTestDatabase('pglite')
      const server = await buildConsoleServer(db, {
        rateLimit: { max: 1000, timeWindowMs: 60_000 },
        env: { CONSOLE_LOGIN_RATE_PER_MINUTE: '3', CONSOLE_LOGIN_MAX_FAILURES: '100' },
      })
      try {
        const statuses: number[] = []
        for (let i = 0; i < 5; i++) {
          const res = await server.app.inject({
            method: 'POST',
            url: '/console/api/login',
            payload: { email: ownerEmail, password: `guess-${i}-password` },
            remoteAddress: '198.51.100.7',
          })
          statuses.push(res.statusCode)
        }
        expect(statuses).toEqual([401, 401, 401, 429, 429])
        const other = await server.app.inject({
          method: 'POST',
          url: '/console/api/login',
          payload: { email: ownerEmail, password: testPassword },
          remoteAddress: '198.51.100.8',
        })
        expect(other.statusCode).toBe(200)
      } finally {
        await server.app.close()
        await db.close()
      }
    },
    firstDatabaseTimeoutMs,
  )
})
