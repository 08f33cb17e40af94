/**
 * A failing test must fail the run: `npm test` and CI rely on the exit code. Runs the project's own test setup
 * (including the throwaway PostgreSQL it starts without TEST_DATABASE_URL) around one test that fails on purpose.
 */
import { describe, expect, it } from 'vitest'
import { commandEnv, runToEnd } from '../helpers/processes.ts'

describe('a test run with a failing test', () => {
  it('exits with a non-zero code, also when the run started its own PostgreSQL', async () => {
    const run = await runToEnd(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/fixtures/exit-code/vitest.config.ts'],
      { env: commandEnv({ TEST_DATABASE_URL: undefined, CI: undefined }), input: '' },
    )
    expect(`${run.out.join('\n')}${run.err}`).toContain('1 failed')
    expect(run.code).toBe(1)
  }, 300_000)
})
