/**
 * The console inbox: conversations with their status, one conversation in full, claim / reply / close, live
 * updates as server-sent events, and the owner's audited reveal of a customer's contact details.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { consoleActor } from '../../services/console/accounts.ts'
import type { ConsoleEvents } from '../../services/console/events.ts'
import type { ActionOutcome, HandoffActions } from '../../services/console/handoff-actions.ts'
import { conversationStatuses, type InboxQueries } from '../../services/console/inbox-queries.ts'
import type { ConsoleNotices } from '../../services/console/notices.ts'
import type { ConsoleSessions } from '../../services/console/sessions.ts'
import { errorResponseSchema, HttpError } from '../errors.ts'
import { principalOf, requireSession } from './auth.ts'

export interface InboxRouteDeps {
  sessions: ConsoleSessions
  inbox: InboxQueries
  notices: Pick<ConsoleNotices, 'recent'>
  actions: HandoffActions
  events: ConsoleEvents
  now: () => Date
}

const tags = ['console']
const channels = ['telegram', 'discord', 'web', 'cli', 'whatsapp'] as const
const idParams = z.object({ id: z.string().min(1).max(64) })
const listQuery = z.object({
  status: z.enum(conversationStatuses).optional(),
  channel: z.enum(channels).optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
})
const listItem = z.object({
  id: z.string(),
  channel: z.enum(channels),
  status: z.enum(conversationStatuses),
  customer: z.object({ id: z.string(), name: z.string() }).nullable(),
  displayName: z.string().nullable(),
  lastText: z.string().nullable(),
  lastRole: z.string().nullable(),
  lastAt: z.date(),
  handoffId: z.string().nullable(),
  assignee: z.string().nullable(),
  waitingSince: z.date().nullable(),
  waitingSeconds: z.number().nullable(),
  reason: z.string().nullable(),
})
const replyBody = z.object({ text: z.string().trim().min(1).max(3500) })
const okResponse = z.object({ ok: z.literal(true) })

function failWith(outcome: Extract<ActionOutcome, { ok: false }>): never {
  if (outcome.code === 'not_found') throw new HttpError(404, 'not_found', 'No such conversation')
  if (outcome.code === 'held_by_other') {
    throw new HttpError(409, 'held_by_other', 'Another staff member holds this conversation')
  }
  throw new HttpError(409, 'not_open', 'This conversation has no open hand-off')
}

export function inboxRoutes(deps: InboxRouteDeps) {
  const signedIn = requireSession(deps.sessions)
  const ownerOnly = requireSession(deps.sessions, { role: 'owner' })

  return async (app: FastifyInstance): Promise<void> => {
    // Event streams are ended as the server starts closing (preClose), or its close would wait for them.
    const streams = new Set<() => void>()
    app.addHook('preClose', async () => {
      for (const end of [...streams]) end()
    })

    app.get(
      '/console/api/notices',
      {
        schema: {
          tags,
          summary: 'What staff were told (new hand-offs, low stock, alerts about the bot), newest first',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(30),
            lang: z.enum(['id', 'en']).default('id'),
          }),
          response: {
            200: z.object({
              notices: z.array(z.object({ id: z.string(), kind: z.string(), createdAt: z.date(), text: z.string() })),
            }),
            401: errorResponseSchema,
          },
        },
        preHandler: signedIn,
      },
      async (request) => {
        const { limit, lang } = request.query as { limit: number; lang: 'id' | 'en' }
        return { notices: await deps.notices.recent(limit, lang) }
      },
    )

    app.get(
      '/console/api/conversations',
      {
        schema: {
          tags,
          summary: 'Conversations across channels: status bot, waiting (for a person), staff or closed',
          querystring: listQuery,
          response: { 200: z.object({ conversations: z.array(listItem) }), 401: errorResponseSchema },
        },
        preHandler: signedIn,
      },
      async (request) => {
        const query = request.query as z.infer<typeof listQuery>
        const rows = await deps.inbox.listConversations(query)
        const now = deps.now().getTime()
        return {
          conversations: rows.map((row) => ({
            ...row,
            waitingSeconds: row.waitingSince
              ? Math.max(0, Math.round((now - row.waitingSince.getTime()) / 1000))
              : null,
          })),
        }
      },
    )

    app.get(
      '/console/api/conversations/:id',
      {
        schema: {
          tags,
          summary: 'One conversation: transcript, tool calls, customer (masked) and orders, pending actions',
          params: idParams,
        },
        preHandler: signedIn,
      },
      async (request) => {
        const { id } = request.params as z.infer<typeof idParams>
        const view = await deps.inbox.conversationView(id)
        if (!view) throw new HttpError(404, 'not_found', 'No such conversation')
        return view
      },
    )

    app.post(
      '/console/api/conversations/:id/claim',
      {
        schema: { tags, summary: 'Take the conversation (the bot stays silent)', params: idParams },
        preHandler: signedIn,
      },
      async (request) => {
        const { id } = request.params as z.infer<typeof idParams>
        const me = principalOf(request)
        const outcome = await deps.actions.claim(id, { actor: consoleActor(me), role: me.role })
        if (!outcome.ok) failWith(outcome)
        deps.events.publish({ type: 'conversation', conversationId: id })
        return { ok: true as const, handoffId: outcome.value.handoffId }
      },
    )

    app.post(
      '/console/api/conversations/:id/reply',
      {
        schema: {
          tags,
          summary: 'Answer the customer in their channel (claims the conversation when nobody holds it)',
          params: idParams,
          body: replyBody,
          response: { 200: okResponse, 404: errorResponseSchema, 409: errorResponseSchema },
        },
        preHandler: signedIn,
      },
      async (request) => {
        const { id } = request.params as z.infer<typeof idParams>
        const { text } = request.body as z.infer<typeof replyBody>
        const me = principalOf(request)
        const outcome = await deps.actions.reply(id, text, { actor: consoleActor(me), role: me.role })
        if (!outcome.ok) failWith(outcome)
        deps.events.publish({ type: 'conversation', conversationId: id })
        return { ok: true as const }
      },
    )

    app.post(
      '/console/api/conversations/:id/close',
      {
        schema: {
          tags,
          summary: 'Close the hand-off: the bot answers again and the customer is asked for a 1–5 rating',
          params: idParams,
          response: { 200: okResponse, 404: errorResponseSchema, 409: errorResponseSchema },
        },
        preHandler: signedIn,
      },
      async (request) => {
        const { id } = request.params as z.infer<typeof idParams>
        const me = principalOf(request)
        const outcome = await deps.actions.close(id, { actor: consoleActor(me), role: me.role })
        if (!outcome.ok) failWith(outcome)
        deps.events.publish({ type: 'conversation', conversationId: id })
        return { ok: true as const }
      },
    )

    app.post(
      '/console/api/customers/:id/reveal',
      {
        schema: { tags, summary: "A customer's phone and email in clear (owner; audited)", params: idParams },
        preHandler: ownerOnly,
      },
      async (request) => {
        const { id } = request.params as z.infer<typeof idParams>
        const contact = await deps.inbox.revealContact(id, consoleActor(principalOf(request)))
        if (!contact) throw new HttpError(404, 'not_found', 'No such customer')
        return contact
      },
    )

    app.get(
      '/console/api/events',
      {
        schema: { tags, summary: 'Server-sent events: `conversation` whenever the inbox changes' },
        preHandler: signedIn,
        config: { rateLimit: false },
      },
      (request, reply) => {
        reply.hijack()
        const out = reply.raw
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-content-type-options': 'nosniff',
        })
        out.write('retry: 3000\n\n')
        const unsubscribe = deps.events.subscribe((event) => {
          out.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
        })
        const heartbeat = setInterval(() => out.write(': ping\n\n'), 25_000)
        heartbeat.unref()
        const end = () => {
          clearInterval(heartbeat)
          unsubscribe()
          streams.delete(end)
          if (!out.writableEnded) out.end()
        }
        streams.add(end)
        request.raw.on('close', end)
      },
    )
  }
}
