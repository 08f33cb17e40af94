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
import type { ChannelAdapter } from '../adapters/channel.ts'
import { createChannels } from '../adapters/channels.ts'
import { localBackend } from '../adapters/cli/backend.ts'
import { terminalServerRoutes } from '../adapters/cli/server-routes.ts'
import { createApp } from './app.ts'
import { type Config, loadConfig, servedOverHttps } from './config.ts'
import type { MessageTrace } from './core/conversation.ts'
import type { InboundMessage } from './core/types.ts'
import { type Database, openDatabase } from './db/client.ts'
import { DataDirInUse, DataDirUnusable, newControlToken } from './db/data-dir.ts'
import { DatabaseNotMigrated } from './db/pending-migrations.ts'
import { prepareDatabase } from './db/prepare.ts'
import { consoleRoutes } from './http/console/routes.ts'
import { localControlRoutes } from './http/local-control.ts'
import { buildServer } from './http/server.ts'
import { createLogger, routeConsoleToLogger } from './logger.ts'
import { createHousekeeping } from './services/housekeeping/housekeeping.ts'
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
})
const { core, services, agent, claude, gateways, outbox } = app
// The console's first owner comes from CONSOLE_OWNER_EMAIL / CONSOLE_OWNER_PASSWORD.
try {
  await app.console.ensureOwner()
} catch (error) {
  log.error({ err: error }, 'the console owner from CONSOLE_OWNER_EMAIL could not be created')
}
// The key and the model are checked once at start (the Models API): a set-up fault is logged at error, shown in
// /readyz and told to staff, and the rule agent answers in limited mode until it is fixed.
const claudeSetup = claude ? await claude.checkSetup() : null
const controlToken = newControlToken()

// ── Channels (adapters/channels.ts): the web chat always, Telegram, WhatsApp and Discord when configured ──────
// Each channel's messages are counted in flight, so a shutdown answers what was already received.
const inFlight: ReturnType<typeof trackInFlight<[InboundMessage], MessageTrace>>[] = []
let channels: ChannelAdapter[]
try {
  channels = await createChannels({ config, app, log }, (handler) => {
    const tracked = trackInFlight(handler.handleWithTrace.bind(handler))
    inFlight.push(tracked)
    return { handleWithTrace: tracked.run }
  })
} catch (error) {
  log.fatal((error as Error).message)
  await db.close().catch(() => undefined)
  process.exit(1)
}
// The outbox delivers what services queue (payments, shipping, hand-off answers, ratings, low stock) through
// the channels' senders.
for (const channel of channels) {
  if (channel.sender) outbox.addChannelSender(channel.sender)
  if (channel.staffSender) {
    outbox.addStaffSender(channel.staffSender)
    staffChannels++
  }
}
const terminalInFlight = trackInFlight(core.handleWithTrace.bind(core))
inFlight.push(terminalInFlight)

const server = buildServer({
  services,
  config,
  log,
  paymentGateway: gateways.paymentGateway,
  ...(claude ? { readyDetails: () => ({ claude: claude.status() }) } : {}),
  register: [
    ...channels.flatMap((channel) => channel.routes ?? []),
    // The staff console at /console: inbox and hand-offs on every channel, stock, shipping, analytics.
    consoleRoutes({
      console: app.console,
      inventory: services.inventory,
      shipping: services.shipping,
      lowStock: app.staff.lowStock,
      notify: app.notify,
      secureCookies: servedOverHttps(config),
    }),
    // Commands on this machine (the terminal chat) reach this server instead of opening its data directory.
    localControlRoutes(controlToken, [
      terminalServerRoutes(localBackend({ handleWithTrace: terminalInFlight.run }, services.crm)),
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
// Once a minute: hand-offs nobody answered within HANDOFF_WAIT_TIMEOUT_MINUTES go back to the bot; old console
// sessions are dropped.
app.console.start()
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
    console: app.console.staffed() ? 'on' : 'no accounts (CONSOLE_OWNER_EMAIL or npm run console:user)',
    botApi: on(Boolean(config.BOT_API_TOKEN)),
    midtrans:
      gateways.paymentGateway.name === 'midtrans' ? (config.MIDTRANS_PRODUCTION ? 'production' : 'sandbox') : 'off',
    courierApi: on(gateways.courierGateway.name !== 'offline'),
    ...Object.fromEntries(
      ['telegram', 'whatsapp', 'discord'].map((name) => [name, channels.find((c) => c.name === name)?.mode ?? 'off']),
    ),
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
    await server.close() // stops accepting requests
    // Stops polling and workers; each waits for the updates being handled (WhatsApp's stored messages wait in
    // the inbox).
    for (const channel of channels) await channel.stop()
    await Promise.all(inFlight.map((tracked) => tracked.drain())) // answers what was already received
    await app.console.stop()
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
function loopbackUrl(server: Awaited<ReturnType<typeof buildServer>>): string {
  const bound = server.server.address()
  if (!bound || typeof bound === 'string') return `http://127.0.0.1:${config.PORT}`
  const host = bound.address === '0.0.0.0' || bound.address === '::' ? '127.0.0.1' : bound.address
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`
}
