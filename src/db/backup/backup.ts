/**
 * Taking a backup: the embedded database's tarball (writes paused) or PostgreSQL's pg_dump, optionally encrypted,
 * written under a temporary name and renamed when complete (a half-written file is never taken for a backup), then
 * the oldest beyond BACKUP_KEEP removed.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { encryptBackup } from './crypto.ts'
import { dumpEmbedded } from './embedded.ts'
import { type BackupKind, backupFileName, ensureDir, pruneBackups } from './files.ts'
import { dumpPostgres } from './postgres.ts'

export interface BackupSettings {
  /** The resolved BACKUP_DIR (files.ts). */
  dir: string
  /** BACKUP_ENCRYPTION_KEY. */
  encryptionKey?: string
  /** Backups of this kind kept; older ones are removed after a new one is written. Unset: all kept. */
  keep?: number
  now?: () => Date
}

export interface BackupResult {
  file: string
  bytes: number
  kind: BackupKind
  encrypted: boolean
  ms: number
}

export type BackupSource = { kind: 'embedded'; pglite: PGlite } | { kind: 'postgres'; url: string }

export async function takeBackup(source: BackupSource, settings: BackupSettings): Promise<BackupResult> {
  const started = performance.now()
  ensureDir(settings.dir)
  const at = (settings.now ?? (() => new Date()))()
  const encrypted = Boolean(settings.encryptionKey)
  const file = path.join(settings.dir, backupFileName(source.kind, at, encrypted))
  const partial = `${file}.partial`
  try {
    if (source.kind === 'embedded') {
      const tarball = await dumpEmbedded(source.pglite)
      writeFileSync(partial, settings.encryptionKey ? encryptBackup(tarball, settings.encryptionKey) : tarball, {
        mode: 0o600,
      })
    } else {
      await dumpPostgres(source.url, partial)
      if (settings.encryptionKey) {
        writeFileSync(partial, encryptBackup(readFileSync(partial), settings.encryptionKey), { mode: 0o600 })
      }
    }
    renameSync(partial, file)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  if (settings.keep) pruneBackups(settings.dir, source.kind, settings.keep)
  return { file, bytes: statSync(file).size, kind: source.kind, encrypted, ms: Math.round(performance.now() - started) }
}
