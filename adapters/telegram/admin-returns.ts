/**
 * `/return` on Telegram: the open requests, one request in full (its stored photos follow as photos), and the
 * staff steps (approve, reject, received, ship, refunded), through the shared command in ../staff-returns.ts.
 */
import type { ReturnService } from '../../src/services/returns/service.ts'
import { runReturnCommand, type StaffReturns } from '../staff-returns.ts'
import type { AdminInput, AdminReply } from './admin-types.ts'

export interface ReturnCommandDeps {
  returns: StaffReturns & Pick<ReturnService, 'photo'>
  /** Kicks the outbox after a step queued the customer's notice. */
  notify?: () => void
}

/** Photos sent with one request at most (an album's worth). */
const maxPhotosSent = 10

/** `/return [number | approve <n> | reject <n> <reason> | received <n> | ship <n> <carrier> <waybill> | refunded <n>]` */
export async function returnCommand(deps: ReturnCommandDeps, input: AdminInput): Promise<AdminReply> {
  const result = await runReturnCommand(deps.returns, input.args, input.actor, input.locale)
  if (result.changed) deps.notify?.()
  if (!result.photos || result.photos.ids.length === 0) return { text: result.text }
  const { returnNumber, ids } = result.photos
  const photos = await Promise.all(ids.slice(0, maxPhotosSent).map((id) => deps.returns.photo(returnNumber, id)))
  return { text: result.text, photos }
}
