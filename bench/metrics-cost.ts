/**
 * What metrics cost: `POST /api/bot/order/track` under autocannon against two servers on one database, one built
 * as main.ts builds it with metrics (timing hooks, webhook counting, the /metrics route and its database gauges,
 * scraped once a second as Prometheus would) and one without, in interleaved rounds so the drift of a shared
 * machine falls on both. Reported: each server's median throughput, the median cost (1 − on/off) with its spread
 * over the pairs of rounds. Target: a median cost of at most 5 %.
 */
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import type { FastifyInstance } from 'fastify'
import { createOfflineCourierGateway } from '../src/gateways/courier-offline.ts'
import { createOfflinePaymentGateway } from '../src/gateways/payment-offline.ts'
import { instrumentHttp, metricsRoute } from '../src/http/metrics.ts'
import { buildServer } from '../src/http/server.ts'
import { silentLogger } from '../src/logger.ts'
import { registerDatabaseGauges } from '../src/ops/db-gauges.ts'
import { createMetrics } from '../src/ops/metrics.ts'
import { createServices } from '../src/services/index.ts'
import { defaultShopSettings } from '../src/services/shop.ts'
import { type BenchDbKind, benchServerUrl, openBenchDatabase } from './bench-db.ts'

const round = (v: number) => Math.round(v * 1000) / 1000
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

export async function runMetricsCostBench({ quick, emit }: { quick: boolean; emit: (line: object) => void }) {
  const kind: BenchDbKind = benchServerUrl() ? 'postgres' : 'pglite'
  const seconds = quick ? 1 : 2
  const rounds = quick ? 2 : 7
  const connections = quick ? 4 : 10
  const { db } = await openBenchDatabase(kind, 'layan_bench_metrics')
  const paymentGateway = createOfflinePaymentGateway({ prisma: db.prisma })
  const services = createServices({
    prisma: db.prisma,
    sql: db.sql,
    paymentGateway,
    courierGateway: createOfflineCourierGateway({ prisma: db.prisma }),
    log: silentLogger(),
    now: () => new Date(),
    shop: defaultShopSettings,
    courierRefreshMinutes: 30,
  })
  const token = 'bench-bot-token'
  const metrics = createMetrics()
  registerDatabaseGauges(metrics.registry, services.backlog.read)
  const build = (withMetrics: boolean): FastifyInstance =>
    buildServer({
      services,
      paymentGateway,
      config: { BOT_API_TOKEN: token },
      log: silentLogger(),
      rateLimit: false,
      ...(withMetrics
        ? {
            instrument: (root: FastifyInstance) => instrumentHttp(root, { observer: metrics.observer }),
            register: [metricsRoute({ registry: metrics.registry })],
          }
        : {}),
    })
  const on = build(true)
  const off = build(false)
  const scrape = setInterval(() => void on.inject({ method: 'GET', url: '/metrics' }), 1000)
  try {
    const bases: string[] = []
    for (const app of [off, on]) {
      await app.listen({ host: '127.0.0.1', port: 0 })
      bases.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`)
    }
    const hammer = async (base: string, duration: number) => {
      const result = await autocannon({
        url: `${base}/api/bot/order/track`,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: 'cust-adi', orderNumber: 'ORD-2025-001' }),
        connections,
        duration,
      })
      if (result['2xx'] === 0 || result.non2xx > 0 || result.errors > 0) throw new Error('metrics bench: failures')
      return result['2xx'] / result.duration
    }
    const [offBase, onBase] = bases as [string, string]
    await hammer(offBase, 1)
    await hammer(onBase, 1)
    const offRates: number[] = []
    const onRates: number[] = []
    const costs: number[] = []
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first, so neither always follows the other.
      const first = i % 2 === 0
      const a = await hammer(first ? offBase : onBase, seconds)
      const b = await hammer(first ? onBase : offBase, seconds)
      const [offRate, onRate] = first ? [a, b] : [b, a]
      offRates.push(offRate)
      onRates.push(onRate)
      costs.push(1 - onRate / offRate)
    }
    const cost = median(costs)
    emit({
      bench: 'http.order_track.metrics_off',
      db: kind,
      rounds,
      connections,
      requests_per_s: round(median(offRates)),
    })
    emit({
      bench: 'http.order_track.metrics_on',
      db: kind,
      rounds,
      connections,
      requests_per_s: round(median(onRates)),
      median_cost_pct: round(cost * 100),
      min_cost_pct: round(Math.min(...costs) * 100),
      max_cost_pct: round(Math.max(...costs) * 100),
      baseline: 'http.order_track.metrics_off',
      ratio: round(median(offRates) / Math.max(1e-9, median(onRates))),
      target: 'median_cost_pct <= 5',
    })
  } finally {
    clearInterval(scrape)
    await on.close()
    await off.close()
    await db.close()
  }
}
