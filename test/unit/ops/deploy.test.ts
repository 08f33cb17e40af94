/**
 * deploy/ (Prometheus rules and scrape configuration, Grafana dashboard) names only metrics the server exports: a
 * renamed metric would otherwise silence an alert without anyone noticing.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { registerDatabaseGauges } from '../../../src/ops/db-gauges.ts'
import { createMetrics } from '../../../src/ops/metrics.ts'
import { readBacklog } from '../../../src/services/backlog.ts'
import { createTestDatabase } from '../../helpers/db.ts'
import { metricNames } from '../../helpers/metrics.ts'

const files = [
  'deploy/prometheus/layan-alerts.yml',
  'deploy/prometheus/prometheus.yml',
  'deploy/grafana/layan-dashboard.json',
]

/** Metric names in PromQL expressions: the families we and prom-client define, with histogram suffixes removed. */
function namedMetrics(text: string): Set<string> {
  const names = new Set<string>()
  for (const m of text.matchAll(/\b((?:layan|nodejs|process)_[a-z0-9_]+)\b(?!\*)/g)) {
    names.add((m[1] as string).replace(/_(bucket|sum|count)$/, ''))
  }
  return names
}

describe('deploy/', () => {
  it('every metric the rules and the dashboard name is exported by the server', async () => {
    const db = await createTestDatabase('pglite')
    const { registry, observer } = createMetrics()
    registerDatabaseGauges(registry, () => readBacklog(db.prisma))
    observer.backup(false)
    const exported = metricNames(await registry.metrics())
    const named = new Set(files.flatMap((file) => [...namedMetrics(readFileSync(file, 'utf8'))]))
    expect(named.size).toBeGreaterThan(15)
    const missing = [...named].filter((name) => !exported.has(name))
    expect(missing).toEqual([])
    // And the dashboard is valid JSON with a panel per area.
    const dashboard = JSON.parse(readFileSync('deploy/grafana/layan-dashboard.json', 'utf8')) as { panels: unknown[] }
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10)
    await db.close()
  }, 120_000)
})
