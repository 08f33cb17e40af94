/** Audit trail: who changed what. Written in the same transaction as the change it records. */
import type { Prisma } from '../generated/prisma/client.ts'
import type { DbOrTx } from './db-types.ts'

export interface AuditEntry {
  /** "customer:<id>", "admin:telegram:<id>", "api", "system", "webhook:midtrans", ... */
  actor: string
  action: string
  entity: string
  entityId: string
  data?: Prisma.InputJsonValue
}

export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: entry })
}
