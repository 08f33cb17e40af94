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
import { registerWebChat } from '../adapters/web/routes.ts'
import { type Config, loadConfig, servedOverHttps } from './config.ts'
import { buildCore } from './core/build-core.ts'
import { type Database, openDatabase } from './db/client.ts'
import { DataDirInUse, newControlToken } from './db/data-dir-lock.ts'
import { DatabaseNotMigrated } from './db/pending-migrations.ts'
import { prepareDatabase } from './db/prepare.ts'
import { createGateways } from './gateways/select.ts'
import { createHousekeeping } from './housekeeping/housekeeping.ts'
import { localControlRoutes } from './http/local-control.ts'
import { buildServer } from './http/server.ts'
import { createLogger } from './logger.ts'
import { createHandoffNotices } from './notifications/handoff-notices.ts'
import { createLowStockWatcher } from './notifications/low-stock.ts'
import { createOutboxWorker } from './notifications/outbox.ts'
import { createAdminOrderService } from './services/admin-orders.ts'
import { createHandoffDesk } from './services/handoff-desk.ts'
import { trackInFlight } from './shutdown.ts'

let config: Config
try {
  config = loadConfig()
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`)
  process.exit(1)
}
const log = createLogger({ level: config.LOG_LEVEL })
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
  // One writer per embedded database: a second server (or a terminal chat) on the same folder is refused.
  if (error instanceof DataDirInUse) log.fatal({ dataDir: error.dataDir, holderPid: error.holder.pid }, error.message)
  else log.fatal({ err: error }, 'database could not be opened')
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
const { core, services, agent, handoffs } = buildCore({
  db,
  log,
  config,
  ...gateways,
  onHandoffOpened: handoffNotices.opened,
})
const inFlight = trackInFlight(core.handle.bind(core))
const controlToken = newControlToken()

// ── Proactive messages and staff tools, shared by the chat channels ─────────────────────────────────────────
// The outbox delivers what services queue (payments, shipping, hand-off answers, ratings, low stock) through the
// senders the channels register below; `notify` runs it at once after an admin command queued something.
const outbox = createOutboxWorker({
  prisma: db.prisma,
  log: log.child({ component: 'outbox' }),
  shopName: config.SHOP_NAME,
})
const notify = () => {
  outbox.runOnce().catch((error: unknown) => log.error({ err: error }, 'outbox pass failed'))
}
const handoffDesk = createHandoffDesk({ prisma: db.prisma })
const lowStock = createLowStockWatcher({ prisma: db.prisma, log })

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
        isVerified: async (sessionId) => (await services.crm.resolveIdentity('web', sessionId)).customerId !== null,
        sessionSecret: config.SESSION_SECRET ?? randomBytes(32).toString('hex'),
        shopName: config.SHOP_NAME,
        secureCookies: servedOverHttps(config),
      }),
    ...(telegram?.webhookRoute ? [telegram.webhookRoute] : []),
    // Commands on this machine (the terminal chat) reach this server instead of opening its data directory.
    localControlRoutes(controlToken, [terminalServerRoutes(localBackend(core, services.crm))]),
  ],
})

const address = await app.listen({ host: config.HOST, port: config.PORT })
db.lock?.advertise({ url: loopbackUrl(app), token: controlToken })

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

/** Where a command on this machine reaches the server, whichever address it listens on. */
function loopbackUrl(server: typeof app): string {
  const bound = server.server.address()
  if (!bound || typeof bound === 'string') return `http://127.0.0.1:${config.PORT}`
  const host = bound.address === '0.0.0.0' || bound.address === '::' ? '127.0.0.1' : bound.address
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`
}
