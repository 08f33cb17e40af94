/**
 * `npm run eval` with no key: the whole harness against the scripted stand-in of the API, as CI runs it. A small
 * set of conversations (one the agent must pass, one that presses a confirm button, one with an expectation no
 * answer meets), two trials each: the report files, pass^1 / pass^k, tokens and cost.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EvalReport } from '../../eval/report.ts'

const root = path.resolve(import.meta.dirname, '../..')

const lines = [
  {
    conversation: 'track',
    as: '+6281234567890',
    text: 'Lacak pesanan ORD-2025-001',
    expect: { tool: 'track_order', reply: ['JNE123456789'] },
  },
  {
    conversation: 'cancel',
    as: '+6281234567890',
    text: 'Batalkan pesanan ORD-2025-002',
    expect: { tool: 'cancel_order', buttons: true },
  },
  { conversation: 'cancel', as: '+6281234567890', action: 'confirm', expect: { tool: null, reply: ['dibatalkan'] } },
  { conversation: 'impossible', as: null, text: 'halo', expect: { reply: ['kalimat yang tidak pernah ada'] } },
]

function runEval(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'DATABASE_URL', 'LOG_LEVEL']) delete env[key]
  return new Promise<{ out: string; err: string; code: number | null }>((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'eval/run.ts', ...args], { cwd: root, env })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ out, err, code }))
  })
}

describe('npm run eval (no key: the scripted stand-in)', () => {
  it('runs every conversation k times and reports pass^1 and pass^k, tokens and cost, as Markdown and JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'layan-eval-'))
    const file = path.join(dir, 'smoke.jsonl')
    writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`)

    const { out, err, code } = await runEval(['--k', '2', '--only-given', '--out', dir, file])

    expect(code, err).toBe(0)
    expect(out).toMatch(/smoke:track +pass\^1 +100\.0 % +pass\^2 +100\.0 %/)
    expect(out).toMatch(/smoke:impossible +pass\^1 +0\.0 %/)
    expect(out).toMatch(/overall +pass\^1 +66\.7 % +pass\^2 +66\.7 %/)
    const jsonPath = /JSON: +(\S+)/.exec(out)?.[1]
    const mdPath = /Report: +(\S+)/.exec(out)?.[1]
    const report = JSON.parse(readFileSync(jsonPath!, 'utf8')) as EvalReport
    expect(report).toMatchObject({ standIn: true, k: 2, trials: 2, overall: { conversations: 3 } })
    expect(report.conversations.map((c) => [c.id, c.successes])).toEqual([
      ['smoke:track', 2],
      ['smoke:cancel', 2],
      ['smoke:impossible', 0],
    ])
    expect(report.overall.usage.cacheReadTokens).toBeGreaterThan(0)
    expect(report.overall.costMicroUsd).toBeGreaterThan(0)
    const markdown = readFileSync(mdPath!, 'utf8')
    expect(markdown).toContain('| pass^1 | pass^2 |')
    expect(markdown).toMatch(
      /smoke:impossible · trial 1 · line 1 \(halo\): reply lacks "kalimat yang tidak pernah ada"/,
    )
  }, 240_000)

  it('refuses k larger than the number of trials', async () => {
    const { err, code } = await runEval(['--k', '3', '--trials', '2'])
    expect(code).toBe(1)
    expect(err).toContain('--trials must be a whole number of at least k')
  }, 60_000)
})
