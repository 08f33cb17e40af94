/**
 * Limits on proving ownership with an order number and 4 phone digits that hold whatever session, channel or
 * address the guesses come from (a web session costs nothing, so a limit per sender alone can be walked around):
 *
 * - per order number: `orderMaxFailures` failed tries within `orderLockMinutes` lock it for that long, even for
 *   the right digits. Order numbers are guessable and an unknown number is counted like a known one, so the answer
 *   says nothing about whether an order exists.
 * - per customer: `customerMaxFailures` failures against any of their orders within `customerLockMinutes` lock
 *   every one of their orders for that long (an attacker cannot hop from order to order of one customer).
 * - per client address (web chat): at most `addressMaxAttempts` tries of any outcome in `addressWindowMinutes`.
 *
 * Each limit is one `VerificationLimit` row, locked with `FOR UPDATE` inside the verification's transaction, so
 * concurrent guesses are counted one at a time on every instance. The way back for a real customer: the lock
 * expires, a Telegram shared contact still links, and staff can lift it (`clearVerificationLimits`).
 */
import { isIP } from 'node:net'
import type { Tx } from './db-types.ts'

/** The limits; every figure is a setting (VERIFY_* in src/config.ts). */
export interface VerificationLimitSettings {
  orderMaxFailures: number
  orderLockMinutes: number
  customerMaxFailures: number
  customerLockMinutes: number
  addressMaxAttempts: number
  addressWindowMinutes: number
}

export const defaultVerificationLimits: VerificationLimitSettings = {
  orderMaxFailures: 5,
  orderLockMinutes: 15,
  customerMaxFailures: 10,
  customerLockMinutes: 24 * 60,
  addressMaxAttempts: 20,
  addressWindowMinutes: 60,
}

/** One limit: at most `max` counted events within `windowMs` of the first, then locked for `lockMs`. */
export interface LimitRule {
  max: number
  windowMs: number
  lockMs: number
}

/** A limit row as read under its lock. */
export interface LimitState {
  key: string
  count: number
  windowStart: Date | null
  lockedUntil: Date | null
}

export const orderLimitKey = (orderNumber: string) => `order:${orderNumber}`
export const customerLimitKey = (customerId: string) => `customer:${customerId}`
export const addressLimitKey = (address: string) => `address:${address}`

/** The rules of the three kinds of key. */
export function limitRules(s: VerificationLimitSettings): Record<'order' | 'customer' | 'address', LimitRule> {
  const minutes = (n: number) => n * 60_000
  return {
    order: { max: s.orderMaxFailures, windowMs: minutes(s.orderLockMinutes), lockMs: minutes(s.orderLockMinutes) },
    customer: {
      max: s.customerMaxFailures,
      windowMs: minutes(s.customerLockMinutes),
      lockMs: minutes(s.customerLockMinutes),
    },
    // An address over its limit waits for its window to end.
    address: { max: s.addressMaxAttempts, windowMs: minutes(s.addressWindowMinutes), lockMs: 0 },
  }
}

/**
 * The address a limit counts: IPv4 as it is (also when written IPv4-mapped, "::ffff:203.0.113.5"), IPv6 cut to
 * its /64, since one subscriber usually holds a whole /64. Null for anything that is not an IP address.
 * @example limitAddress('2001:db8:1:2:3:4:5:6') // '2001:db8:1:2::/64'
 */
export function limitAddress(ip: string | undefined): string | null {
  if (!ip) return null
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped?.[1] && isIP(mapped[1]) === 4) return mapped[1]
  const version = isIP(ip)
  if (version === 4) return ip
  if (version !== 6) return null
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = ip.includes('::') && tail ? tail.split(':') : []
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/** Reads a limit row and locks it for the rest of the transaction (creating it when missing). */
export async function lockLimit(tx: Tx, key: string, now: Date): Promise<LimitState> {
  await tx.$executeRaw`
    INSERT INTO "VerificationLimit" ("key", "count", "windowStart", "updatedAt") VALUES (${key}, 0, ${now}, ${now})
    ON CONFLICT ("key") DO NOTHING`
  const [row] = await tx.$queryRaw<{ count: number; windowStart: Date; lockedUntil: Date | null }[]>`
    SELECT "count", "windowStart", "lockedUntil" FROM "VerificationLimit" WHERE "key" = ${key} FOR UPDATE`
  return { key, count: row?.count ?? 0, windowStart: row?.windowStart ?? null, lockedUntil: row?.lockedUntil ?? null }
}

/** The end of the lock in force at `now`, or null when the key may be tried. */
export function lockedUntil(state: LimitState, rule: LimitRule, now: Date): Date | null {
  if (state.lockedUntil && state.lockedUntil > now) return state.lockedUntil
  // An address has no lock of its own: it waits until its window is over.
  if (rule.lockMs === 0 && state.windowStart && state.count >= rule.max) {
    const end = new Date(state.windowStart.getTime() + rule.windowMs)
    if (end > now) return end
  }
  return null
}

/**
 * Counts one event (a failure, or for an address an attempt) against a locked row. A window that ran out, or a
 * lock that expired, starts over. Returns the new count and, when this event reached the limit, the lock's end.
 */
export async function countEvent(
  tx: Tx,
  state: LimitState,
  rule: LimitRule,
  now: Date,
): Promise<{ count: number; lockedUntil: Date | null }> {
  const expired =
    state.windowStart === null ||
    now.getTime() - state.windowStart.getTime() >= rule.windowMs ||
    (state.lockedUntil !== null && state.lockedUntil <= now)
  const count = expired ? 1 : state.count + 1
  const windowStart = expired ? now : (state.windowStart ?? now)
  const reached = count >= rule.max && rule.lockMs > 0
  const until = reached ? new Date(now.getTime() + rule.lockMs) : null
  await tx.verificationLimit.update({
    where: { key: state.key },
    data: { count, windowStart, lockedUntil: until },
  })
  return { count, lockedUntil: until }
}

/** Forgets the failures of a key (the right digits were given). */
export async function resetLimit(tx: Tx, key: string): Promise<void> {
  await tx.verificationLimit.deleteMany({ where: { key } })
}

/** Lifts the locks and counts of the given keys (staff); the number of rows removed. */
export async function clearLimits(tx: Tx, keys: string[]): Promise<number> {
  const { count } = await tx.verificationLimit.deleteMany({ where: { key: { in: keys } } })
  return count
}
