/**
 * What every upsert of the shop's data shares: where the record comes from, who to name in the audit, whether the
 * change is live (customers hear of it) or a bulk load (nobody does), and the rules for versions: a record older
 * than the one held is `stale`, the same content again is `unchanged`.
 */
import { createHash } from 'node:crypto'
import type { Logger } from '../../logger.ts'
import { DomainError } from '../errors.ts'
import type { Receipt } from '../receipts.ts'

/** The systems a shop's data comes from. "shop" is the shop API and CSV import (the same ids). */
export const shopSources = ['shop', 'woocommerce', 'shopify'] as const
export type ShopSource = (typeof shopSources)[number]

export interface SyncContext {
  source: ShopSource
  /** Who the audit names: "shop-api", "import:csv", "webhook:woocommerce", "sync:shopify", ... */
  actor: string
  /** A change as it happens (API call, webhook, reconcile): customers are notified. Imports and backfills: false. */
  live: boolean
  /** The webhook delivery carrying the record, committed with its effect (a repeat changes nothing). */
  receipt?: Receipt
  now: () => Date
  log: Logger
}

/** What applying one record did. */
export type SyncOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'duplicate'

export interface SyncResult {
  outcome: SyncOutcome
  /** Layan's id of the record (customer id, product id, order id, SKU). */
  id: string
  /** The fields that changed, for the audit and a dry run. */
  changes?: string[]
  /** Notices queued (customer messages, staff alerts). */
  notices?: string[]
}

/** A record that breaks a rule of the data (a SKU of another product, an order number taken): names the field. */
export class RecordRejected extends DomainError {
  readonly code = 'invalid_input'
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`, { field, reason })
  }
}

/** A stable digest of a record's content (its update time left out), to recognise the same content again. */
export function contentDigest(record: object): string {
  const { updatedAt: _ignored, ...content } = record as Record<string, unknown>
  return createHash('sha256').update(stableJson(content)).digest('base64url').slice(0, 32)
}

function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * Whether a record of time `incoming` and digest `digest` may change what is held: older → 'stale', the same
 * content → 'unchanged', else null (apply it). Equal times with other content are applied: platforms stamp
 * to the second, and two edits within one second must not leave the first one standing.
 */
export function versionVerdict(
  held: { sourceUpdatedAt: Date | null; sourceHash: string | null } | null,
  incoming: Date,
  digest: string,
): 'stale' | 'unchanged' | null {
  if (!held) return null
  if (held.sourceUpdatedAt && incoming.getTime() < held.sourceUpdatedAt.getTime()) return 'stale'
  if (held.sourceHash === digest) return 'unchanged'
  return null
}

/** The later of two times (the version a record now holds). */
export function later(a: Date | null, b: Date): Date {
  return a && a.getTime() > b.getTime() ? a : b
}
