/**
 * Vitest global setup: builds the PGlite dumps, and the PostgreSQL templates when TEST_DATABASE_URL is set, once, under a name unique to
 * this run (workers inherit LAYAN_TEST_RUN), and drops them at the end.
 */
import { rmSync } from 'node:fs'
import { buildPgliteDumps, pgliteDumpPath } from './pglite-templates.ts'
import { buildPostgresTemplates, dropPostgresTemplates } from './postgres-templates.ts'

export default async function setup(): Promise<() => Promise<void>> {
  process.env.LAYAN_TEST_RUN ??= `${process.pid}`
  await buildPgliteDumps()
  const url = process.env.TEST_DATABASE_URL
  if (url) await buildPostgresTemplates(url)
  return async () => {
    for (const kind of ['empty', 'demo'] as const) rmSync(pgliteDumpPath(kind), { force: true })
    if (url) await dropPostgresTemplates(url)
  }
}
