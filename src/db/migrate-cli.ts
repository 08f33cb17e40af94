/** `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or to the embedded database in DATA_DIR. */
import { loadConfig } from '../config.ts'
import { openDatabase } from './client.ts'
import { applyMigrations } from './migrate.ts'

const config = loadConfig()
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR })
try {
  const applied = await applyMigrations(db.adapterFactory)
  const where = db.kind === 'postgres' ? 'PostgreSQL' : `embedded database in ${config.DATA_DIR}`
  console.error(applied.length ? `Applied to ${where}: ${applied.join(', ')}` : `${where} is up to date`)
} finally {
  await db.close()
}
