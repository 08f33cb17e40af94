/**
 * Opens the database: embedded PGlite (persisted in a folder, or in memory) when no URL is given, PostgreSQL
 * through node-postgres otherwise. Both get the same Prisma client and the same migrations.
 */
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '../generated/prisma/client.ts'
import { acquireDataDir, type DataDirLock, DataDirUnusable } from './data-dir.ts'
import { pgliteSql, postgresSql, preparedStatementNames, type SqlClient } from './sql.ts'

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
  /** Who holds the data directory's lock (data-dir.ts), as other commands will name it. Default `layan`. */
  role?: string
  /** How long the embedded database in `dataDir` may take to open (default 30 s). */
  openTimeoutMs?: number
}

export interface Database {
  kind: DbKind
  prisma: Db
  /** Plain SQL on the same connections, for the per-message hot path (see sql.ts). */
  sql: SqlClient
  /** For the schema engine (migrations). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory
  /** The embedded engine, when there is one. */
  pglite?: PGlite
  /** The data directory's single-writer lock, for an embedded database on disk. */
  lock?: DataDirLock
  close(): Promise<void>
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    // One pool for Prisma and plain SQL, so the pool size bounds every connection this process opens.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 })
    pool.on('error', () => undefined) // an idle connection the server dropped; the pool replaces it
    const onQuery = options.onQuery
    if (onQuery) pool.on('connect', (client) => countStatements(client, onQuery))
    const statementNames = preparedStatementNames()
    const adapterFactory = new PrismaPg(pool, { statementNameGenerator: statementNames })
    const prisma = createClient(adapterFactory)
    return {
      kind: 'postgres',
      prisma,
      sql: postgresSql(pool, statementNames),
      adapterFactory,
      close: async () => {
        await prisma.$disconnect()
        await pool.end()
      },
    }
  }
  let pglite = options.pglite
  let lock: DataDirLock | undefined
  if (!pglite) {
    if (options.inMemory) {
      pglite = new PGlite()
      await pglite.waitReady
    } else {
      const dir = options.dataDir ?? './.data'
      // Throws DataDirInUse when another process has the folder open.
      lock = acquireDataDir(dir, options.role ?? 'layan')
      try {
        pglite = await openPglite(dir, options.openTimeoutMs ?? 30_000)
      } catch (error) {
        lock.release()
        throw error
      }
    }
  } else {
    await pglite.waitReady
  }
  const adapterFactory = new PrismaPGlite(pglite)
  const prisma = createClient(adapterFactory, options.onQuery)
  const engine = pglite
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteSql(engine, options.onQuery),
    adapterFactory,
    pglite: engine,
    ...(lock ? { lock } : {}),
    close: async () => {
      try {
        await prisma.$disconnect()
        if (!engine.closed) await engine.close()
      } finally {
        lock?.release()
      }
    },
  }
}

/** Opens the embedded database in `dir`, or says in one sentence why it cannot (never waits for ever). */
async function openPglite(dir: string, timeoutMs: number): Promise<PGlite> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new DataDirUnusable(`DATA_DIR ${dir}: the embedded database did not open within ${timeoutMs / 1000} s`)),
      timeoutMs,
    )
  })
  try {
    const pglite = new PGlite(dir)
    await Promise.race([pglite.waitReady, timeout])
    return pglite
  } catch (error) {
    if (error instanceof DataDirUnusable) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new DataDirUnusable(
      `DATA_DIR ${dir} does not hold a usable embedded database (${reason}); point DATA_DIR at an empty folder or restore a backup`,
    )
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Sees every statement a PostgreSQL connection sends (Prisma's, plain SQL, BEGIN/COMMIT) at the driver, which
 * costs nothing measurable, unlike Prisma's query events.
 */
function countStatements(client: pg.PoolClient, onQuery: (sql: string) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  ;(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0]
    onQuery(typeof first === 'string' ? first : String((first as { text?: string } | null)?.text ?? ''))
    return query(...args)
  }
}

type QueryEvents = { $on(event: 'query', cb: (e: { query: string }) => void): void }

function createClient(adapter: SqlMigrationAwareDriverAdapterFactory, onQuery?: (sql: string) => void): Db {
  // 'minimal' errors: otherwise every query captures a stack trace up front to point at its call site, which
  // costs more CPU than building the query. Our errors are mapped and logged by the services anyway.
  if (!onQuery) return new PrismaClient({ adapter, errorFormat: 'minimal' })
  const prisma = new PrismaClient({ adapter, errorFormat: 'minimal', log: [{ emit: 'event', level: 'query' }] })
  ;(prisma as unknown as QueryEvents).$on('query', (e) => onQuery(e.query))
  return prisma as unknown as Db
}
