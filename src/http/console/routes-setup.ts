/** The console's set-up card: what the shop still has to connect, and the state of its knowledge files. */
import type { FastifyInstance } from 'fastify'
import type { ConsoleSessions } from '../../services/console/sessions.ts'
import { describeProblem } from '../../services/knowledge/parse.ts'
import type { KnowledgeStore } from '../../services/knowledge/store.ts'
import type { SetupGap } from '../../services/shop-setup.ts'
import { requireSession } from './auth.ts'

export interface SetupRouteDeps {
  sessions: ConsoleSessions
  /** The gaps as the running server sees them (its staff channels and console accounts). */
  gaps: () => Promise<SetupGap[]>
  knowledge: Pick<KnowledgeStore, 'refresh' | 'dir'>
}

export function setupRoutes(deps: SetupRouteDeps) {
  const signedIn = requireSession(deps.sessions)
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/console/api/setup',
      {
        schema: { tags: ['console'], summary: 'What the shop still has to connect, and its knowledge files' },
        preHandler: signedIn,
      },
      async () => {
        const knowledge = await deps.knowledge.refresh()
        return {
          gaps: await deps.gaps(),
          knowledge: {
            source: knowledge.source,
            dir: deps.knowledge.dir,
            version: knowledge.version,
            files: knowledge.files,
            problems: knowledge.problems.map(describeProblem),
          },
        }
      },
    )
  }
}
