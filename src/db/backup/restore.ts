/**
 * Restoring a backup into a place that holds no database yet: an empty DATA_DIR, or a PostgreSQL database without
 * tables. A place that holds one is refused unless `replace` is given; then the embedded database's old folder is
 * kept beside it (renamed, never deleted) and PostgreSQL's tables are dropped by pg_restore first. The start after
 * a restore runs the usual pending-migration check.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { acquireDataDir, DataDirInUse, readDataDirLock } from '../data-dir.ts'
import { decryptBackup } from './crypto.ts'
import { holdsEmbeddedDatabase, isEmptyDir, restoreEmbedded } from './embedded.ts'
import { restorePostgres, tableCount } from './postgres.ts'

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RestoreRefused'
  }
}

export interface RestoreOptions {
  file: string
  /** DATABASE_URL: restore into PostgreSQL; else into `dataDir`. */
  databaseUrl?: string
  dataDir: string
  replace?: boolean
  encryptionKey?: string
  now?: () => Date
}

export interface RestoreResult {
  into: string
  kind: 'embedded' | 'postgres'
  /** Where the replaced embedded database was moved. */
  previous?: string
}

/** What a (decrypted) backup holds: a gzip tarball of PGlite's folder, or pg_dump's custom format. */
export function backupKindOf(data: Buffer): 'embedded' | 'postgres' | null {
  if (data[0] === 0x1f && data[1] === 0x8b) return 'embedded'
  if (data.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres'
  return null
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const data = decryptBackup(readFileSync(options.file), options.encryptionKey)
  const kind = backupKindOf(data)
  if (!kind)
    throw new RestoreRefused(`${options.file} is not a Layan backup (neither an embedded tarball nor a pg_dump)`)
  if (options.databaseUrl) {
    if (kind !== 'postgres') {
      throw new RestoreRefused(
        `${options.file} is a backup of the embedded database: unset DATABASE_URL to restore it into DATA_DIR`,
      )
    }
    const tables = await tableCount(options.databaseUrl)
    if (tables > 0 && !options.replace) {
      throw new RestoreRefused(
        `the database at DATABASE_URL already holds ${tables} tables: restore into an empty database, or add --replace to drop them first`,
      )
    }
    const scratch = mkdtempSync(path.join(tmpdir(), 'layan-restore-'))
    const plain = path.join(scratch, 'backup.pgdump')
    try {
      writeFileSync(plain, data, { mode: 0o600 })
      await restorePostgres(options.databaseUrl, plain, tables > 0)
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
    return { into: 'DATABASE_URL', kind }
  }
  if (kind !== 'embedded') {
    throw new RestoreRefused(
      `${options.file} is a PostgreSQL backup: set DATABASE_URL to the database to restore it into`,
    )
  }
  const dir = path.resolve(options.dataDir)
  const holder = readDataDirLock(dir)
  if (holder) throw new DataDirInUse(dir, holder)
  let previous: string | undefined
  if (holdsEmbeddedDatabase(dir) || !isEmptyDir(dir)) {
    if (!options.replace) {
      throw new RestoreRefused(
        `DATA_DIR ${dir} already holds a database: restore into an empty folder, or add --replace (the current one is kept beside it)`,
      )
    }
    const stamp = (options.now ?? (() => new Date()))().toISOString().replace(/[-:.]/g, '')
    previous = `${dir}.before-restore-${stamp}`
    renameSync(dir, previous)
  }
  const lock = acquireDataDir(dir, 'db:restore')
  try {
    await restoreEmbedded(dir, data)
  } finally {
    lock.release()
  }
  return { into: dir, kind, ...(previous ? { previous } : {}) }
}
