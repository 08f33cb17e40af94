/**
 * `npm run doctor [-- --json]`: checks the configuration, the database and every outside service that is
 * configured (src/doctor/checks.ts) and prints one line per check. Exits 1 when a check fails.
 */
import { loadConfig } from '../config.ts'
import { type CheckResult, runDoctor } from './checks.ts'

const marks: Record<CheckResult['status'], string> = { ok: '✓', warn: '!', fail: '✗', off: '-' }

async function main(): Promise<number> {
  const json = process.argv.includes('--json')
  let results: CheckResult[]
  try {
    const config = loadConfig()
    results = [
      { name: 'configuration', status: 'ok', detail: 'every variable is valid' },
      ...(await runDoctor({ config })),
    ]
  } catch (error) {
    results = [{ name: 'configuration', status: 'fail', detail: (error as Error).message.replace(/\n/g, ' ') }]
  }
  if (json) process.stdout.write(`${JSON.stringify({ checks: results })}\n`)
  else {
    const width = Math.max(...results.map((result) => result.name.length))
    for (const result of results) {
      process.stdout.write(`${marks[result.status]} ${result.name.padEnd(width)}  ${result.detail}\n`)
    }
  }
  return results.some((result) => result.status === 'fail') ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`doctor: ${(error as Error).message}\n`)
    process.exit(1)
  },
)
