/**
 * Brings a database up to date: pending migrations (or, when it is not ours to migrate, a refusal naming them),
 * then the demo shop when asked for and the database holds no shop yet. Which migrations are pending is one SQL
 * query; the schema engine (WebAssembly, about a second to load) is loaded only when there are some.
 */
import type { Logger } from '../logger.ts'
import type { Database } from './client.ts'
import { applyMigrations } from './migrate.ts'
import { DatabaseNotMigrated, pendingMigrations } from './pending-migrations.ts'
import { seedDemoShop } from './seed.ts'

export interface PrepareOptions {
  /** Apply pending migrations; otherwise throw DatabaseNotMigrated when there are any. */
  migrate: boolean
  /** Seed the demo shop when the database has no customers (SEED_DEMO). */
  seedWhenEmpty: boolean
  log?: Logger
  now?: Date
}

export async function prepareDatabase(db: Database, options: PrepareOptions): Promise<void> {
  const pending = await pendingMigrations(db.sql.query)
  if (pending.length > 0) {
    if (!options.migrate) throw new DatabaseNotMigrated(pending)
    options.log?.info({ pending }, `applying ${pending.length} migration(s)`)
    const applied = await applyMigrations(db.adapterFactory)
    options.log?.info({ applied }, 'database migrated')
  }
  if (options.seedWhenEmpty && !(await hasCustomers(db))) {
    options.log?.info('seeding the demo shop')
    await seedDemoShop(db.prisma, options.now)
    options.log?.info('demo shop seeded')
  }
}

/**
 * Plain SQL: a start that seeds nothing does not wait for the Prisma client's first query. A database whose demo
 * was removed (`npm run demo:remove`, src/services/demo-removal.ts) counts as a shop's, even while empty.
 */
async function hasCustomers(db: Database): Promise<boolean> {
  const [row] = await db.sql.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "Customer")
       OR EXISTS (SELECT 1 FROM "AuditLog" WHERE entity = 'Demo' AND "entityId" = 'urbanstyle-id') AS "any"`,
  )
  return row?.any === true
}
