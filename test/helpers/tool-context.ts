/**
 * A real ToolContext over a test database: a channel identity (linked to a demo customer, or not), the real
 * services and the real pending-action store, as the core builds them for one message.
 */
import { randomUUID } from 'node:crypto'
import type { Identity } from '../../src/core/types.ts'
import type { Database } from '../../src/db/client.ts'
import type { Locale } from '../../src/i18n/format.ts'
import { silentLogger } from '../../src/logger.ts'
import type { Services } from '../../src/services/index.ts'
import { createPendingActionStore } from '../../src/services/pending-actions.ts'
import type { ToolContext } from '../../tools/types.ts'
import { buildServices } from './services.ts'

export interface ToolContextOptions {
  /** A demo customer id ("cust-adi") or null for an unverified sender (default). */
  customerId?: string | null
  locale?: Locale
  services?: Services
  now?: () => Date
}

/** Stores a web identity, linked to `customerId` when given. */
export async function createIdentity(db: Database, customerId: string | null = null): Promise<Identity> {
  const row = await db.prisma.channelIdentity.create({
    data: {
      channel: 'web',
      externalUserId: `tool-test-${randomUUID()}`,
      customerId,
      verifiedAt: customerId ? new Date() : null,
    },
  })
  return { id: row.id, channel: row.channel, externalUserId: row.externalUserId, customerId: row.customerId }
}

export async function createToolContext(db: Database, options: ToolContextOptions = {}): Promise<ToolContext> {
  const now = options.now ?? (() => new Date())
  const customerId = options.customerId ?? null
  const identity = await createIdentity(db, customerId)
  const customer = customerId ? await db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } }) : undefined
  return {
    customer,
    identity,
    services: options.services ?? buildServices(db, { now }),
    pendingActions: createPendingActionStore({ prisma: db.prisma, now }),
    log: silentLogger(),
    now,
    locale: options.locale ?? 'id',
  }
}
