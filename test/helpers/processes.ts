/**
 * Starts Layan's own commands as real processes (the server, the terminal chat), the way a user does, with an
 * environment that holds only what the test gives: no developer .env, no channels, no outside APIs.
 * `startServer` runs the service from source (`node --import tsx src/main.ts`) for tests that kill it, restart
 * it or read everything it prints.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const projectRoot = path.resolve(import.meta.dirname, '../..')
/** tsx as an absolute loader, so a command can run from any working directory. */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** The variables that switch on real parts; removed so a test only gets what it sets. */
const partSwitches = [
  'DATABASE_URL',
  'ANTHROPIC_API_KEY',
  'TELEGRAM_BOT_TOKEN',
  'DISCORD_TOKEN',
  'DISCORD_APP_ID',
  'MIDTRANS_SERVER_KEY',
  'COURIER_API_KEY',
  'BOT_API_TOKEN',
  'COURIER_WEBHOOK_SECRET',
  'WHATSAPP_ACCESS_TOKEN',
  'WHATSAPP_PHONE_NUMBER_ID',
  'LOG_LEVEL',
  'PORT',
  'HOST',
  'DATA_DIR',
  'SEED_DEMO',
  'PUBLIC_URL',
]

export function commandEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', ENV_FILE: '/dev/null' }
  for (const key of partSwitches) delete env[key]
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface Started {
  child: ChildProcess
  /** Everything it wrote so far, standard output and error together. */
  output(): string
  exited: Promise<number | null>
}

/**
 * Entry points that users run compiled, and the command that runs them: `npm start` is `node scripts/start.mjs`,
 * which runs dist/main.js (the global setup compiled it), so tests start what users start.
 */
const compiledEntries: Record<string, string> = { 'src/main.ts': 'scripts/start.mjs' }

export interface StartOptions {
  env: NodeJS.ProcessEnv
  cwd?: string
  stdin?: 'pipe' | 'ignore'
}

/**
 * Runs one of the project's entry points (e.g. `src/main.ts`) as its command does: compiled for the server,
 * through tsx for the others.
 */
export function startEntry(entry: string, args: string[], options: StartOptions): Started {
  const launcher = compiledEntries[entry]
  if (launcher) return startScript(path.join(projectRoot, launcher), args, options)
  return startNode(['--import', tsxLoader, path.join(projectRoot, entry), ...args], options)
}

/** Runs a JavaScript file with node, as `node <file> <args>`. */
export function startScript(file: string, args: string[], options: StartOptions): Started {
  return startNode([file, ...args], options)
}

function startNode(nodeArgs: string[], options: StartOptions): Started {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd ?? projectRoot,
    env: options.env,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8')
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8')
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

/** Waits until `GET base/healthz` answers, or the process ends, or the time is up. */
export async function waitForHealth(base: string, started: Started, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let ended = false
  void started.exited.then(() => {
    ended = true
  })
  while (Date.now() < deadline && !ended) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the server at ${base} did not come up:\n${started.output().slice(-3000)}`)
}

/** Stops a process and waits for it (SIGTERM, or SIGKILL for a crash). */
export async function stop(started: Started, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill(signal)
  return started.exited
}

/**
 * Runs a command to its end with `input` on standard input (e.g. `npm run chat -- --json`), returning its
 * standard output's lines and standard error.
 */
export function runToEnd(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; input: string },
): Promise<{ out: string[]; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? projectRoot, env: options.env })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ out: out.split('\n').filter((l) => l !== ''), err, code }))
    child.stdin.end(options.input)
  })
}

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

/** The service from source, its output collected; every outside part off unless `env` turns it on. */
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
