import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countingFetch } from '../../../src/ops/instrument.ts'
import { createMetrics } from '../../../src/ops/metrics.ts'
import { parseMetrics, sample } from '../../helpers/metrics.ts'
import { freePort } from '../../helpers/processes.ts'

describe('countingFetch', () => {
  const server = createServer((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 500)
    res.statusCode = req.url === '/fail' ? 500 : 200
    res.end('{}')
  })
  let base = ''
  beforeAll(async () => {
    const port = await freePort()
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('counts ok, refused, timeout and unreachable per gateway, with durations', async () => {
    const { registry, observer } = createMetrics({ defaultMetrics: false })
    const courier = countingFetch('courier', observer)
    expect((await courier(`${base}/ok`)).status).toBe(200)
    expect((await courier(`${base}/fail`)).status).toBe(500)
    await expect(courier(`${base}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toThrow()
    await expect(countingFetch('midtrans', observer)(`http://127.0.0.1:${await freePort()}/`)).rejects.toThrow()
    const samples = parseMetrics(await registry.metrics())
    expect(sample(samples, 'layan_gateway_requests_total', { gateway: 'courier', outcome: 'ok' })).toBe(1)
    expect(sample(samples, 'layan_gateway_requests_total', { gateway: 'courier', outcome: 'server_error' })).toBe(1)
    expect(sample(samples, 'layan_gateway_requests_total', { gateway: 'courier', outcome: 'timeout' })).toBe(1)
    expect(sample(samples, 'layan_gateway_requests_total', { gateway: 'midtrans', outcome: 'unreachable' })).toBe(1)
    expect(sample(samples, 'layan_gateway_seconds_count', { gateway: 'courier' })).toBe(3)
  })
})
