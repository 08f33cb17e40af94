/**
 * One writer per embedded database. PGlite keeps no lock of its own, and two processes on one data directory
 * lose each other's writes, so every process that opens the directory first takes `layan.lock` inside it: a file
 * created exclusively, naming the holder (process id, host, start time) and, for a running server, where its local
 * control routes answer and the token they require (the file is readable by its owner only).
 *
 * A lock whose process is gone (killed, crashed) is stale and taken over.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'
import { z } from 'zod'

export const lockFileName = 'layan.lock'

const holderSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.string(),
  /** What holds it: `server` (npm start) or another command. */
  role: z.string(),
  /** The server's local control base URL and bearer token, once it listens. */
  control: z.object({ url: z.string(), token: z.string() }).optional(),
})

export type LockHolder = z.infer<typeof holderSchema>

export class DataDirInUse extends Error {
  readonly code = 'data_dir_in_use'
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by ${holder.role === 'server' ? 'a running Layan server' : `\`${holder.role}\``} ` +
        `(process ${holder.pid}, since ${holder.startedAt}). One process at a time may write to it: stop that one first.`,
    )
  }
}

export interface DataDirLock {
  holder: LockHolder
  /** Records where this server's local control routes answer (for commands that find the directory held). */
  advertise(control: { url: string; token: string }): void
  release(): void
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The live holder of the directory's lock, or null when it is free or its holder is gone. */
export function readDataDirLock(dataDir: string): LockHolder | null {
  let raw: string
  try {
    raw = readFileSync(path.join(dataDir, lockFileName), 'utf8')
  } catch {
    return null
  }
  let parsed: ReturnType<typeof holderSchema.safeParse>
  try {
    parsed = holderSchema.safeParse(JSON.parse(raw))
  } catch {
    return null
  }
  if (!parsed.success) return null
  const holder = parsed.data
  // A lock written on another host (a shared folder) cannot be checked from here: treat it as held.
  if (holder.host !== hostname()) return holder
  return alive(holder.pid) && holder.pid !== process.pid ? holder : null
}

function writeHolder(file: string, holder: LockHolder): void {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(holder), { mode: 0o600 })
  renameSync(temporary, file)
}

/** Takes the directory's lock or throws DataDirInUse naming the holder. */
export function acquireDataDirLock(dataDir: string, role: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, lockFileName)
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), role }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeFileSync(fd, JSON.stringify(holder))
      closeSync(fd)
      let released = false
      return {
        holder,
        advertise(control) {
          holder.control = control
          writeHolder(file, holder)
        },
        release() {
          if (released) return
          released = true
          // Only our own lock is removed (a takeover after a long pause must not be undone).
          const current = (() => {
            try {
              return JSON.parse(readFileSync(file, 'utf8')) as { pid?: number; startedAt?: string }
            } catch {
              return null
            }
          })()
          if (current?.pid === holder.pid && current.startedAt === holder.startedAt) rmSync(file, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const live = readDataDirLock(dataDir)
      if (live) throw new DataDirInUse(dataDir, live)
      rmSync(file, { force: true }) // stale: its process is gone
    }
  }
  throw new Error(`could not take the lock of ${dataDir}`)
}

/** A fresh bearer token for the local control routes. */
export function newControlToken(): string {
  return randomBytes(24).toString('base64url')
}
