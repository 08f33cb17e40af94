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
import { localBackend } from '../adapters/cli/backend.ts'
import { terminalServerRoutes } from '../adapters/cli/server-routes.ts'
import type { DiscordAdapter } from '../adapters/discord/start.ts'
import { createWebLive, withWebRatings } from '../adapters/web/live.ts'
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
import { buildConsole } from './http/console/build-console.ts'
import { localControlRoutes } from './http/local-control.ts'
import { buildServer } from './http/server.ts'
import { createLogger, routeConsoleToLogger } from './logger.ts'
import { createClaudeNotices } from './notifications/claude-notices.ts'
import { createHandoffNotices } from './notifications/handoff-notices.ts'
import { createLowStockWatcher } from './notifications/low-stock.ts'
import { createOutboxWorker } from './notifications/outbox.ts'
import { createRefundTask } from './notifications/refund-task.ts'
import { createAdminOrderService } from './services/admin-orders.ts'
import { createWebChatMessages } from './services/console/web-chat-messages.ts'
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
routeConsoleToLogger(log)
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

const gateways = createGateways({ prisma: db.prisma, config })
// Staff hear about new hand-offs through the outbox, on every channel that has a staff sender.
const handoffNotices = createHandoffNotices({ prisma: db.prisma })
// Staff also hear once when Claude is not set up right (the rule agent answers meanwhile).
const claudeNotices = createClaudeNotices({ prisma: db.prisma })
const { core, services, agent, handoffs, claude } = buildCore({
  db,
  log,
  config,
  ...gateways,
  onHandoffOpened: handoffNotices.opened,
  // Queued for the outbox, which delivers it once the staff channels are up.
  onClaudeSetupFault: async (fault) => {
    await claudeNotices.setupFault(fault)
  },
})
// The key and the model are checked once at start (the Models API): a set-up fault is logged at error, shown in
// /readyz and told to staff, and the rule agent answers in limited mode until it is fixed.
const claudeSetup = claude ? await claude.checkSetup() : null
const inFlight = trackInFlight(core.handleWithTrace.bind(core))
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
})
const notify = () => {
  outbox.runOnce().catch((error: unknown) => log.error({ err: error }, 'outbox pass failed'))
}
const handoffDesk = createHandoffDesk({ prisma: db.prisma })
const lowStock = createLowStockWatcher({ prisma: db.prisma, log })

// ── Console (/console) and web chat live messages ──────────────────────────────────────────────────────────────
// Staff answers, rating questions and time-out notices reach an open web chat through the outbox's web sender;
// the console's routes, its first owner (CONSOLE_OWNER_EMAIL) and the hand-off time-out are set up here.
const sessionSecret = config.SESSION_SECRET ?? randomBytes(32).toString('hex')
const webLive = createWebLive({ messages: createWebChatMessages({ prisma: db.prisma }), sessionSecret })
outbox.addChannelSender(webLive.sender)
const consoleApp = buildConsole({
  prisma: db.prisma,
  config,
  handoffs,
  desk: handoffDesk,
  services,
  lowStock,
  secureCookies: servedOverHttps(config),
  log: log.child({ component: 'console' }),
  notify,
})
try {
  await consoleApp.ensureOwner()
} catch (error) {
  log.error({ err: error }, 'the console owner from CONSOLE_OWNER_EMAIL could not be created')
}
// ── end Console ───────────────────────────────────────────────────────────────────────────────────────────────

// ── Telegram (TELEGRAM_BOT_TOKEN; webhook when TELEGRAM_WEBHOOK_URL is set, else long polling) ──────────────
const telegramInFlight = trackInFlight(core.handleWithTrace.bind(core))
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
const whatsappInFlight = trackInFlight(core.handleWithTrace.bind(core))
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
  ...(claude ? { readyDetails: () => ({ claude: claude.status() }) } : {}),
  register: [
    (scope) =>
      registerWebChat(scope, {
        handle: withWebRatings(inFlight.run, handoffDesk),
        isVerified: async (sessionId) => Boolean((await services.crm.findIdentity('web', sessionId))?.customerId),
        sessionSecret,
        shopName: config.SHOP_NAME,
        secureCookies: servedOverHttps(config),
      }),
    webLive.routes,
    consoleApp.routes,
    ...(telegram?.webhookRoute ? [telegram.webhookRoute] : []),
    ...(whatsapp ? [whatsapp.webhookRoute] : []),
    // Commands on this machine (the terminal chat) reach this server instead of opening its data directory.
    localControlRoutes(controlToken, [terminalServerRoutes(localBackend(core, services.crm))]),
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
const discordInFlight = trackInFlight(core.handleWithTrace.bind(core))
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
consoleApp.start()
// Old delivery ids (repeat detection) are pruned once an hour.
const housekeeping = createHousekeeping({ sql: db.sql, log: log.child({ component: 'housekeeping' }) })
housekeeping.start()

const on = (flag: boolean) => (flag ? 'on' : 'off')
log.info(
  {
    url: address,
    database: db.kind === 'pglite' ? (fresh ? 'embedded (in memory)' : `embedded (${config.DATA_DIR})`) : 'postgresql',
    agent: agent.name,
    ...(claude ? { model: claude.model, claudeSetup: claudeSetup?.state } : {}),
    webChat: 'on',
    console: 'on',
    botApi: on(Boolean(config.BOT_API_TOKEN)),
    midtrans:
      gateways.paymentGateway.name === 'midtrans' ? (config.MIDTRANS_PRODUCTION ? 'production' : 'sandbox') : 'off',
    courierApi: on(gateways.courierGateway.name !== 'offline'),
    telegram: telegram ? telegram.mode : 'off',
    discord: on(discord !== null),
    whatsapp: on(whatsapp !== null),
  },
  `Layan is running for ${config.SHOP_NAME} at ${address}`,
)

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log.info({ signal }, 'shutting down: finishing messages in flight')
  const timer = setTimeout(() => {
    log.error('shutdown took longer than 15 s; exiting')
    process.exit(1)
  }, 15_000)
  timer.unref()
  try {
    await app.close() // stops accepting requests
    await telegram?.stop() // stops polling; waits for the updates being handled
    await discord?.stop()
    await whatsapp?.stop() // finishes the stored messages being answered; the rest wait in the inbox
    await Promise.all([inFlight.drain(), telegramInFlight.drain(), discordInFlight.drain(), whatsappInFlight.drain()]) // answers what was already received
    await consoleApp.stop()
    await outbox.stop()
    await housekeeping.stop()
    await db.close()
    log.info('stopped')
    process.exit(0)
  } catch (error) {
    log.error({ err: error }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

/** Where a command on this machine reaches the server, whichever address it listens on. */
function loopbackUrl(server: typeof app): string {
  const bound = server.server.address()
  if (!bound || typeof bound === 'string') return `http://127.0.0.1:${config.PORT}`
  const host = bound.address === '0.0.0.0' || bound.address === '::' ? '127.0.0.1' : bound.address
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`
}
