/**
 * Per-sender rate limit: a sliding window over the sender's own stored messages (every conversation of the
 * identity), so it holds across restarts and across instances sharing one database. The conversation intake
 * (conversation-store.ts) counts them in the same statement that stores the message; messages refused by the
 * limit are not stored, so a sender who keeps flooding is let through again as soon as the window slides.
 *
 * @example rateVerdict(20, oldestMs, 20, 60_000, Date.now()) // { allowed: false, retryAfterSeconds: 42 }
 */
export interface RateVerdict {
  allowed: boolean
  /** When refused: seconds until the oldest message in the window leaves it. */
  retryAfterSeconds: number
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
