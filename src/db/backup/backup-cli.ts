/**
 * `npm run db:backup`: writes one backup into BACKUP_DIR and prints its path on standard output (messages go to
 * standard error).
 *
 * - PostgreSQL (DATABASE_URL): pg_dump in its custom format, with a pg_dump at least the server's version.
 * - Embedded database: when a running server holds DATA_DIR (its lock file says so, and where to ask), that server
 *   takes the backup over its local control route, pausing writes for the moment of the dump; otherwise this
 *   command opens the folder itself (locking it meanwhile).
 */
import { loadConfig } from '../../config.ts'
import { openDatabase } from '../client.ts'
import { DataDirInUse, readDataDirLock } from '../data-dir.ts'
import { type BackupResult, takeBackup } from './backup.ts'
import { holdsEmbeddedDatabase } from './embedded.ts'
import { resolveBackupDir } from './files.ts'

async function viaServer(url: string, token: string): Promise<BackupResult> {
  const response = await fetch(`${url}/local/backup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(10 * 60_000),
  })
  const body = (await response.json().catch(() => null)) as (BackupResult & { error?: { message?: string } }) | null
  if (!response.ok || !body?.file) {
    throw new Error(
      `the running server could not take the backup: ${body?.error?.message ?? `HTTP ${response.status}`}`,
    )
  }
  return body
}

async function main(): Promise<BackupResult> {
  const config = loadConfig()
  const settings = {
    dir: resolveBackupDir(config.BACKUP_DIR, config.DATA_DIR),
    ...(config.BACKUP_ENCRYPTION_KEY ? { encryptionKey: config.BACKUP_ENCRYPTION_KEY } : {}),
    ...(config.BACKUP_KEEP ? { keep: config.BACKUP_KEEP } : {}),
  }
  if (config.DATABASE_URL) return takeBackup({ kind: 'postgres', url: config.DATABASE_URL }, settings)
  const holder = readDataDirLock(config.DATA_DIR)
  if (holder?.role === 'server' && holder.control) {
    process.stderr.write(`asking the running server (process ${holder.pid}) to take the backup\n`)
    return viaServer(holder.control.url, holder.control.token)
  }
  if (holder) throw new DataDirInUse(config.DATA_DIR, holder)
  if (!holdsEmbeddedDatabase(config.DATA_DIR)) {
    throw new Error(`DATA_DIR ${config.DATA_DIR} holds no database to back up`)
  }
  const db = await openDatabase({ dataDir: config.DATA_DIR, role: 'db:backup' })
  try {
    if (!db.pglite) throw new Error('the embedded database did not open')
    return await takeBackup({ kind: 'embedded', pglite: db.pglite }, settings)
  } finally {
    await db.close()
  }
}

try {
  const result = await main()
  process.stderr.write(
    `backup written: ${result.bytes} bytes in ${result.ms} ms${result.encrypted ? ', encrypted' : ''}\n`,
  )
  process.stdout.write(`${result.file}\n`)
} catch (error) {
  process.stderr.write(`backup failed: ${(error as Error).message}\n`)
  process.exitCode = 1
}
