/**
 * `npm run bench [-- --quick]`: every benchmark, one JSON object per line on standard output and nothing else
 * (logs go to standard error). `--quick` runs a few seconds' worth, which the test suite executes so the
 * benchmarks never rot.
 */
import { benchmarks } from './index.ts'

const quick = process.argv.includes('--quick')
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length)

const emit = (line: object) => {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

for (const [name, run] of benchmarks) {
  if (only && !name.startsWith(only)) continue
  console.error(`bench: ${name}${quick ? ' (quick)' : ''}`)
  await run({ quick, emit })
}
