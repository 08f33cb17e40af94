/**
 * PostgreSQL test databases are copies of a template that is migrated (through the wasm schema engine, the
 * same path as production) and seeded once per test run: `CREATE DATABASE ... TEMPLATE` takes milliseconds.
 */
import pg from 'pg'
import { openDatabase } from '../../src/db/client.ts'
import { applyMigrations } from '../../src/db/migrate.ts'
import { seedDemoShop } from '../../src/db/seed.ts'

/** Per test run (set by the global setup), so two runs on one server never rebuild each other's templates. */
export function templateNames() {
  const run = process.env.LAYAN_TEST_RUN ?? 'dev'
  return { empty: `layan_tpl_${run}_empty`, demo: `layan_tpl_${run}_demo` }
}

/** The same server, another database name. */
export function urlForDatabase(baseUrl: string, database: string): string {
  const url = new URL(baseUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export async function buildPostgresTemplates(baseUrl: string): Promise<void> {
  const names = templateNames()
  for (const name of Object.values(names)) {
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await adminQuery(baseUrl, `CREATE DATABASE ${name}`)
    const db = await openDatabase({ databaseUrl: urlForDatabase(baseUrl, name), poolSize: 2 })
    try {
      await applyMigrations(db.adapterFactory)
      if (name === names.demo) await seedDemoShop(db.prisma)
    } finally {
      await db.close()
    }
  }
}

export async function dropPostgresTemplates(baseUrl: string): Promise<void> {
  for (const name of Object.values(templateNames()))
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
}
