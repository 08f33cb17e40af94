/**
 * Tells staff when Claude is not set up right (a refused key, an unknown or retired model, no permission, an
 * empty balance), through the outbox like every staff notice. Once: the same fault is not queued again within a
 * day, even across restarts or instances, so a service restarting with a wrong key does not flood the staff chat.
 *
 * @example createApp({ ..., onClaudeSetupFault: createClaudeNotices({ prisma }).setupFault })
 */
import type { Db } from '../../db/client.ts'

export interface ClaudeNoticeDeps {
  prisma: Db
  now?: () => Date
}

const quietMs = 24 * 60 * 60_000

/** A refused key or an unknown model, as the Claude agent's set-up check reports it (src/agent/claude-setup.ts). */
export interface ClaudeSetupFault {
  status?: number
  type: string
  message: string
  model: string
}

export function createClaudeNotices(deps: ClaudeNoticeDeps) {
  const now = deps.now ?? (() => new Date())
  return {
    /** Queues the notice unless the same fault was queued within the last day. Returns whether it queued. */
    async setupFault(fault: ClaudeSetupFault): Promise<boolean> {
      const payload = {
        model: fault.model,
        status: fault.status ?? null,
        type: fault.type,
        message: fault.message.slice(0, 500),
      }
      const recent = await deps.prisma.notification.findMany({
        where: {
          kind: 'claude_setup_fault',
          audience: 'admin',
          createdAt: { gt: new Date(now().getTime() - quietMs) },
        },
        select: { payload: true },
      })
      const same = recent.some((row) => {
        const earlier = row.payload as Partial<typeof payload> | null
        return earlier?.model === payload.model && earlier?.status === payload.status && earlier?.type === payload.type
      })
      if (same) return false
      await deps.prisma.notification.create({
        data: { audience: 'admin', kind: 'claude_setup_fault', payload },
      })
      return true
    },
  }
}
