/**
 * The service as a real process (`node --import tsx src/main.ts`, what `npm start` runs), for tests that kill it,
 * restart it or read everything it prints. Its output is collected; its environment is the test's plus `env`,
 * with every outside part off unless the test turns it on.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

export interface ServerProcess {
  proc: ChildProcess
  port: number
  base: string
  /** Everything written to stdout and stderr so far. */
  output(): string
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>
  /** Waits until GET /healthz answers 200. */
  ready(timeoutMs?: number): Promise<void>
  /** kill -9: no shutdown handler runs. */
  crash(): Promise<void>
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export async function startServer(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()))
  const chunks: string[] = []
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      ANTHROPIC_API_KEY: '',
      TELEGRAM_BOT_TOKEN: '',
      DISCORD_TOKEN: '',
      MIDTRANS_SERVER_KEY: '',
      BOT_API_TOKEN: '',
      COURIER_API_KEY: '',
      COURIER_WEBHOOK_SECRET: '',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  proc.stdout?.on('data', (d) => chunks.push(String(d)))
  proc.stderr?.on('data', (d) => chunks.push(String(d)))
  const exited = new Promise<number | string>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  const base = `http://127.0.0.1:${port}`
  let done = false
  void exited.then(() => {
    done = true
  })
  return {
    proc,
    port,
    base,
    output: () => chunks.join(''),
    exited,
    async ready(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        if (done) throw new Error(`the server exited before it was ready:\n${chunks.join('').slice(-3000)}`)
        try {
          if ((await fetch(`${base}/healthz`)).ok) return
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      throw new Error(`the server did not start in time:\n${chunks.join('').slice(-3000)}`)
    },
    async crash() {
      if (!done) proc.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (!done) proc.kill('SIGTERM')
      await exited
    },
  }
}
