/**
 * Liveness and readiness for process managers and load balancers: `GET /healthz` says the process answers,
 * `GET /readyz` that the database does too (`SELECT 1`; 503 when it does not). Neither is rate-limited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import { errorResponseSchema } from './errors.ts'

export interface HealthDeps {
  prisma: Db
}

const okSchema = z.object({ status: z.literal('ok') })
const readySchema = z.object({ status: z.literal('ready') })

export function healthRoutes(deps: HealthDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { rateLimit: false },
        schema: { tags: ['health'], summary: 'The process is up', response: { 200: okSchema } },
      },
      async () => ({ status: 'ok' as const }),
    )

    app.get(
      '/readyz',
      {
        config: { rateLimit: false },
        schema: {
          tags: ['health'],
          summary: 'The database answers',
          response: { 200: readySchema, 503: errorResponseSchema },
        },
      },
      async (request, reply) => {
        try {
          await deps.prisma.$queryRaw`SELECT 1`
          return { status: 'ready' as const }
        } catch (err) {
          request.log.error({ err }, 'readiness check failed')
          return reply.code(503).send({
            success: false as const,
            error: { code: 'not_ready', message: 'Database unavailable' },
          })
        }
      },
    )
  }
}
