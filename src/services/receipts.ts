/**
 * Receipts of deliveries from outside (webhook notifications), written in the same transaction as their effect:
 * a delivery counts as received only if what it changed was committed with it. A crash before the commit leaves
 * neither, so the sender's retry is applied; a retry after the commit finds the receipt and changes nothing.
 */
import type { Tx } from './db-types.ts'

/** One delivery: its source ("midtrans", "courier") and its idempotency key within that source. */
export interface Receipt {
  source: string
  eventKey: string
}

/**
 * Records the receipt inside `tx`; false when it was already there (a repeat). A concurrent transaction holding
 * the same key makes this wait for its outcome, so of two simultaneous deliveries exactly one applies.
 */
export async function claimReceipt(tx: Tx, receipt: Receipt): Promise<boolean> {
  const { count } = await tx.processedEvent.createMany({
    data: [{ source: receipt.source, eventKey: receipt.eventKey }],
    skipDuplicates: true,
  })
  return count === 1
}
