/**
 * Where the terminal chat's messages are answered: by a core in this process (its own database, or `--fresh`),
 * or by the running server that holds the embedded database (through its local control routes), so there is
 * never a second writer on one data directory.
 */
import { z } from 'zod'
import type { ConversationCore, MessageTrace } from '../../src/core/conversation.ts'
import type { InboundMessage } from '../../src/core/types.ts'
import type { CrmService } from '../../src/services/crm.ts'

export interface TerminalBackend {
  /** `local` or the server's URL, for the banner. */
  readonly where: string
  handle(message: InboundMessage): Promise<Pick<MessageTrace, 'replies' | 'tools'>>
  /** Links a terminal sender to the customer with this phone number (a local operator's tool); null if none. */
  link(externalUserId: string, phone: string): Promise<{ name: string } | null>
}

export function localBackend(
  core: Pick<ConversationCore, 'handleWithTrace'>,
  crm: Pick<CrmService, 'resolveIdentity' | 'linkByPhone'>,
): TerminalBackend {
  return {
    where: 'local',
    handle: (message) => core.handleWithTrace(message),
    async link(externalUserId, phone) {
      const identity = await crm.resolveIdentity('cli', externalUserId, { externalChatId: externalUserId })
      const customer = await crm.linkByPhone(identity.id, phone, 'cli')
      return customer ? { name: customer.name } : null
    },
  }
}

const buttonSchema = z.object({
  label: z.string(),
  action: z.union([
    z.object({ kind: z.enum(['confirm', 'reject']), token: z.string() }),
    z.object({ url: z.string() }),
  ]),
})

/** What the server's terminal route answers (validated here: it is an edge like any other). */
export const remoteTraceSchema = z.object({
  replies: z.array(
    z.object({
      text: z.string(),
      buttons: z.array(buttonSchema).optional(),
      requestContact: z.boolean().optional(),
      limitedMode: z.boolean().optional(),
    }),
  ),
  tools: z.array(
    z.object({
      name: z.string(),
      input: z.unknown(),
      ok: z.boolean(),
      result: z.unknown(),
      reply: z.object({ text: z.string() }).passthrough(),
      errorCode: z.string().optional(),
    }),
  ),
})

export const remoteLinkSchema = z.object({ customer: z.object({ name: z.string() }).nullable() })

export function remoteBackend(
  control: { url: string; token: string },
  fetchImpl: typeof fetch = fetch,
): TerminalBackend {
  async function post(path: string, body: unknown): Promise<unknown> {
    let response: Response
    try {
      response = await fetchImpl(`${control.url}/local/terminal/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    } catch (error) {
      throw new Error(`the running server at ${control.url} did not answer (${(error as Error).message})`)
    }
    if (!response.ok) throw new Error(`the running server at ${control.url} answered HTTP ${response.status}`)
    return response.json()
  }
  return {
    where: control.url,
    async handle(message) {
      const trace = remoteTraceSchema.parse(
        await post('message', { ...message, receivedAt: message.receivedAt.toISOString() }),
      )
      return trace as Pick<MessageTrace, 'replies' | 'tools'>
    },
    async link(externalUserId, phone) {
      return remoteLinkSchema.parse(await post('link', { externalUserId, phone })).customer
    },
  }
}
