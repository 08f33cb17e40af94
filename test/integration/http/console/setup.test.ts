/**
 * GET /console/api/setup: what the shop still has to connect and the state of its knowledge files, for signed-in
 * staff only; a refused knowledge file is named with its section and line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { buildConsoleServer, type ConsoleServer, signIn, staffEmail } from '../../../helpers/console.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../../helpers/http.ts'

describe.each(testDbKinds)('console set-up card (%s)', (kind) => {
  let db: Database
  let server: ConsoleServer
  let dir: string
  afterEach(async () => {
    await server.app.close()
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it(
    'lists the gaps of an empty shop and the refused knowledge files, to signed-in staff only',
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'layan-console-knowledge-'))
      db = await createTestDatabase(kind, { seed: false })
      server = await buildConsoleServer(db, { env: { KNOWLEDGE_DIR: dir, KNOWLEDGE_CHECK_SECONDS: '0' } })
      expect((await server.app.inject({ method: 'GET', url: '/console/api/setup' })).statusCode).toBe(401)

      const staff = await signIn(server.app, staffEmail)
      const read = async () => {
        const res = await server.app.inject({ method: 'GET', url: '/console/api/setup', cookies: staff.cookies })
        expect(res.statusCode).toBe(200)
        return res.json() as {
          gaps: { key: string; hint: string }[]
          knowledge: { source: string; files: string[]; problems: string[] }
        }
      }
      const empty = await read()
      expect(empty.gaps.map((g) => g.key)).toEqual(['products', 'shopName', 'knowledge', 'staffChannel'])
      expect(empty.gaps.find((g) => g.key === 'knowledge')?.hint).toContain(dir)
      expect(empty.knowledge).toMatchObject({ source: 'none', files: [], problems: [] })

      writeFileSync(join(dir, 'shop.md'), '## Jam / Hours {#hours}\nSenin–Jumat 09.00–17.00 WIB.\n')
      writeFileSync(join(dir, 'payment.md'), '## Rekening / Accounts {#bank-accounts}\n- BCA menyusul a.n. Toko\n')
      const written = await read()
      expect(written.gaps.map((g) => g.key)).not.toContain('knowledge')
      expect(written.knowledge.source).toBe('files')
      expect(written.knowledge.files).toEqual(['shop.md'])
      expect(written.knowledge.problems).toEqual([
        expect.stringMatching(/^payment\.md, section "Rekening \/ Accounts", line 2: a bank account is written/),
      ])
    },
    firstDatabaseTimeoutMs,
  )
})
