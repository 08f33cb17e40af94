/**
 * kill -9 of the real server while a payment notification is between receipt and effect, then a restart and
 * Midtrans' retry: the payment is applied exactly once (a receipt written apart from its effect would make the
 * retry a "duplicate" and lose the money). The kill lands there deterministically: a stand-in of Midtrans'
 * status API holds its answer until the process is dead. On PostgreSQL the same for a courier event, held by a
 * row lock the test takes on the order.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.ts'
import { testDbKinds } from '../helpers/db.ts'
import { adminQuery, templateNames, urlForDatabase } from '../helpers/postgres-templates.ts'
import { freePort, type ServerProcess, startServer } from '../helpers/processes.ts'

const serverKey = 'SB-Mid-server-crash-test-key'
const order = 'ORD-2025-002'

/** A stand-in of Midtrans' status API that answers a settlement, or holds every answer while `hold` is set. */
async function startMidtransStandIn() {
  const seen: string[] = []
  let hold = true
  const held: ServerResponse[] = []
  const settlement = {
    status_code: '200',
    status_message: 'Success, transaction is found',
    transaction_id: 'crash-trx-1',
    order_id: order,
    payment_type: 'bank_transfer',
    transaction_status: 'settlement',
    fraud_status: 'accept',
    gross_amount: '264000.00',
    currency: 'IDR',
    transaction_time: '2025-11-20 14:00:00',
    settlement_time: '2025-11-20 15:30:00',
    va_numbers: [{ bank: 'bca', va_number: '8808123456789012' }],
  }
  const answer = (res: ServerResponse) => {
    if (res.destroyed) return
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(settlement))
  }
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`)
    req.resume()
    if (hold) held.push(res)
    else answer(res)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** Answers from now on, and releases what is held (to a caller that may be dead). */
    release() {
      hold = false
      for (const res of held.splice(0)) answer(res)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function signedSettlement() {
  const fields = { order_id: order, status_code: '200', gross_amount: '264000.00' }
  const signature_key = createHash('sha512')
    .update(`${fields.order_id}${fields.status_code}${fields.gross_amount}${serverKey}`)
    .digest('hex')
  return {
    ...fields,
    signature_key,
    transaction_status: 'settlement',
    transaction_id: 'crash-trx-1',
    fraud_status: 'accept',
    payment_type: 'bank_transfer',
    transaction_time: '2025-11-20 14:00:00',
    settlement_time: '2025-11-20 15:30:00',
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

interface ProcessDatabase {
  /** What points the process at it. */
  env: Record<string, string>
  /** The PostgreSQL URL; null for the embedded database. */
  url: string | null
  /** Opens it from the test (for the embedded database only while the process is stopped). */
  open(): ReturnType<typeof openDatabase>
  drop(): Promise<void>
}

/** A database of its own for the process: a PostgreSQL copy of the demo template, or a DATA_DIR in a temp folder. */
async function processDatabase(kind: 'pglite' | 'postgres'): Promise<ProcessDatabase> {
  if (kind === 'postgres') {
    const admin = String(process.env.TEST_DATABASE_URL)
    const name = `layan_crash_${process.pid}_${randomBytes(3).toString('hex')}`
    await adminQuery(admin, `CREATE DATABASE ${name} TEMPLATE ${templateNames().demo}`)
    const url = urlForDatabase(admin, name)
    return {
      env: { DATABASE_URL: url },
      url,
      open: () => openDatabase({ databaseUrl: url, poolSize: 2 }),
      drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'layan-crash-'))
  return {
    env: { DATA_DIR: dir },
    url: null,
    open: () => openDatabase({ dataDir: dir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

describe.each(testDbKinds)('a payment notification survives kill -9 of the server (%s)', (kind) => {
  let midtrans: Awaited<ReturnType<typeof startMidtransStandIn>>
  let database: ProcessDatabase
  let app: ServerProcess | undefined
  beforeAll(async () => {
    midtrans = await startMidtransStandIn()
    database = await processDatabase(kind)
  })
  afterAll(async () => {
    await app?.crash()
    await midtrans.close()
    await database.drop()
  })

  const start = () =>
    startServer({ ...database.env, MIDTRANS_SERVER_KEY: serverKey, MIDTRANS_BASE_URL: midtrans.url, LOG_LEVEL: 'warn' })
  const notify = (server: ServerProcess) =>
    fetch(`${server.base}/webhooks/midtrans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signedSettlement()),
    })

  it('is applied exactly once when Midtrans retries after the restart', async () => {
    app = await start()
    await app.ready()
    // The notification is received; the process dies while it waits for the status API.
    const inFlight = notify(app).catch((error: unknown) => error)
    await waitFor(() => midtrans.seen.length === 1, 'the status API call')
    await app.crash()
    expect(await inFlight).toBeInstanceOf(Error)

    midtrans.release()
    app = await start()
    await app.ready()
    const retry = await notify(app)
    expect(retry.status).toBe(200)
    expect(await retry.json()).toEqual({ success: true, result: 'updated' })
    const again = await notify(app)
    expect(await again.json()).toEqual({ success: true, result: 'duplicate' })
    await app.stop()
    app = undefined

    const db = await database.open()
    try {
      const payment = await db.prisma.payment.findFirstOrThrow({ where: { order: { orderNumber: order } } })
      expect(payment.status).toBe('COMPLETED')
      expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: order } })).status).toBe('PROCESSING')
      expect(await db.prisma.notification.count({ where: { kind: 'payment_completed' } })).toBe(1)
      expect(await db.prisma.auditLog.count({ where: { action: 'payment.status' } })).toBe(1)
      expect(await db.prisma.processedEvent.count({ where: { source: 'midtrans' } })).toBe(1)
    } finally {
      await db.close()
    }
  })
})

// Only PostgreSQL lets the test hold a row lock from outside the process, which is what stops the courier event
// between its receipt and its effect.
if (testDbKinds.includes('postgres')) {
  describe('a courier event survives kill -9 of the server (postgres)', () => {
    let database: ProcessDatabase
    let app: ServerProcess | undefined
    const secret = 'courier-crash-secret'
    beforeAll(async () => {
      database = await processDatabase('postgres')
    })
    afterAll(async () => {
      await app?.crash()
      await database.drop()
    })

    const start = () => startServer({ ...database.env, COURIER_WEBHOOK_SECRET: secret, LOG_LEVEL: 'warn' })
    const event = {
      waybill: 'JNE123456789',
      status: 'DELIVERED',
      location: 'Bandung',
      occurredAt: '2025-11-26T05:00:00Z',
      eventId: 'jne-crash-1',
    }
    const send = (server: ServerProcess) =>
      fetch(`${server.base}/webhooks/courier`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-courier-secret': secret },
        body: JSON.stringify(event),
      })

    it('is applied exactly once when the courier retries after the restart', async () => {
      app = await start()
      await app.ready()
      const holder = new pg.Client({ connectionString: String(database.url) })
      await holder.connect()
      try {
        await holder.query('BEGIN')
        await holder.query(`SELECT id FROM "Order" WHERE "orderNumber" = 'ORD-2025-001' FOR UPDATE`)
        const inFlight = send(app).catch((error: unknown) => error)
        // The server's transaction waits for the order's row lock: the event is received, not yet applied.
        await waitFor(async () => {
          const rows = await holder.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          )
          return (rows.rowCount ?? 0) > 0
        }, 'the server to wait for the row lock')
        await app.crash()
        expect(await inFlight).toBeInstanceOf(Error)
        await holder.query('ROLLBACK')
      } finally {
        await holder.end()
      }

      app = await start()
      await app.ready()
      const retry = await send(app)
      expect(await retry.json()).toEqual({ success: true, result: 'updated', status: 'DELIVERED' })
      expect((await (await send(app)).json()).result).toBe('duplicate')
      await app.stop()
      app = undefined

      const db = await database.open()
      try {
        const tracking = await db.prisma.shippingTracking.findUniqueOrThrow({
          where: { trackingNumber: 'JNE123456789' },
          include: { events: true },
        })
        expect(tracking.currentStatus).toBe('DELIVERED')
        expect(tracking.events.filter((e) => e.status === 'DELIVERED')).toHaveLength(1)
        expect(await db.prisma.notification.count({ where: { kind: 'shipping_status' } })).toBe(1)
        expect((await db.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'ORD-2025-001' } })).status).toBe(
          'DELIVERED',
        )
      } finally {
        await db.close()
      }
    })
  })
}
