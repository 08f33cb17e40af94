/**
 * PGlite test databases start from data-directory dumps made once per test run by the global setup (migrated
 * through the wasm schema engine, and seeded), so a test file does not replay migrations: loading a dump and
 * cloning it takes about a second.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { openDatabase } from '../../src/db/client.ts'
import { applyMigrations } from '../../src/db/migrate.ts'
import { seedDemoShop } from '../../src/db/seed.ts'

export function pgliteDumpPath(kind: 'empty' | 'demo'): string {
  return path.join(tmpdir(), `layan-test-${process.env.LAYAN_TEST_RUN ?? 'dev'}-${kind}.tar`)
}

async function dump(pg: PGlite, file: string): Promise<void> {
  const blob = await pg.dumpDataDir('none')
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()))
}

export async function buildPgliteDumps(): Promise<void> {
  const pg = new PGlite()
  await applyMigrations(new PrismaPGlite(pg))
  await dump(pg, pgliteDumpPath('empty'))
  const db = await openDatabase({ pglite: pg })
  await seedDemoShop(db.prisma)
  await db.prisma.$disconnect()
  await dump(pg, pgliteDumpPath('demo'))
  await pg.close()
}

export async function loadPgliteDump(kind: 'empty' | 'demo'): Promise<PGlite> {
  const pg = new PGlite({ loadDataDir: new Blob([readFileSync(pgliteDumpPath(kind))]) })
  await pg.waitReady
  return pg
}
