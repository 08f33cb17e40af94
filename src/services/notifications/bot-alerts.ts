/**
 * The database side of the alerts about the bot itself (src/ops/alert-monitor.ts decides when a condition fires):
 * a state change becomes one `bot_alert` row for the outbox, written under a PostgreSQL advisory lock per condition
 * and only when the condition's last row says otherwise, so several instances send one alert and one recovery.
 */
import type { Db } from '../../db/client.ts'

export type AlertCondition =
  | 'tool_failures'
  | 'claude_unusable'
  | 'gateway_unreachable'
  | 'outbox_stuck'
  | 'backup_failed'
  | 'database_unreachable'

/** A stable advisory-lock key per condition. */
function lockKey(condition: AlertCondition): number {
  let hash = 0x4c41
  for (const char of `layan-alert:${condition}`) hash = (hash * 31 + char.charCodeAt(0)) | 0
  return hash
}

export interface BotAlertStore {
  /** Writes the state change when the condition's last row differs; true when this call wrote it. */
  transition(condition: AlertCondition, verdict: { firing: boolean; detail: string }): Promise<boolean>
  /** The database answers again: one recovery row, unless an instance wrote one since the outage began. */
  databaseRecovered(since: Date): Promise<boolean>
  /** Tool calls since a time, and those that ended with one of `failureCodes`. */
  toolCalls(since: Date, failureCodes: readonly string[]): Promise<{ total: number; failed: number }>
  /** Whether the database answers (`SELECT 1`). */
  answers(): Promise<boolean>
}

export function createBotAlertStore(deps: { prisma: Db }): BotAlertStore {
  const { prisma } = deps
  return {
    async transition(condition, verdict) {
      const state = verdict.firing ? 'firing' : 'resolved'
      return prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(${lockKey(condition)})::text AS locked`
        const last = await tx.notification.findFirst({
          where: { kind: 'bot_alert', payload: { path: ['condition'], equals: condition } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          select: { payload: true },
        })
        const lastState = (last?.payload as { state?: string } | null)?.state ?? 'resolved'
        if (lastState === state) return false
        await tx.notification.create({
          data: {
            audience: 'admin',
            kind: 'bot_alert',
            payload: { condition, state, detail: verdict.detail.slice(0, 500) },
          },
        })
        return true
      })
    },
    async databaseRecovered(since) {
      return prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(${lockKey('database_unreachable')})::text AS locked`
        const told = await tx.notification.count({
          where: {
            kind: 'bot_alert',
            createdAt: { gte: since },
            payload: { path: ['condition'], equals: 'database_unreachable' },
          },
        })
        if (told > 0) return false
        await tx.notification.create({
          data: {
            audience: 'admin',
            kind: 'bot_alert',
            payload: { condition: 'database_unreachable', state: 'resolved', detail: '' },
          },
        })
        return true
      })
    },
    async toolCalls(since, failureCodes) {
      const [total, failed] = await Promise.all([
        prisma.toolCall.count({ where: { createdAt: { gte: since } } }),
        prisma.toolCall.count({ where: { createdAt: { gte: since }, errorCode: { in: [...failureCodes] } } }),
      ])
      return { total, failed }
    },
    async answers() {
      try {
        await prisma.$queryRaw`SELECT 1`
        return true
      } catch {
        return false
      }
    },
  }
}
