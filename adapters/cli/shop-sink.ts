/**
 * Opens the sink a command on this machine (`npm run import`, `npm run sync`, `npm run demo:remove`) loads data
 * through: the app built over the database of the settings (DATABASE_URL, else the embedded one in DATA_DIR,
 * migrated and prepared as `npm start` would), or, when a running server holds that embedded database, the server
 * itself. A folder held by a process that is not a server is refused clearly. An entry point, like the terminal
 * chat: it opens the database and builds the app (.dependency-cruiser.cjs allows it).
 */
import { createApp } from '../../src/app.ts'
import type { Config } from '../../src/config.ts'
import { type Database, openDatabase } from '../../src/db/client.ts'
import { DataDirInUse } from '../../src/db/data-dir.ts'
import { prepareDatabase } from '../../src/db/prepare.ts'
import type { Logger } from '../../src/logger.ts'
import type { ShopSink } from '../../src/services/shop-sync/sink.ts'
import { remoteSink } from './remote-shop-sink.ts'

interface OpenedSink {
  sink: ShopSink
  close(): Promise<void>
}

export async function openShopSink(config: Config, log: Logger, role: string): Promise<OpenedSink> {
  let db: Database
  try {
    db = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      role,
      snapshot: (config.SEED_DEMO ?? true) ? 'demo' : 'empty',
      log,
    })
  } catch (error) {
    if (!(error instanceof DataDirInUse)) throw error
    if (!error.holder.control) {
      throw new Error(`${error.message} (It is not a Layan server, so it cannot take the data for you.)`)
    }
    log.info({ server: error.holder.control.url }, 'the data directory is held by a running server; sending to it')
    return { sink: remoteSink(error.holder.control), close: async () => undefined }
  }
  try {
    await prepareDatabase(db, {
      migrate: db.kind === 'pglite',
      seedWhenEmpty: config.SEED_DEMO ?? db.kind === 'pglite',
      log,
    })
  } catch (error) {
    await db.close().catch(() => undefined)
    throw error
  }
  // The rule agent: these commands never answer a customer, so no Claude set-up check runs for them.
  const { services } = createApp({ db, log, config, agent: 'rules' })
  return { sink: services.shopSink, close: () => db.close() }
}
