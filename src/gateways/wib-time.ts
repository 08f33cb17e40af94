/**
 * Indonesian gateways (Midtrans, couriers) write local wall-clock times without a zone: "2025-11-21 10:00:00"
 * means 10:00 WIB (UTC+7). We store UTC, so these are shifted by seven hours.
 */

const wibOffsetHours = 7
const localPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/
const zonedPattern = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/

/**
 * Parses a WIB wall-clock time ("2025-11-21 10:00:00", "2025-11-21 10:00", "2025-11-21") into a UTC `Date`;
 * a time that names its own zone ("…+07:00", "…Z") is taken as written. Anything else, or an impossible date
 * such as "2025-02-30", gives undefined.
 *
 * @example parseWibDateTime('2025-11-21 10:00:00')?.toISOString() // '2025-11-21T03:00:00.000Z'
 */
export function parseWibDateTime(text: string): Date | undefined {
  const value = text.trim()
  if (zonedPattern.test(value)) {
    const date = new Date(value.replace(' ', 'T'))
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  const match = localPattern.exec(value)
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[]
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour! - wibOffsetHours, minute!, second!))
  // Date.UTC rolls 30 February over into March; a round trip catches that.
  const check = new Date(date.getTime() + wibOffsetHours * 3_600_000)
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month! - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second
  return valid ? date : undefined
}
