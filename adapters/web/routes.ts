/**
 * Web chat: the chat page (GET /), its assets (/static/*), GET /api/chat/session, POST /api/chat and
 * GET /api/chat/history (the conversation so far, staff replies included, for a reload), and POST /api/chat/photo
 * (a photo for a return request: the raw JPEG, PNG or WebP body, at most RETURN_PHOTO_MAX_BYTES). The sender is
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
import { errorResponseSchema, HttpError, toErrorResponse } from '../../src/http/errors.ts'
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
  /** Largest photo body POST /api/chat/photo takes (RETURN_PHOTO_MAX_BYTES; default 5 MB); 413 beyond. */
  photoMaxBytes?: number
}

/** The body types POST /api/chat/photo takes; what the bytes really are is checked by the attachment service. */
export const photoContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const

/** The image bytes; the schema only documents them (the body is taken as it is and checked by its bytes). */
const photoBodySchema = z.any().meta({ type: 'string', format: 'binary', description: 'The JPEG, PNG or WebP image' })

export const photoQuerySchema = z.object({
  locale: z.enum(['id', 'en']).optional(),
  clientMessageId: z.string().min(1).max(64).optional(),
})

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

  const photoMaxBytes = deps.photoMaxBytes ?? 5_000_000
  // Photos arrive as the raw image body, kept as bytes (the chat's JSON routes are unaffected).
  app.addContentTypeParser(
    [...photoContentTypes],
    { parseAs: 'buffer', bodyLimit: photoMaxBytes },
    (_request, body, done) => done(null, body),
  )
  const tooLarge = () =>
    new HttpError(
      413,
      'payload_too_large',
      `Photo too large: at most ${photoMaxBytes} bytes (RETURN_PHOTO_MAX_BYTES) / Foto terlalu besar`,
    )

  app.post(
    '/api/chat/photo',
    {
      schema: {
        tags: ['web chat'],
        summary: 'Send a photo (for a return request) into the chat',
        description:
          "The raw image as the body (Content-Type image/jpeg, image/png or image/webp; at most RETURN_PHOTO_MAX_BYTES, 413 beyond). The session cookie identifies the sender as on POST /api/chat; the photo is kept only for a verified customer and only when its bytes are a JPEG, PNG or WebP image. The answer is the bot's replies: stored with an open return request, kept for the next one, or refused with the reason.",
        consumes: [...photoContentTypes],
        body: photoBodySchema,
        querystring: photoQuerySchema,
        response: {
          200: chatResponseSchema,
          401: errorResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
          503: chatResponseSchema,
        },
      },
      bodyLimit: photoMaxBytes,
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      // A body announced too large is refused before it is read.
      onRequest: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > photoMaxBytes) throw tooLarge()
      },
      errorHandler: (error, request, reply) => {
        const refused = (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? tooLarge() : error
        const { status, body } = toErrorResponse(refused)
        if (status >= 500) request.log.error({ err: error }, 'photo upload failed')
        return (reply as FastifyReply).code(status).type('application/json; charset=utf-8').send(body)
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw new HttpError(415, 'unsupported_media_type', 'Send the photo as image/jpeg, image/png or image/webp')
      const bytes = new Uint8Array(request.body)
      const query = request.query as z.infer<typeof photoQuerySchema>
      const sessionId = sessionOf(request)
      if (!sessionId) {
        startSession(reply, deps.secureCookies)
        throw new HttpError(401, 'session_required', 'No chat session: send the photo again with the cookie just set')
      }
      const answer = await deps.handle({
        channel: 'web',
        externalUserId: sessionId,
        externalChatId: sessionId,
        externalMessageId: query.clientMessageId ?? randomBytes(12).toString('hex'),
        text: '',
        locale: query.locale,
        receivedAt: new Date(),
        clientAddress: request.ip,
        photo: { sizeBytes: bytes.length, load: async () => bytes },
      })
      if (answer.unavailable) return reply.code(503).send({ replies: answer.replies, verified: false })
      return { replies: answer.replies, verified: answer.verified }
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
