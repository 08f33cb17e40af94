/**
 * Opens the database: embedded PGlite (persisted in a folder, or in memory) when no URL is given, PostgreSQL
 * through node-postgres otherwise. Both get the same Prisma client and the same migrations.
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '../generated/prisma/client.ts'

export type Db = PrismaClient
export type DbKind = 'pglite' | 'postgres'

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl?: string
  /** Folder of the embedded database; ignored with `inMemory` or a URL. */
  dataDir?: string
  /** A fresh embedded database that lives only in this process (tests, `--fresh`). */
  inMemory?: boolean
  /** An already open PGlite instance (tests clone a migrated template). */
  pglite?: PGlite
  /** Connection pool size for PostgreSQL. */
  poolSize?: number
  /** Called with every SQL statement the client sends (benchmarks count statements with it). */
  onQuery?: (sql: string) => void
}

export interface Database {
  kind: DbKind
  prisma: Db
  /** For the schema engine (migrations). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory
  /** The embedded engine, when there is one. */
  pglite?: PGlite
  close(): Promise<void>
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const adapterFactory = new PrismaPg({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 })
    const prisma = createClient(adapterFactory, options.onQuery)
    return { kind: 'postgres', prisma, adapterFactory, close: () => prisma.$disconnect() }
  }
  let pglite = options.pglite
  if (!pglite) {
    if (options.inMemory) {
      pglite = new PGlite()
    } else {
      const dir = options.dataDir ?? './.data'
      mkdirSync(dir, { recursive: true })
      pglite = new PGlite(dir)
    }
  }
  await pglite.waitReady
  const adapterFactory = new PrismaPGlite(pglite)
  const prisma = createClient(adapterFactory, options.onQuery)
  const engine = pglite
  return {
    kind: 'pglite',
    prisma,
    adapterFactory,
    pglite: engine,
    close: async () => {
      await prisma.$disconnect()
      if (!engine.closed) await engine.close()
    },
  }
}

type QueryEvents = { $on(event: 'query', cb: (e: { query: string }) => void): void }

function createClient(adapter: SqlMigrationAwareDriverAdapterFactory, onQuery?: (sql: string) => void): Db {
  if (!onQuery) return new PrismaClient({ adapter })
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
  ;(prisma as unknown as QueryEvents).$on('query', (e) => onQuery(e.query))
  return prisma as unknown as Db
}
