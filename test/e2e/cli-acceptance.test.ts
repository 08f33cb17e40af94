/**
 * Every acceptance conversation (a copy of acceptance/conversations.jsonl in test/fixtures, and the project's own
 * customers.jsonl: language, topic changes, colours, long messages, no traps, lookups, and
 * commerce-conversations.jsonl: shipping quotes, stock alternatives, back-in-stock wishes, payment links, COD
 * confirmations, Siti's delivered ORD-2025-006 tracked after verifying,
 * order-numbers.jsonl: the shop's own numbers "#5001", "pesanan 5001", never a postal code, quantity or phone digits, and
 * returns-conversations.jsonl: return and size-exchange requests, their refusals and status) through
 * the terminal chat's `--json` mode on a fresh in-memory demo database with the offline rule agent.
 *
 * Each conversation is written against the demo shop as seeded. A conversation that confirms a write (a cancel,
 * an address change) changes the shop for every later one (cancelling ORD-2025-002 puts a Jaket Denim L back in
 * stock), so each of those runs in its own chat process; all the others share one process, in file order.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

interface Expectation {
  tool?: string | null
  input?: Record<string, unknown>
  reply?: string[]
  notReply?: string[]
  buttons?: boolean
  /** Labels of buttons that must be offered (the "talk to a person" button). */
  buttonLabels?: string[]
}

interface Line {
  conversation: string
  as: string | null
  text?: string
  action?: 'confirm' | 'reject'
  expect: Expectation
}

interface OutLine {
  replies?: { text: string; buttons: { label: string; action: string }[] }[]
  tools?: { name: string; input: Record<string, unknown>; ok: boolean }[]
  error?: string
}

const root = path.resolve(import.meta.dirname, '../..')
const fixtures = [
  'test/fixtures/conversations.jsonl',
  'test/fixtures/customers.jsonl',
  'test/fixtures/commerce-conversations.jsonl',
  'test/fixtures/order-numbers.jsonl',
  'test/fixtures/returns-conversations.jsonl',
]
const lines: Line[] = fixtures.flatMap((fixture) =>
  readFileSync(path.join(root, fixture), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line),
)

/** Runs the chat once over `input` and returns standard output's lines and standard error. */
function runChat(input: string): Promise<{ out: string[]; err: string; code: number | null }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' }
  for (const key of ['ANTHROPIC_API_KEY', 'DATABASE_URL', 'MIDTRANS_SERVER_KEY', 'COURIER_API_KEY', 'LOG_LEVEL']) {
    delete env[key]
  }
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'adapters/cli/chat.ts', '--json', '--fresh'], { cwd: root, env })
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
    child.stdin.end(input)
  })
}

const writers = new Set(lines.filter((l) => l.action === 'confirm').map((l) => l.conversation))

describe('terminal chat --json: the acceptance conversations', () => {
  let outputs: OutLine[] = []
  let run: { out: string[]; err: string; code: number | null }
  /** Index in `lines` → the answer to that line. */
  const answers = new Map<number, OutLine>()

  beforeAll(async () => {
    const indexed = lines.map((line, i) => ({ line, i }))
    const shared = indexed.filter(({ line }) => !writers.has(line.conversation))
    // The bad lines in the middle must get an error and change nothing else.
    const input = [
      ...shared.slice(0, 3).map(({ line }) => JSON.stringify(line)),
      '{this is not json',
      JSON.stringify({ conversation: 'x', as: null }),
      ...shared.slice(3).map(({ line }) => JSON.stringify(line)),
    ].join('\n')
    const own = [...writers].map((c) => indexed.filter(({ line }) => line.conversation === c))
    const [sharedRun, ...ownRuns] = await Promise.all([
      runChat(`${input}\n`),
      ...own.map((group) => runChat(`${group.map(({ line }) => JSON.stringify(line)).join('\n')}\n`)),
    ])
    run = sharedRun!
    outputs = run.out.map((l) => JSON.parse(l) as OutLine)
    shared.forEach(({ i }, k) => {
      answers.set(i, outputs[k < 3 ? k : k + 2] ?? {})
    })
    own.forEach((group, g) => {
      const result = ownRuns[g]!
      expect(result.code, result.err).toBe(0)
      expect(result.out).toHaveLength(group.length)
      group.forEach(({ i }, k) => {
        answers.set(i, JSON.parse(result.out[k] ?? '{}') as OutLine)
      })
    })
    sharedCount = shared.length
  }, 300_000)
  let sharedCount = 0

  it('writes exactly one JSON line per input line, nothing else, and exits cleanly', () => {
    expect(run.code, run.err).toBe(0)
    expect(outputs).toHaveLength(sharedCount + 2)
    expect(answers.size).toBe(lines.length)
  })

  it('answers a line that is not JSON, or not a message, with an error and goes on', () => {
    expect(outputs[3]?.error).toMatch(/json/i)
    expect(outputs[4]?.error).toBeTruthy()
    expect(outputs[5]?.replies?.length).toBeGreaterThan(0)
  })

  const answerOf = (i: number): OutLine => answers.get(i) ?? {}

  it.each(lines.map((line, i) => [i + 1, line.conversation, line.text ?? `[${line.action}]`, i] as const))(
    'line %i (%s): %s',
    (_n, _conversation, _text, i) => {
      const line = lines[i] as Line
      const out = answerOf(i)
      expect(out.error).toBeUndefined()
      const replies = out.replies ?? []
      const tools = out.tools ?? []
      const text = replies.map((r) => r.text).join('\n')
      const context = `replies: ${text}\ntools: ${JSON.stringify(tools)}`
      const { tool, input, reply, notReply, buttons, buttonLabels } = line.expect

      if (tool === null) expect(tools, context).toEqual([])
      if (typeof tool === 'string') {
        const call = tools.find((t) => t.name === tool)
        expect(call, context).toBeDefined()
        for (const [key, value] of Object.entries(input ?? {})) expect(call?.input[key], context).toEqual(value)
      }
      for (const part of reply ?? []) expect(text.toLowerCase(), context).toContain(part.toLowerCase())
      for (const part of notReply ?? []) expect(text.toLowerCase(), context).not.toContain(part.toLowerCase())
      const offered = replies.flatMap((r) => r.buttons ?? [])
      if (buttons === true) {
        expect(offered.map((b) => b.action).sort(), context).toEqual(['confirm', 'reject'])
      }
      if (buttons === false) expect(offered, context).toEqual([])
      for (const label of buttonLabels ?? []) {
        expect(
          offered.map((b) => b.label),
          context,
        ).toContainEqual(expect.stringContaining(label))
      }
    },
  )

  it('keeps standard output free of logs', () => {
    for (const line of run.out) expect(() => JSON.parse(line)).not.toThrow()
    expect(run.out.join('\n')).not.toMatch(/"level":/)
  })
})
