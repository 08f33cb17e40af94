/** Brings a database up to date: pending migrations, then the demo shop when the database has no customers. */
import type { Logger } from '../logger.ts'
import type { Database } from './client.ts'
import { applyMigrations } from './migrate.ts'
import { seedDemoShop } from './seed.ts'

export interface PrepareOptions {
  migrate: boolean
  seedWhenEmpty: boolean
  log?: Logger
  now?: Date
}

export async function prepareDatabase(db: Database, options: PrepareOptions): Promise<void> {
  if (options.migrate) {
    const applied = await applyMigrations(db.adapterFactory)
    if (applied.length > 0) options.log?.info({ applied }, 'database migrated')
  }
  if (options.seedWhenEmpty && (await db.prisma.customer.count()) === 0) {
    await seedDemoShop(db.prisma, options.now)
    options.log?.info('demo shop seeded')
  }
}
