/**
 * PGlite test databases start from data-directory dumps made once per test run by the global setup, so a test
 * file neither runs initdb nor replays migrations: loading a dump and cloning it takes about a second. The dumps
 * come from the build's database snapshots (src/db/snapshot.ts; the demo one dated to this run's start), the way
 * a first `npm start` makes its database; without current snapshots they are created, migrated and seeded here.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '../../src/db/client.ts'
import { prepareDatabase } from '../../src/db/prepare.ts'

export type PgliteTemplateKind = 'empty' | 'demo'

export function pgliteDumpPath(kind: PgliteTemplateKind): string {
  return path.join(tmpdir(), `layan-test-${process.env.LAYAN_TEST_RUN ?? 'dev'}-${kind}.tar`)
}

/** An in-memory database with the schema (and for `demo` the demo shop), as a first start would make it. */
export async function openPgliteTemplate(kind: PgliteTemplateKind): Promise<PGlite> {
  const db = await openDatabase({ inMemory: true, snapshot: kind })
  await prepareDatabase(db, { migrate: true, seedWhenEmpty: kind === 'demo' })
  await db.prisma.$disconnect()
  if (!db.pglite) throw new Error('expected the embedded database')
  return db.pglite
}

export async function buildPgliteDumps(): Promise<void> {
  for (const kind of ['empty', 'demo'] as const) {
    const pg = await openPgliteTemplate(kind)
    const blob = await pg.dumpDataDir('none')
    writeFileSync(pgliteDumpPath(kind), Buffer.from(await blob.arrayBuffer()))
    await pg.close()
  }
}

export async function loadPgliteDump(kind: PgliteTemplateKind): Promise<PGlite> {
  const pg = new PGlite({ loadDataDir: new Blob([readFileSync(pgliteDumpPath(kind))]) })
  await pg.waitReady
  return pg
}
