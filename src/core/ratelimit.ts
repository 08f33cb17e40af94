/**
 * Per-sender rate limit: a sliding window over the sender's own stored messages (every conversation of the
 * identity), so it holds across restarts and across instances sharing one database. Messages refused by the
 * limit are not stored, so a sender who keeps flooding is let through again as soon as the window slides.
 *
 * @example const verdict = await limiter.check(identity.id) // { allowed: false, retryAfterSeconds: 42 }
 */
import type { Db } from '../db/client.ts'

export interface RateLimiterDeps {
  prisma: Db
  now: () => Date
  /** Messages a sender may send per window (config RATE_LIMIT_PER_MINUTE, default 20). */
  limit: number
  /** Default one minute. */
  windowMs?: number
}

export interface RateVerdict {
  allowed: boolean
  /** When refused: seconds until the oldest message in the window leaves it. */
  retryAfterSeconds: number
}

export interface RateLimiter {
  check(identityId: string): Promise<RateVerdict>
}

/**
 * The verdict from the sender's messages in the window: how many (counted up to `limit`) and when the oldest of
 * them was written (epoch ms). Refused when the window is full, with the seconds until that oldest one leaves it.
 */
export function rateVerdict(
  count: number,
  oldest: number | null,
  limit: number,
  windowMs: number,
  now: number,
): RateVerdict {
  if (count < limit) return { allowed: true, retryAfterSeconds: 0 }
  const since = oldest ?? now
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((since + windowMs - now) / 1000)) }
}

export function createRateLimiter(deps: RateLimiterDeps): RateLimiter {
  const windowMs = deps.windowMs ?? 60_000
  return {
    async check(identityId) {
      const now = deps.now().getTime()
      const recent = await deps.prisma.message.findMany({
        where: { role: 'user', createdAt: { gt: new Date(now - windowMs) }, conversation: { identityId } },
        orderBy: { createdAt: 'desc' },
        take: deps.limit,
        select: { createdAt: true },
      })
      const oldest = recent[recent.length - 1]?.createdAt.getTime() ?? null
      return rateVerdict(recent.length, oldest, deps.limit, windowMs, now)
    },
  }
}
