/**
 * Idempotency for webhooks: a delivery is handled only by the request that manages to insert its
 * `ProcessedEvent(source, eventKey)` row; the unique constraint decides races between concurrent repeats.
 * When handling then fails, the row is removed again so the sender's retry is not mistaken for a repeat.
 */
import type { Db } from '../db/client.ts'

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown }
  return (
    e?.code === 'P2002' ||
    e?.cause?.code === '23505' ||
    (typeof e?.message === 'string' && /23505|Unique constraint/i.test(e.message))
  )
}

/** True when this call claimed the event; false when it was already processed (or is being processed). */
export async function claimEvent(prisma: Db, source: string, eventKey: string): Promise<boolean> {
  try {
    await prisma.processedEvent.create({ data: { source, eventKey } })
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}

/** Gives a claimed event back after its handling failed. */
export async function releaseEvent(prisma: Db, source: string, eventKey: string): Promise<void> {
  await prisma.processedEvent.deleteMany({ where: { source, eventKey } })
}
