/**
 * Meta signs every webhook POST with the app secret: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
 * body>`. The check runs over the bytes exactly as received (before any JSON parsing) and compares in constant
 * time; a missing, malformed or wrong header is simply "not signed by Meta".
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

const headerPattern = /^sha256=([0-9a-f]{64})$/i

/** The header value Meta would send for `body` (tests, the local stand-in). */
export function signWhatsAppBody(body: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`
}

/** True only when `header` is a well-formed signature of exactly these bytes with `appSecret`. */
export function isValidWhatsAppSignature(
  body: Buffer,
  header: string | string[] | undefined,
  appSecret: string,
): boolean {
  if (typeof header !== 'string' || !appSecret) return false
  const match = headerPattern.exec(header.trim())
  if (!match?.[1]) return false
  const given = Buffer.from(match[1].toLowerCase(), 'hex')
  const expected = createHmac('sha256', appSecret).update(body).digest()
  return given.length === expected.length && timingSafeEqual(given, expected)
}
