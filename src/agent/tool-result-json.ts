/**
 * A tool's result as the model reads it: JSON, with every UTC timestamp written in WIB (UTC+7, the shop's time
 * zone) as an ISO time with its offset, "2025-11-26T07:00:00+07:00", so the model never has to convert (and never
 * tells a customer in Jakarta a time seven hours off).
 *
 * @example toolResultJson({ paidAt: '2025-11-20T08:30:00.000Z' }) // '{"paidAt":"2025-11-20T15:30:00+07:00"}'
 */

const utcTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/
const wibOffsetMs = 7 * 3_600_000

/** "2025-11-20T08:30:00.000Z" → "2025-11-20T15:30:00+07:00"; anything else unchanged. */
export function toWib(value: string): string {
  if (!utcTimestamp.test(value)) return value
  const time = Date.parse(value)
  if (Number.isNaN(time)) return value
  return `${new Date(time + wibOffsetMs).toISOString().slice(0, 19)}+07:00`
}

function inWib(value: unknown): unknown {
  if (typeof value === 'string') return toWib(value)
  if (Array.isArray(value)) return value.map(inWib)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, inWib(inner)]))
  }
  return value
}

/** The JSON text of a tool result for the model, timestamps in WIB. */
export function toolResultJson(result: unknown): string {
  return JSON.stringify(inWib(result ?? null))
}
