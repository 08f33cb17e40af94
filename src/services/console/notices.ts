/**
 * The console as a staff place for notices: what the outbox tells staff (new hand-offs, low stock, alerts about the
 * bot itself, refund tasks) is listed in the console, so a shop that answers only there hears of it too. The
 * console's staff sender takes a notice while an account can sign in; the notice row itself is what the console
 * lists (no second copy is kept).
 */
import type { Db } from '../../db/client.ts'
import type { Locale } from '../../i18n/format.ts'
import { renderStaffNotification } from '../notifications/render-notification.ts'
import type { StaffSender } from '../notifications/types.ts'

export interface ConsoleNotice {
  id: string
  kind: string
  createdAt: Date
  text: string
}

export function createConsoleNotices(deps: { prisma: Db; staffed: () => boolean }) {
  const staffSender: StaffSender = {
    channel: 'console',
    async sendToStaff() {
      // Nobody could read it here: another staff channel (or a retry, once an account exists) must take it.
      if (!deps.staffed()) throw new Error('no console account can sign in')
    },
  }

  /** The newest staff notices the outbox delivered, in the reader's language. */
  async function recent(limit: number, locale: Locale): Promise<ConsoleNotice[]> {
    const rows = await deps.prisma.notification.findMany({
      where: { audience: 'admin', status: 'SENT' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { id: true, kind: true, payload: true, createdAt: true },
    })
    return rows.flatMap((row) => {
      const reply = renderStaffNotification(row.kind, row.payload, locale)
      return reply ? [{ id: row.id, kind: row.kind, createdAt: row.createdAt, text: reply.text }] : []
    })
  }

  return { staffSender, recent }
}

export type ConsoleNotices = ReturnType<typeof createConsoleNotices>
