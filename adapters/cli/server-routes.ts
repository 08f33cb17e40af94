/**
 * The running server's half of the terminal chat (mounted under the local control routes, src/http/local-
 * control.ts): a terminal on the same machine sends its messages here instead of opening the embedded database a
 * second time. Only `cli` senders can be addressed, so these routes reach no other channel's conversations.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { localRouteOptions } from '../../src/http/local-control.ts'
import type { HttpRouteHook } from '../../src/http/server.ts'
import type { TerminalBackend } from './backend.ts'

const terminalUserId = z.string().min(1).max(200)

const messageSchema = z.object({
  externalUserId: terminalUserId,
  externalChatId: terminalUserId,
  externalMessageId: z.string().min(1).max(200),
  text: z.string().max(4000),
  receivedAt: z.iso.datetime(),
  action: z.object({ kind: z.enum(['confirm', 'reject']), token: z.string().min(1).max(128) }).optional(),
})

const linkSchema = z.object({ externalUserId: terminalUserId, phone: z.string().min(1).max(40) })

/** `backend` is the server's own (local) terminal backend. */
export function terminalServerRoutes(backend: TerminalBackend): HttpRouteHook {
  return (app: FastifyInstance) => {
    app.post('/terminal/message', localRouteOptions(messageSchema), async (request) => {
      const body = request.body as z.infer<typeof messageSchema>
      const trace = await backend.handle({ ...body, channel: 'cli', receivedAt: new Date(body.receivedAt) })
      return { replies: trace.replies, tools: trace.tools }
    })
    app.post('/terminal/link', localRouteOptions(linkSchema), async (request) => {
      const body = request.body as z.infer<typeof linkSchema>
      return { customer: await backend.link(body.externalUserId, body.phone) }
    })
  }
}
