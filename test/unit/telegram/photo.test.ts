import type { Message, PhotoSize } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { normalizeMessage } from '../../../adapters/telegram/normalize.ts'
import { pickPhotoSize } from '../../../adapters/telegram/photo.ts'

const size = (id: string, side: number, bytes?: number): PhotoSize => ({
  file_id: id,
  file_unique_id: `u${id}`,
  width: side,
  height: side,
  ...(bytes === undefined ? {} : { file_size: bytes }),
})

describe('pickPhotoSize', () => {
  it('takes the largest size whose announced bytes fit, whatever order Telegram lists them in', () => {
    const sizes = [size('m', 320, 20_000), size('l', 1280, 900_000), size('s', 90, 1500), size('xl', 2560, 2_000_000)]
    expect(pickPhotoSize(sizes, 1_000_000)?.file_id).toBe('l')
    expect(pickPhotoSize(sizes, 5_000_000)?.file_id).toBe('xl')
  })

  it('takes the smallest when none fits (it is then refused by its size) and a size of unknown bytes as fitting', () => {
    expect(pickPhotoSize([size('a', 800, 60_000), size('b', 90, 30_000)], 10_000)?.file_id).toBe('b')
    expect(pickPhotoSize([size('a', 90, 3000), size('b', 800)], 10_000)?.file_id).toBe('b')
    expect(pickPhotoSize([], 10_000)).toBeNull()
  })
})

describe('normalizeMessage with a photo', () => {
  const bot = { id: 99, username: 'layan_bot' }
  const at = new Date('2026-01-02T03:04:05Z')
  const from = { id: 7, is_bot: false, first_name: 'Siti', language_code: 'id' }
  const photo = [size('p', 90, 1000)]

  it('gives a private chat’s photo to the core with its caption as the text', () => {
    const message = {
      message_id: 3,
      date: 0,
      chat: { id: 7, type: 'private', first_name: 'Siti' },
      from,
      photo,
      caption: ' retur ORD-2025-006 kekecilan ',
    } as Message
    expect(normalizeMessage(message, bot, at)).toMatchObject({
      kind: 'photo',
      sizes: photo,
      message: { externalUserId: '7', externalMessageId: '7:3', text: 'retur ORD-2025-006 kekecilan' },
    })
  })

  it('takes a picture sent as a file as a photo, and any other file as media', () => {
    const base = { message_id: 5, date: 0, chat: { id: 7, type: 'private', first_name: 'Siti' }, from }
    const picture = { file_id: 'doc1', file_unique_id: 'udoc1', mime_type: 'image/jpeg', file_size: 4321 }
    expect(normalizeMessage({ ...base, document: picture } as Message, bot, at)).toMatchObject({
      kind: 'photo',
      sizes: [{ file_id: 'doc1', file_size: 4321 }],
      message: { text: '' },
    })
    const pdf = { ...picture, mime_type: 'application/pdf' }
    expect(normalizeMessage({ ...base, document: pdf } as Message, bot, at).kind).toBe('media')
  })

  it('leaves a photo in a group as media (text only there)', () => {
    const message = {
      message_id: 4,
      date: 0,
      chat: { id: -5, type: 'supergroup', title: 'G' },
      from,
      photo,
      caption: '@layan_bot lihat',
      caption_entities: [{ type: 'mention', offset: 0, length: 10 }],
    } as Message
    expect(normalizeMessage(message, bot, at).kind).toBe('media')
  })
})
