/**
 * A database of its own for a server process: a PostgreSQL copy of the demo template, or a DATA_DIR in a temp
 * folder (the embedded database, created from the demo snapshot at the process's first start).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../src/db/client.ts'
import { adminQuery, templateNames, urlForDatabase } from './postgres-templates.ts'

export interface ProcessDatabase {
  /** What points the process at it. */
  env: Record<string, string>
  /** The PostgreSQL URL; null for the embedded database. */
  url: string | null
  /** The temp folder (the embedded database's DATA_DIR lives in it as `data`), also a place for other files. */
  dir: string
  /** Opens it from the test (for the embedded database only while no process holds it). */
  open(): ReturnType<typeof openDatabase>
  drop(): Promise<void>
}

export async function processDatabase(kind: 'pglite' | 'postgres', label = 'proc'): Promise<ProcessDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), `layan-${label}-`))
  if (kind === 'postgres') {
    const admin = String(process.env.TEST_DATABASE_URL)
    const name = `layan_${label}_${process.pid}_${randomBytes(3).toString('hex')}`
    await adminQuery(admin, `CREATE DATABASE ${name} TEMPLATE ${templateNames().demo}`)
    const url = urlForDatabase(admin, name)
    return {
      env: { DATABASE_URL: url },
      url,
      dir,
      open: () => openDatabase({ databaseUrl: url, poolSize: 2 }),
      drop: async () => {
        await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const dataDir = path.join(dir, 'data')
  return {
    env: { DATA_DIR: dataDir },
    url: null,
    dir,
    open: () => openDatabase({ dataDir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}
