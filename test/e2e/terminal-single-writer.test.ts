/**
 * One writer per embedded database, tried the way a newcomer meets it: `npm start` in one terminal and
 * `npm run chat` in another on the same data directory. The chat's changes must survive a server restart, a
 * second server must be refused, and a directory left behind by a killed process must open again.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commandEnv, freePort, runToEnd, type Started, startEntry, stop, waitForHealth } from '../helpers/processes.ts'

const adi = '+6281234567890'
let dir: string
let dataDir: string

function serverEnv(port: number) {
  return commandEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' })
}

async function startServer(): Promise<{ server: Started; base: string }> {
  const port = await freePort()
  const server = startEntry('src/main.ts', [], { env: serverEnv(port) })
  const base = `http://127.0.0.1:${port}`
  await waitForHealth(base, server)
  return { server, base }
}

/** `npm run chat -- --json` exactly as the README shows it, on the shared data directory. */
function chat(lines: object[]) {
  return runToEnd('npm', ['run', 'chat', '--', '--json'], {
    env: commandEnv({ DATA_DIR: dataDir }),
    input: `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
  })
}

function replyText(line: string | undefined): string {
  const parsed = JSON.parse(line ?? '{}') as { replies?: { text: string }[] }
  return (parsed.replies ?? []).map((r) => r.text).join('\n')
}

describe('the embedded database has one writer', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'layan-writer-'))
    dataDir = path.join(dir, 'data')
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('sends the chat to the running server, refuses a second server, and keeps the cancel over a restart', async () => {
    const first = await startServer()
    try {
      const cancel = await chat([
        { conversation: 'w1', as: adi, text: 'Batalkan pesanan ORD-2025-002' },
        { conversation: 'w1', as: adi, action: 'confirm' },
      ])
      expect(cancel.code, cancel.err).toBe(0)
      // Nothing but the answer lines on standard output: npm's banner included.
      expect(cancel.out).toHaveLength(2)
      for (const line of cancel.out) expect(() => JSON.parse(line)).not.toThrow()
      expect(replyText(cancel.out[1]).toLowerCase()).toContain('dibatalkan')

      const second = startEntry('src/main.ts', [], { env: serverEnv(await freePort()) })
      expect(await second.exited).toBe(1)
      expect(second.output()).toContain(`is in use by a running Layan server (process ${first.server.child.pid}`)
      expect(second.output()).not.toContain('Layan is running')
      // The lock file's control token is a secret: never in a log line.
      expect(second.output()).not.toMatch(/token/i)
    } finally {
      expect(await stop(first.server)).toBe(0)
    }

    const again = await startServer()
    try {
      const status = await chat([{ conversation: 'w2', as: adi, text: 'status pesanan ORD-2025-002' }])
      expect(status.code, status.err).toBe(0)
      expect(replyText(status.out[0])).toContain('Dibatalkan')
    } finally {
      await stop(again.server)
    }
  }, 240_000)

  it('refuses to start a server while a terminal chat holds the directory, naming it', async () => {
    const terminal = startEntry('adapters/cli/chat.ts', [], { env: commandEnv({ DATA_DIR: dataDir }), stdin: 'pipe' })
    try {
      const deadline = Date.now() + 90_000
      while (!terminal.output().includes('Layan terminal chat') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200))
      expect(terminal.output()).toContain('Layan terminal chat')
      const server = startEntry('src/main.ts', [], { env: serverEnv(await freePort()) })
      expect(await server.exited).toBe(1)
      expect(server.output()).toContain('`npm run chat`')
    } finally {
      terminal.child.stdin?.end('/quit\n')
      expect(await terminal.exited).toBe(0)
    }
  }, 180_000)

  it('opens the directory again after the server that held it was killed', async () => {
    const crashed = await startServer()
    expect(await stop(crashed.server, 'SIGKILL')).toBeNull()
    const status = await chat([{ conversation: 'w3', as: adi, text: 'status pesanan ORD-2025-002' }])
    expect(status.code, status.err).toBe(0)
    expect(replyText(status.out[0])).toContain('Dibatalkan')
  }, 180_000)
})
