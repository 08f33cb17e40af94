/**
 * HTTP benchmark: requests/s and p50/p99 latency of `POST /api/bot/order/track` under autocannon, against a
 * real server listening on 127.0.0.1 (random port), beside `GET /healthz` in the same run as the baseline.
 * PostgreSQL when a server is configured (BENCH_/TEST_/DATABASE_URL), else PGlite. `ratio` is the baseline's
 * throughput over this line's (DESIGN §10), so it stays comparable on a noisy machine: the target, tracking at
 * 40% or more of healthz's rate, is a ratio of at most 2.5. `share` is the same figure the other way round.
 */
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import { createOfflineCourierGateway } from '../src/gateways/courier-offline.ts'
import { createOfflinePaymentGateway } from '../src/gateways/payment-offline.ts'
import { buildServer } from '../src/http/server.ts'
import { silentLogger } from '../src/logger.ts'
import { createServices } from '../src/services/index.ts'
import { defaultShopSettings } from '../src/services/shop.ts'
import { type BenchDbKind, benchServerUrl, openBenchDatabase } from './bench-db.ts'

export interface HttpBenchOptions {
  quick: boolean
  emit: (line: object) => void
}

interface Load {
  path: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

const round = (v: number) => Math.round(v * 1000) / 1000

async function hammer(base: string, load: Load, seconds: number, connections: number) {
  const result = await autocannon({
    url: `${base}${load.path}`,
    method: load.method ?? 'GET',
    headers: load.headers,
    body: load.body,
    connections,
    duration: seconds,
  })
  const ok = result['2xx']
  if (ok === 0 || result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${load.path}: ${ok} ok, ${result.non2xx} non-2xx, ${result.errors} errors`)
  }
  return {
    requests_per_s: round(ok / result.duration),
    p50_ms: round(result.latency.p50),
    p99_ms: round(result.latency.p99),
    requests: ok,
    connections,
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Per figure, the median over rounds; requests are summed. */
function medianOf(rounds: Awaited<ReturnType<typeof hammer>>[]) {
  return {
    requests_per_s: median(rounds.map((r) => r.requests_per_s)),
    p50_ms: median(rounds.map((r) => r.p50_ms)),
    p99_ms: median(rounds.map((r) => r.p99_ms)),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    connections: rounds[0]?.connections ?? 0,
    rounds: rounds.length,
  }
}

export async function runHttpBench({ quick, emit }: HttpBenchOptions): Promise<void> {
  const kind: BenchDbKind = benchServerUrl() ? 'postgres' : 'pglite'
  const seconds = quick ? 1 : 2
  const rounds = quick ? 1 : 5
  const connections = quick ? 4 : 10
  const { db } = await openBenchDatabase(kind, 'layan_bench_http')
  const prisma = db.prisma
  const paymentGateway = createOfflinePaymentGateway({ prisma })
  const services = createServices({
    prisma,
    sql: db.sql,
    paymentGateway,
    courierGateway: createOfflineCourierGateway({ prisma }),
    log: silentLogger(),
    now: () => new Date(),
    shop: defaultShopSettings,
    courierRefreshMinutes: 30,
  })
  const token = 'bench-bot-token'
  const app = buildServer({
    services,
    paymentGateway,
    config: { BOT_API_TOKEN: token },
    log: silentLogger(),
    rateLimit: false,
  })
  try {
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as AddressInfo
    const base = `http://127.0.0.1:${port}`
    const track: Load = {
      path: '/api/bot/order/track',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'cust-adi', orderNumber: 'ORD-2025-001' }),
    }
    // Warm both paths (JIT, connection pool, prepared statements) outside the measurement.
    await hammer(base, { path: '/healthz' }, 1, 2)
    await hammer(base, track, 1, 2)

    // Alternating rounds, each line's figures the median of its rounds: on a shared machine the load drifts, and
    // measuring one path for ten seconds and then the other would put that drift into the ratio.
    const healthRounds: Awaited<ReturnType<typeof hammer>>[] = []
    const trackRounds: Awaited<ReturnType<typeof hammer>>[] = []
    for (let i = 0; i < rounds; i++) {
      healthRounds.push(await hammer(base, { path: '/healthz' }, seconds, connections))
      trackRounds.push(await hammer(base, track, seconds, connections))
    }
    const health = medianOf(healthRounds)
    const tracked = medianOf(trackRounds)
    emit({ bench: 'http.healthz', db: kind, ...health, duration_s: seconds * rounds })
    emit({
      bench: 'http.order_track',
      db: kind,
      ...tracked,
      duration_s: seconds * rounds,
      baseline: 'http.healthz',
      ratio: tracked.requests_per_s > 0 ? round(health.requests_per_s / tracked.requests_per_s) : 0,
      share: health.requests_per_s > 0 ? round(tracked.requests_per_s / health.requests_per_s) : 0,
    })
  } finally {
    await app.close()
    await db.close()
  }
}
