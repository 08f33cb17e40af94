/**
 * `npm run db:migration -- <name>`: writes the next migration from the difference between prisma/migrations and
 * prisma/schema.prisma. The existing migrations are replayed on a throwaway in-memory PostgreSQL (PGlite), so no
 * server is needed.
 */
import { openDatabase } from './client.ts'
import { createMigration } from './migrate.ts'

const name = process.argv[2]
if (!name) {
  console.error('usage: npm run db:migration -- <name>   (letters, digits, underscores)')
  process.exit(2)
}
const shadow = await openDatabase({ inMemory: true })
try {
  const dir = await createMigration(shadow.adapterFactory, name)
  console.error(dir ? `Wrote ${dir}/migration.sql` : 'The schema matches the migrations: nothing to write.')
} finally {
  await shadow.close()
}
