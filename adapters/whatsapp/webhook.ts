/**
 * `/webhooks/whatsapp`, Meta's webhook for the Cloud API:
 *
 * - GET: the verification handshake when the webhook is registered in the Meta app. With `hub.mode=subscribe`
 *   and the right `hub.verify_token` (WHATSAPP_VERIFY_TOKEN, compared in constant time) the `hub.challenge` is
 *   echoed as plain text; anything else is 403.
 * - POST: the body is read as raw bytes (this route's own content parser), and `X-Hub-Signature-256` must be
 *   the HMAC-SHA256 of exactly those bytes with WHATSAPP_APP_SECRET; anything else is 401 and nothing is read.
 *   Then the delivery is stored (messages in the inbox, statuses on the sent messages) and answered 200; the
 *   messages are answered after. A storage failure answers 500, so Meta delivers again later. A signed body that
 *   is not a delivery we know is logged and answered 200 (a retry would not change it).
 *
 * Meta's servers send every delivery from a few addresses, so the route has its own, higher per-IP limit (1,000 a
 * minute instead of the server's 120; a 429 only delays a delivery, Meta tries again), and allows bodies up to
 * 3 MB (Meta's own limit) instead of the server's 64 KB.
 */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { unauthorized } from '../../src/http/errors.ts'
import type { HttpRouteHook } from '../../src/http/server.ts'
import type { Logger } from '../../src/logger.ts'
import { type WebhookContents, webhookContents, whatsappWebhookSchema } from './payloads.ts'
import { isValidWhatsAppSignature } from './signature.ts'

export const whatsappWebhookPath = '/webhooks/whatsapp'
const maxBodyBytes = 3 * 1024 * 1024
const challengePattern = /^[\x21-\x7e]{1,256}$/
/** Deliveries a minute one address may make (the whole server allows far fewer). */
export const webhookRateLimitPerMinute = 1000

export interface WhatsAppWebhookOptions {
  phoneNumberId: string
  /** WHATSAPP_APP_SECRET; without it every POST is refused. */
  appSecret?: string
  /** WHATSAPP_VERIFY_TOKEN; without it the handshake is refused. */
  verifyToken?: string
  /** Stores what a delivery carried; throwing answers 500. */
  receive(contents: WebhookContents): Promise<void>
  log: Logger
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The route hook for `buildServer({ register: [...] })`. */
export function whatsappWebhookRoute(options: WhatsAppWebhookOptions): HttpRouteHook {
  const { log } = options
  return (app) => {
    // Raw bytes for every content type on this route: the signature covers the body exactly as sent.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, done) => {
      done(null, body)
    })

    app.get(whatsappWebhookPath, async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as Record<string, unknown>
      const mode = query['hub.mode']
      const token = query['hub.verify_token']
      const challenge = query['hub.challenge']
      const ok =
        options.verifyToken !== undefined &&
        mode === 'subscribe' &&
        typeof token === 'string' &&
        sameText(token, options.verifyToken) &&
        typeof challenge === 'string' &&
        challengePattern.test(challenge)
      if (!ok) {
        log.warn({ mode: typeof mode === 'string' ? mode.slice(0, 40) : null }, 'whatsapp webhook handshake refused')
        return reply.code(403).type('text/plain; charset=utf-8').send('Forbidden')
      }
      log.info('whatsapp webhook handshake answered')
      return reply.code(200).type('text/plain; charset=utf-8').send(challenge)
    })

    app.post(
      whatsappWebhookPath,
      { bodyLimit: maxBodyBytes, config: { rateLimit: { max: webhookRateLimitPerMinute, timeWindow: 60_000 } } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
        const signature = request.headers['x-hub-signature-256']
        if (!options.appSecret || !isValidWhatsAppSignature(body, signature, options.appSecret)) {
          log.warn(
            { signed: signature !== undefined, secretSet: Boolean(options.appSecret) },
            'whatsapp webhook refused',
          )
          throw unauthorized()
        }
        let json: unknown
        try {
          json = JSON.parse(body.toString('utf8'))
        } catch {
          log.warn('signed whatsapp webhook body is not JSON; ignored')
          return reply.code(200).send({ success: true })
        }
        const payload = whatsappWebhookSchema.safeParse(json)
        if (!payload.success || payload.data.object !== 'whatsapp_business_account') {
          const issue = payload.success ? 'object' : payload.error.issues[0]?.path.join('.')
          log.warn({ issue }, 'signed whatsapp webhook of an unknown shape; ignored')
          return reply.code(200).send({ success: true })
        }
        const contents = webhookContents(payload.data, options.phoneNumberId)
        if (contents.rejected > 0)
          log.warn({ rejected: contents.rejected }, 'whatsapp webhook items did not fit; skipped')
        await options.receive(contents)
        return reply.code(200).send({ success: true })
      },
    )
  }
}
