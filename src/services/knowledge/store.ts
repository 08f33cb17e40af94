/**
 * The shop's knowledge as it stands now: the Markdown files of the knowledge directory (KNOWLEDGE_DIR, by default
 * `<DATA_DIR>/knowledge`), re-read when they change, without a restart.
 *
 * - The check is cheap and lazy: at most once per `checkIntervalMs`, when someone asks (a message being answered,
 *   a payment instruction, the console), the directory is listed and each file's size and modification time
 *   compared; only a changed file is read and parsed again.
 * - A file with a mistake is refused as a whole and its last good version stays in use (none, for a file that was
 *   never good); the mistake is logged at error once per version of the file, naming file, section and line, and
 *   shown by `problems` (the console and /readyz). A file deleted on purpose is gone.
 * - Without any good file, the demo shop's FAQ answers while the database holds the demo shop (seeded and not
 *   removed); a shop's own data without knowledge files has none, so the demo's bank accounts and policies are
 *   never quoted to a real shop's customers.
 * - Several instances reading the same directory agree: each applies the same rules to the same files, within one
 *   check interval of a change; `version` (a hash of what is in use) shows it.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../../logger.ts'
import {
  type BankAccount,
  bankAccountsSectionId,
  describeProblem,
  type KnowledgeProblem,
  type KnowledgeSection,
  maxKnowledgeFileBytes,
  parseKnowledgeFile,
} from './parse.ts'

/** Where the knowledge in use comes from. */
export type KnowledgeSource = 'files' | 'demo' | 'none'

export interface KnowledgeSnapshot {
  source: KnowledgeSource
  /** A short hash of the texts in use: equal on every instance that uses the same knowledge. */
  version: string
  /** The files in use (their last good version), by name. */
  files: readonly string[]
  sections: readonly KnowledgeSection[]
  /** The accounts of the `{#bank-accounts}` section; empty when the knowledge names none. */
  bankAccounts: readonly BankAccount[]
  /** Everything in use as one Markdown text (Claude's system prompt). */
  text: string
  /** Mistakes in the files as they are on disk now; each such file's last good version is in use. */
  problems: readonly KnowledgeProblem[]
}

export interface KnowledgeStore {
  /** Checks the directory (and whether the demo shop is there) if the check is due; the snapshot after it. */
  refresh(options?: { force?: boolean }): Promise<KnowledgeSnapshot>
  /** The snapshot of the last check (never touches the disk). */
  current(): KnowledgeSnapshot
  /** The directory read, or null when none is configured. */
  readonly dir: string | null
}

export interface KnowledgeStoreDeps {
  /** The knowledge directory; null reads no files (only the demo's default). */
  dir: string | null
  /** The demo shop's FAQ, used while the demo shop is in the database and the directory holds no good file. */
  demo: { path: string }
  /** Whether the database holds the demo shop (seeded, not removed). */
  demoPresent: () => Promise<boolean>
  /** How often the directory is looked at, at most. 0: at every refresh. */
  checkIntervalMs: number
  log: Logger
  /** Clock in epoch ms (tests). */
  now?: () => number
}

interface GoodFile {
  name: string
  text: string
  sections: KnowledgeSection[]
  bankAccounts: BankAccount[] | null
}

interface SeenFile {
  mtimeMs: number
  size: number
  /** Hash of the content last read, good or not. */
  hash: string
  problems: KnowledgeProblem[]
}

const emptySnapshot: KnowledgeSnapshot = {
  source: 'none',
  version: 'none',
  files: [],
  sections: [],
  bankAccounts: [],
  text: '',
  problems: [],
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12)

function snapshotOf(source: KnowledgeSource, files: GoodFile[], problems: KnowledgeProblem[]): KnowledgeSnapshot {
  if (files.length === 0) return { ...emptySnapshot, source, problems }
  const text = files.map((f) => f.text.trim()).join('\n\n')
  const sections: KnowledgeSection[] = []
  const ids = new Set<string>()
  // A section id used in two files: the first file (by name) answers for it.
  for (const file of files) {
    for (const section of file.sections) {
      if (ids.has(section.id)) continue
      ids.add(section.id)
      sections.push(section)
    }
  }
  const withAccounts = files.find((f) => f.sections.some((s) => s.id === bankAccountsSectionId))
  return {
    source,
    version: hashOf(files.map((f) => `${f.name}\n${f.text}`).join('\n\0')),
    files: files.map((f) => f.name),
    sections,
    bankAccounts: withAccounts?.bankAccounts ?? [],
    text,
    problems,
  }
}

export function createKnowledgeStore(deps: KnowledgeStoreDeps): KnowledgeStore {
  const now = deps.now ?? (() => Date.now())
  const good = new Map<string, GoodFile>()
  const seen = new Map<string, SeenFile>()
  let demo: GoodFile | null = null
  let snapshot: KnowledgeSnapshot = emptySnapshot
  let checkedAt = Number.NEGATIVE_INFINITY
  let running: Promise<KnowledgeSnapshot> | null = null

  async function readDemo(): Promise<GoodFile> {
    if (demo) return demo
    const text = await readFile(deps.demo.path, 'utf8')
    const parsed = parseKnowledgeFile(text, 'faq.md (demo)')
    demo = { name: 'faq.md (demo)', text, sections: parsed.sections, bankAccounts: parsed.bankAccounts }
    return demo
  }

  async function listFiles(): Promise<string[]> {
    if (!deps.dir) return []
    try {
      const entries = await readdir(deps.dir, { withFileTypes: true })
      return entries
        .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        deps.log.error(
          { err: error, dir: deps.dir },
          'the knowledge directory cannot be read; the last good knowledge stays',
        )
        throw error
      }
      return []
    }
  }

  /** Reads one changed file; keeps it when good, else keeps its last good version and says why. */
  async function check(name: string): Promise<void> {
    const path = join(deps.dir as string, name)
    const info = await stat(path)
    const before = seen.get(name)
    // Unchanged size and time: the same file. One changed within the last seconds is read again anyway, since a
    // coarse file-system clock can give two quick edits of the same size the same time.
    const recent = Date.now() - info.mtimeMs < 3000
    if (before && before.mtimeMs === info.mtimeMs && before.size === info.size && !recent) return
    if (info.size > maxKnowledgeFileBytes) {
      const problems = [
        { file: name, message: `is ${info.size} bytes; a knowledge file may have at most ${maxKnowledgeFileBytes}` },
      ]
      report(name, `size:${info.size}`, before, problems, info)
      return
    }
    const text = await readFile(path, 'utf8')
    const hash = hashOf(text)
    const parsed = parseKnowledgeFile(text, name)
    if (parsed.problems.length === 0) {
      const changed = good.get(name)?.text !== text
      good.set(name, { name, text, sections: parsed.sections, bankAccounts: parsed.bankAccounts })
      seen.set(name, { mtimeMs: info.mtimeMs, size: info.size, hash, problems: [] })
      if (changed) deps.log.info({ file: name, sections: parsed.sections.length }, 'knowledge file loaded')
      return
    }
    report(name, hash, before, parsed.problems, info)
  }

  function report(
    name: string,
    hash: string,
    before: SeenFile | undefined,
    problems: KnowledgeProblem[],
    info: { mtimeMs: number; size: number },
  ): void {
    seen.set(name, { mtimeMs: info.mtimeMs, size: info.size, hash, problems })
    if (before?.hash === hash) return
    deps.log.error(
      { file: name, problems: problems.map(describeProblem), keptLastGood: good.has(name) },
      `knowledge file ${name} refused: ${describeProblem(problems[0]!)}${good.has(name) ? ' (its last good version stays in use)' : ''}`,
    )
  }

  async function run(): Promise<KnowledgeSnapshot> {
    let names: string[]
    try {
      names = await listFiles()
    } catch {
      return snapshot
    }
    for (const name of [...seen.keys()]) {
      if (names.includes(name)) continue
      seen.delete(name)
      if (good.delete(name)) deps.log.info({ file: name }, 'knowledge file removed')
    }
    for (const name of names) {
      try {
        await check(name)
      } catch (error) {
        // Deleted or unreadable between the listing and the read: the last good version stays until next time.
        deps.log.warn({ err: error, file: name }, 'knowledge file could not be read; its last good version stays')
      }
    }
    const problems = names.flatMap((name) => seen.get(name)?.problems ?? [])
    const files = names.flatMap((name) => good.get(name) ?? [])
    let next: KnowledgeSnapshot
    if (files.length > 0) next = snapshotOf('files', files, problems)
    else if (await deps.demoPresent().catch(() => snapshot.source === 'demo'))
      next = snapshotOf('demo', [await readDemo()], problems)
    else next = snapshotOf('none', [], problems)
    if (next.version !== snapshot.version) {
      deps.log.info(
        { source: next.source, version: next.version, files: next.files, sections: next.sections.length },
        'knowledge in use',
      )
    }
    snapshot = next
    return snapshot
  }

  return {
    dir: deps.dir,
    current: () => snapshot,
    refresh(options = {}) {
      if (running) return running
      if (!options.force && now() - checkedAt < deps.checkIntervalMs) return Promise.resolve(snapshot)
      checkedAt = now()
      running = run()
        .catch((error: unknown) => {
          deps.log.error({ err: error }, 'the knowledge could not be checked; the last good knowledge stays')
          return snapshot
        })
        .finally(() => {
          running = null
        })
      return running
    },
  }
}
