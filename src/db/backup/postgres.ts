/**
 * PostgreSQL backups with `pg_dump` in its custom format (compressed, restored with `pg_restore`). pg_dump refuses a
 * server newer than itself, so one at least the server's major version is looked for on PATH and in Debian's
 * /usr/lib/postgresql/<major>/bin; without one the message names the version needed.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

export class PgToolMissing extends Error {
  constructor(
    readonly tool: 'pg_dump' | 'pg_restore',
    readonly neededMajor: number,
    found: string[],
  ) {
    super(
      `${tool} ${neededMajor} or newer is needed for this PostgreSQL ${neededMajor} server` +
        (found.length
          ? ` (found only: ${found.join(', ')})`
          : ' (none found on PATH or in /usr/lib/postgresql/*/bin)') +
        `: install the PostgreSQL ${neededMajor} client tools (Debian: postgresql-client-${neededMajor})`,
    )
    this.name = 'PgToolMissing'
  }
}

export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
    return Math.floor(Number(rows[0]?.v) / 10_000)
  } finally {
    await client.end()
  }
}

async function versionOf(binary: string): Promise<number | null> {
  try {
    const { stdout } = await run(binary, ['--version'])
    const m = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^\d]*/, ''))
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

function candidates(tool: string): string[] {
  const found = new Set<string>([tool])
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    for (const version of readdirSync(root)) {
      const binary = path.join(root, version, 'bin', tool)
      if (existsSync(binary)) found.add(binary)
    }
  }
  return [...found]
}

/** The newest `tool` of at least `major`, or throws PgToolMissing naming the version needed. */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', major: number): Promise<string> {
  const seen: { binary: string; version: number }[] = []
  for (const binary of candidates(tool)) {
    const version = await versionOf(binary)
    if (version !== null) seen.push({ binary, version })
  }
  const usable = seen.filter((s) => s.version >= major).sort((a, b) => b.version - a.version)[0]
  if (!usable)
    throw new PgToolMissing(
      tool,
      major,
      seen.map((s) => `${s.binary} (${s.version})`),
    )
  return usable.binary
}

/**
 * The connection for pg_dump and pg_restore without the password on their command line (where `ps` shows it): the
 * password goes in PGPASSWORD.
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

/** A failed pg tool's message, with no connection string in it. */
function toolFailure(tool: string, error: unknown): Error {
  const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message)
  return new Error(
    `${tool} failed: ${stderr
      .replace(/postgres(?:ql)?:\/\/\S+/g, '[database url]')
      .trim()
      .slice(0, 500)}`,
  )
}

/** Writes a custom-format dump of the database at `url` to `file`. */
export async function dumpPostgres(url: string, file: string): Promise<void> {
  const pgDump = await findPgTool('pg_dump', await serverMajor(url))
  const { dbname, env } = connection(url)
  await run(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`], {
    env,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: unknown) => {
    throw toolFailure('pg_dump', error)
  })
}

/** Number of tables in the database's public schema: 0 means it holds no database of ours yet. */
export async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public'",
    )
    return Number(rows[0]?.n ?? 0)
  } finally {
    await client.end()
  }
}

/** Restores a custom-format dump into the database at `url`; `replace` drops what is there first. */
export async function restorePostgres(url: string, file: string, replace: boolean): Promise<void> {
  const pgRestore = await findPgTool('pg_restore', await serverMajor(url))
  const { dbname, env } = connection(url)
  const args = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`]
  if (replace) args.push('--clean', '--if-exists')
  await run(pgRestore, [...args, file], { env, maxBuffer: 16 * 1024 * 1024 }).catch((error: unknown) => {
    throw toolFailure('pg_restore', error)
  })
}
