import { describe, expect, it } from 'vitest'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer } from '../../helpers/http.ts'

describe.each(testDbKinds)('health checks (%s)', (kind) => {
  it('healthz answers while the process is up, readyz while the database answers, 503 after it closed', async () => {
    const db = await createTestDatabase(kind, { seed: false })
    const app = buildTestServer(db)
    try {
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
    } finally {
      await app.close()
      await db.close().catch(() => undefined)
    }
  })
})
