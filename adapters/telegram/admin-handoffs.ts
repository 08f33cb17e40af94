/**
 * /handoffs, /reply and /close: staff's side of a hand-off. Answers reach the customer on the channel they wrote
 * from (queued, delivered by the outbox); closing lets the bot take over again and asks the customer for a 1–5
 * rating.
 */

import type { Reply } from '../../src/core/types.ts'
import { formatDateTime } from '../../src/i18n/format.ts'
import { t } from '../../src/i18n/messages.ts'
import { InvalidInput } from '../../src/services/errors.ts'
import type { HandoffDesk } from '../../src/services/handoff-desk.ts'
import type { Handoffs } from '../../src/services/handoffs.ts'
import type { AdminInput } from './admin-types.ts'

export interface HandoffCommandDeps {
  handoffs: Pick<Handoffs, 'list' | 'close'>
  desk: Pick<HandoffDesk, 'reply' | 'requestRating'>
  /** Kicks the outbox after an answer or a rating request was queued. */
  notify?: () => void
}

const maxReasonChars = 80
const idPattern = /^[A-Za-z0-9_-]{1,64}$/

/** `/handoffs`: the open ones, newest first. */
export async function handoffsCommand(deps: HandoffCommandDeps, input: AdminInput): Promise<Reply> {
  const { locale } = input
  const open = await deps.handoffs.list({ status: 'OPEN', limit: 30 })
  if (open.length === 0) return { text: t(locale, 'telegram.admin.handoffsNone') }
  const lines = open.map((h) =>
    t(locale, 'telegram.admin.handoffLine', {
      id: `\`${h.id}\``,
      customer: h.customer?.name ?? t(locale, 'telegram.admin.unverified'),
      channel: h.conversation.channel,
      reason: h.reason.length > maxReasonChars ? `${h.reason.slice(0, maxReasonChars)}…` : h.reason,
      since: formatDateTime(h.openedAt, locale),
    }),
  )
  return { text: [t(locale, 'telegram.admin.handoffsTitle', { count: open.length }), ...lines].join('\n') }
}

/** `/reply <handoff id> <text…>` (the text may span lines). */
export async function replyCommand(deps: HandoffCommandDeps, input: AdminInput): Promise<Reply> {
  const { locale } = input
  const match = /^(\S+)\s+([\s\S]+)$/.exec(input.args)
  const usage = { text: t(locale, 'telegram.admin.usage.reply') }
  if (!match?.[1] || !match[2] || !idPattern.test(match[1])) return usage
  const id = match[1]
  let target: Awaited<ReturnType<HandoffDesk['reply']>>
  try {
    target = await deps.desk.reply(id, match[2], input.actor)
  } catch (error) {
    if (error instanceof InvalidInput) return usage
    throw error
  }
  if (!target) return { text: t(locale, 'telegram.admin.handoffNotFound', { id }) }
  deps.notify?.()
  return { text: t(locale, 'telegram.admin.replySent', { id, channel: target.channel }) }
}

/** `/close <handoff id>` */
export async function closeCommand(deps: HandoffCommandDeps, input: AdminInput): Promise<Reply> {
  const { locale } = input
  const [id, extra] = input.args.split(/\s+/).filter(Boolean)
  if (!id || extra !== undefined || !idPattern.test(id)) return { text: t(locale, 'telegram.admin.usage.close') }
  const closed = await deps.handoffs.close(id, { actor: input.actor })
  if (!closed) return { text: t(locale, 'telegram.admin.handoffNotFound', { id }) }
  await deps.desk.requestRating(id)
  deps.notify?.()
  return { text: t(locale, 'telegram.admin.closed', { id }) }
}
