import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BackupKeyError, decryptBackup, encryptBackup, isEncrypted } from '../../../../src/db/backup/crypto.ts'
import {
  backupFileName,
  defaultBackupDir,
  listBackups,
  pruneBackups,
  resolveBackupDir,
} from '../../../../src/db/backup/files.ts'
import { backupKindOf } from '../../../../src/db/backup/restore.ts'

describe('backup files', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('BACKUP_DIR defaults beside the data directory and is refused inside it', () => {
    expect(defaultBackupDir('/srv/layan/.data')).toBe('/srv/layan/backups')
    expect(resolveBackupDir(undefined, '/srv/layan/.data')).toBe('/srv/layan/backups')
    expect(resolveBackupDir('/mnt/disk2/layan', '/srv/layan/.data')).toBe('/mnt/disk2/layan')
    expect(() => resolveBackupDir('/srv/layan/.data/backups', '/srv/layan/.data')).toThrow(/inside DATA_DIR/)
    expect(() => resolveBackupDir('/srv/layan/.data', '/srv/layan/.data')).toThrow(/inside DATA_DIR/)
    expect(resolveBackupDir('/srv/layan/.data-backups', '/srv/layan/.data')).toBe('/srv/layan/.data-backups')
  })

  it('names sort by time; listing is newest first; pruning keeps the newest', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'layan-files-'))
    const times = ['2026-01-01T00:00:00.000Z', '2026-01-02T03:04:05.006Z', '2026-01-03T00:00:00.000Z']
    for (const at of times) writeFileSync(path.join(dir, backupFileName('embedded', new Date(at), false)), 'x')
    writeFileSync(path.join(dir, backupFileName('postgres', new Date(times[0] as string), true)), 'y')
    writeFileSync(path.join(dir, 'notes.txt'), 'not a backup')
    const listed = listBackups(dir)
    expect(listed.map((b) => b.at.toISOString())).toEqual([times[2], times[1], times[0], times[0]])
    expect(listed[0]?.file).toMatch(/layan-embedded-20260103T000000000Z\.tar\.gz$/)
    const removed = pruneBackups(dir, 'embedded', 2)
    expect(removed).toHaveLength(1)
    expect(listBackups(dir).filter((b) => b.kind === 'embedded')).toHaveLength(2)
    expect(listBackups(dir).filter((b) => b.kind === 'postgres')).toHaveLength(1)
  })

  it('encrypts so that only the same key restores; a plain backup passes through', () => {
    const plain = Buffer.from([0x1f, 0x8b, 1, 2, 3, ...Buffer.from('Adi Mulyana +6281234567890')])
    const sealed = encryptBackup(plain, 'a-key-of-sixteen-chars')
    expect(isEncrypted(sealed)).toBe(true)
    expect(sealed.includes('Adi Mulyana')).toBe(false)
    expect(decryptBackup(sealed, 'a-key-of-sixteen-chars')).toEqual(plain)
    expect(() => decryptBackup(sealed, 'another-key-of-16-chars')).toThrow(BackupKeyError)
    expect(() => decryptBackup(sealed, undefined)).toThrow(/BACKUP_ENCRYPTION_KEY/)
    expect(decryptBackup(plain, undefined)).toEqual(plain)
    expect(backupKindOf(plain)).toBe('embedded')
    expect(backupKindOf(Buffer.from('PGDMP\x01\x0e'))).toBe('postgres')
    expect(backupKindOf(Buffer.from('hello'))).toBeNull()
  })
})
