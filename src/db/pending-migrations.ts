/**
 * Which of the project's migrations a database has not had yet, read from `_prisma_migrations` (the history
 * `npm run db:migrate` and `prisma migrate deploy` keep). A PostgreSQL server is migrated on purpose, not at
 * start, so the service checks this first and refuses to run on a schema it does not know.
 */
import { readdirSync } from 'node:fs'
import { defaultMigrationPaths } from './migrate.ts'
import type { SqlQuery } from './sql.ts'

export async function pendingMigrations(
  query: SqlQuery,
  migrationsDir: string = defaultMigrationPaths.migrationsDir,
): Promise<string[]> {
  const known = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  let applied: string[]
  try {
    const rows = await query<{ name: string }>(
      `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    )
    applied = rows.map((row) => row.name)
  } catch (error) {
    // No history table: nothing was ever applied.
    if ((error as { code?: string }).code === '42P01') return known
    throw error
  }
  const done = new Set(applied)
  return known.filter((name) => !done.has(name))
}

/** The database lacks migrations the code needs. */
export class DatabaseNotMigrated extends Error {
  constructor(readonly pending: readonly string[]) {
    super(
      `the database lacks ${pending.length} migration(s) (${pending.join(', ')}): run \`npm run db:migrate\` ` +
        'with the same DATABASE_URL, then start again (or start with `npm start -- --migrate`)',
    )
    this.name = 'DatabaseNotMigrated'
  }
}
