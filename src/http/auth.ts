/**
 * Shared-secret checks for server-to-server routes (the seed's bot API, the courier webhook). Compared in
 * constant time over SHA-256 digests, so neither the content nor the length of the secret leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest, preParsingAsyncHookHandler } from 'fastify'
import { unauthorized } from './errors.ts'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/** A matcher for one configured secret (its digest computed once); an absent or empty value never matches. */
export function secretMatcher(expected: string): (given: string | undefined) => boolean {
  const wanted = expected ? digest(expected) : null
  return (given) => wanted !== null && !!given && timingSafeEqual(digest(given), wanted)
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)
  return match?.[1]
}

/**
 * A preParsing hook refusing (401) a request whose secret does not match. It runs after the rate limiter
 * (onRequest), so guessing is rate-limited, and before the body is read, so strangers cannot make us parse it.
 */
export function requireSecret(
  expected: string,
  read: (request: FastifyRequest) => string | undefined,
): preParsingAsyncHookHandler {
  const matches = secretMatcher(expected)
  return async (request, _reply, payload) => {
    if (!matches(read(request))) throw unauthorized()
    return payload
  }
}
