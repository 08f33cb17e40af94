/**
 * Scheduled backups while the server runs (BACKUP_EVERY_HOURS; off when unset). Each result is reported: a failure
 * alerts staff, a success after a failure resolves that alert. `stop()` waits for a backup in progress.
 */

import type { BackupResult } from '../db/backup/backup.ts'
import type { Logger } from '../logger.ts'

export interface BackupScheduleOptions {
  everyHours: number
  backup: () => Promise<BackupResult>
  log: Logger
  onResult?: (result: { ok: true; backup: BackupResult } | { ok: false; error: Error }) => void | Promise<void>
}

export function createBackupSchedule(options: BackupScheduleOptions) {
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  const once = async () => {
    try {
      const backup = await options.backup()
      options.log.info({ file: backup.file, bytes: backup.bytes, ms: backup.ms }, 'scheduled backup written')
      await options.onResult?.({ ok: true, backup })
    } catch (error) {
      options.log.error({ err: error }, 'scheduled backup failed')
      await options.onResult?.({ ok: false, error: error instanceof Error ? error : new Error(String(error)) })
    }
  }
  return {
    start() {
      timer = setInterval(() => {
        running ??= once().finally(() => {
          running = null
        })
      }, options.everyHours * 3_600_000)
      timer.unref()
    },
    /** Runs one backup now (tests, and the first one after start when none exists). */
    runNow: () => (running ??= once().finally(() => (running = null))),
    async stop() {
      if (timer) clearInterval(timer)
      timer = null
      await running
    },
  }
}
