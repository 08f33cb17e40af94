/**
 * Web chat: the chat page (GET /), its assets (/static/*), and POST /api/chat. The sender is a random session
 * id kept in a signed, http-only cookie, so one browser is one conversation and nobody can pose as another
 * session by editing the cookie.
 */
import { randomBytes } from 'node:crypto'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { InboundMessage, Reply } from '../../src/core/types.ts'
import { projectPath } from '../../src/project-root.ts'

export const maxChatLength = 4000
const cookieName = 'layan_sid'

export interface WebChatDeps {
  handle(message: InboundMessage): Promise<Reply[]>
  /** Whether this web session is linked to a customer. */
  isVerified(sessionId: string): Promise<boolean>
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

function sessionOf(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const raw = request.cookies[cookieName]
  if (raw) {
    const unsigned = request.unsignCookie(raw)
    if (unsigned.valid && unsigned.value) return unsigned.value
  }
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
    const sessionId = sessionOf(request, reply, deps.secureCookies)
    return { shopName: deps.shopName, verified: await deps.isVerified(sessionId) }
  })

  app.post(
    '/api/chat',
    {
      schema: { tags: ['web chat'], body: chatRequestSchema, response: { 200: chatResponseSchema } },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const body = request.body as z.infer<typeof chatRequestSchema>
      const sessionId = sessionOf(request, reply, deps.secureCookies)
      const replies = await deps.handle({
        channel: 'web',
        externalUserId: sessionId,
        externalChatId: sessionId,
        externalMessageId: body.clientMessageId ?? randomBytes(12).toString('hex'),
        text: body.text ?? '',
        locale: body.locale,
        receivedAt: new Date(),
        action: body.action,
      })
      return { replies, verified: await deps.isVerified(sessionId) }
    },
  )
}
