import { describe, expect, it } from 'vitest'
import { classifyMessage, decodeButtonId, encodeButtonId, phoneOfWaId } from '../../../adapters/whatsapp/normalize.ts'
import { type StoredMessage, storedMessageSchema } from '../../../adapters/whatsapp/payloads.ts'

const token = 'x'.repeat(43)
const stored = (message: Record<string, unknown>, profileName = 'Adi'): StoredMessage =>
  storedMessageSchema.parse({
    message: { from: '6281234567890', id: 'wamid.A', timestamp: '1764900000', ...message },
    profileName,
  })

describe('WhatsApp messages → what the adapter does', () => {
  it("turns text into an InboundMessage from the sender's number", () => {
    expect(classifyMessage(stored({ type: 'text', text: { body: '  cek pesanan  ' } }))).toEqual({
      kind: 'message',
      message: {
        channel: 'whatsapp',
        externalUserId: '6281234567890',
        externalChatId: '6281234567890',
        externalMessageId: 'wamid.A',
        displayName: 'Adi',
        receivedAt: new Date(1764900000 * 1000),
        text: 'cek pesanan',
      },
    })
    expect(classifyMessage(stored({ type: 'text', text: { body: '   ' } }))).toEqual({
      kind: 'ignore',
      reason: 'empty',
    })
  })

  it('turns our buttons and rows into actions, and anything else pressed into its title', () => {
    const press = (id: string) =>
      classifyMessage(
        stored({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: 'Ya' } } }),
      )
    expect(press(`c:${token}`)).toMatchObject({
      kind: 'message',
      message: { text: '', action: { kind: 'confirm', token } },
    })
    expect(press(`r:${token}`)).toMatchObject({ message: { action: { kind: 'reject', token } } })
    expect(press('somebody-else')).toMatchObject({ kind: 'message', message: { text: 'Ya' } })
    const row = classifyMessage(
      stored({
        type: 'interactive',
        interactive: { type: 'list_reply', list_reply: { id: 'c:rate:h1:5', title: '5 ⭐' } },
      }),
    )
    expect(row).toMatchObject({ message: { action: { kind: 'confirm', token: 'rate:h1:5' } } })
    const quick = classifyMessage(stored({ type: 'button', button: { payload: `c:${token}`, text: 'Ya' } }))
    expect(quick).toMatchObject({ message: { action: { kind: 'confirm', token } } })
    expect(
      classifyMessage(stored({ type: 'button', button: { payload: 'PROMO', text: 'Lihat promo' } })),
    ).toMatchObject({
      message: { text: 'Lihat promo' },
    })
  })

  it('answers media with text only and ignores reactions and system notices', () => {
    expect(classifyMessage(stored({ type: 'image', image: { id: '1', caption: ' ini? ' } }))).toEqual({
      kind: 'media',
      mediaType: 'image',
      caption: 'ini?',
    })
    for (const type of ['audio', 'video', 'document', 'sticker', 'location', 'contacts']) {
      expect(classifyMessage(stored({ type }))).toMatchObject({ kind: 'media', mediaType: type })
    }
    expect(classifyMessage(stored({ type: 'unsupported' }))).toMatchObject({ kind: 'media', mediaType: 'unsupported' })
    expect(classifyMessage(stored({ type: 'something_new' }))).toMatchObject({
      kind: 'media',
      mediaType: 'unsupported',
    })
    expect(classifyMessage(stored({ type: 'reaction', reaction: { message_id: 'x', emoji: '👍' } }))).toMatchObject({
      kind: 'ignore',
    })
    expect(classifyMessage(stored({ type: 'system' }))).toMatchObject({ kind: 'ignore' })
  })

  it('encodes and decodes button ids, and reads a WhatsApp id as a phone number', () => {
    expect(decodeButtonId(encodeButtonId({ kind: 'confirm', token }))).toEqual({ kind: 'confirm', token })
    expect(decodeButtonId(encodeButtonId({ kind: 'reject', token }))).toEqual({ kind: 'reject', token })
    for (const id of [undefined, '', 'c:', 'x:abc', `c:${'y'.repeat(251)}`]) expect(decodeButtonId(id)).toBeNull()
    expect(phoneOfWaId('6281234567890')).toBe('+6281234567890')
    expect(phoneOfWaId('US.123abc')).toBeNull()
  })
})
