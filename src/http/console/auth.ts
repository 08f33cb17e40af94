/**
 * Console authentication for routes: the session cookie (http-only, SameSite=Strict, Secure over HTTPS, path
 * /console), the CSRF check on every change (the `x-csrf-token` header must equal the session's token), and the
 * role check. A request without a valid session gets 401, a change without the token 403, a staff member on an
 * owner's route 403.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ConsolePrincipal, ConsoleSessions } from '../../services/console/sessions.ts'
import { sameToken } from '../../services/console/sessions.ts'
import { HttpError } from '../errors.ts'

export const sessionCookie = 'layan_console'
export const csrfHeader = 'x-csrf-token'

const principals = new WeakMap<FastifyRequest, ConsolePrincipal>()

/** The signed-in user of a request that passed `requireSession`. */
export function principalOf(request: FastifyRequest): ConsolePrincipal {
  const principal = principals.get(request)
  if (!principal) throw new HttpError(401, 'unauthorized', 'Sign in to the console first')
  return principal
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** preHandler: a valid session, and for changes the CSRF token; `role: 'owner'` also requires the owner. */
export function requireSession(sessions: ConsoleSessions, opts: { role?: 'owner' } = {}) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const principal = await sessions.resolve(request.cookies[sessionCookie])
    if (!principal) throw new HttpError(401, 'unauthorized', 'Sign in to the console first')
    if (!safeMethods.has(request.method)) {
      const sent = request.headers[csrfHeader]
      if (!sameToken(typeof sent === 'string' ? sent : undefined, principal.csrfToken)) {
        throw new HttpError(403, 'csrf_failed', `Send the session's CSRF token in the ${csrfHeader} header`)
      }
    }
    if (opts.role === 'owner' && principal.role !== 'owner') {
      throw new HttpError(403, 'forbidden', 'Only the owner may do this')
    }
    principals.set(request, principal)
  }
}
