/**
 * The composition root: configuration → database → gateways → services, tools and agent → conversation core →
 * HTTP server with the web chat. The only module that constructs things; everything else receives them.
 *
 *   npm start              embedded database in DATA_DIR (migrated and seeded on first run), or DATABASE_URL
 *   npm start -- --fresh   a throwaway in-memory demo shop
 */
import { randomBytes } from 'node:crypto'
import { type DiscordAdapter, startDiscord } from '../adapters/discord/start.ts'
import { createTelegramAdapter } from '../adapters/telegram/adapter.ts'
import { registerWebChat } from '../adapters/web/routes.ts'
import { loadConfig } from './config.ts'
import { buildCore } from './core/build-core.ts'
import { openDatabase } from './db/client.ts'
import { DataDirUnusable } from './db/data-dir.ts'
import { DatabaseNotMigrated } from './db/pending-migrations.ts'
import { prepareDatabase } from './db/prepare.ts'
import { createGateways } from './gateways/select.ts'
import { createHousekeeping } from './housekeeping/housekeeping.ts'
import { buildServer } from './http/server.ts'
import { createLogger, routeConsoleToLogger } from './logger.ts'
import { createHandoffNotices } from './notifications/handoff-notices.ts'
import { createLowStockWatcher } from './notifications/low-stock.ts'
import { createOutboxWorker } from './notifications/outbox.ts'
import { createRefundTask } from './notifications/refund-task.ts'
import { createAdminOrderService } from './services/admin-orders.ts'
import { createHandoffDesk } from './services/handoff-desk.ts'
import { trackInFlight } from './shutdown.ts'

const config = loadConfig()
const log = createLogger({ level: config.LOG_LEVEL })
// Libraries print errors with console.*, the Telegram ones with the request URL and so the bot token in it.
routeConsoleToLogger(log)
const fresh = process.argv.includes('--fresh')

const db = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  inMemory: fresh,
}).catch((error: unknown) => {
  // One sentence and no stack: an unusable DATA_DIR is a setting to fix, not a bug.
  if (error instanceof DataDirUnusable) log.fatal(error.message)
  else log.fatal({ err: error }, 'the database could not be opened')
  process.exit(1)
})
// The embedded database looks after itself; a PostgreSQL server is migrated with `npm run db:migrate`, and the
// service will not run on one that was not.
try {
  await prepareDatabase(db, { migrate: db.kind === 'pglite', seedWhenEmpty: db.kind === 'pglite', log })
} catch (error) {
  log.fatal({ err: error }, error instanceof DatabaseNotMigrated ? error.message : 'database not ready')
  await db.close().catch(() => undefined)
  process.exit(1)
}

const gateways = createGateways({ prisma: db.prisma, config })
// Staff hear about new hand-offs through the outbox, on every channel that has a staff sender.
const handoffNotices = createHandoffNotices({ prisma: db.prisma })
const { core, services, agent, handoffs } = buildCore({
  db,
  log,
  config,
  ...gateways,
  onHandoffOpened: handoffNotices.opened,
})
const inFlight = trackInFlight(core.handleWithTrace.bind(core))

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

// ── Telegram (TELEGRAM_BOT_TOKEN; webhook when TELEGRAM_WEBHOOK_URL is set, else long polling) ──────────────
const telegramInFlight = trackInFlight(core.handleWithTrace.bind(core))
const telegram = config.TELEGRAM_BOT_TOKEN
  ? createTelegramAdapter({
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

const app = buildServer({
  services,
  prisma: db.prisma,
  sql: db.sql,
  config,
  log,
  paymentGateway: gateways.paymentGateway,
  register: [
    (scope) =>
      registerWebChat(scope, {
        handle: inFlight.run,
        isVerified: async (sessionId) => Boolean((await services.crm.findIdentity('web', sessionId))?.customerId),
        sessionSecret: config.SESSION_SECRET ?? randomBytes(32).toString('hex'),
        shopName: config.SHOP_NAME,
        secureCookies: config.NODE_ENV === 'production',
      }),
    ...(telegram?.webhookRoute ? [telegram.webhookRoute] : []),
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

if (telegram) {
  try {
    await telegram.start()
  } catch (error) {
    log.error({ err: error }, 'telegram could not start (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT)')
  }
}
// ── Discord (DISCORD_TOKEN and DISCORD_APP_ID) ─────────────────────────────────────────────────────────────────
const discordInFlight = trackInFlight(core.handleWithTrace.bind(core))
let discord: DiscordAdapter | null = null
if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) {
  try {
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
// Old delivery ids (repeat detection) are pruned once an hour.
const housekeeping = createHousekeeping({ sql: db.sql, log: log.child({ component: 'housekeeping' }) })
housekeeping.start()

const on = (flag: boolean) => (flag ? 'on' : 'off')
log.info(
  {
    url: address,
    database: db.kind === 'pglite' ? (fresh ? 'embedded (in memory)' : `embedded (${config.DATA_DIR})`) : 'postgresql',
    agent: agent.name,
    webChat: 'on',
    botApi: on(Boolean(config.BOT_API_TOKEN)),
    midtrans:
      gateways.paymentGateway.name === 'midtrans' ? (config.MIDTRANS_PRODUCTION ? 'production' : 'sandbox') : 'off',
    courierApi: on(gateways.courierGateway.name !== 'offline'),
    telegram: telegram ? telegram.mode : 'off',
    discord: on(discord !== null),
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
    await Promise.all([inFlight.drain(), telegramInFlight.drain(), discordInFlight.drain()]) // answers what was already received
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
