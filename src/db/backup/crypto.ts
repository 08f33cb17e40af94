/**
 * Optional encryption of backup files (they hold customers' names, phone numbers and addresses): AES-256-GCM with a
 * key derived by scrypt from BACKUP_ENCRYPTION_KEY and a random salt. The file starts with a magic line, so a restore
 * knows an encrypted backup without being told and refuses it when the key is missing or wrong.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'

const magic = Buffer.from('LAYAN-BACKUP-AES256GCM-1\n')
const saltBytes = 16
const ivBytes = 12
const tagBytes = 16

export class BackupKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupKeyError'
  }
}

function keyFor(passphrase: string, salt: Buffer): Buffer {
  return scryptSync(passphrase, salt, 32)
}

export function isEncrypted(data: Buffer): boolean {
  return data.subarray(0, magic.length).equals(magic)
}

export function encryptBackup(data: Buffer, passphrase: string): Buffer {
  const salt = randomBytes(saltBytes)
  const iv = randomBytes(ivBytes)
  const cipher = createCipheriv('aes-256-gcm', keyFor(passphrase, salt), iv)
  const body = Buffer.concat([cipher.update(data), cipher.final()])
  return Buffer.concat([magic, salt, iv, cipher.getAuthTag(), body])
}

/** The plain backup; throws BackupKeyError when it is encrypted and the key is missing or wrong. */
export function decryptBackup(data: Buffer, passphrase: string | undefined): Buffer {
  if (!isEncrypted(data)) return data
  if (!passphrase)
    throw new BackupKeyError('this backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with')
  const ivAt = magic.length + saltBytes
  const tagAt = ivAt + ivBytes
  const bodyAt = tagAt + tagBytes
  const salt = data.subarray(magic.length, ivAt)
  const iv = data.subarray(ivAt, tagAt)
  const tag = data.subarray(tagAt, bodyAt)
  const decipher = createDecipheriv('aes-256-gcm', keyFor(passphrase, salt), iv)
  decipher.setAuthTag(tag)
  try {
    return Buffer.concat([decipher.update(data.subarray(bodyAt)), decipher.final()])
  } catch {
    throw new BackupKeyError(
      'this backup cannot be decrypted with BACKUP_ENCRYPTION_KEY (a different key, or a damaged file)',
    )
  }
}
