/**
 * The composition root: configuration → database → gateways → services, tools and agent → conversation core →
 * HTTP server with the web chat. The only module that constructs things; everything else receives them.
 *
 *   npm start                embedded database in DATA_DIR (created from the demo snapshot on first run), or
 *                            DATABASE_URL
 *   npm start -- --fresh     a throwaway in-memory demo shop
 *   npm start -- --migrate   applies pending migrations to DATABASE_URL first (the embedded database always is)
 *
 * `npm start` runs this module compiled (dist/main.js, see scripts/start.mjs); `npm run dev` runs it from source.
 * Telegram and Discord, and their libraries, are loaded only when configured.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { localBackend } from '../adapters/cli/backend.ts'
import { terminalServerRoutes } from '../adapters/cli/server-routes.ts'
import type { DiscordAdapter } from '../adapters/discord/start.ts'
import { registerWebChat } from '../adapters/web/routes.ts'
import type { WhatsAppAdapter } from '../adapters/whatsapp/adapter.ts'
import { type Config, loadConfig, servedOverHttps } from './config.ts'
import { buildCore } from './core/build-core.ts'
import { type Database, openDatabase } from './db/client.ts'
import { DataDirInUse, DataDirUnusable, newControlToken } from './db/data-dir.ts'
import { DatabaseNotMigrated } from './db/pending-migrations.ts'
import { prepareDatabase } from './db/prepare.ts'
import { createGateways } from './gateways/select.ts'
import { createHousekeeping } from './housekeeping/housekeeping.ts'
import { localControlRoutes } from './http/local-control.ts'
import { buildServer } from './http/server.ts'
import { createLogger, routeConsoleToLogger } from './logger.ts'
import { createHandoffNotices } from './notifications/handoff-notices.ts'
import { createLowStockWatcher } from './notifications/low-stock.ts'
import { createOutboxWorker } from './notifications/outbox.ts'
import { createRefundTask } from './notifications/refund-task.ts'
import { trackGatewayHealth } from './ops/alerts/gateway-health.ts'
import { createAlertMonitor } from './ops/alerts/monitor.ts'
import { takeBackup } from './ops/backup/backup.ts'
import { listBackups, resolveBackupDir } from './ops/backup/files.ts'
import { backupRoute } from './ops/backup/local-route.ts'
import { createBackupSchedule } from './ops/backup/schedule.ts'
import { registerDatabaseGauges } from './ops/db-gauges.ts'
import { createErrorReporter, reportingObserver, reportServerErrors } from './ops/error-reports.ts'
import { instrumentHttp, metricsRoute } from './ops/http-metrics.ts'
import { countingFetch, countMessages } from './ops/instrument.ts'
import { createMetrics } from './ops/metrics.ts'
import { closeHttpServer, createReadiness, createShutdown } from './ops/shutdown.ts'
import { projectPath } from './project-root.ts'
import { createAdminOrderService } from './services/admin-orders.ts'
import { createDeliveryService } from './services/deliveries.ts'
import { createHandoffDesk } from './services/handoff-desk.ts'
import { createInboxService } from './services/inbox.ts'
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

// ── Operations: metrics, readiness and the stop sequence (src/ops) ─────────────────────────────────────────────
// One registry for this process, handed to the parts that count; the database gauges are read at scrape time.
const metrics = createMetrics()
registerDatabaseGauges(metrics.registry, db.prisma)
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
// Backups (npm run db:backup asks this server over the local route while it holds the embedded database).
const backupSettings = {
  dir: resolveBackupDir(config.BACKUP_DIR, config.DATA_DIR),
  keep: config.BACKUP_KEEP,
  ...(config.BACKUP_ENCRYPTION_KEY ? { encryptionKey: config.BACKUP_ENCRYPTION_KEY } : {}),
}
const embedded = db.kind === 'pglite' && !fresh ? db.pglite : undefined
const backupNow = embedded ? () => takeBackup({ kind: 'embedded', pglite: embedded }, backupSettings) : null
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
// ── end operations (set-up) ─────────────────────────────────────────────────────────────────────────────────────

const gateways = createGateways({
  prisma: db.prisma,
  config,
  fetchFor: (gateway) => countingFetch(gateway, observer),
})
// Staff hear about new hand-offs through the outbox, on every channel that has a staff sender.
const handoffNotices = createHandoffNotices({ prisma: db.prisma })
const { core, services, agent, handoffs, claude } = buildCore({
  db,
  log,
  config,
  ...gateways,
  onHandoffOpened: handoffNotices.opened,
  metrics: observer,
  // A set-up fault reaches staff as the `claude_unusable` alert (src/ops/alerts), with its recovery notice.
})
// The key and the model are checked once at start (the Models API): a set-up fault is logged at error, shown in
// /readyz and told to staff, and the rule agent answers in limited mode until it is fixed.
const claudeSetup = claude ? await claude.checkSetup() : null
// Every channel's messages are counted (in, out, reply time) on their way through the core.
const handleCounted = countMessages(core.handleWithTrace.bind(core), metrics.observer, agent.name)
const inFlight = trackInFlight(handleCounted)
const controlToken = newControlToken()

// ── Proactive messages and staff tools, shared by the chat channels ─────────────────────────────────────────
// The outbox delivers what services queue (payments, shipping, hand-off answers, ratings, low stock) through the
// senders the channels register below; `notify` runs it at once after an admin command queued something.
const outbox = createOutboxWorker({
  prisma: db.prisma,
  log: log.child({ component: 'outbox' }),
  shopName: config.SHOP_NAME,
  // Refunds whose request failed when the order was cancelled are asked for again, with backoff.
  tasks: [createRefundTask({ orders: services.orders })],
  ...(errorReporter
    ? {
        onFailed: (row: { id: string; kind: string; audience: string; attempts: number; lastError: string }) =>
          errorReporter.capture(new Error(`notification ${row.kind} failed: ${row.lastError}`), {
            kind: 'outbox_failed',
            extra: { notificationId: row.id, kind: row.kind, audience: row.audience, attempts: row.attempts },
          }),
      }
    : {}),
})
const notify = () => {
  outbox.runOnce().catch((error: unknown) => log.error({ err: error }, 'outbox pass failed'))
}
const handoffDesk = createHandoffDesk({ prisma: db.prisma })
const lowStock = createLowStockWatcher({ prisma: db.prisma, log })

// ── Telegram (TELEGRAM_BOT_TOKEN; webhook when TELEGRAM_WEBHOOK_URL is set, else long polling) ──────────────
const telegramInFlight = trackInFlight(handleCounted)
const telegram = config.TELEGRAM_BOT_TOKEN
  ? (await import('../adapters/telegram/adapter.ts')).createTelegramAdapter({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      webhookUrl: config.TELEGRAM_WEBHOOK_URL,
      webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
      adminIds: config.ADMIN_TELEGRAM_IDS,
      adminChatId: config.ADMIN_TELEGRAM_CHAT_ID,
      shopName: config.SHOP_NAME,
      core: { handleWithTrace: telegramInFlight.run },
      sql: db.sql,
      log: log.child({ channel: 'telegram' }),
      services,
      handoffs,
      desk: handoffDesk,
      notices: handoffNotices,
      adminOrders: createAdminOrderService({ prisma: db.prisma }),
      lowStock,
      notify,
    })
  : null
if (telegram) {
  outbox.addChannelSender(telegram.sender)
  if (telegram.staffSender) outbox.addStaffSender(telegram.staffSender)
}
// ── end Telegram ──────────────────────────────────────────────────────────────────────────────────────────────

// ── WhatsApp (WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID; messages arrive at /webhooks/whatsapp) ─────────
// Loaded only when configured. The webhook stores each message before answering Meta; a worker answers after.
const whatsappInFlight = trackInFlight(handleCounted)
let whatsapp: WhatsAppAdapter | null = null
if (config.WHATSAPP_ACCESS_TOKEN && config.WHATSAPP_PHONE_NUMBER_ID) {
  const { createWhatsAppAdapter } = await import('../adapters/whatsapp/adapter.ts')
  try {
    whatsapp = createWhatsAppAdapter({
      config,
      accessToken: config.WHATSAPP_ACCESS_TOKEN,
      phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
      core: { handleWithTrace: whatsappInFlight.run },
      crm: services.crm,
      handoffs,
      desk: handoffDesk,
      notices: handoffNotices,
      inbox: createInboxService({ prisma: db.prisma }),
      deliveries: createDeliveryService({ prisma: db.prisma }),
      notify,
      log: log.child({ channel: 'whatsapp' }),
    })
  } catch (error) {
    log.fatal((error as Error).message)
    await db.close().catch(() => undefined)
    process.exit(1)
  }
  outbox.addChannelSender(whatsapp.sender)
}
// ── end WhatsApp ──────────────────────────────────────────────────────────────────────────────────────────────

const app = buildServer({
  services,
  prisma: db.prisma,
  sql: db.sql,
  config,
  log,
  paymentGateway: gateways.paymentGateway,
  // Only the database gates readiness; Claude, the channels and the gateways are details.
  readyDetails: () => ({
    ...(claude ? { claude: claude.status() } : {}),
    channels: {
      web: 'on',
      telegram: telegram ? telegram.mode : 'off',
      discord: discord ? 'on' : 'off',
      whatsapp: whatsapp ? 'on' : 'off',
    },
    gateways: { payment: gateways.paymentGateway.name, courier: gateways.courierGateway.name },
  }),
  accepting: readiness.accepting,
  instrument: (root) => {
    if (errorReporter) reportServerErrors(root, errorReporter)
    instrumentHttp(root, {
      observer: metrics.observer,
      // The Telegram webhook answers at its public URL's path (adapters/telegram/webhook.ts).
      ...(telegram?.webhookRoute && config.TELEGRAM_WEBHOOK_URL
        ? { webhookRoutes: { [new URL(config.TELEGRAM_WEBHOOK_URL).pathname.replace(/\/+$/, '')]: 'telegram' } }
        : {}),
    })
  },
  register: [
    metricsRoute({ registry: metrics.registry, ...(config.METRICS_TOKEN ? { token: config.METRICS_TOKEN } : {}) }),
    (scope) =>
      registerWebChat(scope, {
        handle: inFlight.run,
        isVerified: async (sessionId) => Boolean((await services.crm.findIdentity('web', sessionId))?.customerId),
        sessionSecret: config.SESSION_SECRET ?? randomBytes(32).toString('hex'),
        shopName: config.SHOP_NAME,
        secureCookies: servedOverHttps(config),
      }),
    ...(telegram?.webhookRoute ? [telegram.webhookRoute] : []),
    ...(whatsapp ? [whatsapp.webhookRoute] : []),
    // Commands on this machine (the terminal chat) reach this server instead of opening its data directory.
    localControlRoutes(controlToken, [
      terminalServerRoutes(localBackend(core, services.crm)),
      ...(backupNow ? [backupRoute(backupNow)] : []),
    ]),
  ],
})

const address = await app.listen({ host: config.HOST, port: config.PORT }).catch(async (error: unknown) => {
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
db.lock?.advertise({ url: loopbackUrl(app), token: controlToken })

if (telegram) {
  try {
    await telegram.start()
  } catch (error) {
    log.error({ err: error }, 'telegram could not start (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT)')
  }
}
if (whatsapp) {
  try {
    await whatsapp.start()
  } catch (error) {
    log.error(
      { err: error },
      'whatsapp could not be checked (check WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID)',
    )
  }
}
// ── Discord (DISCORD_TOKEN and DISCORD_APP_ID) ─────────────────────────────────────────────────────────────────
const discordInFlight = trackInFlight(handleCounted)
let discord: DiscordAdapter | null = null
if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) {
  try {
    const { startDiscord } = await import('../adapters/discord/start.ts')
    discord = await startDiscord({
      config,
      core: { handleWithTrace: discordInFlight.run },
      services,
      handoffs,
      desk: handoffDesk,
      notices: handoffNotices,
      lowStock,
      notify,
      log: log.child({ channel: 'discord' }),
    })
    outbox.addChannelSender(discord.channelSender)
    if (discord.staffSender) outbox.addStaffSender(discord.staffSender)
  } catch (error) {
    log.error({ err: error }, 'discord could not start (check DISCORD_TOKEN and DISCORD_APP_ID)')
  }
}
outbox.start()
// Alerts about the bot itself, one per condition across instances (src/ops/alerts/monitor.ts).
const alerts = createAlertMonitor({
  prisma: db.prisma,
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
  sendToStaffNow: (reply) => outbox.sendToStaffNow(reply),
  kick: notify,
})
if (config.ALERT_CHECK_SECONDS > 0) alerts.start(config.ALERT_CHECK_SECONDS * 1000)
// Old delivery ids (repeat detection) are pruned once an hour.
const housekeeping = createHousekeeping({ sql: db.sql, log: log.child({ component: 'housekeeping' }) })
housekeeping.start()
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
    botApi: on(Boolean(config.BOT_API_TOKEN)),
    midtrans:
      gateways.paymentGateway.name === 'midtrans' ? (config.MIDTRANS_PRODUCTION ? 'production' : 'sandbox') : 'off',
    courierApi: on(gateways.courierGateway.name !== 'offline'),
    telegram: telegram ? telegram.mode : 'off',
    discord: on(discord !== null),
    whatsapp: on(whatsapp !== null),
    metrics: config.METRICS_TOKEN ? 'token' : 'this machine only',
    backups: backupSchedule ? `every ${config.BACKUP_EVERY_HOURS} h to ${backupSettings.dir}` : 'on demand',
    lastBackup: lastBackup ? `${lastBackup.at.toISOString()} (${lastBackup.file})` : 'none yet',
  },
  `Layan is running for ${config.SHOP_NAME} at ${address}`,
)

const shutdown = createShutdown({
  log,
  graceMs: config.SHUTDOWN_GRACE_MS,
  notReady: readiness.stop,
  stopClaiming: [
    async () => telegram?.stop(), // stops polling; waits for the updates being handled
    async () => discord?.stop(),
    async () => whatsapp?.stop(), // finishes the stored messages being answered; the rest wait in the inbox
    () => outbox.stop(), // the row in hand finishes, the rest of its batch is released
    () => housekeeping.stop(),
    async () => backupSchedule?.stop(), // a backup in progress finishes
    () => alerts.stop(),
  ],
  closeHttp: () => closeHttpServer(app),
  drainMessages: () =>
    Promise.all([inFlight.drain(), telegramInFlight.drain(), discordInFlight.drain(), whatsappInFlight.drain()]).then(
      () => undefined,
    ),
  closeDatabase: async () => {
    await errorReporter?.flush(1000)
    await db.close()
  },
  exit: (code) => process.exit(code),
})
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

/** Where a command on this machine reaches the server, whichever address it listens on. */
function loopbackUrl(server: typeof app): string {
  const bound = server.server.address()
  if (!bound || typeof bound === 'string') return `http://127.0.0.1:${config.PORT}`
  const host = bound.address === '0.0.0.0' || bound.address === '::' ? '127.0.0.1' : bound.address
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`
}

/** The version in package.json, for the release tag of error reports. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
