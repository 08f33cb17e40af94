/**
 * `npm run db:restore -- FILE [--replace]`: restores a backup into DATA_DIR (embedded) or DATABASE_URL (PostgreSQL)
 * when that holds no database yet; with --replace also over one that does (the old embedded folder is kept beside
 * it). Stop the server first; the next start checks the migrations as always.
 */
import { loadConfig } from '../../config.ts'
import { restoreBackup } from './restore.ts'

const args = process.argv.slice(2)
const replace = args.includes('--replace')
const file = args.find((arg) => !arg.startsWith('--'))

if (!file) {
  process.stderr.write('usage: npm run db:restore -- FILE [--replace]\n')
  process.exit(2)
}
try {
  const config = loadConfig()
  const result = await restoreBackup({
    file,
    dataDir: config.DATA_DIR,
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
    ...(config.BACKUP_ENCRYPTION_KEY ? { encryptionKey: config.BACKUP_ENCRYPTION_KEY } : {}),
    replace,
  })
  if (result.previous) process.stderr.write(`the database that was there is kept in ${result.previous}\n`)
  process.stderr.write(`restored ${file} into ${result.into}; start the server as usual\n`)
} catch (error) {
  process.stderr.write(`restore refused: ${(error as Error).message}\n`)
  process.exitCode = 1
}
