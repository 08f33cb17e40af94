/**
 * The embedded database's folder (DATA_DIR), checked before PGlite touches it, so a folder that cannot work ends
 * the start within seconds with one sentence saying why, instead of a stack trace or a hang:
 *
 * - created one level at a time (a recursive mkdir can loop for ever on a pseudo file system such as /proc);
 * - must be a directory we can write to (a probe file is written and removed);
 * - held with a lock file while open, so a second Layan process cannot open the same database (two PostgreSQL
 *   servers on one data folder corrupt it); a lock left by a process that is gone is taken over.
 *
 * @example const lock = acquireDataDir('./.data'); … lock.release()
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'

/** DATA_DIR cannot be used; the message says why and what to do. */
export class DataDirUnusable extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DataDirUnusable'
  }
}

export const lockFileName = 'layan.lock'

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

/** Takes the folder's lock file, or says which process holds it. */
function takeLock(dir: string, lockPath: string): void {
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx')
      writeFileSync(fd, mine)
      closeSync(fd)
      return
    } catch (error) {
      if (code(error) !== 'EEXIST') throw new DataDirUnusable(`DATA_DIR ${dir} is not writable (${code(error)})`)
    }
    let holder: { pid?: unknown; host?: unknown } = {}
    try {
      holder = JSON.parse(readFileSync(lockPath, 'utf8'))
    } catch {
      // An unreadable lock is a leftover: taken over below.
    }
    const pid = typeof holder.pid === 'number' ? holder.pid : null
    const sameHost = holder.host === hostname()
    if (pid !== null && pid !== process.pid && (!sameHost || isRunning(pid))) {
      const where = sameHost ? `process ${pid}` : `process ${pid} on ${String(holder.host)}`
      throw new DataDirUnusable(
        `DATA_DIR ${dir} is in use by another Layan ${where}; stop it or point DATA_DIR elsewhere (remove ${lockPath} only if that process is gone)`,
      )
    }
    rmSync(lockPath, { force: true })
  }
  throw new DataDirUnusable(`DATA_DIR ${dir}: the lock file ${lockPath} could not be taken`)
}

export interface DataDirLock {
  /** Removes the lock file (when it is still ours). */
  release(): void
}

/**
 * Makes DATA_DIR ready for the embedded database and locks it for this process.
 * @throws DataDirUnusable with a message fit to show as it is
 */
export function acquireDataDir(dir: string): DataDirLock {
  ensureDirectory(dir)
  const probe = path.join(dir, `.layan-write-test-${process.pid}`)
  try {
    writeFileSync(probe, 'ok')
    rmSync(probe, { force: true })
  } catch (error) {
    throw new DataDirUnusable(`DATA_DIR ${dir} is not writable (${code(error)})`)
  }
  const lockPath = path.join(dir, lockFileName)
  takeLock(dir, lockPath)
  let released = false
  return {
    release() {
      if (released) return
      released = true
      try {
        const holder = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid?: unknown }
        if (holder.pid === process.pid) rmSync(lockPath, { force: true })
      } catch {
        // Already gone.
      }
    },
  }
}
