import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../../src/db/client.ts'
import { applyMigrations, defaultMigrationPaths } from '../../../src/db/migrate.ts'
import { DatabaseNotMigrated, pendingMigrations } from '../../../src/db/pending-migrations.ts'
import { prepareDatabase } from '../../../src/db/prepare.ts'
import { testDbKinds } from '../../helpers/db.ts'
import { adminQuery, urlForDatabase } from '../../helpers/postgres-templates.ts'

const allMigrations = readdirSync(defaultMigrationPaths.migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

/** Checks a database that was never migrated, then half migrated, then fully. */
async function checkRefusals(db: Database): Promise<void> {
  expect(allMigrations.length).toBeGreaterThan(1)
  expect(await pendingMigrations(db.sql.query)).toEqual(allMigrations)
  const refused = prepareDatabase(db, { migrate: false, seedWhenEmpty: false })
  await expect(refused).rejects.toBeInstanceOf(DatabaseNotMigrated)
  await expect(refused).rejects.toThrow(/npm run db:migrate/)

  await applyMigrations(db.adapterFactory)
  const newest = allMigrations.at(-1) ?? ''
  await db.sql.query('DELETE FROM _prisma_migrations WHERE migration_name = $1', [newest])
  expect(await pendingMigrations(db.sql.query)).toEqual([newest])
  await expect(prepareDatabase(db, { migrate: false, seedWhenEmpty: false })).rejects.toThrow(newest)

  await db.sql.query(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
     VALUES ($1, 'test', $2, now(), 1)`,
    [randomBytes(8).toString('hex'), newest],
  )
  expect(await pendingMigrations(db.sql.query)).toEqual([])
  await prepareDatabase(db, { migrate: false, seedWhenEmpty: false })
}

describe('start-up on a database that was not migrated', () => {
  it('names the missing migrations on the embedded engine and accepts it once migrated', async () => {
    const db = await openDatabase({ inMemory: true })
    try {
      await checkRefusals(db)
    } finally {
      await db.close()
    }
  })

  describe.each(testDbKinds.filter((kind) => kind === 'postgres'))('on %s', () => {
    async function withEmptyDatabase(work: (url: string) => Promise<void>): Promise<void> {
      const baseUrl = process.env.TEST_DATABASE_URL
      if (!baseUrl) throw new Error('TEST_DATABASE_URL is not set')
      const name = `layan_unmigrated_${randomBytes(4).toString('hex')}`
      await adminQuery(baseUrl, `CREATE DATABASE ${name}`)
      try {
        await work(urlForDatabase(baseUrl, name))
      } finally {
        await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      }
    }

    it('names the missing migrations and accepts it once migrated', async () => {
      await withEmptyDatabase(async (url) => {
        const db = await openDatabase({ databaseUrl: url, poolSize: 2 })
        try {
          await checkRefusals(db)
        } finally {
          await db.close()
        }
      })
    })

    it('npm start exits with the instruction instead of serving errors', async () => {
      await withEmptyDatabase(async (url) => {
        // `npm start`'s own command.
        const app = spawn(process.execPath, ['scripts/start.mjs'], {
          env: {
            ...process.env,
            DATABASE_URL: url,
            PORT: '0',
            LOG_LEVEL: 'info',
            TELEGRAM_BOT_TOKEN: '',
            DISCORD_TOKEN: '',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let output = ''
        app.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8')
        })
        app.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8')
        })
        const code = await new Promise<number | null>((resolve) => app.on('exit', resolve))
        expect(code).toBe(1)
        expect(output).toContain('run `npm run db:migrate`')
        expect(output).toContain(allMigrations[0])
        expect(output).not.toContain('Layan is running')
      })
    }, 60_000)
  })
})
