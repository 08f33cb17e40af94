/**
 * The few Cloud API calls Layan makes, as thin typed `fetch` calls: send a message, mark one read with the
 * typing indicator, and read the phone number's profile (the start-up check). Every answer is validated with
 * zod; every failure is a WhatsAppApiError (errors.ts). Rate limits, Meta's temporary errors and unreachable
 * hosts are retried a few times with a growing pause (Retry-After wins when Meta sends one); nothing else is.
 * The access token travels only in the Authorization header and is cut out of every error message.
 *
 * @example
 * const api = createGraphApi({ accessToken, phoneNumberId: '1065…', apiRoot: 'https://graph.facebook.com', apiVersion: 'v26.0' })
 * const { id } = await api.sendMessage('6281234567890', { type: 'text', text: { body: 'Halo', preview_url: false } })
 */
import { z } from 'zod'
import { failureOf, isWhatsAppApiError, WhatsAppApiError } from './errors.ts'
import type { OutgoingMessage } from './render.ts'

export interface GraphApiOptions {
  accessToken: string
  phoneNumberId: string
  /** WHATSAPP_API_ROOT, e.g. https://graph.facebook.com or a local stand-in. */
  apiRoot: string
  /** WHATSAPP_API_VERSION, e.g. v26.0. */
  apiVersion: string
  /** Per call (default 10 s). */
  timeoutMs?: number
  /** Tries per call for retryable failures (default 3). */
  attempts?: number
  /** Pause before try n+1 (default 500 ms × 3ⁿ⁻¹, at most 10 s). */
  retryDelayMs?: (attempt: number) => number
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
}

const sendAnswer = z.object({
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
  contacts: z.array(z.object({ wa_id: z.string().optional() })).optional(),
})
const okAnswer = z.object({ success: z.boolean() })
const phoneAnswer = z.object({
  id: z.string().optional(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
})
const errorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().int().optional(),
    error_subcode: z.number().int().optional(),
    error_data: z.object({ details: z.string().optional() }).optional(),
  }),
})

export interface GraphApi {
  /** Sends one message to a WhatsApp id; returns Meta's message id (wamid). */
  sendMessage(to: string, message: OutgoingMessage): Promise<{ id: string }>
  /** Marks a received message read and shows "typing…" until the answer (or 25 s). */
  markRead(messageId: string, options?: { typing?: boolean }): Promise<void>
  /** The phone number's display number and verified name (checks the token and id). */
  phoneNumber(): Promise<{ displayPhoneNumber?: string; verifiedName?: string }>
}

const defaultDelay = (attempt: number) => Math.min(10_000, 500 * 3 ** (attempt - 1))
const maxRetryAfterMs = 30_000

function retryAfterOf(response: Response): number | undefined {
  const header = response.headers.get('retry-after')
  if (!header) return undefined
  const seconds = Number(header)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, maxRetryAfterMs) : undefined
}

export function createGraphApi(options: GraphApiOptions): GraphApi {
  const base = `${options.apiRoot.replace(/\/+$/, '')}/${options.apiVersion}`
  const timeoutMs = options.timeoutMs ?? 10_000
  const attempts = options.attempts ?? 3
  const delayOf = options.retryDelayMs ?? defaultDelay
  const doFetch = options.fetch ?? fetch
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const redact = (text: string) => text.split(options.accessToken).join('[redacted]').slice(0, 500)

  async function once<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let response: Response
    let text: string
    try {
      response = await doFetch(`${base}/${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.accessToken}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      const name = (error as Error)?.name
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new WhatsAppApiError('timeout', `no answer within ${timeoutMs} ms`)
      }
      const cause = (error as { cause?: { code?: string } })?.cause?.code
      throw new WhatsAppApiError(
        'unreachable',
        redact(`${(error as Error)?.message ?? 'network error'}${cause ? ` (${cause})` : ''}`),
      )
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    if (!response.ok) {
      const parsed = errorBody.safeParse(json)
      const graph = parsed.success ? parsed.data.error : undefined
      const detail =
        [graph?.message, graph?.error_data?.details].filter(Boolean).join(': ') || `HTTP ${response.status}`
      throw new WhatsAppApiError(
        failureOf(graph?.code, response.status),
        redact(detail),
        graph?.code,
        response.status,
        retryAfterOf(response),
      )
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new WhatsAppApiError('invalid_response', `unexpected answer to ${method} ${path}`)
    return parsed.data
  }

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    tries = attempts,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(method, path, schema, body)
      } catch (error) {
        if (!isWhatsAppApiError(error) || !error.retryableNow || attempt >= tries) throw error
        await sleep(error.retryAfterMs ?? delayOf(attempt))
      }
    }
  }

  const messagesPath = `${encodeURIComponent(options.phoneNumberId)}/messages`
  return {
    async sendMessage(to, message) {
      const answer = await call('POST', messagesPath, sendAnswer, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        ...message,
      })
      return { id: answer.messages[0]?.id ?? '' }
    },
    async markRead(messageId, markOptions = {}) {
      // Best effort, once: a read receipt or typing indicator is not worth a retry.
      await call(
        'POST',
        messagesPath,
        okAnswer,
        {
          messaging_product: 'whatsapp',
          status: 'read',
          message_id: messageId,
          ...(markOptions.typing ? { typing_indicator: { type: 'text' } } : {}),
        },
        1,
      )
    },
    async phoneNumber() {
      const answer = await call(
        'GET',
        `${encodeURIComponent(options.phoneNumberId)}?fields=display_phone_number,verified_name`,
        phoneAnswer,
      )
      return {
        ...(answer.display_phone_number ? { displayPhoneNumber: answer.display_phone_number } : {}),
        ...(answer.verified_name ? { verifiedName: answer.verified_name } : {}),
      }
    },
  }
}
