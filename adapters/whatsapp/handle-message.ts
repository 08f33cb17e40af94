/**
 * Answers one stored WhatsApp message (an inbox row): normalize → core → render. No business rule lives here.
 *
 * 1. The message is marked read, with the typing indicator (renewed every 20 s; WhatsApp shows it up to 25 s).
 * 2. Identity by construction: the sender's WhatsApp id is their phone number, so the identity is linked to the
 *    customer with that number before the core sees the message (crm.linkChannelPhone); an unknown number stays
 *    unverified and is asked to verify like on the web.
 * 3. A rating press goes to the hand-off desk; everything else to the core (which also tells staff what the
 *    customer writes during a hand-off, and picks the reply language).
 * 4. The answer is kept on the row before it is sent, so a failed send is retried without asking the agent again,
 *    and marked sent in the core once WhatsApp took it (`core.delivered`). An attempt that stopped after the core
 *    stored its answer and before the row kept it gets that stored answer from the core on the retry; when the
 *    core has nothing to give for a message already taken in, the customer is asked to send it again instead of
 *    hearing nothing.
 * Media (photos, voice notes, documents, stickers, locations) get a polite "text only" answer; the inbox row is
 * the record of what was sent.
 */
import { z } from 'zod'
import { detectLocale } from '../../src/agent/language.ts'
import type { ConversationCore, MessageTrace } from '../../src/core/conversation.ts'
import type { InboundMessage, Locale, Reply } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import { type Logger, maskPhonesInText } from '../../src/logger.ts'
import type { CrmService } from '../../src/services/crm.ts'
import { type HandoffDesk, parseRatingToken, type RatingOutcome } from '../../src/services/handoff-desk.ts'
import type { InboxRow, InboxService } from '../../src/services/inbox.ts'
import { keepTyping } from '../typing.ts'
import type { GraphApi } from './graph-api.ts'
import { classifyMessage, phoneOfWaId } from './normalize.ts'
import { storedMessageSchema } from './payloads.ts'
import { type SendDeps, sendReplies } from './send.ts'

export interface MessageHandlerDeps extends SendDeps {
  api: Pick<GraphApi, 'sendMessage' | 'markRead'>
  core: Pick<ConversationCore, 'handleWithTrace' | 'delivered'>
  crm: Pick<CrmService, 'linkChannelPhone'>
  desk: Pick<HandoffDesk, 'rate'>
  inbox: Pick<InboxService, 'saveReplies'>
  /** The lease renewed when the answer is kept. */
  leaseMs: number
  /** How often the typing indicator is renewed while the core works (default 20 s). */
  typingEveryMs?: number
}

/** The answer as kept on the inbox row, with the core's id of it to mark sent. */
const keptAnswer = z.object({
  locale: z.enum(['id', 'en']),
  replies: z.array(z.custom<Reply>((value) => typeof value === 'object' && value !== null && 'text' in value)),
  answerId: z.string().optional(),
})

type Answer = { locale: Locale; replies: Reply[]; answerId?: string }

const ratingAnswers: Record<
  RatingOutcome,
  'whatsapp.ratingThanks' | 'whatsapp.ratingAlready' | 'whatsapp.ratingRefused' | 'whatsapp.buttonUnknown'
> = {
  stored: 'whatsapp.ratingThanks',
  already_rated: 'whatsapp.ratingAlready',
  not_yours: 'whatsapp.ratingRefused',
  not_found: 'whatsapp.buttonUnknown',
  still_open: 'whatsapp.buttonUnknown',
}

export function createMessageHandler(deps: MessageHandlerDeps): (row: InboxRow) => Promise<void> {
  const typingEveryMs = deps.typingEveryMs ?? 20_000

  /** The answer to a text or a button press, from the hand-off desk (ratings) or the core. */
  async function answer(inbound: InboundMessage, log: Logger): Promise<Answer> {
    const locale: Locale = inbound.text ? detectLocale(inbound.text) : 'id'
    const from = inbound.externalUserId
    const phone = phoneOfWaId(from)
    if (phone)
      await deps.crm.linkChannelPhone('whatsapp', from, phone, {
        displayName: inbound.displayName,
        externalChatId: from,
      })

    const rating = inbound.action ? parseRatingToken(inbound.action.token) : null
    if (rating) {
      void deps.api
        .markRead(inbound.externalMessageId)
        .catch((error: unknown) => log.debug({ err: error }, 'mark read failed'))
      const outcome = await deps.desk.rate(rating.handoffId, rating.score, {
        channel: 'whatsapp',
        externalUserId: from,
      })
      return { locale, replies: [{ text: t(locale, ratingAnswers[outcome], { score: rating.score }) }] }
    }

    // Marked read with "typing…", renewed while the core works.
    const typing = keepTyping(() => deps.api.markRead(inbound.externalMessageId, { typing: true }), {
      everyMs: typingEveryMs,
      log,
    })
    let trace: MessageTrace
    try {
      trace = await deps.core.handleWithTrace({ ...inbound, confirmsDelivery: true })
    } finally {
      void typing.stop()
    }
    if (trace.replies.length === 0) {
      // Taken in by an earlier attempt that stopped before answering: say so rather than stay silent.
      log.warn('message already taken in without an answer; asking the customer to resend')
      return { locale, replies: [{ text: t(locale, 'whatsapp.resendPlease') }] }
    }
    return { locale: trace.locale, replies: trace.replies, ...(trace.answerId ? { answerId: trace.answerId } : {}) }
  }

  return async function handle(row) {
    const stored = storedMessageSchema.parse(row.payload)
    const to = stored.message.from
    const log = deps.log.child({ channel: 'whatsapp', inboxId: row.id, from: maskPhonesInText(to) })

    const kept = row.replies === null ? null : keptAnswer.safeParse(row.replies)
    if (kept?.success) {
      await sendReplies(deps, to, kept.data.replies, kept.data.locale)
      await deps.core.delivered(kept.data)
      return
    }

    const incoming = classifyMessage(stored)
    if (incoming.kind === 'ignore') {
      log.debug({ reason: incoming.reason }, 'whatsapp message ignored')
      return
    }
    if (incoming.kind === 'media') {
      log.info({ mediaType: incoming.mediaType }, 'whatsapp media message answered with text only')
      const locale = incoming.caption ? detectLocale(incoming.caption) : 'id'
      void deps.api.markRead(stored.message.id).catch((error: unknown) => log.debug({ err: error }, 'mark read failed'))
      await sendReplies(deps, to, [{ text: t(locale, 'whatsapp.textOnly') }], locale)
      return
    }

    const result = await answer(incoming.message, log)
    await deps.inbox.saveReplies(row.id, result, deps.leaseMs)
    await sendReplies(deps, to, result.replies, result.locale)
    await deps.core.delivered(result)
  }
}
