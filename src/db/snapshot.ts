/**
 * Pre-built embedded databases. Creating a PGlite database from nothing runs initdb (5–30 s and some 800 MB on a
 * small machine), then the migrations through the schema engine (about a second) and the demo shop through Prisma
 * (about two). The build does this once (snapshot-build.ts) and keeps two archives of the data directory in
 * `dist/snapshots/`: `empty` (migrated) and `demo` (migrated and holding the demo shop). A new embedded database
 * (a fresh DATA_DIR, `--fresh`, the tests' templates) is unpacked from one of them in about a second.
 *
 * The demo shop has rows dated relative to seeding time (ORD-2025-002 and -005 created then, the VA payment that
 * expires 24 h later, ORD-2025-006 created five days before and delivered two days before, every creation time). A
 * database made from the demo snapshot gets them moved to its own creation time (`moveDemoClock`), so it is what
 * seeding it then would have made.
 *
 * A snapshot is used only while it matches what it was made from (the schema, the migrations, the demo data and
 * its seeding code, PGlite's version); otherwise the database is created from nothing, so a stale snapshot costs
 * time, never correctness. `npm run build` refreshes them, and `npm start` does after a change.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { z } from 'zod'
import { projectPath } from '../project-root.ts'
import { demoDatedBeforeSeedingMs } from './demo-shop.ts'
import { utcTimestamp } from './sql.ts'

export type SnapshotKind = 'empty' | 'demo'

export const snapshotDir = projectPath('dist', 'snapshots')

export const snapshotMetaSchema = z.object({
  /** Digest of everything the snapshots are made from (`snapshotInputsDigest`). */
  inputs: z.string(),
  /** The `now` the demo snapshot was seeded with. */
  seededAt: z.iso.datetime(),
})
export type SnapshotMeta = z.infer<typeof snapshotMetaSchema>

export function snapshotFile(kind: SnapshotKind, dir: string = snapshotDir): string {
  return path.join(dir, `${kind}.tar.gz`)
}

export function snapshotMetaFile(dir: string = snapshotDir): string {
  return path.join(dir, 'snapshots.json')
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  let dir = path.dirname(entry)
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir)
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '?'
}

/** A digest of what the snapshots are made from: schema, migrations, demo data and seeding code, PGlite. */
export function snapshotInputsDigest(): string {
  const hash = createHash('sha256')
  const add = (name: string, file: string) => {
    hash.update(`${name}\0`)
    hash.update(existsSync(file) ? readFileSync(file) : 'missing')
    hash.update('\0')
  }
  hash.update(`pglite ${pgliteVersion()}\0`)
  add('schema', projectPath('prisma', 'schema.prisma'))
  const migrations = projectPath('prisma', 'migrations')
  for (const name of readdirSync(migrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()) {
    add(name, path.join(migrations, name, 'migration.sql'))
  }
  add('demo-shop', projectPath('src', 'db', 'demo-shop.ts'))
  add('seed', projectPath('src', 'db', 'seed.ts'))
  return hash.digest('hex')
}

/** The snapshots' description, when they exist and were made from what the code has now. */
export function currentSnapshotMeta(dir: string = snapshotDir): { meta: SnapshotMeta } | { unusable: string } {
  let meta: SnapshotMeta
  try {
    meta = snapshotMetaSchema.parse(JSON.parse(readFileSync(snapshotMetaFile(dir), 'utf8')))
  } catch {
    return { unusable: 'none built (`npm run build` makes them)' }
  }
  if (meta.inputs !== snapshotInputsDigest()) {
    return { unusable: 'the schema, migrations or demo data changed since it was built (`npm run build`)' }
  }
  return { meta }
}

export interface Snapshot {
  kind: SnapshotKind
  /** The archive of the data directory, for PGlite's `loadDataDir`. */
  archive: Blob
  seededAt: Date
}

/** The snapshot of that kind, or why there is none to use. */
export function readSnapshot(kind: SnapshotKind, dir: string = snapshotDir): Snapshot | { unusable: string } {
  const current = currentSnapshotMeta(dir)
  if ('unusable' in current) return current
  let archive: Buffer
  try {
    archive = readFileSync(snapshotFile(kind, dir))
  } catch {
    return { unusable: `${snapshotFile(kind, dir)} is missing (\`npm run build\`)` }
  }
  return { kind, archive: new Blob([new Uint8Array(archive)]), seededAt: new Date(current.meta.seededAt) }
}

/**
 * Moves every time in the database from `demoDatedBeforeSeedingMs` before `from` (the demo shop's seeding time) on by
 * `to - from`, as if it had been seeded at `to`; the fixed 2025 dates of the demo lie long before and keep theirs.
 * Migration history (tables starting with `_`) keeps its times.
 */
export async function moveDemoClock(pglite: PGlite, from: Date, to: Date): Promise<void> {
  const shiftMs = to.getTime() - from.getTime()
  if (shiftMs === 0) return
  const { rows } = await pglite.query<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type LIKE 'timestamp%' AND table_name NOT LIKE '\\_%'
     ORDER BY table_name, column_name`,
  )
  const byTable = new Map<string, string[]>()
  for (const row of rows) byTable.set(row.table, [...(byTable.get(row.table) ?? []), row.column])
  const since = `'${utcTimestamp(new Date(from.getTime() - demoDatedBeforeSeedingMs))}'::timestamp(3)`
  const shift = `'${shiftMs} milliseconds'::interval`
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
  const statements = [...byTable].map(([table, columns]) => {
    const sets = columns.map(
      (c) => `${quote(c)} = CASE WHEN ${quote(c)} >= ${since} THEN ${quote(c)} + ${shift} ELSE ${quote(c)} END`,
    )
    const where = columns.map((c) => `${quote(c)} >= ${since}`).join(' OR ')
    return `UPDATE ${quote(table)} SET ${sets.join(', ')} WHERE ${where};`
  })
  await pglite.exec(`BEGIN;\n${statements.join('\n')}\nCOMMIT;`)
}
