/**
 * Console passwords: Argon2id hashes (@node-rs/argon2, prebuilt binaries, no install step), with the library's
 * defaults (19 MiB memory, 2 passes, the OWASP minimum) and the parameters kept in the hash string.
 */
import { hash, verify } from '@node-rs/argon2'

/** Argon2id in @node-rs/argon2's `Algorithm` (a const enum, which isolated modules cannot read). */
const argon2id = 2

/** Shortest password the console accepts. */
export const minPasswordLength = 10

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: argon2id })
}

/** False for a wrong password and for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash of nothing anyone knows, verified against when the email is unknown so both answers take as long. */
let decoy: Promise<string> | null = null
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`)
  return decoy
}
