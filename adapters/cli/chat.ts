/**
 * The terminal chat (`npm run chat`): talk to the bot as a customer, or script it with `--json`.
 * Logs go to standard error only; in `--json` mode standard output carries nothing but answer lines.
 *
 * The embedded database has one writer: when a running server holds the data directory, the chat sends its
 * messages to that server (backend.ts) instead of opening the directory a second time.
 */
import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createApp } from '../../src/app.ts'
import { type Config, loadConfig } from '../../src/config.ts'
import type { ButtonAction, Reply } from '../../src/core/types.ts'
import { type Database, openDatabase } from '../../src/db/client.ts'
import { DataDirInUse } from '../../src/db/data-dir.ts'
import { prepareDatabase } from '../../src/db/prepare.ts'
import { createLogger, type Logger } from '../../src/logger.ts'
import { localBackend, remoteBackend, type TerminalBackend } from './backend.ts'
import { createJsonSession } from './json-mode.ts'

const help = `Layan terminal chat

Usage: npm run chat -- [options]

  --fresh            a fresh in-memory demo database (nothing on disk changes); otherwise the embedded
                     database in DATA_DIR (default ./.data), or PostgreSQL when DATABASE_URL is set.
                     When a running server (npm start) holds DATA_DIR, the chat talks to that server
  --as <phone>       chat as the demo customer with this phone number (e.g. +6281234567890): links the
                     terminal sender to that customer (crm.linkByPhone, actor "cli"). A local operator's tool:
                     it skips the verification a real customer goes through
  --agent <name>     auto (default: Claude when ANTHROPIC_API_KEY is set), rules or claude
  --json             script mode: one JSON object per input line, one JSON answer line each (see README,
                     "Scripting the terminal chat"); a line's "as" links like --as
  -h, --help         this text

In the chat, answer a reply's buttons with their number (or y / n); /quit or Ctrl-D ends it.`

interface ChatOptions {
  json: boolean
  fresh: boolean
  as?: string
  agent: 'auto' | 'rules' | 'claude'
}

function readOptions(): ChatOptions | null {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      as: { type: 'string' },
      agent: { type: 'string', default: 'auto' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return null
  const agent = values.agent ?? 'auto'
  if (agent !== 'auto' && agent !== 'rules' && agent !== 'claude') throw new Error(`unknown agent "${agent}"`)
  return { json: values.json ?? false, fresh: values.fresh ?? false, as: values.as, agent }
}

/** Writes one line to standard output and waits until it is handed to the OS. */
function writeLine(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${text}\n`, (error) => (error ? reject(error) : resolve()))
  })
}

async function runJson(backend: TerminalBackend, log: Logger): Promise<void> {
  const session = createJsonSession({ backend })
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })
  for await (const line of lines) {
    if (line.trim() === '') continue
    let out: unknown
    try {
      out = await session.handleLine(line)
    } catch (error) {
      log.error({ err: error }, 'json line failed')
      out = { error: (error as Error).message }
    }
    await writeLine(JSON.stringify(out))
  }
}

const bold = process.stdout.isTTY ? (s: string) => `\x1b[1m${s}\x1b[22m` : (s: string) => s

function printReply(reply: Reply): ButtonAction[] {
  const text = reply.text.replace(/\*\*(.+?)\*\*/g, (_, inner: string) => bold(inner))
  const pressable: ButtonAction[] = []
  const choices: string[] = []
  for (const button of reply.buttons ?? []) {
    if ('url' in button.action) {
      choices.push(`  ${button.label}: ${button.action.url}`)
    } else {
      pressable.push(button.action)
      choices.push(`  [${pressable.length}] ${button.label}`)
    }
  }
  process.stdout.write(`${bold('bot>')} ${text}\n${choices.map((c) => `${c}\n`).join('')}`)
  if (reply.requestContact) process.stdout.write('  (on Telegram you could share your contact here)\n')
  return pressable
}

/** A number picks that button; y / n press confirm / reject. */
function pickButton(input: string, buttons: ButtonAction[]): ButtonAction | undefined {
  if (buttons.length === 0) return undefined
  const answer = input.trim().toLowerCase()
  if (/^\d+$/.test(answer)) return buttons[Number(answer) - 1]
  if (answer === 'y') return buttons.find((b) => b.kind === 'confirm')
  if (answer === 'n') return buttons.find((b) => b.kind === 'reject')
  return undefined
}

async function runInteractive(backend: TerminalBackend, options: ChatOptions): Promise<void> {
  const externalUserId = options.as ? `terminal:${options.as}` : 'terminal'
  if (options.as) {
    const customer = await backend.link(externalUserId, options.as)
    if (!customer) throw new Error(`no customer has the phone number ${options.as}`)
    process.stdout.write(`Chatting as ${customer.name}.\n`)
  }
  const where = backend.where === 'local' ? '' : ` (answered by the running server at ${backend.where})`
  process.stdout.write(`Layan terminal chat${where}. Type a message; /quit to leave.\n`)
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' })
  let buttons: ButtonAction[] = []
  rl.prompt()
  for await (const line of rl) {
    const text = line.trim()
    if (text === '/quit' || text === '/exit') break
    if (text === '') {
      rl.prompt()
      continue
    }
    const action = pickButton(text, buttons)
    const { replies } = await backend.handle({
      channel: 'cli',
      externalUserId,
      externalChatId: externalUserId,
      externalMessageId: randomUUID(),
      text: action ? '' : text,
      receivedAt: new Date(),
      ...(action ? { action } : {}),
    })
    const offered = replies.flatMap(printReply)
    buttons = offered.length > 0 ? offered : action ? [] : buttons
    rl.prompt()
  }
  rl.close()
}

async function main(): Promise<void> {
  const options = readOptions()
  if (!options) {
    process.stdout.write(`${help}\n`)
    return
  }
  if (options.json) {
    // Whatever a library prints must not break the protocol: standard output is for answer lines only.
    console.log = console.error
    console.info = console.error
    console.debug = console.error
  }
  const config = loadConfig()
  const explicitLevel = process.env.LOG_LEVEL !== undefined
  const log = createLogger({
    level: explicitLevel ? config.LOG_LEVEL : options.json ? 'warn' : 'error',
    destination: process.stderr,
  })
  const opened = await openBackend(options, config, log)
  try {
    if (options.json) await runJson(opened.backend, log)
    else await runInteractive(opened.backend, options)
  } finally {
    await opened.db?.close().catch((error: unknown) => log.warn({ err: error }, 'database close failed'))
  }
}

/** A core over our own database, or the running server that holds the embedded one (its only writer). */
async function openBackend(
  options: ChatOptions,
  config: Config,
  log: Logger,
): Promise<{ backend: TerminalBackend; db?: Database }> {
  let db: Database
  try {
    // A new embedded database is unpacked from the build's demo snapshot (a second, not a start from nothing).
    db = options.fresh
      ? await openDatabase({ inMemory: true, snapshot: 'demo' })
      : await openDatabase({
          databaseUrl: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          role: 'npm run chat',
          snapshot: 'demo',
        })
  } catch (error) {
    if (!(error instanceof DataDirInUse)) throw error
    if (!error.holder.control) throw new Error(`${error.message} Or run \`npm run chat -- --fresh\`.`)
    log.info({ server: error.holder.control.url }, 'the data directory is held by a running server; talking to it')
    return { backend: remoteBackend(error.holder.control) }
  }
  try {
    await prepareDatabase(db, { migrate: true, seedWhenEmpty: true, log })
  } catch (error) {
    await db.close().catch(() => undefined)
    throw error
  }
  const { core, services } = createApp({ db, log, config, agent: options.agent })
  return { backend: localBackend(core, services.crm), db }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`chat: ${(error as Error).message}\n`)
    process.exit(1)
  },
)
