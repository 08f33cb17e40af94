/**
 * The composition root: configuration → database → gateways → services, tools and agent → conversation core →
 * HTTP server with the web chat. The only module that constructs things; everything else receives them.
 *
 *   npm start              embedded database in DATA_DIR (migrated and seeded on first run), or DATABASE_URL
 *   npm start -- --fresh   a throwaway in-memory demo shop
 */
import { randomBytes } from 'node:crypto'
import { registerWebChat } from '../adapters/web/routes.ts'
import { loadConfig } from './config.ts'
import { buildCore } from './core/build-core.ts'
import { openDatabase } from './db/client.ts'
import { prepareDatabase } from './db/prepare.ts'
import { createGateways } from './gateways/select.ts'
import { buildServer } from './http/server.ts'
import { createLogger } from './logger.ts'
import { trackInFlight } from './shutdown.ts'

const config = loadConfig()
const log = createLogger({ level: config.LOG_LEVEL })
const fresh = process.argv.includes('--fresh')

const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, inMemory: fresh })
// The embedded database looks after itself; a PostgreSQL server is migrated with `npm run db:migrate`.
await prepareDatabase(db, { migrate: db.kind === 'pglite', seedWhenEmpty: db.kind === 'pglite', log })

const gateways = createGateways({ prisma: db.prisma, config })
const { core, services, agent } = buildCore({ db, log, config, ...gateways })
const inFlight = trackInFlight(core.handle.bind(core))

const app = buildServer({
  services,
  prisma: db.prisma,
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
        secureCookies: config.NODE_ENV === 'production',
      }),
  ],
})

const address = await app.listen({ host: config.HOST, port: config.PORT })

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
  },
  `Layan is running for ${config.SHOP_NAME} at ${address}`,
)

// The channel adapters for Telegram and Discord are not part of this release yet: say so rather than look on.
for (const [name, set] of [
  ['TELEGRAM_BOT_TOKEN', config.TELEGRAM_BOT_TOKEN],
  ['DISCORD_TOKEN', config.DISCORD_TOKEN],
] as const) {
  if (set)
    log.warn(`${name} is set, but this release has no ${name.split('_')[0]?.toLowerCase()} adapter yet; ignoring it`)
}

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
    await inFlight.drain() // answers what was already received
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
