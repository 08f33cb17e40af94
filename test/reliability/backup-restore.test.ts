/**
 * Backup and restore as an operator runs them, around a real server process: a conversation, a cancel (the bot API)
 * and a payment (a signed Midtrans notification, confirmed by a stand-in of its status API) happen; `npm run
 * db:backup` runs while the server holds the database (the embedded one is dumped by the server itself, over its
 * local control route); `npm run db:restore` refuses a place that holds a database and restores into a fresh one;
 * a server starts on the restored copy; all three are there.
 *
 * The PostgreSQL variant needs a pg_dump at least the server's major version (CI's system PostgreSQL has one); where
 * none is found it is skipped by name.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isEncrypted } from '../../src/db/backup/crypto.ts'
import { findPgTool, serverMajor } from '../../src/db/backup/postgres.ts'
import { openDatabase } from '../../src/db/client.ts'
import { adminQuery, urlForDatabase } from '../helpers/postgres-templates.ts'
import { type ProcessDatabase, processDatabase } from '../helpers/process-database.ts'
import { commandEnv, freePort, runToEnd, type Started, startEntry, stop, waitForHealth } from '../helpers/processes.ts'
import { webChatVisitor } from '../helpers/web-client.ts'

const serverKey = 'SB-Mid-server-backup-test'
const botToken = 'bot-token-for-backup-test-0123456789'
const encryptionKey = 'backup-key-for-tests-0123456789'

const pgDumpFound = await findPgTool('pg_dump', await serverMajor(String(process.env.TEST_DATABASE_URL))).then(
  () => true,
  () => false,
)

async function startMidtransStandIn() {
  const server: Server = createServer((req, res) => {
    req.resume()
    res.setHeader('content-type', 'application/json')
    res.end(
      JSON.stringify({
        status_code: '200',
        status_message: 'Success, transaction is found',
        transaction_id: 'backup-trx-1',
        order_id: 'ORD-2025-002',
        payment_type: 'bank_transfer',
        transaction_status: 'settlement',
        fraud_status: 'accept',
        gross_amount: '264000.00',
        currency: 'IDR',
        transaction_time: '2025-11-20 14:00:00',
        settlement_time: '2025-11-20 15:30:00',
      }),
    )
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) }
}

function signedSettlement() {
  const fields = { order_id: 'ORD-2025-002', status_code: '200', gross_amount: '264000.00' }
  const signature_key = createHash('sha512')
    .update(`${fields.order_id}${fields.status_code}${fields.gross_amount}${serverKey}`)
    .digest('hex')
  return {
    ...fields,
    signature_key,
    transaction_status: 'settlement',
    transaction_id: 'backup-trx-1',
    fraud_status: 'accept',
    payment_type: 'bank_transfer',
    transaction_time: '2025-11-20 14:00:00',
    settlement_time: '2025-11-20 15:30:00',
  }
}

const variants = [
  { kind: 'pglite' as const, name: 'embedded database (encrypted backup)', run: true },
  {
    kind: 'postgres' as const,
    name: pgDumpFound
      ? 'PostgreSQL with pg_dump'
      : 'PostgreSQL with pg_dump (not run: no pg_dump at least the server version here)',
    run: pgDumpFound,
  },
]

describe.each(variants)('backup and restore: $name', ({ kind, run }) => {
  let midtrans: Awaited<ReturnType<typeof startMidtransStandIn>>
  let database: ProcessDatabase
  let server: Started | undefined
  let restoredUrl: string | null = null
  beforeAll(async () => {
    if (!run) return
    midtrans = await startMidtransStandIn()
    database = await processDatabase(kind, 'backup')
  })
  afterAll(async () => {
    if (!run) return
    if (server) await stop(server, 'SIGKILL')
    await midtrans.close()
    await database.drop()
    if (restoredUrl)
      await adminQuery(
        String(process.env.TEST_DATABASE_URL),
        `DROP DATABASE IF EXISTS layan_restored_${process.pid} WITH (FORCE)`,
      )
  })

  const backupDir = () => path.join(database.dir, 'backups')
  const envFor = (target: Record<string, string>) => ({
    ...target,
    BACKUP_DIR: backupDir(),
    ...(kind === 'pglite' ? { BACKUP_ENCRYPTION_KEY: encryptionKey } : {}),
  })

  async function start(target: Record<string, string>) {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    server = startEntry('src/main.ts', kind === 'postgres' ? ['--migrate'] : [], {
      env: commandEnv({
        ...envFor(target),
        PORT: String(port),
        SEED_DEMO: 'true',
        BOT_API_TOKEN: botToken,
        MIDTRANS_SERVER_KEY: serverKey,
        MIDTRANS_BASE_URL: midtrans.url,
      }),
    })
    await waitForHealth(base, server)
    return { base, proc: server }
  }

  it.skipIf(!run)(
    'backs up a cancel, a payment and a conversation while the server runs, restores into a fresh place and finds all three',
    async () => {
      const { base, proc } = await start(database.env)
      const visitor = await webChatVisitor(base)
      expect(await visitor.say('verifikasi ORD-2025-002 7890')).toContain('Adi Mulyana')
      expect(await visitor.say('tolong lacak ORD-2025-001 ya')).toContain('JNE123456789')
      const cancel = await fetch(`${base}/api/bot/order/cancel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: 'cust-siti', orderNumber: 'ORD-2025-005', reason: 'backup test' }),
      })
      expect(cancel.status).toBe(200)
      const paid = await fetch(`${base}/webhooks/midtrans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signedSettlement()),
      })
      expect(paid.status).toBe(200)

      const backup = await runToEnd('npm', ['run', '--silent', 'db:backup'], {
        env: commandEnv(envFor(database.env)),
        input: '',
      })
      expect(backup.code, backup.err).toBe(0)
      const file = backup.out.at(-1) as string
      expect(path.dirname(file)).toBe(backupDir())
      expect(existsSync(file)).toBe(true)
      if (kind === 'pglite') {
        expect(backup.err).toContain('asking the running server')
        expect(isEncrypted(readFileSync(file))).toBe(true)
        // Personal data is not readable in the file.
        expect(readFileSync(file).includes('Adi Mulyana')).toBe(false)
      }
      expect(await stop(proc)).toBe(0)
      server = undefined

      // The place that holds a database is refused without --replace.
      const refused = await runToEnd('npm', ['run', '--silent', 'db:restore', '--', file], {
        env: commandEnv(envFor(database.env)),
        input: '',
      })
      expect(refused.code).toBe(1)
      expect(refused.err).toMatch(/already holds/)

      let target: Record<string, string>
      if (kind === 'postgres') {
        const admin = String(process.env.TEST_DATABASE_URL)
        await adminQuery(admin, `CREATE DATABASE layan_restored_${process.pid}`)
        restoredUrl = urlForDatabase(admin, `layan_restored_${process.pid}`)
        target = { DATABASE_URL: restoredUrl }
      } else {
        target = { DATA_DIR: path.join(database.dir, 'restored') }
      }
      const restored = await runToEnd('npm', ['run', '--silent', 'db:restore', '--', file], {
        env: commandEnv(envFor(target)),
        input: '',
      })
      expect(restored.code, restored.err).toBe(0)

      // A server starts on the restored copy (the usual migration check passes) and answers.
      const { base: again, proc: second } = await start(target)
      expect((await fetch(`${again}/readyz`)).status).toBe(200)
      const status = await fetch(`${again}/api/bot/order/summary`, {
        method: 'POST',
        headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: 'cust-siti' }),
      })
      expect(status.status).toBe(200)
      expect(await stop(second)).toBe(0)
      server = undefined

      const db = await (restoredUrl
        ? openDatabase({ databaseUrl: restoredUrl, poolSize: 2 })
        : openDatabase({ dataDir: target.DATA_DIR as string }))
      try {
        const cancelled = await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-005' } })
        expect(cancelled.status).toBe('CANCELLED')
        const order = await db.prisma.order.findUniqueOrThrow({
          where: { orderNumber: 'ORD-2025-002' },
          include: { payment: true },
        })
        expect(order.payment?.status).toBe('COMPLETED')
        const said = await db.prisma.message.findMany({ where: { text: { contains: 'lacak ORD-2025-001' } } })
        expect(said).toHaveLength(1)
      } finally {
        await db.close()
      }
    },
    300_000,
  )
})
