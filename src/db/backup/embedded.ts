/**
 * The embedded database (PGlite) as one gzipped tarball of its data directory. The dump is taken with writes
 * paused: after a checkpoint, inside PGlite's transaction lock, so no statement or transaction is half done in
 * it; a restore starts PostgreSQL on it like after a clean stop. (Debian's pg_dump cannot read PGlite's newer
 * PostgreSQL, and PGlite's own tarball restores byte for byte.)
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pgliteStartParams } from '../client.ts'
import { lockFileName } from '../data-dir.ts'

/** The tarball of a running embedded database, taken with writes paused for the moment of the dump. */
export async function dumpEmbedded(pglite: PGlite): Promise<Buffer> {
  await pglite.exec('CHECKPOINT')
  const blob = await pglite._runExclusiveTransaction(() => pglite.dumpDataDir('gzip'))
  return Buffer.from(await blob.arrayBuffer())
}

/** True when `dir` holds an embedded database already. */
export function holdsEmbeddedDatabase(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'))
}

/** Whether `dir` has anything but our lock file in it. */
export function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).filter((name) => name !== lockFileName).length === 0
  } catch {
    return true
  }
}

/** Unpacks a tarball into `dir` (which must be empty) and checks that PostgreSQL starts on it. */
export async function restoreEmbedded(dir: string, tarball: Buffer): Promise<void> {
  const pglite = new PGlite({
    dataDir: dir,
    startParams: [...pgliteStartParams],
    loadDataDir: new Blob([new Uint8Array(tarball)]),
  })
  await pglite.waitReady
  await pglite.query('SELECT 1')
  await pglite.close()
}
