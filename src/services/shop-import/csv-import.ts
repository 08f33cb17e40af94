/**
 * The CSV importer: reads a file of one of the four types (csv-columns.ts), checks its header, builds the shop
 * API's records and applies them through a sink in chunks, reporting progress, every refused row with its line
 * number, and what changed. A dry run reports the same and changes nothing; a second run of the same file changes
 * nothing (every record is an upsert by the shop's own id and version). The console's upload can use it as it is.
 */
import { parse } from 'csv-parse/sync'
import type { ItemResult } from '../shop-sync/index.ts'
import type { ShopSink } from '../shop-sync/sink.ts'
import { buildRecords, type CsvRow, type ImportType, importColumns, lineOf } from './csv-columns.ts'

export interface ImportOptions {
  type: ImportType
  dryRun?: boolean
  /** Records per call to the sink (default 500). */
  chunkSize?: number
  /** Called after each chunk with the records done so far and the total. */
  onProgress?: (done: number, total: number) => void
}

export interface RowError {
  line: number
  ref: string
  field?: string
  message: string
}

export interface ImportReport {
  type: ImportType
  dryRun: boolean
  rows: number
  records: number
  counts: { created: number; updated: number; unchanged: number; stale: number; failed: number }
  errors: RowError[]
  /** What changed (or would), by record: "created KML-01". */
  changed: { line: number; outcome: string; ref: string }[]
}

/** The file's header or shape is unusable: nothing was imported. */
export class ImportFileError extends Error {}

/** Reads CSV text into rows with their line numbers; a comma or a semicolon separates cells (Excel writes either). */
export function readCsv(text: string, type: ImportType): CsvRow[] {
  let parsed: { record: Record<string, string>; info: { lines: number } }[]
  try {
    parsed = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      delimiter: [',', ';'],
      skip_empty_lines: true,
      relax_column_count_less: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[]
  } catch (error) {
    throw new ImportFileError(`not a readable CSV file: ${(error as Error).message}`)
  }
  const header = Object.keys(parsed[0]?.record ?? {})
  if (parsed.length === 0) {
    const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
    header.push(...firstLine.split(/[,;]/).map((h) => h.trim()))
  }
  const missing = importColumns[type].required.filter((c) => !header.includes(c))
  if (missing.length > 0) {
    throw new ImportFileError(
      `the ${type} file lacks the column(s) ${missing.join(', ')} (see docs/import/${type}.csv for the template)`,
    )
  }
  const known = new Set([...importColumns[type].required, ...importColumns[type].optional])
  const unknown = header.filter((h) => h && !known.has(h))
  if (unknown.length > 0) {
    throw new ImportFileError(
      `unknown column(s) ${unknown.join(', ')} in the ${type} file (see docs/import/${type}.csv)`,
    )
  }
  // info.lines is the line the record ends on; a record spanning lines (a quoted line break) starts earlier.
  return parsed.map(({ record, info }) => {
    const extraLines = Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0)
    return { line: info.lines - extraLines, cells: record }
  })
}

/** Imports CSV text through the sink. */
export async function importCsv(text: string, sink: ShopSink, options: ImportOptions): Promise<ImportReport> {
  const rows = readCsv(text, options.type)
  const records = buildRecords(options.type, rows)
  const report: ImportReport = {
    type: options.type,
    dryRun: options.dryRun ?? false,
    rows: rows.length,
    records: records.length,
    counts: { created: 0, updated: 0, unchanged: 0, stale: 0, failed: 0 },
    errors: [],
    changed: [],
  }
  const chunkSize = Math.max(1, options.chunkSize ?? 500)
  for (let start = 0; start < records.length; start += chunkSize) {
    const chunk = records.slice(start, start + chunkSize)
    const results = await sink.applyInputs(
      chunk.map((r) => ({ type: r.type, data: r.data })),
      { source: 'shop', actor: `import:csv:${options.type}`, dryRun: report.dryRun },
    )
    for (const [n, result] of results.entries()) tally(report, chunk[n] as (typeof records)[number], result)
    options.onProgress?.(Math.min(start + chunkSize, records.length), records.length)
  }
  report.errors.sort((a, b) => a.line - b.line)
  return report
}

function tally(report: ImportReport, record: ReturnType<typeof buildRecords>[number], result: ItemResult): void {
  if (!result.ok) {
    report.counts.failed += 1
    const field = result.error.field
    report.errors.push({
      line: lineOf(record, field),
      ref: result.ref,
      ...(field ? { field } : {}),
      message: result.error.message,
    })
    return
  }
  const outcome = result.outcome === 'duplicate' ? 'unchanged' : result.outcome
  report.counts[outcome] += 1
  if (outcome === 'created' || outcome === 'updated') {
    report.changed.push({ line: record.lines[0] ?? 0, outcome, ref: result.ref })
  }
}
