/**
 * Where backups go and what they are called. BACKUP_DIR defaults to `backups/` beside the data directory, never
 * inside it (a backup inside the folder it protects is lost with it, and the folder must stay PGlite's alone).
 * Names sort by time: `layan-<embedded|postgres>-<UTC timestamp>.<tar.gz|pgdump>[.enc]`.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'

export type BackupKind = 'embedded' | 'postgres'

export function defaultBackupDir(dataDir: string): string {
  return path.join(path.dirname(path.resolve(dataDir)), 'backups')
}

/** BACKUP_DIR, or the default; refuses a folder inside the data directory. */
export function resolveBackupDir(backupDir: string | undefined, dataDir: string): string {
  const dir = path.resolve(backupDir ?? defaultBackupDir(dataDir))
  const data = path.resolve(dataDir)
  const relative = path.relative(data, dir)
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new Error(`BACKUP_DIR ${dir} is inside DATA_DIR ${data}: choose a folder outside it (another disk is best)`)
  }
  return dir
}

const pattern = /^layan-(embedded|postgres)-(\d{8}T\d{6}(?:\d{3})?Z)\.(tar\.gz|pgdump)(\.enc)?$/

export function backupFileName(kind: BackupKind, at: Date, encrypted: boolean): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '')
  return `layan-${kind}-${stamp}.${kind === 'embedded' ? 'tar.gz' : 'pgdump'}${encrypted ? '.enc' : ''}`
}

export interface BackupEntry {
  file: string
  kind: BackupKind
  at: Date
  bytes: number
}

function parseStamp(stamp: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(stamp)
  if (!m) return new Date(Number.NaN)
  const [, y, mo, d, h, mi, s, ms] = m
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms ?? '000'}Z`)
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): BackupEntry[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .flatMap((name) => {
      const m = pattern.exec(name)
      if (!m) return []
      const file = path.join(dir, name)
      return [{ file, kind: m[1] as BackupKind, at: parseStamp(m[2] as string), bytes: statSync(file).size }]
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime())
}

/** Removes all but the newest `keep` backups of `kind`; returns the removed files. */
export function pruneBackups(dir: string, kind: BackupKind, keep: number): string[] {
  const old = listBackups(dir)
    .filter((entry) => entry.kind === kind)
    .slice(keep)
  for (const entry of old) rmSync(entry.file, { force: true })
  return old.map((entry) => entry.file)
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true })
}
