/**
 * Opens the sink a command on this machine loads data through: the database of the settings (DATABASE_URL, else
 * the embedded one in DATA_DIR, migrated and prepared as `npm start` would), or, when a running server holds that
 * embedded database, the server itself. A folder held by a process that is not a server is refused clearly.
 */
import type { Config } from '../config.ts'
import { type Database, openDatabase } from '../db/client.ts'
import { DataDirInUse } from '../db/data-dir.ts'
import { prepareDatabase } from '../db/prepare.ts'
import type { Logger } from '../logger.ts'
import { createShopSyncService } from '../services/shop-sync/index.ts'
import { localSink, remoteSink, type ShopSink } from './sink.ts'

export interface OpenedSink {
  sink: ShopSink
  /** The database this command opened itself (absent when a server applies the records). */
  db?: Database
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
  const shopSync = createShopSyncService({ prisma: db.prisma, log, now: () => new Date() })
  return { sink: localSink(shopSync, db.prisma), db, close: () => db.close() }
}
