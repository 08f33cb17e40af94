/**
 * `npm run console:user` as an owner runs it: add an owner and a staff account on an embedded database, list them,
 * refuse a short password and a taken email, and disable an account; the password is stored as Argon2id.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.ts'

const dataDir = mkdtempSync(path.join(tmpdir(), 'layan-console-cli-'))

function cli(args: string[], password = 'correct-horse-battery') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli/console-user.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', CONSOLE_USER_PASSWORD: password, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

describe('npm run console:user', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('adds, lists, refuses and disables accounts', async () => {
    expect(cli(['add', 'Rina@Shop.test', '--owner', '--name', 'Rina'])).toMatchObject({
      code: 0,
      out: 'added rina@shop.test (owner)\n',
    })
    expect(cli(['add', 'budi@shop.test']).code).toBe(0)
    const short = cli(['add', 'dewi@shop.test'], 'short')
    expect(short.code).toBe(1)
    expect(short.err).toMatch(/password/)
    const taken = cli(['add', 'budi@shop.test'])
    expect(taken.code).toBe(1)
    expect(taken.err).toMatch(/already exists/)
    expect(cli(['disable', 'budi@shop.test']).code).toBe(0)
    expect(cli(['list']).out.trim().split('\n')).toEqual([
      'rina@shop.test\towner\tactive\tRina',
      'budi@shop.test\tstaff\tdisabled\tbudi',
    ])
    expect(cli(['remove', 'x']).code).toBe(2)
    const db = await openDatabase({ dataDir })
    try {
      const rina = await db.prisma.consoleUser.findUniqueOrThrow({ where: { email: 'rina@shop.test' } })
      expect(rina.passwordHash).toMatch(/^\$argon2id\$/)
      expect(await db.prisma.auditLog.count({ where: { actor: 'cli', action: 'console_user_added' } })).toBe(2)
    } finally {
      await db.close()
    }
  }, 300_000)
})
