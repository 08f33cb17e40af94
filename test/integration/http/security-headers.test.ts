/**
 * HTTPS-only headers follow PUBLIC_URL: served over plain HTTP (the default, or a LAN address) the server must not
 * ask browsers to upgrade requests to https (the page would then load none of its scripts and styles) nor send
 * HSTS; behind an https address it sends both. The other security headers are always there.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { buildTestServer, firstDatabaseTimeoutMs, testHttpConfig } from '../../helpers/http.ts'

describe.each(testDbKinds)('security headers and PUBLIC_URL (%s)', (kind) => {
  let db: Database
  const apps: FastifyInstance[] = []
  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    for (const app of apps) await app.close()
    await db.close()
  })

  async function headersFor(publicUrl: string | undefined) {
    const app = buildTestServer(db, { config: { ...testHttpConfig, PUBLIC_URL: publicUrl } })
    apps.push(app)
    const response = await app.inject({ method: 'GET', url: '/healthz' })
    expect(response.statusCode).toBe(200)
    return response.headers
  }

  it.each([
    ['unset', undefined],
    ['a plain-HTTP LAN address', 'http://192.168.1.20:3000'],
  ])('PUBLIC_URL %s: no upgrade of insecure requests, no HSTS', async (_label, publicUrl) => {
    const headers = await headersFor(publicUrl)
    const csp = String(headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('upgrade-insecure-requests')
    expect(headers['strict-transport-security']).toBeUndefined()
    expect(headers['x-content-type-options']).toBe('nosniff')
  })

  it('an https PUBLIC_URL: upgrade of insecure requests and HSTS', async () => {
    const headers = await headersFor('https://shop.example.com')
    expect(String(headers['content-security-policy'])).toContain('upgrade-insecure-requests')
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(headers['x-content-type-options']).toBe('nosniff')
  })
})
