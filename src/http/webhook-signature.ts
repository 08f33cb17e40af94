/**
 * Webhook signatures of the shop platforms: WooCommerce's `X-WC-Webhook-Signature` and Shopify's
 * `X-Shopify-Hmac-Sha256` are both the base64 HMAC-SHA256 of the raw request body with a secret. Compared in
 * constant time over the decoded bytes; a missing, malformed or wrong-length signature never matches.
 *
 * @example verifyBase64Hmac(rawBody, secret, request.headers['x-wc-webhook-signature']) // true | false
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export function signBase64Hmac(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64')
}

export function verifyBase64Hmac(rawBody: Buffer, secret: string, given: unknown): boolean {
  if (!secret || typeof given !== 'string' || given.length === 0 || given.length > 128) return false
  const expected = createHmac('sha256', secret).update(rawBody).digest()
  const provided = Buffer.from(given.trim(), 'base64')
  return provided.length === expected.length && timingSafeEqual(provided, expected)
}
