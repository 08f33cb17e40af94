/**
 * `npm run demo:remove [-- --dry-run]`: removes the demo shop (UrbanStyle ID) from a database that has started
 * taking the shop's own data, leaving every record of that data alone (src/services/demo-removal.ts). When a running
 * server holds the embedded database, the server does it.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/logger.ts'
import { openShopSink } from './shop-sink.ts'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } })
  const dryRun = values['dry-run'] ?? false
  const config = loadConfig()
  const log = createLogger({ level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', destination: process.stderr })
  const opened = await openShopSink(config, log, 'npm run demo:remove')
  try {
    const report = await opened.sink.removeDemo(dryRun)
    const { orders, customers, products } = report.removed
    const verb = dryRun ? 'would remove' : 'removed'
    const lines = [
      `${verb} ${orders.length} demo order(s), ${customers.length} customer(s), ${products.length} product(s)${dryRun ? ' (dry run: nothing changed)' : ''}`,
      ...report.kept.map((k) => `  kept ${k.entity} ${k.id}: ${k.reason}`),
    ]
    if (report.realRecords === 0)
      lines.push("  note: the database holds none of the shop's own data yet; it is now an empty shop")
    process.stdout.write(`${lines.join('\n')}\n`)
  } finally {
    await opened.close().catch(() => undefined)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo:remove: ${(error as Error).message}\n`)
  process.exit(2)
})
