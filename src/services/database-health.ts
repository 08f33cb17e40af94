/** Whether the database answers (`SELECT 1`), for the readiness probe. */
import type { Db } from '../db/client.ts'

export interface DatabaseHealth {
  /** Resolves when the database answered; rejects when it did not. */
  ping(): Promise<void>
}

export function createDatabaseHealth(prisma: Db): DatabaseHealth {
  return {
    async ping() {
      await prisma.$queryRaw`SELECT 1`
    },
  }
}
