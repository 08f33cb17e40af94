/**
 * The service's entry point: configuration → database → the app (src/app.ts, the composition root: gateways,
 * services, tools, agent, core, staff parts) → the configured channels (adapters/channels.ts) → HTTP server →
 * outbox and housekeeping; and the orderly shutdown in reverse.
 *
 *   npm start                embedded database in DATA_DIR (created from the demo snapshot on first run), or
 *                            DATABASE_URL
 *   npm start -- --fresh     a throwaway in-memory demo shop
 *   npm start -- --migrate   applies pending migrations to DATABASE_URL first (the embedded database always is)
 *
 * `npm start` runs this module compiled (dist/main.js, see scripts/start.mjs); `npm run dev` runs it from source.
 * Telegram and Discord, and their libraries, are loaded only when configured.
 */

import { readFileSync } from 'node:fs'
import type { ChannelAdapter } from '../adapters/channel.ts'
import { createChannels } from '../adapters/channels.ts'
import { localBackend } from '../adapters/cli/backend.ts'
import { terminalServerRoutes } from '../adapters/cli/server-routes.ts'
import { createApp } from './app.ts'
import { type Config, loadConfig, servedOverHttps } from './config.ts'
import type { MessageTrace } from './core/conversation.ts'
import type { InboundMessage } from './core/types.ts'
import { takeBackup } from './db/backup/backup.ts'
import { listBackups, resolveBackupDir } from './db/backup/files.ts'
import { type Database, openDatabase } from './db/client.ts'
import { DataDirInUse, DataDirUnusable, newControlToken } from './db/data-dir.ts'
import { DatabaseNotMigrated } from './db/pending-migrations.ts'
import { prepareDatabase } from './db/prepare.ts'
import { backupRoute } from './http/backup-route.ts'
import { consoleRoutes } from './http/console/routes.ts'
import { localControlRoutes } from './http/local-control.ts'
import { instrumentHttp, metricsRoute } from './http/metrics.ts'
import { buildServer } from './http/server.ts'
import { shopLocalRoutes } from './http/shop-local-routes.ts'
import { shopWebhookRoutes } from './http/shop-webhooks.ts'
import { createLogger, routeConsoleToLogger } from './logger.ts'
import { createAlertMonitor } from './ops/alert-monitor.ts'
import { createBackupSchedule } from './ops/backup-schedule.ts'
import { registerDatabaseGauges } from './ops/db-gauges.ts'
import { createErrorReporter, reportingObserver, reportServerErrors } from './ops/error-reports.ts'
import { trackGatewayHealth } from './ops/gateway-health.ts'
import { countingFetch, countMessages } from './ops/instrument.ts'
import { createMetrics } from './ops/metrics.ts'
import { closeHttpServer, createReadiness, createShutdown } from './ops/shutdown.ts'
import { projectPath } from './project-root.ts'
import { createHousekeeping } from './services/housekeeping/housekeeping.ts'
import { createBotAlertStore } from './services/notifications/bot-alerts.ts'
import { trackInFlight } from './shutdown.ts'

let config: Config
try {
  config = loadConfig()
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`)
  process.exit(1)
}
const log = createLogger({ level: config.LOG_LEVEL })
// Libraries print errors with console.*, the Telegram ones with the request URL and so the bot token in it.
const fatal = routeConsoleToLogger(log)
const fresh = process.argv.includes('--fresh')
const migrateFlag = process.argv.includes('--migrate')

let db: Database
try {
  db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    inMemory: fresh,
    role: 'server',
    // A new embedded database starts from the pre-built snapshot: the demo shop, or with SEED_DEMO=false none.
    snapshot: (config.SEED_DEMO ?? true) ? 'demo' : 'empty',
    log,
  })
} catch (error) {
  // One sentence and no stack: an unusable DATA_DIR (or one another process holds) is a setting to fix, not a bug.
  if (error instanceof DataDirInUse) log.fatal({ dataDir: error.dataDir, holderPid: error.holder.pid }, error.message)
  else if (error instanceof DataDirUnusable) log.fatal(error.message)
  else log.fatal({ err: error }, 'the database could not be opened')
  process.exit(1)
}
// The embedded database looks after itself; a PostgreSQL server is migrated with `npm run db:migrate` (or
// `--migrate`), and the service will not run on one that was not. The demo shop goes into an empty database when
// SEED_DEMO says so (by default: the embedded database yes, PostgreSQL no).
try {
  await prepareDatabase(db, {
    migrate: db.kind === 'pglite' || migrateFlag,
    seedWhenEmpty: config.SEED_DEMO ?? db.kind === 'pglite',
    log,
  })
} catch (error) {
  log.fatal({ err: error }, error instanceof DatabaseNotMigrated ? error.message : 'database not ready')
  await db.close().catch(() => undefined)
  process.exit(1)
}

// ── Operations: metrics, error reports, readiness, backups (src/ops) ──────────────────────────────────────────
// One registry for this process, handed to the parts that count; the database gauges are read at scrape time.
const metrics = createMetrics()
// Error reports only with SENTRY_DSN (the SDK is not loaded otherwise); the observer then also reports failures.
const errorReporter = config.SENTRY_DSN
  ? await createErrorReporter({
      dsn: config.SENTRY_DSN,
      release: config.SENTRY_RELEASE ?? `layan@${packageVersion()}`,
      environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV,
      log,
    })
  : null
if (errorReporter) {
  fatal.beforeFatalExit(async (error) => {
    errorReporter.capture(error, { kind: 'unhandled' })
    await errorReporter.flush(1500)
  })
}
// Gateway outcomes also feed the alert monitor's view of which outside API is down.
const gatewayHealth = trackGatewayHealth(
  errorReporter ? reportingObserver(metrics.observer, errorReporter) : metrics.observer,
)
const observer = gatewayHealth.observer
const readiness = createReadiness()
// The alert monitor is built once the outbox exists; a Claude set-up fault found before that is checked at start.
let checkAlerts: (() => void) | null = null

// Everything the service is made of, from the configuration (gateways, services, tools, agent, core, staff parts).
// Hand-offs are opened only where staff can answer them (a staff channel, or the console with an account that can
// sign in); elsewhere the customer gets the shop's contacts.
let staffChannels = 0
const app = createApp({
  db,
  log,
  config,
  staffNotices: true,
  staffAvailable: () => staffChannels > 0 || app.console.staffed(),
  observer,
  gatewayFetch: (gateway) => countingFetch(gateway, observer),
  // A set-up fault reaches staff as the `claude_unusable` alert (src/ops/alert-monitor.ts), with its recovery notice.
  onClaudeSetupFault: () => checkAlerts?.(),
  ...(errorReporter
    ? {
        onOutboxFailed: (row: { id: string; kind: string; audience: string; attempts: number; lastError: string }) =>
          errorReporter.capture(new Error(`notification ${row.kind} failed: ${row.lastError}`), {
            kind: 'outbox_failed',
            extra: { notificationId: row.id, kind: row.kind, audience: row.audience, attempts: row.attempts },
          }),
      }
    : {}),
})
const { core, services, agent, claude, gateways, outbox } = app
registerDatabaseGauges(metrics.registry, services.backlog.read)
// The console's first owner comes from CONSOLE_OWNER_EMAIL / CONSOLE_OWNER_PASSWORD.
try {
  await app.console.ensureOwner()
} catch (error) {
  log.error({ err: error }, 'the console owner from CONSOLE_OWNER_EMAIL could not be created')
}
// The key and the model are checked once at start (the Models API): a set-up fault is logged at error, shown in
// /readyz and told to staff, and the rule agent answers in limited mode until it is fixed.
const claudeSetup = claude ? await claude.checkSetup() : null
// The shop's knowledge files, read (and their mistakes logged) before the first customer asks.
const knowledge = await app.knowledge.refresh({ force: true })
const controlToken = newControlToken()

// Backups (npm run db:backup asks this server over the local route while it holds the embedded database).
const backupSettings = {
  dir: resolveBackupDir(config.BACKUP_DIR, config.DATA_DIR),
  keep: config.BACKUP_KEEP,
  ...(config.BACKUP_ENCRYPTION_KEY ? { encryptionKey: config.BACKUP_ENCRYPTION_KEY } : {}),
}
const embedded = db.kind === 'pglite' && !fresh ? db.pglite : undefined
const backupNow = embedded ? () => takeBackup({ kind: 'embedded', pglite: embedded }, backupSettings) : null

// ── Channels (adapters/channels.ts): the web chat always, Telegram, WhatsApp and Discord when configured ──────
// Each channel's messages are counted in flight, so a shutdown answers what was already received.
const inFlight: ReturnType<typeof trackInFlight<[InboundMessage], MessageTrace>>[] = []
let channels: ChannelAdapter[]
try {
  channels = await createChannels({ config, app, log }, (handler) => {
    // Every channel's messages are counted (in, out, reply time) on their way through the core.
    const tracked = trackInFlight(countMessages(handler.handleWithTrace.bind(handler), metrics.observer, agent.name))
    inFlight.push(tracked)
    return { handleWithTrace: tracked.run, delivered: handler.delivered.bind(handler) }
  })
} catch (error) {
  log.fatal((error as Error).message)
  await db.close().catch(() => undefined)
  process.exit(1)
}
// The outbox delivers what services queue (payments, shipping, hand-off answers, ratings, low stock) through
// the channels' senders.
// The console lists what staff are told while an account can sign in there.
outbox.addStaffSender(app.console.notices.staffSender)
for (const channel of channels) {
  if (channel.sender) outbox.addChannelSender(channel.sender)
  if (channel.staffSender) {
    outbox.addStaffSender(channel.staffSender)
    staffChannels++
  }
}
// What the shop still has to connect (README "Your own shop"); empty once it answers with the shop's own data.
const toConnect = await app.setup
  .gaps({ staffChannel: staffChannels > 0, consoleOwner: app.console.staffed(), shopName: config.SHOP_NAME })
  .then((gaps) => gaps.map((gap) => gap.hint))
  .catch(() => [])
const terminalInFlight = trackInFlight(countMessages(core.handleWithTrace.bind(core), metrics.observer, agent.name))
inFlight.push(terminalInFlight)

const server = buildServer({
  services,
  config,
  log,
  paymentGateway: gateways.paymentGateway,
  // Only the database gates readiness; Claude, the channels and the gateways are details.
  readyDetails: () => ({
    ...(claude ? { claude: claude.status() } : {}),
    channels: Object.fromEntries(['web', 'telegram', 'whatsapp', 'discord'].map((name) => [name, channelMode(name)])),
    gateways: { payment: gateways.paymentGateway.name, courier: gateways.courierGateway.name },
    knowledge: knowledgeStatus(app.knowledge.current()),
  }),
  accepting: readiness.accepting,
  instrument: (root) => {
    if (errorReporter) reportServerErrors(root, errorReporter)
    instrumentHttp(root, {
      observer: metrics.observer,
      // The Telegram webhook answers at its public URL's path (adapters/telegram/webhook.ts).
      ...(channelMode('telegram') === 'webhook' && config.TELEGRAM_WEBHOOK_URL
        ? { webhookRoutes: { [new URL(config.TELEGRAM_WEBHOOK_URL).pathname.replace(/\/+$/, '')]: 'telegram' } }
        : {}),
    })
  },
  register: [
    metricsRoute({ registry: metrics.registry, ...(config.METRICS_TOKEN ? { token: config.METRICS_TOKEN } : {}) }),
    ...channels.flatMap((channel) => channel.routes ?? []),
    // WooCommerce and Shopify webhooks, when their webhook secrets are set.
    ...shopWebhookRoutes({
      platforms: app.shopPlatforms,
      shopSync: services.shopSync,
      events: services.events,
      log: log.child({ component: 'shop-sync' }),
    }),
    // The staff console at /console: inbox and hand-offs on every channel, stock, shipping, analytics.
    consoleRoutes({
      console: app.console,
      inventory: services.inventory,
      shipping: services.shipping,
      cod: services.cod,
      returns: services.returns,
      lowStock: app.staff.lowStock,
      notify: app.notify,
      secureCookies: servedOverHttps(config),
      setup: {
        gaps: () =>
          app.setup.gaps({
            staffChannel: staffChannels > 0,
            consoleOwner: app.console.staffed(),
            shopName: config.SHOP_NAME,
          }),
        knowledge: app.knowledge,
      },
    }),
    // Commands on this machine (the terminal chat) reach this server instead of opening its data directory.
    localControlRoutes(controlToken, [
      terminalServerRoutes(localBackend({ handleWithTrace: terminalInFlight.run }, services.crm)),
      // `npm run import`, `npm run sync` and `npm run demo:remove` send their records here while the server runs.
      shopLocalRoutes(services.shopSink),
      ...(backupNow ? [backupRoute(backupNow)] : []),
    ]),
  ],
})

const address = await server.listen({ host: config.HOST, port: config.PORT }).catch(async (error: unknown) => {
  const code = (error as { code?: string }).code
  const where = `${config.HOST}:${config.PORT}`
  log.fatal(
    code === 'EADDRINUSE'
      ? `port ${config.PORT} is already in use on ${config.HOST}: stop the other process or set PORT to a free port`
      : code === 'EACCES'
        ? `not allowed to listen on ${where}: choose a PORT above 1023`
        : code === 'EADDRNOTAVAIL'
          ? `HOST ${config.HOST} is not an address of this machine`
          : `cannot listen on ${where} (${code ?? (error as Error).message})`,
  )
  await db.close().catch(() => undefined)
  process.exit(1)
})
db.lock?.advertise({ url: loopbackUrl(server), token: controlToken })

for (const channel of channels) await channel.start()
outbox.start()
app.shopPlatforms.start()
// Alerts about the bot itself, one per condition across instances (src/ops/alert-monitor.ts).
const alerts = createAlertMonitor({
  store: createBotAlertStore({ prisma: db.prisma }),
  readBacklog: services.backlog.read,
  log: log.child({ component: 'alerts' }),
  thresholds: {
    windowMinutes: config.ALERT_WINDOW_MINUTES,
    toolFailures: config.ALERT_TOOL_FAILURES,
    toolFailureRate: config.ALERT_TOOL_FAILURE_RATE,
    gatewayDownMinutes: config.ALERT_GATEWAY_DOWN_MINUTES,
    outboxOldestMinutes: config.ALERT_OUTBOX_OLDEST_MINUTES,
  },
  ...(claude ? { claudeStatus: () => claude.status() } : {}),
  gateways: gatewayHealth.health,
  shopChecks: [services.cod.alertOverdue],
  sendToStaffNow: (reply) => outbox.sendToStaffNow(reply),
  kick: app.notify,
})
checkAlerts = () => void alerts.check()
if (config.ALERT_CHECK_SECONDS > 0) alerts.start(config.ALERT_CHECK_SECONDS * 1000)
if (claudeSetup?.state === 'setup_fault') checkAlerts()
// Once a minute: hand-offs nobody answered within HANDOFF_WAIT_TIMEOUT_MINUTES go back to the bot; old console
// sessions are dropped.
app.console.start()
// Old delivery ids (repeat detection) are pruned once an hour.
const housekeeping = createHousekeeping({
  sql: db.sql,
  log: log.child({ component: 'housekeeping' }),
  expireReturns: async () => {
    const expired = await app.services.returns.expireOverdue()
    if (expired > 0) app.notify()
    return expired
  },
})
housekeeping.start()
const backupSchedule =
  backupNow && config.BACKUP_EVERY_HOURS
    ? createBackupSchedule({
        everyHours: config.BACKUP_EVERY_HOURS,
        backup: backupNow,
        log: log.child({ component: 'backup' }),
        onResult: (result) => {
          metrics.observer.backup(result.ok)
          alerts.backupResult(result.ok, result.ok ? '' : result.error.message.slice(0, 300))
        },
      })
    : null
backupSchedule?.start()
const lastBackup = listBackups(backupSettings.dir)[0]

const on = (flag: boolean) => (flag ? 'on' : 'off')
log.info(
  {
    url: address,
    database: db.kind === 'pglite' ? (fresh ? 'embedded (in memory)' : `embedded (${config.DATA_DIR})`) : 'postgresql',
    agent: agent.name,
    ...(claude ? { model: claude.model, claudeSetup: claudeSetup?.state } : {}),
    webChat: 'on',
    console: app.console.staffed() ? 'on' : 'no accounts (CONSOLE_OWNER_EMAIL or npm run console:user)',
    botApi: on(Boolean(config.BOT_API_TOKEN)),
    midtrans:
      gateways.paymentGateway.name === 'midtrans' ? (config.MIDTRANS_PRODUCTION ? 'production' : 'sandbox') : 'off',
    courierApi: on(gateways.courierGateway.name !== 'offline'),
    ...Object.fromEntries(['telegram', 'whatsapp', 'discord'].map((name) => [name, channelMode(name)])),
    metrics: config.METRICS_TOKEN ? 'token' : 'this machine only',
    backups: backupSchedule ? `every ${config.BACKUP_EVERY_HOURS} h to ${backupSettings.dir}` : 'on demand',
    lastBackup: lastBackup ? `${lastBackup.at.toISOString()} (${lastBackup.file})` : 'none yet',
    shopApi: on(Boolean(config.SHOP_API_TOKEN)),
    ...app.shopPlatforms.describe(),
    knowledge:
      knowledge.source === 'files'
        ? `${knowledge.files.length} file(s) in ${app.knowledge.dir} (version ${knowledge.version})`
        : knowledge.source === 'demo'
          ? "the demo's FAQ"
          : `none (${app.knowledge.dir})`,
    ...(knowledge.problems.length > 0 ? { knowledgeProblems: knowledge.problems.length } : {}),
    ...(toConnect.length > 0 ? { toConnect } : {}),
  },
  `Layan is running for ${config.SHOP_NAME} at ${address}`,
)

const shutdown = createShutdown({
  log,
  graceMs: config.SHUTDOWN_GRACE_MS,
  notReady: readiness.stop,
  stopClaiming: [
    // Stops polling and workers; each waits for the updates being handled (WhatsApp's stored messages wait in
    // the inbox).
    ...channels.map((channel) => () => channel.stop()),
    () => app.console.stop(), // closes the console's and the web chat's live streams
    () => outbox.stop(), // the row in hand finishes, the rest of its batch is released
    () => app.shopPlatforms.stop(),
    () => housekeeping.stop(),
    async () => backupSchedule?.stop(), // a backup in progress finishes
    () => alerts.stop(),
  ],
  closeHttp: () => closeHttpServer(server),
  // Answers what was already received.
  drainMessages: () => Promise.all(inFlight.map((tracked) => tracked.drain())).then(() => undefined),
  closeDatabase: async () => {
    await errorReporter?.flush(1000)
    await db.close()
  },
  exit: (code) => process.exit(code),
})
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

/** Where a command on this machine reaches the server, whichever address it listens on. */
function loopbackUrl(server: Awaited<ReturnType<typeof buildServer>>): string {
  const bound = server.server.address()
  if (!bound || typeof bound === 'string') return `http://127.0.0.1:${config.PORT}`
  const host = bound.address === '0.0.0.0' || bound.address === '::' ? '127.0.0.1' : bound.address
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`
}

/** How a channel receives messages ('off' when it is not configured), for the start line and /readyz. */
function channelMode(name: string): string {
  return channels.find((channel) => channel.name === name)?.mode ?? 'off'
}

/** The knowledge in use, for /readyz: several instances agree when their versions are equal. */
function knowledgeStatus(snapshot: ReturnType<typeof app.knowledge.current>) {
  return {
    source: snapshot.source,
    version: snapshot.version,
    files: snapshot.files.length,
    // Only the count: the messages quote the files (the log has them in full).
    problems: snapshot.problems.length,
  }
}

/** The version in package.json, for the release tag of error reports. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
