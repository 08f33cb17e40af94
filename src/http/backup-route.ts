/**
 * `POST /local/backup`: how `npm run db:backup` gets a backup of the embedded database a running server holds (the
 * folder has one writer at a time, so the command cannot open it). Mounted among the local control routes, so only
 * a loopback caller with the token from the data directory's lock file reaches it.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { BackupResult } from '../db/backup/backup.ts'
import { localRouteOptions } from './local-control.ts'

export function backupRoute(backup: () => Promise<BackupResult>) {
  return async (app: FastifyInstance) => {
    app.post('/backup', localRouteOptions(z.object({}).optional()), async () => backup())
  }
}
