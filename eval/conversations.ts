/**
 * Conversations to evaluate, from JSONL files in the acceptance format (test/fixtures/conversations.jsonl): one
 * line a message, lines with the same `conversation` form one conversation in file order, each with what the
 * answer must show (`expect`). A file given twice, or two files with the same content, count once.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export const expectationSchema = z.object({
  /** The tool that must be called (null: none). */
  tool: z.string().nullable().optional(),
  /** Fields the tool's input must contain. */
  input: z.record(z.string(), z.unknown()).optional(),
  /** Substrings the reply must contain, case-insensitively. */
  reply: z.array(z.string()).optional(),
  /** Substrings it must not contain. */
  notReply: z.array(z.string()).optional(),
  /** Whether confirm/reject buttons must (true) or must not (false) be offered. */
  buttons: z.boolean().optional(),
})

export const evalLineSchema = z
  .object({
    conversation: z.union([z.string().min(1), z.number()]).transform(String),
    as: z.string().nullable().optional(),
    text: z.string().optional(),
    action: z.enum(['confirm', 'reject']).optional(),
    expect: expectationSchema.default({}),
  })
  .refine((line) => (line.text === undefined) !== (line.action === undefined), {
    message: 'give either "text" or "action"',
  })

export type EvalLine = z.infer<typeof evalLineSchema>
export type Expectation = z.infer<typeof expectationSchema>

export interface EvalConversation {
  /** `file:conversation`, unique across files. */
  id: string
  file: string
  lines: EvalLine[]
}

/** Reads the files; throws with the file and line number of the first line that does not fit. */
export function loadConversations(files: readonly string[]): EvalConversation[] {
  const seen = new Set<string>()
  const conversations = new Map<string, EvalConversation>()
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const digest = createHash('sha256').update(text).digest('hex')
    if (seen.has(digest)) continue
    seen.add(digest)
    const name = path.basename(file, '.jsonl')
    text.split('\n').forEach((raw, index) => {
      if (raw.trim() === '') return
      let parsed: EvalLine
      try {
        parsed = evalLineSchema.parse(JSON.parse(raw))
      } catch (error) {
        throw new Error(`${file}:${index + 1}: ${(error as Error).message}`)
      }
      const id = `${name}:${parsed.conversation}`
      const conversation = conversations.get(id) ?? { id, file, lines: [] }
      conversation.lines.push(parsed)
      conversations.set(id, conversation)
    })
  }
  return [...conversations.values()]
}
