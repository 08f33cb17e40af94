/**
 * Alerts about the bot itself, through the one staff-notice path (the outbox, `bot_alert` rows rendered in every
 * staff channel with a one-line runbook). Checked every ALERT_CHECK_SECONDS:
 *
 * - tool_failures: unexpected tool failures (internal_error, service_unavailable) in the window reach a count and a
 *   share of all calls (from the database: every instance sees the same);
 * - claude_unusable: a set-up fault (key, model, balance) or the circuit breaker open;
 * - gateway_unreachable: an outside API failing for ALERT_GATEWAY_DOWN_MINUTES without a success;
 * - outbox_stuck: the oldest waiting notification older than ALERT_OUTBOX_OLDEST_MINUTES;
 * - backup_failed: the last scheduled backup failed (told by the schedule);
 * - database_unreachable: cannot go through the database: each instance that notices sends it straight to the
 *   staff channels, once per outage; the recovery notice then goes through the outbox once.
 * Besides these, each check runs the shop's own overdue checks (`shopChecks`: COD orders unconfirmed past
 * COD_CONFIRM_ALERT_HOURS), which queue their staff notice in the outbox once per case.
 *
 * One alert per condition with a recovery notice, however many instances run: the store
 * (src/services/notifications/bot-alerts.ts) writes a state change under a PostgreSQL advisory lock per condition,
 * only when the last `bot_alert` row of that condition says otherwise.
 */
import type { ClaudeStatus } from '../agent/claude.ts'
import type { Reply } from '../core/types.ts'
import type { Locale } from '../i18n/format.ts'
import type { Logger } from '../logger.ts'
import type { Backlog } from '../services/backlog.ts'
import type { AlertCondition, BotAlertStore } from '../services/notifications/bot-alerts.ts'
import { renderBotAlert } from '../services/notifications/render-notification.ts'
import type { GatewayHealth } from './gateway-health.ts'

export interface AlertThresholds {
  windowMinutes: number
  toolFailures: number
  toolFailureRate: number
  gatewayDownMinutes: number
  outboxOldestMinutes: number
}

export interface AlertMonitorDeps {
  store: BotAlertStore
  readBacklog: () => Promise<Backlog>
  log: Logger
  thresholds: AlertThresholds
  claudeStatus?: () => ClaudeStatus
  gateways?: GatewayHealth
  /** Sends to every staff channel without the database (the database-unreachable alert). */
  sendToStaffNow: (reply: Reply) => Promise<void>
  /** Runs the outbox after an alert was queued. */
  kick?: () => void
  staffLocale?: Locale
  now?: () => Date
  /** Checks of the shop's data that queue staff notices themselves (once each); returns how many were queued. */
  shopChecks?: (() => Promise<number>)[]
}

type Verdict = { firing: boolean; detail: string } | null

const unexpectedToolCodes = ['internal_error', 'service_unavailable']

export function createAlertMonitor(deps: AlertMonitorDeps) {
  const now = deps.now ?? (() => new Date())
  const locale = deps.staffLocale ?? 'id'
  const t = deps.thresholds
  let databaseDownSince: Date | null = null
  let backupVerdict: Verdict = null
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null

  /** Writes the state change when the last row of the condition differs; true when this call wrote it. */
  async function transition(condition: AlertCondition, verdict: { firing: boolean; detail: string }) {
    const state = verdict.firing ? 'firing' : 'resolved'
    const wrote = await deps.store.transition(condition, verdict)
    if (wrote) {
      deps.log[verdict.firing ? 'error' : 'info']({ condition, detail: verdict.detail }, `alert ${state}: ${condition}`)
      deps.kick?.()
    }
    return wrote
  }

  async function toolFailures(): Promise<Verdict> {
    const since = new Date(now().getTime() - t.windowMinutes * 60_000)
    const { total, failed } = await deps.store.toolCalls(since, unexpectedToolCodes)
    const firing = failed >= t.toolFailures && failed / Math.max(1, total) >= t.toolFailureRate
    return { firing, detail: `${failed} of ${total} tool calls failed in the last ${t.windowMinutes} min` }
  }

  function claude(): Verdict {
    const status = deps.claudeStatus?.()
    if (!status) return null
    if (status.setup.state === 'setup_fault') {
      const f = status.setup.fault
      return { firing: true, detail: `${status.model}: ${f.status ? `HTTP ${f.status} ` : ''}${f.type}: ${f.message}` }
    }
    if (status.breaker.state === 'open') {
      return { firing: true, detail: `${status.model}: circuit breaker open until ${status.breaker.openUntil}` }
    }
    return { firing: false, detail: '' }
  }

  function gateways(): Verdict {
    if (!deps.gateways) return null
    const down = [...deps.gateways.failingSince()].filter(
      ([, since]) => now().getTime() - since >= t.gatewayDownMinutes * 60_000,
    )
    const sawWorking = deps.gateways.seenWorking().size > 0
    deps.gateways.clearSeen()
    if (down.length > 0) {
      const detail = down.map(([name, since]) => `${name} since ${new Date(since).toISOString()}`).join(', ')
      return { firing: true, detail }
    }
    // Only an instance that saw a gateway answer may call the outage over.
    return sawWorking && deps.gateways.failingSince().size === 0 ? { firing: false, detail: '' } : null
  }

  async function outbox(): Promise<Verdict> {
    const backlog = await deps.readBacklog()
    const minutes = backlog.outboxOldestSeconds / 60
    return {
      firing: backlog.outboxPending > 0 && minutes >= t.outboxOldestMinutes,
      detail: `${backlog.outboxPending} waiting, the oldest for ${Math.floor(minutes)} min`,
    }
  }

  async function check(): Promise<void> {
    if (!(await deps.store.answers())) {
      if (!databaseDownSince) {
        databaseDownSince = now()
        const text = renderBotAlert({ condition: 'database_unreachable', state: 'firing', detail: '' }, locale)
        deps.log.error('alert firing: database_unreachable (sent straight to the staff channels)')
        await deps.sendToStaffNow({ text }).catch((error: unknown) => {
          deps.log.error({ err: error }, 'the database alert could not be sent to staff')
        })
      }
      return
    }
    if (databaseDownSince) {
      const since = databaseDownSince
      await deps.store.databaseRecovered(since)
      databaseDownSince = null
      deps.kick?.()
    }
    const verdicts: [AlertCondition, Verdict | Promise<Verdict>][] = [
      ['tool_failures', toolFailures()],
      ['claude_unusable', claude()],
      ['gateway_unreachable', gateways()],
      ['outbox_stuck', outbox()],
      ['backup_failed', backupVerdict],
    ]
    for (const [condition, pending] of verdicts) {
      const verdict = await pending
      if (verdict) await transition(condition, verdict)
    }
    for (const shopCheck of deps.shopChecks ?? []) {
      if ((await shopCheck()) > 0) deps.kick?.()
    }
  }

  const runCheck = () => {
    running ??= check()
      .catch((error: unknown) => deps.log.error({ err: error }, 'alert check failed'))
      .finally(() => {
        running = null
      })
    return running
  }

  return {
    check: runCheck,
    /** Told by the backup schedule after each scheduled backup. */
    backupResult(ok: boolean, detail: string) {
      backupVerdict = { firing: !ok, detail }
      void runCheck()
    },
    start(intervalMs: number) {
      timer = setInterval(() => void runCheck(), intervalMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = null
      await running
    },
  }
}
