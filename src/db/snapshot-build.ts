/**
 * Makes the database snapshots (see snapshot.ts): one in-memory database is migrated and archived as `empty`,
 * then seeded with the demo shop and archived as `demo`. Files are written beside their final names and renamed,
 * so a process reading them never sees half a file.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { openDatabase } from './client.ts'
import { applyMigrations } from './migrate.ts'
import { seedDemoShop } from './seed.ts'
import {
  currentSnapshotMeta,
  type SnapshotMeta,
  snapshotDir,
  snapshotFile,
  snapshotInputsDigest,
  snapshotMetaFile,
} from './snapshot.ts'

function writeAtomically(file: string, data: Uint8Array | string): void {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, data)
  renameSync(temporary, file)
}

/** Builds both snapshots into `dir`. */
export async function buildSnapshots(dir: string = snapshotDir): Promise<void> {
  mkdirSync(dir, { recursive: true })
  const inputs = snapshotInputsDigest()
  const db = await openDatabase({ inMemory: true })
  try {
    const pglite = db.pglite
    if (!pglite) throw new Error('expected the embedded database')
    await applyMigrations(db.adapterFactory)
    await pglite.exec('CHECKPOINT')
    writeAtomically(snapshotFile('empty', dir), await archive(pglite))
    const seededAt = new Date()
    await seedDemoShop(db.prisma, seededAt)
    await pglite.exec('CHECKPOINT')
    writeAtomically(snapshotFile('demo', dir), await archive(pglite))
    const meta: SnapshotMeta = { inputs, seededAt: seededAt.toISOString() }
    writeAtomically(snapshotMetaFile(dir), `${JSON.stringify(meta)}\n`)
  } finally {
    await db.close()
  }
}

async function archive(pglite: PGlite): Promise<Uint8Array> {
  return new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer())
}

/** Builds the snapshots unless current ones exist; returns whether it built them. */
export async function ensureSnapshots(dir: string = snapshotDir): Promise<boolean> {
  if ('meta' in currentSnapshotMeta(dir)) return false
  await buildSnapshots(dir)
  return true
}
