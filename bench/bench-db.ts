/**
 * Databases for benchmarks: a fresh in-memory PGlite, and a fresh PostgreSQL database when BENCH_DATABASE_URL,
 * TEST_DATABASE_URL or DATABASE_URL names a server (the given database is only used to create `layan_bench`).
 */
import pg from 'pg'
import { type Database, openDatabase } from '../src/db/client.ts'
import { applyMigrations } from '../src/db/migrate.ts'
import { seedDemoShop } from '../src/db/seed.ts'

export type BenchDbKind = 'pglite' | 'postgres'

export function benchServerUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
}

export function benchDbKinds(): BenchDbKind[] {
  return benchServerUrl() ? ['pglite', 'postgres'] : ['pglite']
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A migrated, seeded database; `counter.n` counts every SQL statement sent through it. */
export async function openBenchDatabase(
  kind: BenchDbKind,
  base = 'layan_bench',
): Promise<{ db: Database; counter: { n: number } }> {
  // Per process: two bench runs against one server (a developer's and the test suite's) never drop each other's.
  const name = `${base}_${process.pid}`
  const counter = { n: 0 }
  const onQuery = () => {
    counter.n++
  }
  let db: Database
  if (kind === 'pglite') {
    db = await openDatabase({ inMemory: true, onQuery })
  } else {
    const server = benchServerUrl()
    if (!server) throw new Error('no PostgreSQL server configured for benchmarks')
    await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin(server, `CREATE DATABASE ${name}`)
    const url = new URL(server)
    url.pathname = `/${name}`
    const opened = await openDatabase({ databaseUrl: url.toString(), onQuery, poolSize: 10 })
    db = {
      ...opened,
      close: async () => {
        await opened.close()
        await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      },
    }
  }
  await applyMigrations(db.adapterFactory)
  await seedDemoShop(db.prisma)
  return { db, counter }
}

/** Counts the SQL statements one call sends. */
export async function countStatements(counter: { n: number }, fn: () => Promise<unknown>): Promise<number> {
  const before = counter.n
  await fn()
  return counter.n - before
}
