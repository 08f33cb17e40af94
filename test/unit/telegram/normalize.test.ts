import type { CallbackQuery, Message } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { addressedText, localeHint, normalizeCallback, normalizeMessage } from '../../../adapters/telegram/normalize.ts'

const bot = { id: 99, username: 'layan_bot' }
const at = new Date('2026-01-02T03:04:05Z')
const from = { id: 7, is_bot: false, first_name: 'Siti', last_name: 'Rahma', language_code: 'en-GB' }
const privateChat = { id: 7, type: 'private' as const, first_name: 'Siti' }
const group = { id: -1001, type: 'supergroup' as const, title: 'G' }

function message(extra: Partial<Message> & Record<string, unknown>): Message {
  return { message_id: 11, date: 0, chat: privateChat, from, ...extra } as Message
}

describe('normalizeMessage', () => {
  it('maps a private text message to an InboundMessage with Telegram ids', () => {
    expect(normalizeMessage(message({ text: '  cek pesanan  ' }), bot, at)).toEqual({
      kind: 'message',
      message: {
        channel: 'telegram',
        externalUserId: '7',
        externalChatId: '7',
        externalMessageId: '7:11',
        displayName: 'Siti Rahma',
        locale: 'en',
        receivedAt: at,
        text: 'cek pesanan',
      },
    })
  })

  it('passes a shared contact with its user id (empty when Telegram gives none)', () => {
    const own = normalizeMessage(
      message({ contact: { phone_number: '+6281234567890', first_name: 'S', user_id: 7 } }),
      bot,
      at,
    )
    expect(own).toMatchObject({
      kind: 'message',
      message: { text: '', contact: { phoneNumber: '+6281234567890', userId: '7' } },
    })
    const noUser = normalizeMessage(message({ contact: { phone_number: '0812', first_name: 'S' } }), bot, at)
    expect(noUser).toMatchObject({ kind: 'message', message: { contact: { phoneNumber: '0812', userId: '' } } })
  })

  it('answers media with "media" and ignores bots, channels and service messages', () => {
    expect(normalizeMessage(message({ photo: [] }), bot, at)).toEqual({ kind: 'media', chatId: 7, locale: 'en' })
    expect(normalizeMessage(message({ voice: {} as Message['voice'] }), bot, at).kind).toBe('media')
    expect(normalizeMessage(message({ text: 'x', from: { ...from, is_bot: true } }), bot, at).kind).toBe('ignore')
    expect(normalizeMessage(message({ text: 'x', chat: { id: -5, type: 'channel', title: 'c' } }), bot, at).kind).toBe(
      'ignore',
    )
    expect(normalizeMessage(message({ new_chat_members: [] }), bot, at).kind).toBe('ignore')
  })

  it('in groups takes only mentions of the bot or replies to it, without the mention', () => {
    const plain = message({ chat: group, text: 'halo semua' })
    expect(normalizeMessage(plain, bot, at).kind).toBe('ignore')
    const mention = message({
      chat: group,
      text: 'kak @Layan_Bot stok kaos?',
      entities: [{ type: 'mention', offset: 4, length: 10 }],
    })
    expect(normalizeMessage(mention, bot, at)).toMatchObject({
      kind: 'message',
      message: { text: 'kak stok kaos?', externalChatId: '-1001', externalUserId: '7', externalMessageId: '-1001:11' },
    })
    const other = message({
      chat: group,
      text: '@other_bot hi',
      entities: [{ type: 'mention', offset: 0, length: 10 }],
    })
    expect(normalizeMessage(other, bot, at).kind).toBe('ignore')
    const reply = message({
      chat: group,
      text: 'lalu?',
      reply_to_message: { from: { id: 99 } } as Message['reply_to_message'],
    })
    expect(normalizeMessage(reply, bot, at)).toMatchObject({ kind: 'message', message: { text: 'lalu?' } })
    expect(normalizeMessage(message({ chat: group, sticker: {} as Message['sticker'] }), bot, at).kind).toBe('ignore')
  })

  it('finds text mentions by user id', () => {
    const m = message({
      chat: group,
      text: 'Layan tolong',
      entities: [{ type: 'text_mention', offset: 0, length: 5, user: { id: 99, is_bot: true, first_name: 'Layan' } }],
    })
    expect(addressedText(m, bot)).toEqual({ addressed: true, text: 'tolong' })
  })
})

describe('normalizeCallback', () => {
  const query = (data: string | undefined): CallbackQuery =>
    ({
      id: 'q1',
      from,
      chat_instance: 'x',
      data,
      message: { message_id: 5, date: 0, chat: privateChat },
    }) as CallbackQuery

  it('turns our button data into an action with a callback message id', () => {
    expect(normalizeCallback(query('c:TOKEN'), at)).toEqual({
      channel: 'telegram',
      externalUserId: '7',
      externalChatId: '7',
      externalMessageId: 'cb:q1',
      displayName: 'Siti Rahma',
      text: '',
      action: { kind: 'confirm', token: 'TOKEN' },
      receivedAt: at,
      locale: 'en',
    })
    expect(normalizeCallback(query('r:TOKEN'), at)?.action).toEqual({ kind: 'reject', token: 'TOKEN' })
  })

  it('returns null for foreign data', () => {
    expect(normalizeCallback(query('menu:1'), at)).toBeNull()
    expect(normalizeCallback(query(undefined), at)).toBeNull()
  })
})

describe('localeHint', () => {
  it('maps Telegram language codes', () => {
    expect(localeHint('en-US')).toBe('en')
    expect(localeHint('id')).toBe('id')
    expect(localeHint('ms')).toBeUndefined()
    expect(localeHint(undefined)).toBeUndefined()
  })
})
