/**
 * `npm run sync -- <woocommerce|shopify> [--restart] [--json]`: the first backfill of a platform's products,
 * customers and orders into Layan, page by page, with progress on standard error. Nobody is notified. When it stops
 * (the platform fails, Ctrl-C) running it again resumes after the last page it finished; `--restart` starts over
 * (whatever is unchanged stays unchanged). Exit code 0 when done, 1 when the platform failed or records were
 * refused, 2 for a usage or settings problem.
 *
 * When a running server holds the embedded database, the records go to that server (its only writer).
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../../src/config.ts'
import { PlatformError } from '../../src/gateways/shop-platforms/http.ts'
import { shopifyClientFrom, wooClientFrom } from '../../src/gateways/shop-platforms/select.ts'
import { createLogger } from '../../src/logger.ts'
import { type BackfillSource, runBackfill } from '../../src/services/shop-sync/backfill.ts'
import { shopifyBackfillSource } from '../../src/services/shop-sync/shopify/sync.ts'
import { wooBackfillSource } from '../../src/services/shop-sync/woocommerce/sync.ts'
import { openShopSink } from './shop-sink.ts'

const usage = `Usage: npm run sync -- <woocommerce|shopify> [--restart] [--json]

  woocommerce  needs WOOCOMMERCE_URL, WOOCOMMERCE_CONSUMER_KEY, WOOCOMMERCE_CONSUMER_SECRET
  shopify      needs SHOPIFY_SHOP and SHOPIFY_CLIENT_ID + SHOPIFY_CLIENT_SECRET (or SHOPIFY_ACCESS_TOKEN)
  --restart    start from the first page even if an earlier run stopped half-way
  --json       print the report as JSON`

function fail(message: string, code = 2): never {
  process.stderr.write(`sync: ${message}\n`)
  process.exit(code)
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      restart: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${usage}\n`)
    return
  }
  const platform = positionals[0]
  if ((platform !== 'woocommerce' && platform !== 'shopify') || positionals.length > 1) fail(usage)
  const config = loadConfig()
  let source: BackfillSource
  if (platform === 'woocommerce') {
    const client = wooClientFrom(config)
    if (!client)
      fail('set WOOCOMMERCE_URL, WOOCOMMERCE_CONSUMER_KEY and WOOCOMMERCE_CONSUMER_SECRET (docs/woocommerce.md)')
    source = wooBackfillSource(client)
  } else {
    const client = shopifyClientFrom(config)
    if (!client)
      fail(
        'set SHOPIFY_SHOP and SHOPIFY_CLIENT_ID with SHOPIFY_CLIENT_SECRET, or SHOPIFY_ACCESS_TOKEN (docs/shopify.md)',
      )
    source = shopifyBackfillSource(client)
  }

  const log = createLogger({ level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', destination: process.stderr })
  const opened = await openShopSink(config, log, 'npm run sync')
  const started = performance.now()
  try {
    if (opened.sink.where !== 'local')
      process.stderr.write(`sync: sending to the running server at ${opened.sink.where}\n`)
    const report = await runBackfill(source, opened.sink, {
      restart: values.restart ?? false,
      onProgress: (kind, seen, total) =>
        process.stderr.write(`sync: ${platform} ${kind}: ${seen}${total ? ` of ${total}` : ''}\n`),
    })
    const seconds = Number(((performance.now() - started) / 1000).toFixed(2))
    if (values.json) process.stdout.write(`${JSON.stringify({ platform, ...report, seconds })}\n`)
    else {
      const c = report.counts
      const lines = [
        `${platform}: backfill done in ${seconds} s${report.resumed ? ' (resumed)' : ''}`,
        `  created ${c.created} · updated ${c.updated} · unchanged ${c.unchanged} · older than held ${c.stale} · refused ${c.failed}`,
        ...report.errors.slice(0, 50).map((e) => `  ${e.kind} ${e.ref}: ${e.message}`),
      ]
      process.stdout.write(`${lines.join('\n')}\n`)
    }
    process.exitCode = report.counts.failed > 0 ? 1 : 0
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error
    await opened.sink.reportFailure(platform, `backfill: ${error.message}`).catch(() => undefined)
    process.stderr.write(
      `sync: ${error.message}\nsync: stopped; run the same command again to resume where it stopped\n`,
    )
    process.exitCode = 1
  } finally {
    await opened.close().catch(() => undefined)
  }
}

main().catch((error: unknown) => fail((error as Error).message, 2))
