/**
 * The embedded database's folder (DATA_DIR), checked before PGlite touches it, so a folder that cannot work ends
 * the start within seconds with one sentence saying why, instead of a stack trace or a hang:
 *
 * - created one level at a time (a recursive mkdir can loop for ever on a pseudo file system such as /proc);
 * - must be a directory we can write to (a probe file is written and removed);
 * - one writer at a time: PGlite keeps no lock of its own, and two processes on one folder lose each other's writes
 *   (or corrupt it). Every process that opens the folder first takes `layan.lock` inside it, a file created
 *   exclusively that names the holder (process id, host, start time, what it is) and, for a running server, where
 *   its local control routes answer and the token they require (the file is readable by its owner only), so the
 *   terminal chat can talk to that server instead. A lock whose process is gone is taken over.
 *
 * @example const lock = acquireDataDir('./.data', 'server'); … lock.release()
 */
import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'
import { z } from 'zod'

/** DATA_DIR cannot be used; the message says why and what to do. */
export class DataDirUnusable extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DataDirUnusable'
  }
}

export const lockFileName = 'layan.lock'

const holderSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.string(),
  /** What holds it: `server` (npm start) or the command's name. */
  role: z.string(),
  /** The server's local control base URL and bearer token, once it listens. */
  control: z.object({ url: z.string(), token: z.string() }).optional(),
})

export type LockHolder = z.infer<typeof holderSchema>

/** Another live process holds the folder. The message never includes the control token. */
export class DataDirInUse extends DataDirUnusable {
  readonly code = 'data_dir_in_use'
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const what = holder.role === 'server' ? 'a running Layan server' : `\`${holder.role}\``
    const where = holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`
    super(
      `The embedded database in DATA_DIR ${dataDir} is in use by ${what} (${where}, since ${holder.startedAt}). ` +
        `One process at a time may write to it: stop that one first, or point DATA_DIR elsewhere.`,
    )
    this.name = 'DataDirInUse'
  }
}

export interface DataDirLock {
  holder: LockHolder
  /** Records where this server's local control routes answer (for commands that find the folder held). */
  advertise(control: { url: string; token: string }): void
  /** Removes the lock file (when it is still ours). */
  release(): void
}

function code(error: unknown): string {
  return (error as { code?: string }).code ?? 'unknown error'
}

/** Creates the folder and its missing parents, one level at a time. */
function ensureDirectory(dir: string): void {
  const missing: string[] = []
  let current = path.resolve(dir)
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) {
        throw new DataDirUnusable(`DATA_DIR ${dir}: ${current} exists and is not a folder`)
      }
      break
    } catch (error) {
      if (error instanceof DataDirUnusable) throw error
      if (code(error) !== 'ENOENT')
        throw new DataDirUnusable(`DATA_DIR ${dir}: cannot read ${current} (${code(error)})`)
      missing.unshift(current)
      const parent = path.dirname(current)
      if (parent === current) break
      current = parent
    }
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder)
    } catch (error) {
      if (code(error) === 'EEXIST') continue
      throw new DataDirUnusable(`DATA_DIR ${dir}: cannot create ${folder} (${code(error)})`)
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return code(error) === 'EPERM'
  }
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(lockPath, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The live holder of the folder's lock, or null when it is free or its holder is gone. */
export function readDataDirLock(dir: string): LockHolder | null {
  const holder = readHolder(path.join(dir, lockFileName))
  if (!holder || holder.pid === process.pid) return null
  // A lock written on another host (a shared folder) cannot be checked from here: it counts as held.
  return holder.host !== hostname() || isRunning(holder.pid) ? holder : null
}

function takeLock(dir: string, lockPath: string, holder: LockHolder): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600)
      writeFileSync(fd, JSON.stringify(holder))
      closeSync(fd)
      return
    } catch (error) {
      if (code(error) !== 'EEXIST') throw new DataDirUnusable(`DATA_DIR ${dir} is not writable (${code(error)})`)
    }
    const live = readDataDirLock(dir)
    if (live) throw new DataDirInUse(dir, live)
    rmSync(lockPath, { force: true }) // a leftover of a process that is gone, or unreadable
  }
  throw new DataDirUnusable(`DATA_DIR ${dir}: the lock file ${lockPath} could not be taken`)
}

/**
 * Makes DATA_DIR ready for the embedded database and locks it for this process; `role` names this process to
 * whoever finds the folder held.
 * @throws DataDirUnusable (DataDirInUse when another live process holds it) with a message fit to show as it is
 */
export function acquireDataDir(dir: string, role: string): DataDirLock {
  ensureDirectory(dir)
  const probe = path.join(dir, `.layan-write-test-${process.pid}`)
  try {
    writeFileSync(probe, 'ok')
    rmSync(probe, { force: true })
  } catch (error) {
    throw new DataDirUnusable(`DATA_DIR ${dir} is not writable (${code(error)})`)
  }
  const lockPath = path.join(dir, lockFileName)
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), role }
  takeLock(dir, lockPath, holder)
  let released = false
  const ours = () => {
    const current = readHolder(lockPath)
    return current?.pid === holder.pid && current.startedAt === holder.startedAt
  }
  return {
    holder,
    advertise(control) {
      holder.control = control
      const temporary = `${lockPath}.${process.pid}.tmp`
      writeFileSync(temporary, JSON.stringify(holder), { mode: 0o600 })
      renameSync(temporary, lockPath)
    },
    release() {
      if (released) return
      released = true
      // Only our own lock is removed (a takeover after a long pause must not be undone).
      if (ours()) rmSync(lockPath, { force: true })
    },
  }
}

/** A fresh bearer token for the local control routes. */
export function newControlToken(): string {
  return randomBytes(24).toString('base64url')
}
