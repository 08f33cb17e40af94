/**
 * Web chat: the chat page (GET /), its assets (/static/*), GET /api/chat/session, POST /api/chat and
 * GET /api/chat/history (the conversation so far, staff replies included, for a reload). The sender is
 * a random session id kept in a signed, http-only cookie, so one browser is one conversation and nobody can pose
 * as another session by editing the cookie.
 *
 * A session starts as a cookie only: loading the page writes nothing to the database, and the sender's identity
 * is created by its first message. A message without a valid session cookie is refused (401 session_required,
 * with a fresh cookie set), so requests that drop their cookies cannot fill the database with identities; the
 * page retries once with the new cookie. While the database is down, the answer is the honest apology with 503.
 */
import { randomBytes } from 'node:crypto'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { InboundMessage, Reply } from '../../src/core/types.ts'
import { errorResponseSchema, HttpError } from '../../src/http/errors.ts'
import { projectPath } from '../../src/project-root.ts'
import type { ChatHistoryMessage } from '../../src/services/chat-history.ts'

export const maxChatLength = 4000
const cookieName = 'layan_sid'

/** What answering a message gave (the core's trace): the replies, whether the sender is verified after it, and
 * whether it could not be taken in (the database is down). */
export interface WebChatAnswer {
  replies: Reply[]
  verified: boolean
  unavailable?: boolean
}

export interface WebChatDeps {
  handle(message: InboundMessage): Promise<WebChatAnswer>
  /** Whether this web session is linked to a customer; must not create anything. */
  isVerified(sessionId: string): Promise<boolean>
  /** The session's conversation so far, oldest first; must not create anything. */
  history(sessionId: string): Promise<ChatHistoryMessage[]>
  sessionSecret: string
  shopName: string
  secureCookies: boolean
}

export const chatRequestSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'Pesan kosong / Empty message')
      .max(maxChatLength, 'Pesan terlalu panjang: maksimal 4.000 karakter / Message too long: at most 4,000 characters')
      .optional(),
    action: z.object({ kind: z.enum(['confirm', 'reject']), token: z.string().min(1).max(128) }).optional(),
    locale: z.enum(['id', 'en']).optional(),
    clientMessageId: z.string().min(1).max(64).optional(),
  })
  .refine((b) => b.text !== undefined || b.action !== undefined, {
    message: 'text or action is required',
    path: ['text'],
  })

const replySchema = z.object({
  text: z.string(),
  buttons: z
    .array(
      z.object({
        label: z.string(),
        action: z.union([
          z.object({ kind: z.enum(['confirm', 'reject']), token: z.string() }),
          z.object({ url: z.string() }),
        ]),
      }),
    )
    .optional(),
  limitedMode: z.boolean().optional(),
})

export const chatResponseSchema = z.object({ replies: z.array(replySchema), verified: z.boolean() })

/**
 * GET /api/chat/history: POST /api/chat's shape, each reply also saying who wrote it (`user`, `assistant`, or a
 * staff member: `admin`), when (ISO time) and its id (to add only new ones when polling). Past buttons are not
 * sent again: their one-time tokens belong to the moment they were offered.
 * @example { "replies": [{ "id": "c1", "role": "user", "text": "halo", "at": "2026-12-07T15:00:00.000Z" }], "verified": false }
 */
export const historyResponseSchema = z.object({
  replies: z.array(
    replySchema.extend({ id: z.string(), role: z.enum(['user', 'assistant', 'admin']), at: z.string() }),
  ),
  verified: z.boolean(),
})

const sessionIdPattern = /^[A-Za-z0-9_-]{24}$/

/** The session id of a valid signed cookie, or null. */
function sessionOf(request: FastifyRequest): string | null {
  const raw = request.cookies[cookieName]
  if (!raw) return null
  const unsigned = request.unsignCookie(raw)
  return unsigned.valid && unsigned.value && sessionIdPattern.test(unsigned.value) ? unsigned.value : null
}

/** Sets the cookie of a new session (nothing is stored until it sends a message). */
function startSession(reply: FastifyReply, secure: boolean): string {
  const id = randomBytes(18).toString('base64url')
  reply.setCookie(cookieName, id, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: 60 * 60 * 24 * 30,
  })
  return id
}

export async function registerWebChat(app: FastifyInstance, deps: WebChatDeps): Promise<void> {
  await app.register(fastifyCookie, { secret: deps.sessionSecret })
  const publicDir = projectPath('adapters', 'web', 'public')
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', index: false })

  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'))

  app.get('/api/chat/session', { schema: { tags: ['web chat'] } }, async (request, reply) => {
    const existing = sessionOf(request)
    if (!existing) {
      startSession(reply, deps.secureCookies)
      return { shopName: deps.shopName, verified: false }
    }
    try {
      return { shopName: deps.shopName, verified: await deps.isVerified(existing) }
    } catch (error) {
      request.log.error({ err: error }, 'web session status unavailable')
      return reply.code(503).send({ shopName: deps.shopName, verified: false })
    }
  })

  app.get(
    '/api/chat/history',
    {
      schema: { tags: ['web chat'], response: { 200: historyResponseSchema, 503: errorResponseSchema } },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const sessionId = sessionOf(request)
      if (!sessionId) {
        startSession(reply, deps.secureCookies)
        return { replies: [], verified: false }
      }
      try {
        const [messages, verified] = await Promise.all([deps.history(sessionId), deps.isVerified(sessionId)])
        return {
          replies: messages.map((m) => ({ id: m.id, role: m.role, text: m.text, at: m.createdAt.toISOString() })),
          verified,
        }
      } catch (error) {
        request.log.error({ err: error }, 'web chat history unavailable')
        throw new HttpError(503, 'unavailable', 'The conversation cannot be read right now; try again shortly')
      }
    },
  )

  app.post(
    '/api/chat',
    {
      schema: {
        tags: ['web chat'],
        body: chatRequestSchema,
        response: { 200: chatResponseSchema, 401: errorResponseSchema, 503: chatResponseSchema },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const body = request.body as z.infer<typeof chatRequestSchema>
      const sessionId = sessionOf(request)
      if (!sessionId) {
        startSession(reply, deps.secureCookies)
        throw new HttpError(401, 'session_required', 'No chat session: send the message again with the cookie just set')
      }
      const answer = await deps.handle({
        channel: 'web',
        externalUserId: sessionId,
        externalChatId: sessionId,
        externalMessageId: body.clientMessageId ?? randomBytes(12).toString('hex'),
        text: body.text ?? '',
        locale: body.locale,
        receivedAt: new Date(),
        action: body.action,
        clientAddress: request.ip,
      })
      if (answer.unavailable) return reply.code(503).send({ replies: answer.replies, verified: false })
      // The core says whether the sender is verified; only a repeat it did not answer again is looked up.
      let verified = answer.verified
      if (answer.replies.length === 0) {
        try {
          verified = await deps.isVerified(sessionId)
        } catch (error) {
          request.log.error({ err: error }, 'web session status unavailable')
          return reply.code(503).send({ replies: answer.replies, verified: false })
        }
      }
      return { replies: answer.replies, verified }
    },
  )
}
