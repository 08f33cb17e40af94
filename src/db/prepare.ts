/**
 * Brings a database up to date: pending migrations (or, when it is not ours to migrate, a refusal naming them),
 * then the demo shop when the database has no customers.
 */
import type { Logger } from '../logger.ts'
import type { Database } from './client.ts'
import { applyMigrations } from './migrate.ts'
import { DatabaseNotMigrated, pendingMigrations } from './pending-migrations.ts'
import { seedDemoShop } from './seed.ts'

export interface PrepareOptions {
  /** Apply pending migrations; otherwise throw DatabaseNotMigrated when there are any. */
  migrate: boolean
  seedWhenEmpty: boolean
  log?: Logger
  now?: Date
}

export async function prepareDatabase(db: Database, options: PrepareOptions): Promise<void> {
  if (options.migrate) {
    const applied = await applyMigrations(db.adapterFactory)
    if (applied.length > 0) options.log?.info({ applied }, 'database migrated')
  } else {
    const pending = await pendingMigrations(db.sql.query)
    if (pending.length > 0) throw new DatabaseNotMigrated(pending)
  }
  if (options.seedWhenEmpty && (await db.prisma.customer.count()) === 0) {
    await seedDemoShop(db.prisma, options.now)
    options.log?.info('demo shop seeded')
  }
}
