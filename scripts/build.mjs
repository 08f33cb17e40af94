/**
 * Compiles the server from TypeScript into `dist/` and builds the embedded database snapshots.
 *
 * - Code: esbuild bundles each entry point with the project's own modules and most packages inlined (see
 *   `externalPackages`); modules loaded only when a part is configured (Discord, Telegram) stay in chunks of their
 *   own, loaded on demand. A start then reads a few files instead of compiling some three hundred of ours and
 *   resolving some five hundred of the packages'.
 * - Snapshots: `dist/build-snapshots.js` creates the migrated and the demo database once (src/db/snapshot.ts),
 *   when missing or when what they are made from changed. It runs in a process of its own, as creating a database
 *   takes some 800 MB for a few seconds.
 *
 * `npm install` runs it (postinstall) and so does the Dockerfile. `npm start` (scripts/start.mjs) calls
 * `buildIfStale` first, which compiles again only when a source file is newer than the last build, so an edited
 * source never runs stale.
 *
 *   node scripts/build.mjs              compile, then refresh the snapshots if stale
 *   node scripts/build.mjs --if-stale   the same, but only when a source changed since the last build
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const distDir = path.join(root, 'dist')
const stampFile = path.join(distDir, 'build.json')

/**
 * Packages loaded from node_modules at run time rather than inlined: those that load files of their own (PGlite's
 * WebAssembly and data, Prisma's query compiler, pino's transports), drivers with optional native parts (pg), the
 * channel and Claude SDKs (loaded only when configured), and the build tool. Everything else (Fastify and its
 * plugins, zod, ...) is inlined: Node then reads one file instead of some five hundred, which is a third of a second
 * of every start on a small machine, and a CommonJS package inlined is only run when first required.
 */
const externalPackages = [
  '@electric-sql/pglite',
  'pglite-prisma-adapter',
  '@prisma/*',
  'pg',
  'pino',
  'discord.js',
  '@discordjs/*',
  'grammy',
  '@grammyjs/*',
  '@anthropic-ai/sdk',
  // Error reports: loaded only when SENTRY_DSN is set; it patches modules as they load, so it stays a package.
  '@sentry/*',
  'esbuild',
  // Native Argon2 binaries, one optional package per platform.
  '@node-rs/*',
  // Served to the console page as a file, not imported.
  'chart.js',
  // Loaded with import() by @fastify/cookie (see inlinedDynamicImports).
  'cookie',
]

/**
 * import() of another package from an inlined package: esbuild gives such a chunk only a default export, where
 * Node gives a CommonJS package's named exports too, so the importer would break at run time. The build refuses
 * them; the imported package goes into `externalPackages`.
 */
function inlinedDynamicImports(metafile) {
  const found = []
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (!file.includes('node_modules/')) continue
    for (const imported of input.imports) {
      if (imported.kind === 'dynamic-import' && !imported.external && imported.path.includes('node_modules/')) {
        found.push(`${file} imports ${imported.path}`)
      }
    }
  }
  return found
}

/** Entry point → output name in dist/. */
const entryPoints = { main: 'src/main.ts', 'build-snapshots': 'src/db/snapshot-cli.ts' }

/** Why the compiled code is out of date ('missing', or the first newer source), or null when it is current. */
export function staleReason() {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'))
  } catch {
    return 'no build yet'
  }
  for (const input of stamp.inputs ?? []) {
    let mtime
    try {
      mtime = statSync(path.join(root, input)).mtimeMs
    } catch {
      return `${input} is gone`
    }
    if (mtime > stamp.startedAt) return `${input} changed`
  }
  for (const output of stamp.outputs ?? []) {
    if (!existsSync(path.join(root, output))) return `${output} is missing`
  }
  return null
}

/** The schema and every migration file, with the folders whose listing says which migrations exist. */
function migrationFiles() {
  const dir = 'prisma/migrations'
  const files = ['prisma/schema.prisma', dir]
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue
    files.push(`${dir}/${entry.name}`, `${dir}/${entry.name}/migration.sql`)
  }
  return files
}

/**
 * Chunks of earlier builds, once no server can still be starting with them: a server loads its chunks in its first
 * seconds, so ten minutes is ample.
 */
function removeOldChunks(outputs) {
  const current = new Set(outputs.map((file) => path.basename(file)))
  const dir = path.join(distDir, 'chunks')
  const before = Date.now() - 10 * 60_000
  const names = existsSync(dir) ? readdirSync(dir) : []
  for (const name of names) {
    const base = name.replace(/\.map$/, '')
    if (current.has(base)) continue
    try {
      if (statSync(path.join(dir, name)).mtimeMs < before) rmSync(path.join(dir, name), { force: true })
    } catch {
      // removed by another build meanwhile
    }
  }
}

/** Compiles every entry point into dist/; returns how long it took in ms. */
export async function compile() {
  const startedAt = Date.now()
  // Until this build has finished, dist/ is not a build: a failed one is compiled again on the next start.
  rmSync(stampFile, { force: true })
  const esbuild = await import('esbuild')
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints,
      outdir: distDir,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      external: externalPackages,
      // CommonJS packages inlined into an ES module still call require() for Node's own modules.
      banner: {
        js: "import { createRequire as layanCreateRequire } from 'node:module';\nconst require = layanCreateRequire(import.meta.url);",
      },
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'warning',
    })
    const dynamic = inlinedDynamicImports(result.metafile)
    if (dynamic.length > 0) {
      throw new Error(`inlined packages import packages with import(); make these external:\n${dynamic.join('\n')}`)
    }
    // The snapshots are made from the migrations and the schema too, which the code reads at run time.
    const inputs = [...Object.keys(result.metafile.inputs), 'scripts/build.mjs', ...migrationFiles()]
    const outputs = Object.keys(result.metafile.outputs).filter((file) => !file.endsWith('.map'))
    removeOldChunks(outputs)
    // Written last and atomically: a build that stopped half way is not taken for a finished one.
    const temporary = `${stampFile}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify({ startedAt, inputs, outputs }))
    renameSync(temporary, stampFile)
  } finally {
    await esbuild.stop()
  }
  return Date.now() - startedAt
}

/**
 * Creates the database snapshots when they are missing or out of date (a process of its own). A failure is
 * reported, not thrown: without snapshots a first start creates its database from scratch, only slower.
 */
export function refreshSnapshots(say) {
  const run = spawnSync(process.execPath, [path.join(distDir, 'build-snapshots.js')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (run.status !== 0)
    say(`the database snapshots could not be built (exit ${run.status ?? run.signal}); first starts will be slower`)
}

/** Compiles when a source changed since the last build; `say` reports what happens. */
export async function buildIfStale(say = () => {}) {
  const reason = staleReason()
  if (!reason) return false
  say(`compiling the server (${reason})`)
  const ms = await compile()
  say(`compiled in ${(ms / 1000).toFixed(1)} s`)
  refreshSnapshots(say)
  return true
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const say = (line) => process.stderr.write(`build: ${line}\n`)
  if (process.argv.includes('--if-stale')) {
    if (!(await buildIfStale(say))) say('up to date')
  } else {
    mkdirSync(distDir, { recursive: true })
    rmSync(path.join(distDir, 'chunks'), { recursive: true, force: true })
    say(`compiled in ${((await compile()) / 1000).toFixed(1)} s`)
    refreshSnapshots(say)
  }
}
