/**
 * Start and memory of the server as `npm start` runs it (`node scripts/start.mjs`, compiled code, one process),
 * beside a bare PGlite measured in the same run: a script that opens PGlite (PGlite's default settings) on a folder
 * and does nothing else. They run in alternating rounds, so a drift in the machine's speed reaches both alike.
 *
 * | line                | what                                                                  | baseline            |
 * |---------------------|-----------------------------------------------------------------------|---------------------|
 * | `pglite.first_open` | bare PGlite on a new folder: initdb, until it answers                 |                     |
 * | `start.first`       | the server on a new DATA_DIR, until it is ready ("Layan is running"): | `pglite.first_open` |
 * |                     | database created, migrated, demo shop in it                           |                     |
 * | `pglite.warm_open`  | bare PGlite on its folder again                                       |                     |
 * | `start.warm`        | the server on its DATA_DIR again, until ready                         | `pglite.warm_open`  |
 * | `pglite.idle_rss`   | resident memory of the bare PGlite process, idle after opening        |                     |
 * | `start.idle_rss`    | resident memory of the server, idle after a warm start                | `pglite.idle_rss`   |
 * | `start.busy_rss`    | the same after it answered web chat messages                          | `pglite.idle_rss`   |
 *
 * Times are from spawning the process; `over_baseline_ms` / `over_baseline_mb` give the difference the targets
 * are stated in (warm start within 1 s of PGlite's, idle memory within 100 MB of it); `processes` counts the
 * server's process and its children. `peak_rss_mb` on the first-start lines is the most memory used until ready
 * (creating a database with initdb takes far more than running one). `cpu_ms` on the warm lines is the CPU time the process had used when ready,
 * which a busy machine stretches far less than the wall time.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { projectRoot } from '../src/project-root.ts'
import { webChatVisitor } from '../test/helpers/web-client.ts'

export interface StartupBenchOptions {
  quick: boolean
  emit: (line: object) => void
}

const barePglite = `
import { PGlite } from '@electric-sql/pglite'
const pg = new PGlite(process.env.BENCH_PGLITE_DIR)
await pg.waitReady
await pg.query('SELECT 1')
process.stderr.write('bare pglite ready\\n')
process.on('SIGTERM', () => pg.close().then(() => process.exit(0)))
setInterval(() => {}, 60_000)
`

interface Run {
  readyMs: number
  /** CPU time the process had used when it was ready (its threads together). */
  cpuMs: number
  /** The most resident memory the process had used when it was ready (MB). */
  peakMb: number
  child: ChildProcess
  output(): string
  exited: Promise<void>
}

/** Spawns a command and waits for `readyText` in its output; the time is from the spawn. */
async function startProcess(args: string[], env: NodeJS.ProcessEnv, readyText: string, timeoutMs = 180_000) {
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let ready: { readyMs: number; cpuMs: number; peakMb: number } | undefined
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`not ready after ${timeoutMs} ms:\n${output.slice(-2000)}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (!ready && output.includes(readyText)) {
        clearTimeout(timer)
        const pid = child.pid ?? 0
        ready = { readyMs: performance.now() - started, cpuMs: cpuTimeMs(pid), peakMb: statusMb(pid, 'VmHWM') }
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`exited before it was ready:\n${output.slice(-2000)}`))
    })
  })
  if (!ready) throw new Error('not ready')
  return { ...ready, child, output: () => output, exited } satisfies Run
}

async function stopRun(run: Run): Promise<void> {
  run.child.kill('SIGTERM')
  await run.exited
}

const clockTicksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** User and system CPU time of a process so far (Linux /proc), in ms. */
function cpuTimeMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond
}

/** The process and its descendants (Linux /proc). */
function processTree(pid: number): number[] {
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split(/\s+/)
    .filter(Boolean)
    .map(Number)
  return [pid, ...children.flatMap(processTree)]
}

/** A memory figure of /proc/<pid>/status (VmRSS: resident now, VmHWM: the most so far) in MB. */
function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(match?.[1] ?? 0) / 1024
}

/** Resident memory of the process tree in MB. */
function rssMb(pids: number[]): number {
  return round1(pids.reduce((sum, pid) => sum + statusMb(pid, 'VmRSS'), 0))
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}
const round1 = (v: number) => Math.round(v * 10) / 10
const round3 = (v: number) => Math.round(v * 1000) / 1000

function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  // Only the embedded defaults: no channel, no outside API, no developer .env.
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|ANTHROPIC_|TELEGRAM_|DISCORD_|MIDTRANS_|COURIER_|BOT_API_TOKEN|SEED_DEMO|PUBLIC_URL)/.test(key))
      delete env[key]
  }
  return { ...env, ENV_FILE: '/dev/null', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' }
}

async function chat(run: Run, messages: number): Promise<void> {
  const url = /"url":"(http:[^"]+)"/.exec(run.output())?.[1]
  if (!url) throw new Error('the server did not say where it listens')
  // Each message from a new visitor, so no sender reaches the per-sender rate limit.
  for (let i = 0; i < messages; i++) {
    const visitor = await webChatVisitor(url)
    await visitor.say(i % 2 ? 'Apakah Kaos Basic Crewneck ukuran M masih ada?' : 'Lacak ORD-2025-001')
  }
}

export async function runStartupBench({ quick, emit }: StartupBenchOptions): Promise<void> {
  // What `npm start` would compile first is compiled now, outside the timings.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: projectRoot, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('the build failed')

  const rounds = quick ? 1 : 5
  const idleWaitMs = quick ? 1000 : 3000
  const chatMessages = quick ? 10 : 40
  const figures = {
    bareFirst: [] as number[],
    bareFirstPeak: [] as number[],
    firstPeak: [] as number[],
    bareWarm: [] as number[],
    bareWarmCpu: [] as number[],
    warmCpu: [] as number[],
    bareRss: [] as number[],
    first: [] as number[],
    warm: [] as number[],
    idleRss: [] as number[],
    busyRss: [] as number[],
    processes: [] as number[],
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'layan-bench-start-'))
  // Every process started, so that none outlives a failed round.
  const runs: Run[] = []
  const startAndWait = async (...args: Parameters<typeof startProcess>) => {
    const run = await startProcess(...args)
    runs.push(run)
    return run
  }
  try {
    for (let r = 0; r < rounds; r++) {
      const bareDir = path.join(scratch, `bare-${r}`)
      const bareEnv = { ...process.env, BENCH_PGLITE_DIR: bareDir }
      const bareArgs = ['--input-type=module', '-e', barePglite]
      const bareFirst = await startAndWait(bareArgs, bareEnv, 'bare pglite ready')
      figures.bareFirst.push(bareFirst.readyMs)
      figures.bareFirstPeak.push(bareFirst.peakMb)
      await stopRun(bareFirst)
      const bareWarm = await startAndWait(bareArgs, bareEnv, 'bare pglite ready')
      figures.bareWarm.push(bareWarm.readyMs)
      figures.bareWarmCpu.push(bareWarm.cpuMs)
      await new Promise((resolve) => setTimeout(resolve, idleWaitMs))
      figures.bareRss.push(rssMb(processTree(bareWarm.child.pid ?? 0)))
      await stopRun(bareWarm)
      rmSync(bareDir, { recursive: true, force: true })

      const dataDir = path.join(scratch, `data-${r}`)
      const first = await startAndWait(['scripts/start.mjs'], serverEnv(dataDir), 'Layan is running')
      if (!first.output().includes('from the demo snapshot')) {
        throw new Error(`the first start did not use the demo snapshot:\n${first.output().slice(-2000)}`)
      }
      figures.first.push(first.readyMs)
      figures.firstPeak.push(first.peakMb)
      await stopRun(first)
      const warm = await startAndWait(['scripts/start.mjs'], serverEnv(dataDir), 'Layan is running')
      figures.warm.push(warm.readyMs)
      figures.warmCpu.push(warm.cpuMs)
      await new Promise((resolve) => setTimeout(resolve, idleWaitMs))
      const tree = processTree(warm.child.pid ?? 0)
      figures.processes.push(tree.length)
      figures.idleRss.push(rssMb(tree))
      await chat(warm, chatMessages)
      await new Promise((resolve) => setTimeout(resolve, idleWaitMs))
      figures.busyRss.push(rssMb(processTree(warm.child.pid ?? 0)))
      await stopRun(warm)
      rmSync(dataDir, { recursive: true, force: true })
    }
  } finally {
    for (const run of runs) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGKILL')
        await run.exited
      }
    }
    rmSync(scratch, { recursive: true, force: true })
  }

  const time = (name: string, values: number[], baseline?: { name: string; values: number[] }, extra = {}) => {
    const p50 = median(values)
    const base = baseline ? median(baseline.values) : 0
    emit({
      bench: name,
      db: 'pglite',
      n: values.length,
      p50_ms: Math.round(p50),
      min_ms: Math.round(Math.min(...values)),
      max_ms: Math.round(Math.max(...values)),
      ...(baseline
        ? { baseline: baseline.name, ratio: round3(p50 / base), over_baseline_ms: Math.round(p50 - base) }
        : {}),
      ...extra,
    })
  }
  const memory = (name: string, values: number[], baseline?: { name: string; values: number[] }, extra = {}) => {
    const mb = median(values)
    const base = baseline ? median(baseline.values) : 0
    emit({
      bench: name,
      db: 'pglite',
      n: values.length,
      rss_mb: round1(mb),
      ...(baseline ? { baseline: baseline.name, ratio: round3(mb / base), over_baseline_mb: round1(mb - base) } : {}),
      ...extra,
    })
  }
  const bareFirst = { name: 'pglite.first_open', values: figures.bareFirst }
  const bareWarm = { name: 'pglite.warm_open', values: figures.bareWarm }
  const bareRss = { name: 'pglite.idle_rss', values: figures.bareRss }
  time(bareFirst.name, bareFirst.values, undefined, { peak_rss_mb: round1(median(figures.bareFirstPeak)) })
  time('start.first', figures.first, bareFirst, { peak_rss_mb: round1(median(figures.firstPeak)) })
  time(bareWarm.name, bareWarm.values, undefined, { cpu_ms: Math.round(median(figures.bareWarmCpu)) })
  time('start.warm', figures.warm, bareWarm, { cpu_ms: Math.round(median(figures.warmCpu)) })
  memory(bareRss.name, bareRss.values)
  memory('start.idle_rss', figures.idleRss, bareRss, { processes: Math.max(...figures.processes) })
  memory('start.busy_rss', figures.busyRss, bareRss, { chat_messages: chatMessages })
}
