/**
 * Opens the database: embedded PGlite (persisted in a folder, or in memory) when no URL is given, PostgreSQL
 * through node-postgres otherwise. Both get the same Prisma client and the same migrations. A new embedded database
 * is made from a pre-built snapshot when one is asked for (snapshot.ts), and runs with a smaller buffer cache than
 * PGlite's default (`pgliteStartParams`).
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '../generated/prisma/client.ts'
import type { Logger } from '../logger.ts'
import { acquireDataDir, type DataDirLock, DataDirUnusable, lockFileName } from './data-dir.ts'
import { moveDemoClock, readSnapshot, type SnapshotKind } from './snapshot.ts'
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
  /** Who holds the data directory's lock (data-dir-lock.ts), as other commands will name it. Default `layan`. */
  role?: string
  /**
   * An embedded database created by this call (a new data directory, or in memory) starts from this pre-built
   * snapshot when a current one exists (snapshot.ts); otherwise it is created empty, which takes far longer.
   */
  snapshot?: SnapshotKind
  /** How long the embedded database in `dataDir` may take to open (default 30 s). */
  openTimeoutMs?: number
  /** Reports the steps of creating an embedded database, which a first start waits for. */
  log?: Logger
  /** The creation time a database made from the demo snapshot is dated to (default: now). */
  now?: Date
}

/** How an embedded database that did not exist before this call was made. */
export type Created = { from: 'snapshot'; kind: SnapshotKind; ms: number } | { from: 'initdb'; ms: number }

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
  /** Set when this call created the embedded database. */
  created?: Created
  close(): Promise<void>
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    // The PostgreSQL driver is loaded only for PostgreSQL; the embedded database does without it.
    const [{ default: pg }, { PrismaPg }] = await Promise.all([import('pg'), import('@prisma/adapter-pg')])
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
  let created: Created | undefined
  try {
    if (pglite) {
      await pglite.waitReady
    } else {
      const dir = options.inMemory ? undefined : (options.dataDir ?? './.data')
      // Checks the folder and throws DataDirUnusable (DataDirInUse when another process has it open).
      if (dir) lock = acquireDataDir(dir, options.role ?? 'layan')
      ;({ pglite, created } = await openEmbedded(dir, options))
    }
  } catch (error) {
    lock?.release()
    throw error
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
    ...(created ? { created } : {}),
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

/**
 * PostgreSQL's settings for the embedded engine: PGlite's own, with a buffer cache of 32 MB instead of 128 MB. The
 * cache is allocated in the WebAssembly memory at start, so its size is most of an idle server's memory; a shop's
 * working set fits in 32 MB, and the operating system caches the files beneath it.
 */
export const pgliteStartParams: readonly string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB']

/** Marks a data directory whose creation has not finished; a start that finds it creates the database again. */
const creatingMarker = 'layan.creating'

/**
 * Opens the embedded engine in `dir` (or in memory), creating the database there when it does not exist yet: from
 * a snapshot when one is asked for and current, else from nothing (initdb).
 */
async function openEmbedded(
  dir: string | undefined,
  options: DatabaseOptions,
): Promise<{ pglite: PGlite; created?: Created }> {
  // Options as one object: PGlite ignores the second argument when the first (the folder) is undefined.
  const settings = { startParams: [...pgliteStartParams] }
  if (dir && existsSync(path.join(dir, 'PG_VERSION')) && !existsSync(path.join(dir, creatingMarker))) {
    return { pglite: await openExisting(dir, settings, options.openTimeoutMs ?? 30_000) }
  }
  if (dir) prepareNewDataDir(dir)
  const started = performance.now()
  const snapshot = options.snapshot ? readSnapshot(options.snapshot) : undefined
  const where = dir ? `in ${dir}` : 'in memory'
  if (snapshot && 'archive' in snapshot) {
    options.log?.info(`creating the embedded database ${where} from the ${snapshot.kind} snapshot`)
  } else {
    const why = snapshot ? ` (no snapshot: ${snapshot.unusable})` : ''
    options.log?.info(`creating the embedded database ${where}${why}; this takes 5 to 30 seconds`)
  }
  const pglite =
    snapshot && 'archive' in snapshot
      ? new PGlite({ dataDir: dir, ...settings, loadDataDir: snapshot.archive })
      : new PGlite({ dataDir: dir, ...settings })
  await pglite.waitReady
  if (snapshot && 'archive' in snapshot && snapshot.kind === 'demo') {
    await moveDemoClock(pglite, snapshot.seededAt, options.now ?? new Date())
  }
  if (dir) rmSync(path.join(dir, creatingMarker), { force: true })
  const ms = Math.round(performance.now() - started)
  const created: Created =
    snapshot && 'archive' in snapshot ? { from: 'snapshot', kind: snapshot.kind, ms } : { from: 'initdb', ms }
  options.log?.info({ ms }, `embedded database created ${where}`)
  return { pglite, created }
}

/** Opens the database already in `dir`, or says in one sentence why it cannot (never waits for ever). */
async function openExisting(dir: string, settings: { startParams: string[] }, timeoutMs: number): Promise<PGlite> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new DataDirUnusable(`DATA_DIR ${dir}: the embedded database did not open within ${timeoutMs / 1000} s`)),
      timeoutMs,
    )
  })
  try {
    const pglite = new PGlite({ dataDir: dir, ...settings })
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
 * Readies a folder for a new database. It must be empty apart from our lock; what an interrupted creation left
 * (the marker says so) is removed. Any other content is refused, so a mistyped DATA_DIR never loses files.
 */
function prepareNewDataDir(dir: string): void {
  const entries = readdirSync(dir).filter((name) => name !== lockFileName)
  if (entries.includes(creatingMarker)) {
    for (const name of entries) rmSync(path.join(dir, name), { recursive: true, force: true })
  } else if (entries.length > 0) {
    throw new DataDirUnusable(
      `DATA_DIR ${dir} holds files but no database: point DATA_DIR at an empty or new folder for the embedded database`,
    )
  }
  writeFileSync(path.join(dir, creatingMarker), `${new Date().toISOString()}\n`)
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
