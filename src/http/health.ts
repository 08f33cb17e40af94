/**
 * Liveness and readiness for process managers and load balancers: `GET /healthz` says the process answers,
 * `GET /readyz` that the database does too (`SELECT 1`; 503 when it does not), with `details` on parts that
 * only degrade (Claude not set up right, or its circuit breaker open: the rule agent answers meanwhile).
 * Neither is rate-limited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { DatabaseHealth } from '../services/database-health.ts'
import { errorResponseSchema } from './errors.ts'

export interface HealthDeps {
  database: DatabaseHealth
  /** Parts that work in a degraded way without making the service unready (Claude's set-up and breaker). */
  details?: () => Record<string, unknown>
}

const okSchema = z.object({ status: z.literal('ok') })
const readySchema = z.object({
  status: z.literal('ready'),
  details: z.record(z.string(), z.unknown()).optional(),
})

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
          await deps.database.ping()
          const details = deps.details?.()
          return { status: 'ready' as const, ...(details ? { details } : {}) }
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
