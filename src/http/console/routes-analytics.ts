/** The console's analytics: every chart's rows for a date range, and each table as CSV. */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  type AnalyticsQueries,
  type AnalyticsTable,
  analyticsTables,
  type DateRange,
  toCsv,
} from '../../services/console/analytics-queries.ts'
import type { ConsoleSessions } from '../../services/console/sessions.ts'
import { HttpError } from '../errors.ts'
import { requireSession } from './auth.ts'

export interface AnalyticsRouteDeps {
  sessions: ConsoleSessions
  analytics: AnalyticsQueries
}

const tags = ['console']
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
const rangeQuery = z.object({ from: day.optional(), to: day.optional() })
const maxDays = 366

/** [from 00:00, to 24:00) in Asia/Jakarta (UTC+7, no daylight saving); the last 30 days by default. */
export function rangeOf(query: z.infer<typeof rangeQuery>, now = new Date()): DateRange {
  const jakarta = (d: string) => new Date(`${d}T00:00:00+07:00`)
  const today = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
  const to = new Date(jakarta(query.to ?? today).getTime() + 86_400_000)
  const from = query.from ? jakarta(query.from) : new Date(to.getTime() - 30 * 86_400_000)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
    throw new HttpError(400, 'invalid_input', 'from must be a day before or equal to to', 'from')
  }
  if (to.getTime() - from.getTime() > maxDays * 86_400_000) {
    throw new HttpError(400, 'invalid_input', `at most ${maxDays} days at once`, 'from')
  }
  return { from, to }
}

export function analyticsRoutes(deps: AnalyticsRouteDeps) {
  const signedIn = requireSession(deps.sessions)
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/console/api/analytics',
      {
        schema: {
          tags,
          summary: 'Every chart of the dashboard for a date range (days in Asia/Jakarta)',
          querystring: rangeQuery,
        },
        preHandler: signedIn,
      },
      async (request) => {
        const range = rangeOf(request.query as z.infer<typeof rangeQuery>)
        return { from: range.from, to: range.to, tables: await deps.analytics.dashboard(range) }
      },
    )

    app.get(
      '/console/api/analytics/:table.csv',
      {
        schema: {
          tags,
          summary: 'One analytics table as CSV',
          params: z.object({ table: z.enum(analyticsTables) }),
          querystring: rangeQuery,
        },
        preHandler: signedIn,
      },
      async (request, reply) => {
        const { table } = request.params as { table: AnalyticsTable }
        const query = request.query as z.infer<typeof rangeQuery>
        const rows = await deps.analytics.table(table, rangeOf(query))
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${table}.csv"`)
          .send(toCsv(rows))
      },
    )
  }
}
