/**
 * TRUST_PROXY from outside: behind a reverse proxy, each customer is limited by their own address (from
 * X-Forwarded-For, trusted only from the configured proxy); without it, X-Forwarded-For is ignored, so a client
 * cannot pick the address it is counted under.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs } from '../../helpers/http.ts'

const proxy = '10.0.0.5'

describe.each(testDbKinds)('TRUST_PROXY (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    return () => db.close()
  }, firstDatabaseTimeoutMs)
  let close: (() => Promise<void>) | undefined
  afterEach(async () => {
    await close?.()
  })

  function server(env: Record<string, string>) {
    const config = loadConfig({ HTTP_RATE_LIMIT_PER_MINUTE: '5', BOT_API_TOKEN: 'proxy-test-token', ...env })
    const app = buildTestServer(db, { config, rateLimit: undefined })
    close = () => app.close()
    // Any limited route will do: the summary with the right token answers 200 until the limit says 429.
    return (client: string, from = proxy) =>
      app.inject({
        method: 'POST',
        url: '/api/bot/order/summary',
        remoteAddress: from,
        headers: { 'x-forwarded-for': client, authorization: 'Bearer proxy-test-token' },
        payload: { customerId: 'cust-adi' },
      })
  }

  it('behind the configured proxy, each customer has a limit of their own', async () => {
    const get = server({ TRUST_PROXY: proxy })
    const first = []
    for (let i = 0; i < 6; i++) first.push((await get('203.0.113.1')).statusCode)
    expect(first).toEqual([200, 200, 200, 200, 200, 429])
    expect((await get('203.0.113.2')).statusCode).toBe(200)
  })

  it('a client that is not the proxy cannot name its own address', async () => {
    const get = server({ TRUST_PROXY: proxy })
    const codes = []
    for (let i = 0; i < 6; i++) codes.push((await get(`203.0.113.${10 + i}`, '198.51.100.9')).statusCode)
    expect(codes.at(-1)).toBe(429)
  })

  it('unset, X-Forwarded-For is ignored: every request through one address shares its limit', async () => {
    const get = server({})
    const codes = []
    for (let i = 0; i < 6; i++) codes.push((await get(`203.0.113.${20 + i}`)).statusCode)
    expect(codes).toEqual([200, 200, 200, 200, 200, 429])
  })

  it('refuses a TRUST_PROXY that is neither true, a hop count nor addresses', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/)
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1'])
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
    expect(loadConfig({}).TRUST_PROXY).toBe(false)
  })
})
