/**
 * SIGTERM to the real server process, started as `npm start` runs it (`node scripts/start.mjs`, as the Dockerfile
 * does): `/readyz` answers 503 at once while a customer's message is in flight (held by a stand-in of Midtrans'
 * status API), the message is still answered, and the process exits 0. When the grace runs out first, the
 * process exits 1 within it rather than hanging.
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testDbKinds } from '../helpers/db.ts'
import { type ProcessDatabase, processDatabase } from '../helpers/process-database.ts'
import { commandEnv, freePort, type Started, startEntry, stop, waitForHealth } from '../helpers/processes.ts'
import { webChatVisitor } from '../helpers/web-client.ts'

const order = 'ORD-2025-002'

/** Midtrans' status API, answering "pending" after `holdMs` (or never, with Infinity). */
async function startSlowMidtrans() {
  const seen: string[] = []
  let holdMs = 0
  const held: ServerResponse[] = []
  const pending = {
    status_code: '201',
    status_message: 'Success, transaction is found',
    transaction_id: 'shutdown-trx-1',
    order_id: order,
    payment_type: 'bank_transfer',
    transaction_status: 'pending',
    gross_amount: '264000.00',
    currency: 'IDR',
    transaction_time: '2025-11-20 14:00:00',
  }
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    req.resume()
    const answer = () => {
      if (res.destroyed) return
      res.setHeader('content-type', 'application/json')
      res.end(
        JSON.stringify({
          status_code: '201',
          status_message: 'Success, transaction is found',
          transaction_id: 'shutdown-trx-1',
          order_id: order,
          payment_type: 'bank_transfer',
          transaction_status: 'pending',
          gross_amount: '264000.00',
          currency: 'IDR',
          transaction_time: '2025-11-20 14:00:00',
        }),
      )
    }
    if (Number.isFinite(holdMs)) setTimeout(answer, holdMs)
    else held.push(res)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    hold(ms: number) {
      holdMs = ms
    },
    /** Answers what is held (from now on after `holdMs`). */
    release() {
      holdMs = 0
      for (const res of held.splice(0)) {
        if (res.destroyed) continue
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify(pending))
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held.splice(0)) res.destroy()
        server.close(() => resolve())
      }),
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe.each(testDbKinds)('SIGTERM (%s)', (kind) => {
  let midtrans: Awaited<ReturnType<typeof startSlowMidtrans>>
  let database: ProcessDatabase
  let server: Started | undefined
  beforeAll(async () => {
    midtrans = await startSlowMidtrans()
    database = await processDatabase(kind, 'sigterm')
  })
  afterEach(async () => {
    if (server) await stop(server, 'SIGKILL')
    server = undefined
  })
  afterAll(async () => {
    await midtrans.close()
    await database.drop()
  })

  async function start(extra: Record<string, string>) {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    server = startEntry('src/main.ts', kind === 'postgres' ? ['--migrate'] : [], {
      env: commandEnv({
        ...database.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'true',
        MIDTRANS_SERVER_KEY: 'SB-Mid-server-shutdown-test',
        MIDTRANS_BASE_URL: midtrans.url,
        ...extra,
      }),
    })
    await waitForHealth(base, server)
    return { base, server }
  }

  it('readyz is 503 at once, the message in flight is answered, then the process exits 0', async () => {
    const { base, server: proc } = await start({ SHUTDOWN_GRACE_MS: '8000' })
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    const visitor = await webChatVisitor(base)
    expect(await visitor.say(`verifikasi ${order} 7890`)).toContain('Adi Mulyana')
    // The status API holds its answer until the test has seen /readyz turn 503: the message is in flight meanwhile.
    midtrans.hold(Number.POSITIVE_INFINITY)
    const asked = midtrans.seen.length
    const inFlight = visitor.post({ text: `sudah bayar, cek pembayaran ${order}` })
    await waitFor(() => midtrans.seen.length > asked, 'the status request')

    const signalled = Date.now()
    proc.child.kill('SIGTERM')
    // The signal arrives between two turns of the server's event loop: ask until it has.
    let ready = await fetch(`${base}/readyz`)
    while (ready.status === 200 && Date.now() - signalled < 5000) ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(503)
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('shutting_down')
    let settled = false
    void inFlight.then(() => {
      settled = true
    })
    await new Promise((r) => setTimeout(r, 50))
    expect(settled).toBe(false) // not ready any more while the message is still being answered
    midtrans.release()

    const answer = await inFlight
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as { replies: { text: string }[] }
    expect(body.replies.map((r) => r.text).join('\n')).toContain(order)
    const code = await proc.exited
    if (code !== 0) console.error(proc.output().slice(-3000))
    expect(code).toBe(0)
    expect(Date.now() - signalled).toBeLessThan(8000 + 2000) // the grace, and a busy machine's margin
    expect(proc.output()).toContain('"msg":"stopped"')
    // Nothing listens any more.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow()
  }, 180_000)

  it('when the grace runs out first, the process exits 1 within it instead of hanging', async () => {
    const { base, server: proc } = await start({ SHUTDOWN_GRACE_MS: '1500' })
    const visitor = await webChatVisitor(base)
    expect(await visitor.say(`verifikasi ${order} 7890`)).toContain('Adi Mulyana')
    midtrans.hold(Number.POSITIVE_INFINITY)
    const asked = midtrans.seen.length
    const inFlight = visitor.post({ text: `cek pembayaran ${order}` }).catch(() => null)
    await waitFor(() => midtrans.seen.length > asked, 'the status request')
    const signalled = Date.now()
    proc.child.kill('SIGTERM')
    expect(await proc.exited).toBe(1)
    const took = Date.now() - signalled
    expect(took).toBeGreaterThanOrEqual(1400)
    expect(took).toBeLessThan(4000)
    expect(proc.output()).toContain('shutdown grace ran out')
    await inFlight
  }, 180_000)
})
