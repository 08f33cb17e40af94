/**
 * The terminal chat's `--json` protocol (README.md, "Scripting the terminal chat"): one JSON object per input
 * line, exactly one JSON object per line out, in order.
 *
 * In:  `{"conversation": "c1", "as": "+6281234567890" | null, "text": "..."}` or `"action": "confirm" | "reject"`
 *      instead of `text` (press that button of the newest reply in this conversation that offered one).
 * Out: `{"replies": [{"text", "buttons": [{"label", "action"}]}], "tools": [{"name", "input", "ok"}]}`; a reply
 *      with link buttons also has `"links": [{"label", "url"}]`. A bad line gets `{"error": "..."}`.
 * Lines with the same `conversation` and `as` are one sender in one conversation. A phone in `as` links that
 * sender to the customer with that number (crm.linkByPhone, actor "cli"): a local operator's tool.
 */
import { createHash, randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { ButtonAction, InboundMessage, Reply } from '../../src/core/types.ts'
import type { TerminalBackend } from './backend.ts'

export const jsonLineSchema = z
  .object({
    conversation: z.union([z.string().min(1).max(200), z.number()]).transform(String),
    as: z.string().max(40).nullable().optional(),
    text: z.string().max(4000).optional(),
    action: z.enum(['confirm', 'reject']).optional(),
  })
  .refine((line) => (line.text === undefined) !== (line.action === undefined), {
    message: 'give either "text" or "action"',
  })

export interface JsonReplyOut {
  text: string
  buttons: { label: string; action: 'confirm' | 'reject' }[]
  links?: { label: string; url: string }[]
}

export type JsonLineOut =
  | { replies: JsonReplyOut[]; tools: { name: string; input: unknown; ok: boolean }[] }
  | { error: string }

export interface JsonSessionDeps {
  backend: Pick<TerminalBackend, 'handle' | 'link'>
}

interface Sender {
  externalUserId: string
  /** The confirm/reject buttons of the newest reply that offered any. */
  buttons: ButtonAction[]
}

/** A reply as the protocol writes it: confirm/reject buttons under `buttons`, link buttons under `links`. */
export function replyToJson(reply: Reply): JsonReplyOut {
  const out: JsonReplyOut = { text: reply.text, buttons: [] }
  const links: { label: string; url: string }[] = []
  for (const button of reply.buttons ?? []) {
    if ('url' in button.action) links.push({ label: button.label, url: button.action.url })
    else out.buttons.push({ label: button.label, action: button.action.kind })
  }
  if (links.length > 0) out.links = links
  return out
}

function userIdFor(conversation: string, as: string | null): string {
  const digest = createHash('sha256')
    .update(`${conversation}\u0000${as ?? ''}`)
    .digest('hex')
    .slice(0, 24)
  return `json-${digest}`
}

/** Handles input lines one at a time; keep calls sequential (await each) so answers stay in input order. */
export function createJsonSession(deps: JsonSessionDeps) {
  const senders = new Map<string, Sender>()

  async function senderFor(conversation: string, as: string | null): Promise<Sender | string> {
    const externalUserId = userIdFor(conversation, as)
    const known = senders.get(externalUserId)
    if (known) return known
    if (as !== null && !(await deps.backend.link(externalUserId, as))) return `no customer has the phone number ${as}`
    const sender: Sender = { externalUserId, buttons: [] }
    senders.set(externalUserId, sender)
    return sender
  }

  return {
    async handleLine(raw: string): Promise<JsonLineOut> {
      let parsedJson: unknown
      try {
        parsedJson = JSON.parse(raw)
      } catch (error) {
        return { error: `invalid JSON: ${(error as Error).message}` }
      }
      const parsed = jsonLineSchema.safeParse(parsedJson)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        return { error: `invalid line: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` }
      }
      const line = parsed.data
      const sender = await senderFor(line.conversation, line.as ?? null)
      if (typeof sender === 'string') return { error: sender }

      let action: ButtonAction | undefined
      if (line.action) {
        action = sender.buttons.find((button) => button.kind === line.action)
        if (!action) return { error: `no earlier reply in this conversation offers a "${line.action}" button` }
      }
      const message: InboundMessage = {
        channel: 'cli',
        externalUserId: sender.externalUserId,
        externalChatId: sender.externalUserId,
        externalMessageId: randomUUID(),
        text: line.text ?? '',
        receivedAt: new Date(),
        ...(action ? { action } : {}),
      }
      const trace = await deps.backend.handle(message)
      const offered = trace.replies.flatMap((reply) =>
        (reply.buttons ?? []).flatMap((button) => ('kind' in button.action ? [button.action] : [])),
      )
      if (offered.length > 0) sender.buttons = offered
      return {
        replies: trace.replies.map(replyToJson),
        tools: trace.tools.map((call) => ({ name: call.name, input: call.input, ok: call.ok })),
      }
    },
  }
}
