/**
 * Real databases for tests: every call gives a fresh, private database holding the demo shop (or nothing but
 * the schema), on PGlite or PostgreSQL.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { type Database, openDatabase } from '../../src/db/client.ts'
import { loadPgliteDump, openPgliteTemplate, pgliteDumpPath } from './pglite-templates.ts'
import { adminQuery, templateNames, urlForDatabase } from './postgres-templates.ts'

export type TestDbKind = 'pglite' | 'postgres'

/**
 * The database kinds every run tests against: use with `describe.each(testDbKinds)`. The global setup provides
 * PostgreSQL (TEST_DATABASE_URL, or a throwaway server of its own).
 */
export const testDbKinds: TestDbKind[] = ['pglite', 'postgres']

export interface TestDbOptions {
  /** Demo shop data (default) or an empty, migrated schema. */
  seed?: boolean
  poolSize?: number
}

const pgliteTemplates: Partial<Record<'empty' | 'demo', Promise<PGlite>>> = {}

/** This worker's copy of the run's template (loaded once per test file), cloned for each database. */
function pgliteTemplate(seed: boolean): Promise<PGlite> {
  const kind = seed ? 'demo' : 'empty'
  pgliteTemplates[kind] ??= existsSync(pgliteDumpPath(kind)) ? loadPgliteDump(kind) : buildTemplateHere(seed)
  return pgliteTemplates[kind]
}

/** Without the global setup's dumps (a file run on its own through another config): make the template here. */
function buildTemplateHere(seed: boolean): Promise<PGlite> {
  return openPgliteTemplate(seed ? 'demo' : 'empty')
}

export async function createTestDatabase(kind: TestDbKind, options: TestDbOptions = {}): Promise<Database> {
  const seed = options.seed ?? true
  if (kind === 'pglite') {
    const clone = (await (await pgliteTemplate(seed)).clone()) as PGlite
    return openDatabase({ pglite: clone })
  }
  const baseUrl = process.env.TEST_DATABASE_URL
  if (!baseUrl) throw new Error('TEST_DATABASE_URL is not set: run the tests through vitest.config.ts (npm test)')
  const name = `layan_t_${process.pid}_${randomBytes(4).toString('hex')}`
  const template = seed ? templateNames().demo : templateNames().empty
  await adminQuery(baseUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`)
  const db = await openDatabase({ databaseUrl: urlForDatabase(baseUrl, name), poolSize: options.poolSize ?? 5 })
  return {
    ...db,
    close: async () => {
      await db.close()
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}
