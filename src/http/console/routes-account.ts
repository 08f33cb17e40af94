/** Console sign-in, sign-out, who am I, and the owner's pages: accounts and the audit trail. */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { AccountExists, type ConsoleAccounts, consoleActor } from '../../services/console/accounts.ts'
import type { ConsoleSessions } from '../../services/console/sessions.ts'
import { errorResponseSchema, HttpError } from '../errors.ts'
import { principalOf, requireSession, sessionCookie } from './auth.ts'

export interface AccountRouteDeps {
  accounts: ConsoleAccounts
  sessions: ConsoleSessions
  secureCookies: boolean
  /** Sign-in attempts a minute from one client address. */
  loginRatePerMinute: number
}

const tags = ['console']
const loginBody = z.object({ email: z.string().min(3).max(254), password: z.string().min(1).max(256) })
const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'staff']),
})
const loginResponse = z.object({ user: userView, csrfToken: z.string() })
const passwordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().max(256),
})
const newUserBody = z.object({
  email: z.string().max(254),
  name: z.string().max(100).optional(),
  password: z.string().max(256),
  role: z.enum(['owner', 'staff']).default('staff'),
})

export function accountRoutes(deps: AccountRouteDeps) {
  const signedIn = requireSession(deps.sessions)
  const ownerOnly = requireSession(deps.sessions, { role: 'owner' })

  return async (app: FastifyInstance): Promise<void> => {
    app.post(
      '/console/api/login',
      {
        schema: {
          tags,
          summary: 'Sign in: sets the http-only session cookie; the answer carries the CSRF token for changes',
          body: loginBody,
          response: { 200: loginResponse, 401: errorResponseSchema, 423: errorResponseSchema },
        },
        config: { rateLimit: { max: deps.loginRatePerMinute, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const body = request.body as z.infer<typeof loginBody>
        const outcome = await deps.accounts.authenticate(body.email, body.password)
        if (!outcome.ok) {
          if (outcome.reason === 'locked') {
            throw new HttpError(423, 'account_locked', 'Too many failed sign-ins: the account is locked for a while')
          }
          throw new HttpError(401, 'invalid_credentials', 'Wrong email or password')
        }
        const session = await deps.sessions.start(outcome.user.id)
        reply.setCookie(sessionCookie, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies,
          path: '/console',
          expires: session.expiresAt,
        })
        const { id, email, name, role } = outcome.user
        return { user: { id, email, name, role }, csrfToken: session.csrfToken }
      },
    )

    app.post(
      '/console/api/logout',
      { schema: { tags, summary: 'Sign out (ends this session)' }, preHandler: signedIn },
      async (request, reply) => {
        const me = principalOf(request)
        await deps.sessions.end(me.sessionId)
        await deps.accounts.signedOut(me)
        reply.clearCookie(sessionCookie, { path: '/console' })
        return { ok: true }
      },
    )

    app.get(
      '/console/api/me',
      {
        schema: { tags, summary: 'The signed-in user and the CSRF token', response: { 200: loginResponse } },
        preHandler: signedIn,
      },
      async (request) => {
        const me = principalOf(request)
        return { user: { id: me.userId, email: me.email, name: me.name, role: me.role }, csrfToken: me.csrfToken }
      },
    )

    app.post(
      '/console/api/me/password',
      {
        schema: {
          tags,
          summary: 'Change your own password (your other sessions end)',
          body: passwordBody,
          response: { 204: z.null(), 400: errorResponseSchema },
        },
        preHandler: signedIn,
      },
      async (request, reply) => {
        const me = principalOf(request)
        const { currentPassword, newPassword } = request.body as z.infer<typeof passwordBody>
        await deps.accounts.changePassword({
          userId: me.userId,
          keepSessionId: me.sessionId,
          currentPassword,
          newPassword,
        })
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/console/api/users',
      { schema: { tags, summary: 'Console accounts (owner)' }, preHandler: ownerOnly },
      async () => ({ users: await deps.accounts.list() }),
    )

    app.post(
      '/console/api/users',
      { schema: { tags, summary: 'Add a console account (owner)', body: newUserBody }, preHandler: ownerOnly },
      async (request, reply) => {
        const body = request.body as z.infer<typeof newUserBody>
        try {
          const user = await deps.accounts.add({ ...body, actor: consoleActor(principalOf(request)) })
          return reply.code(201).send({ user })
        } catch (error) {
          if (error instanceof AccountExists) throw new HttpError(409, error.code, error.message, 'email')
          throw error
        }
      },
    )

    app.post(
      '/console/api/users/:id/active',
      {
        schema: {
          tags,
          summary: 'Turn an account off (its sessions end) or on (owner)',
          params: z.object({ id: z.string().max(64) }),
          body: z.object({ active: z.boolean() }),
        },
        preHandler: ownerOnly,
      },
      async (request) => {
        const { id } = request.params as { id: string }
        const { active } = request.body as { active: boolean }
        const user = await deps.accounts.setActive(id, active, consoleActor(principalOf(request)))
        if (!user) throw new HttpError(404, 'not_found', 'No such account')
        return { user }
      },
    )

    app.get(
      '/console/api/audit',
      {
        schema: {
          tags,
          summary: 'The audit trail, newest first (owner)',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        },
        preHandler: ownerOnly,
      },
      async (request) => {
        const { limit } = request.query as { limit: number }
        return { entries: await deps.accounts.auditTrail(limit) }
      },
    )
  }
}
