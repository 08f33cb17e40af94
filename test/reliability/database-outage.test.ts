/**
 * The database goes away while the web chat is in use: the customer gets the same honest apology as on Telegram,
 * as HTTP 503 in the usual reply shape (not a 500), and once the database is back the chat answers again.
 * PostgreSQL is taken away for real (connections refused and the open ones ended); the embedded database is closed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/client.ts'
import { t } from '../../src/i18n/messages.ts'
import { createTestDatabase, testDbKinds } from '../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../helpers/http.ts'
import { adminQuery } from '../helpers/postgres-templates.ts'
import { buildWebServer, openSession, type WebServer } from '../helpers/web.ts'

describe.each(testDbKinds)('web chat during a database outage (%s)', (kind) => {
  let db: Database
  let server: WebServer
  let name: string
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    server = buildWebServer(db)
    name = String((await db.sql.query<{ name: string }>('SELECT current_database() AS name'))[0]?.name)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await server.app.close()
    if (kind === 'postgres')
      await adminQuery(String(process.env.TEST_DATABASE_URL), `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`)
    await db.close().catch(() => undefined)
  })

  async function takeDatabaseAway() {
    if (kind === 'pglite') {
      await db.pglite?.close()
      return
    }
    const admin = String(process.env.TEST_DATABASE_URL)
    await adminQuery(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`)
    await adminQuery(admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`)
  }

  it('answers 503 with the apology in the reply shape, and answers normally once the database is back', async () => {
    const browser = await openSession(server.app, '198.51.100.20')
    const before = await browser.say('Apakah Kaos Basic Crewneck ukuran M masih ada?')
    expect(before.status).toBe(200)

    await takeDatabaseAway()
    for (const text of ['Apakah Kaos Basic Crewneck ukuran M masih ada?', 'verifikasi ORD-2025-001 7890']) {
      const during = await browser.say(text)
      expect(during.status).toBe(503)
      expect(during.texts).toEqual([t('id', 'core.agentFailed')])
      expect(during.verified).toBe(false)
    }
    // A new visitor's page load still gets a session (a cookie costs no database).
    const page = await server.app.inject({ method: 'GET', url: '/api/chat/session' })
    expect(page.statusCode).toBe(200)

    if (kind === 'postgres') {
      await adminQuery(String(process.env.TEST_DATABASE_URL), `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`)
      const after = await browser.say('Apakah Kaos Basic Crewneck ukuran M masih ada?')
      expect(after.status).toBe(200)
      expect(after.texts[0]).toContain('Kaos Basic Crewneck')
    }
  })
})
