/**
 * Local control routes under `/local/`: how commands on the same machine reach a running server that holds the
 * embedded database (the terminal chat, and any command that must not open the data directory a second time).
 * Only a loopback client that is not a proxy's forward, with the bearer token the server wrote into its data
 * directory's lock file (readable by its owner only), gets through; everyone else gets 404, as if the routes did
 * not exist. Never in the OpenAPI document, never rate-limited (a script may send many lines).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodType } from 'zod'
import { bearerToken, secretMatcher } from './auth.ts'
import { HttpError } from './errors.ts'
import type { HttpRouteHook } from './server.ts'

/** Options every local route passes: its body schema, hidden from the OpenAPI document, no rate limit. */
export function localRouteOptions(body: ZodType) {
  return { schema: { body, hide: true }, config: { rateLimit: false } }
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

function isLocalCaller(request: FastifyRequest): boolean {
  const forwarded = request.headers.forwarded !== undefined || request.headers['x-forwarded-for'] !== undefined
  return !forwarded && loopback.has(request.socket.remoteAddress ?? '')
}

/** Mounts `routes` under `/local/` behind the token check. */
export function localControlRoutes(token: string, routes: HttpRouteHook[]): HttpRouteHook {
  const matches = secretMatcher(token)
  return async (app: FastifyInstance) => {
    await app.register(
      async (scope) => {
        scope.addHook('onRequest', async (request) => {
          if (!isLocalCaller(request) || !matches(bearerToken(request)))
            throw new HttpError(404, 'not_found', `Route ${request.method}:${request.url} not found`)
        })
        for (const register of routes) await register(scope)
      },
      { prefix: '/local' },
    )
  }
}
