/**
 * Vitest global setup: makes sure every test runs on both databases, builds the PGlite dumps and PostgreSQL
 * templates once under a name unique to this run (workers inherit LAYAN_TEST_RUN and TEST_DATABASE_URL), and
 * removes them at the end.
 *
 * PostgreSQL is TEST_DATABASE_URL when it is set (CI's server), else a throwaway server started here.
 * Suites this machine cannot run are named loudly; under CI they fail the run.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { describeMissing, missingParts, underCi } from './capabilities.ts'
import { buildPgliteDumps, pgliteDumpPath } from './pglite-templates.ts'
import { buildPostgresTemplates, dropPostgresTemplates } from './postgres-templates.ts'
import { projectRoot } from './processes.ts'
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.ts'

export default async function setup(): Promise<() => Promise<void>> {
  process.env.LAYAN_TEST_RUN ??= `${process.pid}`
  // Tests start the server the way `npm start` does (compiled, dist/) and make their databases from the build's
  // snapshots: bring both up to date once here, before workers start servers side by side.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: projectRoot, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('`node scripts/build.mjs` failed: the server cannot be compiled')
  const missing = missingParts()
  if (missing.length > 0) {
    const block = describeMissing(missing)
    if (underCi) throw new Error(`CI=true and some suites cannot run on this machine:${block}`)
    process.stderr.write(block)
  }

  let throwaway: ThrowawayPostgres | undefined
  if (!process.env.TEST_DATABASE_URL) {
    throwaway = await startThrowawayPostgres()
    process.env.TEST_DATABASE_URL = throwaway.url
  }
  const url = process.env.TEST_DATABASE_URL
  const covered = `Databases under test: PGlite (embedded) and PostgreSQL ${
    throwaway
      ? `${throwaway.version} (a throwaway server this run started; set TEST_DATABASE_URL to use yours)`
      : 'at TEST_DATABASE_URL'
  }`
  process.stderr.write(`${covered}\n`)

  try {
    await buildPgliteDumps()
    await buildPostgresTemplates(url)
  } catch (error) {
    await throwaway?.stop()
    throw error
  }
  return async () => {
    for (const kind of ['empty', 'demo'] as const) rmSync(pgliteDumpPath(kind), { force: true })
    await dropPostgresTemplates(url).catch(() => undefined)
    await throwaway?.stop()
    process.stderr.write(`${covered}\n`)
    if (missing.length > 0) process.stderr.write(describeMissing(missing))
  }
}
