/**
 * Web chat messages that do not answer a POST: a staff answer from the console (or a Telegram/Discord relay), the
 * rating question when a hand-off closes, the notice when a hand-off went back to the bot, payment and shipping
 * news. The outbox delivers them through this channel's sender (the web channel's `sender` in
 * adapters/channels.ts), which pushes them to the customer's open chat page: server-sent events at
 * GET /api/chat/live, keyed by the signed session cookie. The rating question is also kept in the conversation
 * (role `admin`, with its buttons in `content`), as staff answers and time-out notices are by the hand-off desk, so
 * GET /api/chat/history finds them after a reload; each live event carries the stored message's `id` when there is
 * one, so the page (which also polls the history) shows it once.
 *
 * A rating button pressed on the web chat (`rate:<handoffId>:<score>`) is stored by `withWebRatings` before the
 * press would reach the core.
 */
import { EventEmitter } from 'node:events'
import fastifyCookie from '@fastify/cookie'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { InboundMessage, Reply } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import { type HandoffDesk, parseRatingToken, type RatingOutcome } from '../../src/services/handoff-desk.ts'
import type { ChannelSender, OutgoingNotification } from '../../src/services/notifications/types.ts'
import type { WebChatMessages } from '../../src/services/web-chat-messages.ts'
import type { WebChatAnswer } from './routes.ts'

const cookieName = 'layan_sid'
const sessionIdPattern = /^[A-Za-z0-9_-]{24}$/

export interface WebLiveDeps {
  messages: Pick<WebChatMessages, 'storeStaffMessage'>
  /** The web chat's cookie secret (the same one registerWebChat signs with). */
  sessionSecret: string
}

/** What one live event says: the message, and the id of its stored copy in the conversation when it has one. */
interface LiveMessage {
  id?: string
  text: string
  buttons: NonNullable<Reply['buttons']>
  /** Who the page shows it from: staff (answers, notices of the desk) or the shop itself (payment, shipping, COD). */
  from: 'staff' | 'shop'
}

/** The shop's own automatic messages; everything else pushed here comes from the staff desk. */
const shopKinds = new Set([
  'payment_completed',
  'shipping_status',
  'back_in_stock',
  'cod_confirmation_request',
  'return_update',
])

/**
 * The stored message a notification stands for (staff answers and time-out notices carry its id and text): the
 * page labels staff messages itself, so it shows the text as stored, the same live and after a reload.
 */
function storedMessage(notification: OutgoingNotification | undefined): { id: string; text: string } | null {
  const payload = notification?.payload as { messageId?: unknown; text?: unknown } | null | undefined
  if (typeof payload?.messageId !== 'string' || typeof payload.text !== 'string') return null
  return { id: payload.messageId, text: payload.text }
}

export function createWebLive(deps: WebLiveDeps) {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)

  const sender: ChannelSender = {
    channel: 'web',
    async send(target, reply, notification) {
      const buttons = reply.buttons ?? []
      const stored = storedMessage(notification)
      const from = notification && shopKinds.has(notification.kind) ? 'shop' : 'staff'
      let message: LiveMessage = stored ? { ...stored, buttons, from } : { text: reply.text, buttons, from }
      if (notification?.kind === 'rating_request') {
        const id = await deps.messages.storeStaffMessage(target.externalChatId, {
          kind: 'rating_request',
          text: reply.text,
          buttons: buttons.map((button) => ({ ...button, action: { ...button.action } })),
        })
        if (id) message = { id, text: reply.text, buttons, from }
      }
      emitter.emit(target.externalChatId, message)
    },
  }

  function sessionOf(request: FastifyRequest): string | null {
    const raw = request.cookies[cookieName]
    if (!raw) return null
    const unsigned = request.unsignCookie(raw)
    return unsigned.valid && unsigned.value && sessionIdPattern.test(unsigned.value) ? unsigned.value : null
  }

  async function routes(app: FastifyInstance): Promise<void> {
    await app.register(fastifyCookie, { secret: deps.sessionSecret })
    // Open streams are ended as the server starts closing (preClose), or its close would wait for the pages.
    const streams = new Set<() => void>()
    app.addHook('preClose', async () => {
      for (const end of [...streams]) end()
    })
    app.get(
      '/api/chat/live',
      {
        schema: { tags: ['web chat'], summary: 'Server-sent events: `reply` for each message staff send this chat' },
        config: { rateLimit: false },
      },
      (request, reply) => {
        const sessionId = sessionOf(request)
        if (!sessionId) {
          return reply
            .code(401)
            .send({ success: false, error: { code: 'session_required', message: 'No chat session' } })
        }
        reply.hijack()
        const out = reply.raw
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-content-type-options': 'nosniff',
        })
        out.write('retry: 3000\n\n')
        const listener = (message: LiveMessage) => {
          out.write(`event: reply\ndata: ${JSON.stringify(message)}\n\n`)
        }
        emitter.on(sessionId, listener)
        const heartbeat = setInterval(() => out.write(': ping\n\n'), 25_000)
        heartbeat.unref()
        const end = () => {
          clearInterval(heartbeat)
          emitter.off(sessionId, listener)
          streams.delete(end)
          if (!out.writableEnded) out.end()
        }
        streams.add(end)
        request.raw.on('close', end)
      },
    )
  }

  return { sender, routes }
}

function ratingAnswer(outcome: RatingOutcome, score: number, locale: 'id' | 'en'): string {
  if (outcome === 'stored') return t(locale, 'console.ratingThanks', { score })
  if (outcome === 'already_rated') return t(locale, 'console.ratingAlready')
  if (outcome === 'not_yours') return t(locale, 'console.ratingRefused')
  return t(locale, 'console.ratingUnknown')
}

/**
 * Wraps the web chat's handler: a rating press is stored by the desk (the answer says whether the sender is
 * verified, as every answer does); everything else goes on to `handle`.
 */
export function withWebRatings(
  handle: (message: InboundMessage) => Promise<WebChatAnswer>,
  desk: Pick<HandoffDesk, 'rate'>,
  isVerified: (sessionId: string) => Promise<boolean>,
): (message: InboundMessage) => Promise<WebChatAnswer> {
  return async (message) => {
    const rating = message.action ? parseRatingToken(message.action.token) : null
    if (!rating || message.channel !== 'web') return handle(message)
    const outcome = await desk.rate(rating.handoffId, rating.score, {
      channel: 'web',
      externalUserId: message.externalUserId,
    })
    const locale = message.locale === 'en' ? 'en' : 'id'
    return {
      replies: [{ text: ratingAnswer(outcome, rating.score, locale) }],
      verified: await isVerified(message.externalUserId),
    }
  }
}
