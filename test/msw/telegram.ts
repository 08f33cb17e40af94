/**
 * A fake Telegram Bot API for MSW: records every call (method and JSON payload, in arrival order), answers with
 * plausible results, and can fail chosen calls (an API error with a code, a 429 with retry_after, or a network
 * failure). Plus builders of real-shaped `Update` JSON.
 *
 * @example
 * const telegram = createFakeTelegram({ token: testBotToken })
 * const server = setupServer(...telegram.handlers)
 * await bot.handleUpdate(telegram.updates.text({ text: 'halo' }))
 * expect(telegram.callsOf('sendMessage')[0]?.body.text).toContain('Halo')
 */

import type { Update, UserFromGetMe } from 'grammy/types'
import { delay, HttpResponse, http } from 'msw'

export const testBotToken = '123456:TEST-layan-token'
export const fakeTelegramApiRoot = 'https://api.telegram.org'

/** The bot's own identity, preset so tests never call getMe. */
export const testBotInfo: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: 'Layan',
  username: 'layan_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
}

// biome-ignore lint/suspicious/noExplicitAny: a recorded Bot API payload is whatever JSON the client sent
export type Payload = Record<string, any>

export interface RecordedCall {
  method: string
  body: Payload
  /** When the request arrived (ms since the epoch). */
  at: number
}

export type TelegramFault =
  | { kind: 'api'; code: number; description: string; retryAfter?: number }
  | { kind: 'network' }

export interface FakeTelegramOptions {
  token?: string
  apiRoot?: string
}

/**
 * A call's parameters: JSON, or, when a file is uploaded (sendPhoto with bytes), the multipart body as it came
 * (`{ multipart: <latin1 text> }`: grammY streams it in a form undici's own parser refuses).
 */
async function readBody(request: Request): Promise<Payload> {
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    return { multipart: Buffer.from(await request.arrayBuffer()).toString('latin1') }
  }
  const text = await request.text()
  return (text ? JSON.parse(text) : {}) as Payload
}

export function createFakeTelegram(options: FakeTelegramOptions = {}) {
  const token = options.token ?? testBotToken
  const apiRoot = options.apiRoot ?? fakeTelegramApiRoot
  const calls: RecordedCall[] = []
  const faults = new Map<string, TelegramFault[]>()
  /** Files the bot may fetch (getFile, then the download), by file_id. */
  const files = new Map<string, Uint8Array>()
  let messageId = 1000

  function result(method: string, body: Payload): unknown {
    switch (method) {
      case 'getMe':
        return testBotInfo
      case 'sendMessage': {
        const chatId = Number(body.chat_id)
        return {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Group' } : { id: chatId, type: 'private' },
          from: { id: testBotInfo.id, is_bot: true, first_name: testBotInfo.first_name },
          text: String(body.text ?? ''),
        }
      }
      case 'getUpdates':
        return []
      case 'getFile': {
        const fileId = String(body.file_id)
        const bytes = files.get(fileId)
        if (!bytes) return undefined
        return {
          file_id: fileId,
          file_unique_id: `u-${fileId}`,
          file_size: bytes.length,
          file_path: `photos/${fileId}.jpg`,
        }
      }
      default:
        return true
    }
  }

  const handlers = [
    http.post(`${apiRoot}/bot${token}/:method`, async ({ request, params }) => {
      const method = String(params.method)
      const body = await readBody(request)
      calls.push({ method, body, at: Date.now() })
      // A long poll with nothing new: Telegram holds the request; a short pause keeps a runner from spinning.
      if (method === 'getUpdates' && Number(body.timeout ?? 0) > 0) await delay(100)
      const fault = faults.get(method)?.shift()
      if (fault?.kind === 'network') return HttpResponse.error()
      if (fault?.kind === 'api') {
        return HttpResponse.json(
          {
            ok: false,
            error_code: fault.code,
            description: fault.description,
            ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}),
          },
          { status: fault.code },
        )
      }
      const answer = result(method, body)
      if (answer === undefined)
        return HttpResponse.json(
          { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' },
          { status: 400 },
        )
      return HttpResponse.json({ ok: true, result: answer })
    }),
    // File downloads: <api root>/file/bot<token>/<file_path>, as getFile named them.
    http.get(`${apiRoot}/file/bot${token}/photos/:name`, ({ params }) => {
      calls.push({ method: 'download', body: { path: `photos/${String(params.name)}` }, at: Date.now() })
      const bytes = files.get(String(params.name).replace(/\.jpg$/, ''))
      if (!bytes) return new HttpResponse('Not Found', { status: 404 })
      return new HttpResponse(bytes, { headers: { 'content-type': 'application/octet-stream' } })
    }),
  ]

  let updateId = 1
  const nextUpdateId = () => updateId++
  const user = (id: number, extra: Payload = {}) => ({
    id,
    is_bot: false,
    first_name: 'Adi',
    language_code: 'id',
    ...extra,
  })

  /** Real-shaped updates; ids and dates filled in. */
  const updates = {
    /** A text message; a private chat with the sender unless `chat` is given. */
    text(input: {
      text: string
      from?: number
      chat?: Payload
      fromExtra?: Payload
      message?: Payload
      updateId?: number
    }): Update {
      const from = input.from ?? 5001
      return {
        update_id: input.updateId ?? nextUpdateId(),
        message: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: input.chat ?? { id: from, type: 'private', first_name: 'Adi' },
          from: user(from, input.fromExtra),
          text: input.text,
          ...(input.text.startsWith('/')
            ? { entities: [{ type: 'bot_command', offset: 0, length: input.text.split(/\s/)[0]?.length ?? 0 }] }
            : {}),
          ...input.message,
        },
      } as Update
    },
    /** A group message mentioning the bot by @username. */
    groupMention(input: { text: string; from?: number; chatId?: number }): Update {
      const mention = `@${testBotInfo.username}`
      const text = `${mention} ${input.text}`
      return updates.text({
        text,
        from: input.from,
        chat: { id: input.chatId ?? -100777, type: 'supergroup', title: 'Komunitas UrbanStyle' },
        message: { entities: [{ type: 'mention', offset: 0, length: mention.length }] },
      })
    },
    /** A contact shared from the sender's private chat; `userId` defaults to the sender (their own number). */
    contact(input: { phone: string; from?: number; userId?: number | null; firstName?: string }): Update {
      const from = input.from ?? 5001
      const userId = input.userId === undefined ? from : input.userId
      return {
        update_id: nextUpdateId(),
        message: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: from, type: 'private', first_name: 'Adi' },
          from: user(from),
          contact: {
            phone_number: input.phone,
            first_name: input.firstName ?? 'Adi',
            ...(userId === null ? {} : { user_id: userId }),
          },
        },
      } as Update
    },
    /**
     * A photo in the sender's private chat; `sizes` are the sizes Telegram offers (file_id, bytes announced),
     * smallest first as Telegram sends them.
     */
    photo(input: {
      sizes: { fileId: string; size: number }[]
      from?: number
      caption?: string
      chat?: Payload
    }): Update {
      const from = input.from ?? 5001
      return {
        update_id: nextUpdateId(),
        message: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: input.chat ?? { id: from, type: 'private', first_name: 'Adi' },
          from: user(from),
          photo: input.sizes.map((s, i) => ({
            file_id: s.fileId,
            file_unique_id: `u-${s.fileId}`,
            width: 90 * (i + 1) * 4,
            height: 90 * (i + 1) * 3,
            file_size: s.size,
          })),
          ...(input.caption ? { caption: input.caption } : {}),
        },
      } as Update
    },
    sticker(input: { from?: number } = {}): Update {
      const from = input.from ?? 5001
      return {
        update_id: nextUpdateId(),
        message: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: from, type: 'private', first_name: 'Adi' },
          from: user(from),
          sticker: {
            file_id: 'CAACAgIAAxkBAAE',
            file_unique_id: 'AgADAQAD',
            type: 'regular',
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
            emoji: '👍',
          },
        },
      } as Update
    },
    edited(input: { text: string; from?: number }): Update {
      const from = input.from ?? 5001
      const now = Math.floor(Date.now() / 1000)
      return {
        update_id: nextUpdateId(),
        edited_message: {
          message_id: ++messageId,
          date: now - 60,
          edit_date: now,
          chat: { id: from, type: 'private', first_name: 'Adi' },
          from: user(from),
          text: input.text,
        },
      } as Update
    },
    /** A press on an inline button of a message the bot sent. */
    callback(input: { data: string; from?: number; chat?: Payload; messageId?: number; message?: Payload }): Update {
      const from = input.from ?? 5001
      return {
        update_id: nextUpdateId(),
        callback_query: {
          id: `${Date.now()}${nextUpdateId()}`,
          from: user(from),
          chat_instance: '-7000000000000000000',
          data: input.data,
          message: {
            message_id: input.messageId ?? ++messageId,
            date: Math.floor(Date.now() / 1000),
            chat: input.chat ?? { id: from, type: 'private', first_name: 'Adi' },
            from: { id: testBotInfo.id, is_bot: true, first_name: testBotInfo.first_name },
            text: 'buttons',
            ...input.message,
          },
        },
      } as Update
    },
  }

  return {
    handlers,
    calls,
    updates,
    /** The calls of one method, in order. */
    callsOf(method: string): RecordedCall[] {
      return calls.filter((call) => call.method === method)
    },
    /** The texts the bot sent to one chat, in order. */
    textsTo(chatId: number | string): string[] {
      return calls
        .filter((call) => call.method === 'sendMessage' && String(call.body.chat_id) === String(chatId))
        .map((call) => String(call.body.text))
    },
    /** A file the stand-in serves through getFile and its download URL. */
    addFile(fileId: string, bytes: Uint8Array): void {
      files.set(fileId, bytes)
    },
    /** Fails the next call(s) of `method`, one fault per call, in order. */
    failNext(method: string, ...list: TelegramFault[]): void {
      faults.set(method, [...(faults.get(method) ?? []), ...list])
    },
    clear(): void {
      calls.length = 0
      faults.clear()
      files.clear()
    },
  }
}

type FakeTelegram = ReturnType<typeof createFakeTelegram>
