import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'

describe.each(testDbKinds)('health checks (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
    app = buildTestServer(db)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await app.close()
    await db.close().catch(() => undefined)
  })

  it('healthz answers while the process is up, readyz while the database answers, 503 after it closed', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toEqual({ status: 'ok' })

    const ready = await app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready' })

    await db.close()
    const notReady = await app.inject({ method: 'GET', url: '/readyz' })
    expect(notReady.statusCode).toBe(503)
    expect(notReady.json()).toEqual({ success: false, error: { code: 'not_ready', message: 'Database unavailable' } })
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
  })
})
