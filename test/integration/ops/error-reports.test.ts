/**
 * Error reports against a local stand-in of Sentry's envelope endpoint (the DSN `http://key@127.0.0.1:PORT/1` posts
 * to `/api/1/envelope/`, gzipped above 32 KiB). Each kind is provoked through the real parts: a 5xx answer of the
 * HTTP server, a tool that fails unexpectedly in the real core, a gateway that cannot be reached, an outbox row that
 * ends FAILED, and an unhandled error that ends a real process. What arrived holds the error and no personal data or
 * secret.
 */
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app.ts'
import type { AnyTool } from '../../../src/core/tool-invoker.ts'
import { createOfflinePaymentGateway } from '../../../src/gateways/payment-offline.ts'
import { buildServer } from '../../../src/http/server.ts'
import { silentLogger } from '../../../src/logger.ts'
import {
  createErrorReporter,
  type ErrorReporter,
  reportingObserver,
  reportServerErrors,
} from '../../../src/ops/error-reports.ts'
import { countingFetch } from '../../../src/ops/instrument.ts'
import { createMetrics } from '../../../src/ops/metrics.ts'
import { tools as registry } from '../../../tools/index.ts'
import { inbound } from '../../helpers/core.ts'
import { createTestDatabase } from '../../helpers/db.ts'
import { commandEnv, freePort, projectRoot } from '../../helpers/processes.ts'
import { buildServices } from '../../helpers/services.ts'

const phone = '+6281234567890'
const email = 'adi.mulyana@example.com'
const street = 'Jl. Sudirman No. 12 RT 03'
const secret = 'Bearer sk-live-abcdefghijklmnopqrstuvwxyz012345'

interface Arrived {
  gzip: boolean
  text: string
}

async function startEnvelopeStandIn() {
  const arrived: Arrived[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const gzip = req.headers['content-encoding'] === 'gzip'
      if (req.method === 'POST' && req.url?.startsWith('/api/1/envelope/')) {
        arrived.push({ gzip, text: (gzip ? gunzipSync(raw) : raw).toString('utf8') })
      }
      res.statusCode = 200
      res.end('{}')
    })
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { port, arrived, close: () => new Promise<void>((r) => server.close(() => r())) }
}

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 15_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function expectNoPersonalData(text: string) {
  expect(text).not.toContain('81234567890')
  expect(text).not.toContain('adi.mulyana@')
  expect(text).not.toContain('Sudirman')
  expect(text).not.toContain('sk-live-abcdefghij')
  expect(text).not.toContain('token=hunter2')
}

describe('error reports (Sentry envelope stand-in)', () => {
  let standIn: Awaited<ReturnType<typeof startEnvelopeStandIn>>
  let reporter: ErrorReporter
  beforeAll(async () => {
    standIn = await startEnvelopeStandIn()
    reporter = await createErrorReporter({
      dsn: `http://publickey@127.0.0.1:${standIn.port}/1`,
      release: 'layan@test',
      environment: 'test',
      log: silentLogger(),
    })
  })
  afterAll(async () => {
    await standIn.close()
  })

  const events = (marker: string) => standIn.arrived.filter((a) => a.text.includes(marker))

  it('a 5xx answer is reported with its route, masked', async () => {
    const db = await createTestDatabase('pglite')
    const app = buildServer({
      services: buildServices(db),
      config: {},
      log: silentLogger(),
      paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
      rateLimit: false,
      instrument: (root) => reportServerErrors(root, reporter),
      register: [
        (scope) => {
          scope.get('/boom', async () => {
            throw new Error(`http-boom for ${phone} ${email} at ${street} with ${secret} https://x.test/?token=hunter2`)
          })
        },
      ],
    })
    expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500)
    await reporter.flush(5000)
    await until(() => events('http-boom').length > 0, 'the 5xx report')
    const [event] = events('http-boom')
    expect(event?.text).toContain('"kind":"http_5xx"')
    expect(event?.text).toContain('"route":"/boom"')
    expect(event?.text).toContain('"release":"layan@test"')
    expectNoPersonalData(event?.text ?? '')
    await app.close()
    await db.close()
  })

  it('a tool that fails unexpectedly in the real core, and an unreachable gateway, are reported', async () => {
    const db = await createTestDatabase('pglite')
    const metrics = createMetrics({ defaultMetrics: false })
    const observer = reportingObserver(metrics.observer, reporter)
    const broken = registry.map((tool) =>
      tool.name === 'track_order'
        ? ({
            ...tool,
            run: async () => {
              throw new Error(`tool-boom ${phone} ${email}`)
            },
          } as AnyTool)
        : tool,
    )
    const built = createApp({ db, log: silentLogger(), agent: 'rules', tools: broken, observer })
    const identity = await built.services.crm.resolveIdentity('web', 'error-report-user')
    await built.services.crm.linkByPhone(identity.id, phone, 'test')
    const trace = await built.core.handleWithTrace(inbound('error-report-user', 'lacak ORD-2025-001'))
    expect(trace.tools).toMatchObject([{ name: 'track_order', ok: false }])
    await expect(countingFetch('courier', observer)(`http://127.0.0.1:${await freePort()}/track`)).rejects.toThrow()
    await reporter.flush(5000)
    await until(() => events('"kind":"tool"').length > 0 && events('"kind":"gateway"').length > 0, 'the reports')
    const tool = events('"kind":"tool"')[0]?.text ?? ''
    expect(tool).toContain('"tool":"track_order"')
    expect(tool).toContain('internal_error')
    expectNoPersonalData(tool)
    expect(events('"kind":"gateway"')[0]?.text).toContain('"gateway":"courier"')
    await db.close()
  })

  it('an outbox row that ends FAILED is reported; a large report arrives gzipped', async () => {
    const db = await createTestDatabase('pglite')
    const { outbox } = createApp({
      db,
      log: silentLogger(),
      agent: 'rules',
      onOutboxFailed: (row) =>
        reporter.capture(new Error(`outbox-failed ${row.kind}`), {
          kind: 'outbox_failed',
          extra: { notificationId: row.id, padding: `${phone} `.repeat(4000) },
        }),
    })
    await db.prisma.notification.create({ data: { audience: 'admin', kind: 'no_such_kind', payload: {} } })
    expect((await outbox.runOnce()).failed).toBe(1)
    await reporter.flush(5000)
    await until(() => events('outbox-failed').length > 0, 'the outbox report')
    const event = events('outbox-failed')[0] as Arrived
    expect(event.gzip).toBe(true)
    expect(event.text.length).toBeGreaterThan(32 * 1024)
    expect(event.text).toContain('"kind":"outbox_failed"')
    expectNoPersonalData(event.text)
    await db.close()
  })

  it('an unhandled error that ends a real process is reported before it exits', async () => {
    const script = `
      import { createErrorReporter } from './src/ops/error-reports.ts'
      import { createLogger, routeConsoleToLogger } from './src/logger.ts'
      const log = createLogger({ level: 'silent' })
      const fatal = routeConsoleToLogger(log)
      const reporter = await createErrorReporter({ dsn: process.env.SENTRY_DSN, release: 'layan@test', environment: 'test', log })
      fatal.beforeFatalExit(async (error) => { reporter.capture(error, { kind: 'unhandled' }); await reporter.flush(1500) })
      setTimeout(() => { throw new Error('unhandled-boom ${phone} ${email}') }, 10)
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      env: commandEnv({ SENTRY_DSN: `http://publickey@127.0.0.1:${standIn.port}/1` }),
      stdio: 'ignore',
    })
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(code).toBe(1)
    await until(() => events('unhandled-boom').length > 0, 'the unhandled report')
    const text = events('unhandled-boom')[0]?.text ?? ''
    expect(text).toContain('"kind":"unhandled"')
    expectNoPersonalData(text)
  }, 60_000)
})
