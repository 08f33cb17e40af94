/**
 * Starting where it cannot work, as the real process: a port already in use, a DATA_DIR that is a file, holds
 * something that is no database, or is in use by another running instance. Each ends within seconds with exit
 * code 1 and one clear line (pino JSON, level fatal), never a stack trace or a hang. A lock left by a killed
 * instance does not stand in the way of its restart.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startServer } from '../helpers/processes.ts'

let temp: string
beforeAll(() => {
  temp = mkdtempSync(path.join(tmpdir(), 'layan-startup-'))
})
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** Starts the service, waits for it to give up, and returns its exit code, time taken and output lines. */
async function failedStart(env: Record<string, string>, args: string[] = []) {
  const started = Date.now()
  const server = await startServer(env, args)
  const code = await Promise.race([
    server.exited,
    new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 60_000)),
  ])
  if (code === 'still running') await server.crash()
  const lines = server.output().split('\n').filter(Boolean)
  return { code, seconds: (Date.now() - started) / 1000, lines, output: server.output() }
}

/** The last line is one fatal JSON log line, and nothing printed looks like a stack trace. */
function expectOneClearLine(result: Awaited<ReturnType<typeof failedStart>>, message: RegExp) {
  expect(result.code, result.output).toBe(1)
  const last = JSON.parse(result.lines.at(-1) ?? '{}') as { level?: number; msg?: string; err?: unknown }
  expect(last.level).toBe(60)
  expect(last.msg).toMatch(message)
  expect(last.err).toBeUndefined()
  expect(result.output).not.toMatch(/^\s+at /m)
  expect(result.output).not.toMatch(/node:internal|Error: /)
  for (const line of result.lines) expect(() => JSON.parse(line), line).not.toThrow()
}

describe('start-up failures of the real process', () => {
  let blocker: Server
  let busyPort: number
  beforeAll(async () => {
    busyPort = await freePort()
    blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(busyPort, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())))

  it('a port already in use ends with one line naming the port', async () => {
    const result = await failedStart({ PORT: String(busyPort) }, ['--fresh'])
    expectOneClearLine(result, new RegExp(`port ${busyPort} is already in use`))
    expect(result.seconds).toBeLessThan(45)
  })

  it('a DATA_DIR that is a file ends within seconds', async () => {
    const file = path.join(temp, 'not-a-folder')
    writeFileSync(file, 'x')
    const result = await failedStart({ DATA_DIR: file })
    expectOneClearLine(result, /DATA_DIR .* is not a folder/)
    expect(result.seconds).toBeLessThan(30)
  })

  it('a DATA_DIR under a path that cannot hold folders ends within seconds instead of hanging', async () => {
    const result = await failedStart({ DATA_DIR: '/proc/layan-data' })
    expectOneClearLine(result, /DATA_DIR \/proc\/layan-data: cannot create/)
    expect(result.seconds).toBeLessThan(30)
  })

  it('a DATA_DIR holding something that is no database says so', async () => {
    const junk = path.join(temp, 'junk')
    mkdirSync(junk)
    writeFileSync(path.join(junk, 'PG_VERSION'), 'not a version')
    writeFileSync(path.join(junk, 'notes.txt'), 'hello')
    const result = await failedStart({ DATA_DIR: junk })
    expectOneClearLine(result, /does not hold a usable embedded database/)
    expect(result.seconds).toBeLessThan(40)
  })

  it('a DATA_DIR in use by a running instance is refused; after that instance is killed, a restart takes it over', async () => {
    const dir = path.join(temp, 'shared')
    const first = await startServer({ DATA_DIR: dir, LOG_LEVEL: 'warn' })
    try {
      await first.ready()
      const second = await failedStart({ DATA_DIR: dir })
      expectOneClearLine(
        second,
        new RegExp(`DATA_DIR .* is in use by a running Layan server \\(process ${first.proc.pid},`),
      )
      expect((await fetch(`${first.base}/readyz`)).status).toBe(200)
    } finally {
      await first.crash()
    }
    const restarted = await startServer({ DATA_DIR: dir, LOG_LEVEL: 'warn' })
    try {
      await restarted.ready()
      expect((await fetch(`${restarted.base}/readyz`)).status).toBe(200)
    } finally {
      await restarted.stop()
    }
  })
})
