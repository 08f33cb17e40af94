/**
 * `npm run import -- --type <products|customers|orders|stock> FILE.csv [--dry-run] [--json]`: loads the shop's
 * data from a CSV file (columns in docs/import/, README "Your own shop"). Progress goes to standard error; the
 * report to standard output (as JSON with --json). Exit code 0 when every row was taken, 1 when some were
 * refused (listed with their line numbers), 2 for a usage or file problem.
 *
 * When a running server holds the embedded database, the records go to that server (its only writer).
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/logger.ts'
import { type ImportType, importTypes } from '../../src/services/shop-import/csv-columns.ts'
import { ImportFileError, type ImportReport, importCsv } from '../../src/services/shop-import/csv-import.ts'
import { openShopSink } from './shop-sink.ts'

const usage = `Usage: npm run import -- --type <${importTypes.join('|')}> FILE.csv [--dry-run] [--json]

  --type      what the file holds; its columns are in docs/import/<type>.csv
  --dry-run   show what would change, change nothing
  --json      print the report as JSON`

function fail(message: string, code = 2): never {
  process.stderr.write(`import: ${message}\n`)
  process.exit(code)
}

function printReport(report: ImportReport): void {
  const c = report.counts
  const verb = report.dryRun ? 'would be ' : ''
  const lines = [
    `${report.type}: ${report.rows} row(s), ${report.records} record(s)${report.dryRun ? ' (dry run: nothing changed)' : ''}`,
    `  ${verb}created ${c.created} · ${verb}updated ${c.updated} · unchanged ${c.unchanged} · older than held ${c.stale} · refused ${c.failed}`,
  ]
  if (report.dryRun) {
    for (const change of report.changed.slice(0, 50))
      lines.push(`  line ${change.line}: ${change.outcome} ${change.ref}`)
    if (report.changed.length > 50) lines.push(`  … and ${report.changed.length - 50} more`)
  }
  for (const error of report.errors)
    lines.push(`  line ${error.line}: ${error.ref ? `${error.ref}: ` : ''}${error.message}`)
  process.stdout.write(`${lines.join('\n')}\n`)
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      type: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${usage}\n`)
    return
  }
  const type = values.type as ImportType | undefined
  if (!type || !importTypes.includes(type)) fail(`--type must be one of ${importTypes.join(', ')}\n${usage}`)
  const file = positionals[0]
  if (!file || positionals.length > 1) fail(`name one CSV file\n${usage}`)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    fail(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }

  const config = loadConfig()
  const log = createLogger({ level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', destination: process.stderr })
  const opened = await openShopSink(config, log, 'npm run import')
  let fileError: ImportFileError | null = null
  try {
    if (opened.sink.where !== 'local')
      process.stderr.write(`import: sending to the running server at ${opened.sink.where}\n`)
    const started = performance.now()
    const report = await importCsv(text, opened.sink, {
      type,
      dryRun: values['dry-run'] ?? false,
      onProgress: (done, total) => {
        if (total > 500)
          process.stderr.write(`import: ${done} of ${total} records (${Math.round((done / total) * 100)}%)\n`)
      },
    })
    const seconds = (performance.now() - started) / 1000
    if (values.json) process.stdout.write(`${JSON.stringify({ ...report, seconds: Number(seconds.toFixed(2)) })}\n`)
    else printReport(report)
    process.exitCode = report.counts.failed > 0 ? 1 : 0
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error
    fileError = error
  } finally {
    await opened.close().catch(() => undefined)
  }
  if (fileError) fail(fileError.message)
}

main().catch((error: unknown) => fail((error as Error).message, 2))
