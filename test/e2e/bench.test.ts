/** `npm run bench -- --quick` runs every benchmark briefly, so the benchmarks never rot. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

function runQuickBench(): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/run.ts', '--quick'], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => {
      out += c
    })
    child.stderr.on('data', (c) => {
      err += c
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ out, err, code }))
  })
}

describe('npm run bench -- --quick', () => {
  it('prints only JSON lines, one per figure, with every benchmark and its baseline in the same run', async () => {
    const { out, err, code } = await runQuickBench()
    expect(code, err).toBe(0)
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const names = new Set(lines.map((l) => `${l.bench}@${l.db}`))
    const kinds = ['pglite', 'postgres']
    for (const db of kinds) {
      for (const bench of [
        'sql.select1',
        'service.getOrderByNumber',
        'service.getOrderSummary',
        'service.checkMultipleProductsStock',
        'service.cancelOrder',
        'core.floor',
        'core.message.rules',
        'core.message.claude_fake',
      ]) {
        expect(names, `${bench}@${db}`).toContain(`${bench}@${db}`)
      }
    }
    // The console's dashboard: every chart's query over a generated history, on each database.
    for (const db of kinds) {
      for (const table of ['conversations_per_day', 'resolution', 'first_reply', 'csat', 'tools', 'cost_per_day'])
        expect(names).toContain(`console.chart.${table}@${db}`)
    }
    // The HTTP load test runs against PostgreSQL when there is one, else the embedded database.
    const httpDb = kinds.at(-1)
    for (const bench of [
      'http.healthz',
      'http.order_track',
      'telegram.echo',
      'telegram.updates',
      'telegram.core_only',
      'telegram.floor',
      'shop_import.api',
      'shop_import.csv',
    ])
      expect(names).toContain(`${bench}@${httpDb}`)
    // Importing the shop's own data again changes nothing.
    for (const line of lines.filter((l) => String(l.bench).startsWith('shop_import.'))) {
      expect(line.created).toBe(line.records)
      expect(line.rerun_changed).toBe(0)
    }
    // Prompt caching: billed input tokens of a scripted four-message tracking conversation, with and without.
    const caching = lines.find((line) => line.bench === 'claude.billed_input_tokens')
    expect(caching).toMatchObject({ messages: 4, requests: 8, target: 0.35 })
    expect(Number(caching?.ratio)).toBeLessThanOrEqual(0.35)
    expect(Number(caching?.cached)).toBeLessThan(Number(caching?.uncached))
    // Start and memory of the server beside a bare PGlite, on the embedded database.
    for (const bench of [
      'pglite.first_open',
      'start.first',
      'pglite.warm_open',
      'start.warm',
      'pglite.idle_rss',
      'start.idle_rss',
      'start.busy_rss',
    ])
      expect(names).toContain(`${bench}@pglite`)
    for (const line of lines) {
      if (line.bench === 'start.idle_rss') expect(line.processes).toBe(1)
      if (line.baseline) expect(names).toContain(`${line.baseline}@${line.db}`)
      if (typeof line.sql_statements === 'number' && String(line.bench).startsWith('service.get')) {
        // No read issues more than 3 SQL statements (no N+1).
        expect(line.sql_statements, String(line.bench)).toBeLessThanOrEqual(3)
      }
      if (line.bench === 'service.checkMultipleProductsStock') expect(line.sql_statements).toBeLessThanOrEqual(3)
      if (line.bench === 'service.cancelOrder') expect(line.sql_statements).toBeLessThanOrEqual(12)
      // The floor takes three round trips: lock, store and read; the tool; store, commit and unlock.
      if (line.bench === 'core.floor') expect(line.sql_statements).toBe(3)
      if (String(line.bench).startsWith('core.message.')) expect(line.over_floor).toBeGreaterThan(0)
    }
  }, 600_000)
})
