/**
 * `npm run eval [-- --k 4] [--trials n] [--concurrency 2] [--out eval-results] [--html] [--only-given] [file.jsonl …]`
 *
 * Runs conversations (the project's test/fixtures/*.jsonl unless `--only-given`, plus any JSONL file given, in the
 * acceptance format)
 * through the Claude agent on fresh copies of the demo shop, `trials` times each (default k), and reports pass^1
 * and pass^k per conversation and overall, with tokens and estimated cost (prices from the settings). With
 * ANTHROPIC_API_KEY set it talks to Claude (ANTHROPIC_MODEL); without, a scripted stand-in of the API answers,
 * so the harness itself runs anywhere (CI). Writes `<out>/eval-<time>.md` (or `.html`) and `.json`, prints a
 * summary, and exits 0 unless the harness itself failed.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { PGlite } from '@electric-sql/pglite'
import { setupServer } from 'msw/node'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/client.ts'
import { prepareDatabase } from '../src/db/prepare.ts'
import { createLogger } from '../src/logger.ts'
import { createAnthropicFake, drainMockedResponses } from '../test/msw/anthropic.ts'
import { createStandInModel } from '../test/msw/anthropic-stand-in.ts'
import { createPromptCacheSimulator } from '../test/msw/prompt-cache-sim.ts'
import { loadConversations } from './conversations.ts'
import {
  buildReport,
  type ConversationResult,
  conversationResult,
  reportHtml,
  reportMarkdown,
  reportSummary,
} from './report.ts'
import { runTrial, type TrialResult } from './trial.ts'

const root = path.resolve(import.meta.dirname, '..')
const fixtures = path.join(root, 'test/fixtures')

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      k: { type: 'string', default: '4' },
      trials: { type: 'string' },
      concurrency: { type: 'string', default: '2' },
      out: { type: 'string', default: 'eval-results' },
      html: { type: 'boolean', default: false },
      'only-given': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  })
  const k = Number(values.k)
  const trials = values.trials === undefined ? k : Number(values.trials)
  const concurrency = Number(values.concurrency)
  if (!Number.isInteger(k) || k < 1) throw new Error('--k must be a whole number of at least 1')
  if (!Number.isInteger(trials) || trials < k) throw new Error('--trials must be a whole number of at least k')
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency must be at least 1')
  const given = positionals.map((file) => path.resolve(file))
  const own = values['only-given']
    ? []
    : readdirSync(fixtures)
        .filter((name) => name.endsWith('.jsonl'))
        .sort()
        .map((name) => path.join(fixtures, name))
  if (own.length + given.length === 0) throw new Error('no conversations: give a JSONL file')
  return {
    k,
    trials,
    concurrency,
    out: values.out ?? 'eval-results',
    html: values.html,
    verbose: values.verbose,
    files: [...own, ...given],
  }
}

/** Runs `work` over `items` with at most `limit` at once, results in item order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index]!)
    }
  })
  await Promise.all(runners)
  return results
}

async function main(): Promise<void> {
  const opts = options()
  const config = loadConfig()
  const log = createLogger({ level: opts.verbose ? 'warn' : 'silent', destination: process.stderr })
  const standIn = !config.ANTHROPIC_API_KEY
  const conversations = loadConversations(opts.files)
  const startedAt = new Date().toISOString()

  // Without a key, the stand-in answers in this process (MSW intercepts the SDK's requests).
  const server = standIn
    ? setupServer(
        ...createAnthropicFake({ responder: createStandInModel(), cache: createPromptCacheSimulator() }).handlers,
      )
    : null
  if (server) {
    drainMockedResponses(server)
    server.listen({ onUnhandledRequest: 'bypass' })
  }
  const template = await openDatabase({ inMemory: true })
  try {
    await prepareDatabase(template, { migrate: true, seedWhenEmpty: true, log })
    const trialConfig = standIn ? { ...config, ANTHROPIC_API_KEY: 'stand-in', ANTHROPIC_BASE_URL: undefined } : config
    const deps = { template: template.pglite as PGlite, config: trialConfig, log }
    const jobs = conversations.flatMap((conversation) =>
      Array.from({ length: opts.trials }, (_, trial) => ({ conversation, trial })),
    )
    let done = 0
    const outcomes = await pool(jobs, opts.concurrency, async (job) => {
      const result = await runTrial(deps, job.conversation)
      done++
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${jobs.length} trials`)
      return { id: job.conversation.id, result }
    })
    if (process.stderr.isTTY) process.stderr.write('\n')
    const byConversation = new Map<string, TrialResult[]>()
    for (const { id, result } of outcomes) byConversation.set(id, [...(byConversation.get(id) ?? []), result])
    const results: ConversationResult[] = conversations.map((c) =>
      conversationResult(c, byConversation.get(c.id) ?? [], opts.k),
    )
    const report = buildReport(
      {
        startedAt,
        model: config.ANTHROPIC_MODEL,
        standIn,
        k: opts.k,
        trials: opts.trials,
        files: opts.files.map((file) => path.relative(root, file) || file),
      },
      results,
    )
    mkdirSync(opts.out, { recursive: true })
    const base = path.join(opts.out, `eval-${startedAt.replace(/[:.]/g, '-')}`)
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`)
    const readable = opts.html ? `${base}.html` : `${base}.md`
    writeFileSync(readable, opts.html ? reportHtml(report) : reportMarkdown(report))
    process.stdout.write(`${reportSummary(report)}\n\nReport: ${readable}\nJSON:   ${base}.json\n`)
  } finally {
    await template.close()
    server?.close()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`eval: ${(error as Error).message}\n`)
    process.exit(1)
  },
)
