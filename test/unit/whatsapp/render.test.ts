import { describe, expect, it } from 'vitest'
import { clip, markdownToWhatsApp, renderReply, splitText, whatsappLimits } from '../../../adapters/whatsapp/render.ts'
import type { Reply } from '../../../src/core/types.ts'

const token = 't'.repeat(43)
const confirm = (label: string) => ({ label, action: { kind: 'confirm' as const, token } })

describe('Reply → WhatsApp messages', () => {
  it('turns light markdown into WhatsApp formatting', () => {
    expect(markdownToWhatsApp('**Status:** dikirim\n- JNE `JNE123`\n[Lacak](https://jne.co.id/x?awb=1)')).toBe(
      '*Status:* dikirim\n- JNE `JNE123`\nLacak: https://jne.co.id/x?awb=1',
    )
    expect(markdownToWhatsApp('[https://a.id](https://a.id)')).toBe('https://a.id')
    expect(renderReply({ text: '**Halo**' }, { locale: 'id' })).toEqual([
      { type: 'text', text: { body: '*Halo*', preview_url: false } },
    ])
  })

  it('splits at the 4,096-character limit on paragraphs, then lines, then words, never inside an emoji', () => {
    const paragraph = 'kata '.repeat(600).trim() // 2,999 characters
    const parts = splitText(`${paragraph}\n\n${paragraph}`)
    expect(parts).toEqual([paragraph, paragraph])
    const long = `${'😀'.repeat(3000)}`
    const pieces = splitText(long)
    expect(pieces.every((p) => p.length <= whatsappLimits.text)).toBe(true)
    expect(pieces.join('')).toBe(long)
    expect(pieces.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true)
    const messages = renderReply({ text: `${paragraph}\n\n${paragraph}` }, { locale: 'id' })
    expect(messages.map((m) => m.type)).toEqual(['text', 'text'])
    expect(splitText('')).toEqual([])
  })

  it('puts up to three confirm/reject buttons as reply buttons on the last part, titles within 20 characters', () => {
    const reply: Reply = {
      text: 'Batalkan pesanan ORD-2025-002?',
      buttons: [confirm('Ya, batalkan pesanan saya sekarang'), { label: 'Tidak', action: { kind: 'reject', token } }],
    }
    expect(renderReply(reply, { locale: 'id' })).toEqual([
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Batalkan pesanan ORD-2025-002?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: `c:${token}`, title: 'Ya, batalkan pesana…' } },
              { type: 'reply', reply: { id: `r:${token}`, title: 'Tidak' } },
            ],
          },
        },
      },
    ])
  })

  it('keeps the interactive body within 1,024 characters by sending the text before it on its own', () => {
    const text = `${'a'.repeat(900)}\n\n${'b'.repeat(900)}`
    const messages = renderReply({ text, buttons: [confirm('Ya')] }, { locale: 'id' })
    expect(messages.map((m) => m.type)).toEqual(['text', 'interactive'])
    expect(messages[0]).toEqual({ type: 'text', text: { body: 'a'.repeat(900), preview_url: false } })
    const last = messages[1]
    expect(last?.type === 'interactive' && last.interactive.body.text).toBe('b'.repeat(900))
  })

  it('shows more than three choices as a list (at most ten rows, titles within 24), and links in the text', () => {
    const reply: Reply = {
      text: 'Beri nilai:',
      buttons: [
        ...Array.from({ length: 12 }, (_, i) => confirm(i === 0 ? 'Sangat buruk sekali, kecewa berat' : String(i + 1))),
        { label: 'Bantuan', action: { url: 'https://toko.example/bantuan' } },
      ],
    }
    const [list] = renderReply(reply, { locale: 'en' })
    expect(list?.type).toBe('interactive')
    if (list?.type !== 'interactive' || list.interactive.type !== 'list') throw new Error('a list expected')
    expect(list.interactive.body.text).toBe('Beri nilai:\n\nBantuan: https://toko.example/bantuan')
    expect(list.interactive.action.button).toBe('Choose')
    const rows = list.interactive.action.sections[0]?.rows ?? []
    expect(rows).toHaveLength(10)
    expect(rows[0]?.title).toBe('Sangat buruk sekali, ke…')
    expect(rows.every((r) => r.title.length <= whatsappLimits.rowTitle)).toBe(true)
  })

  it('makes repeated titles distinct and never shows the contact request', () => {
    const [message] = renderReply({ text: 'Pilih', buttons: [confirm('Ya'), confirm('Ya')] }, { locale: 'id' })
    if (message?.type !== 'interactive' || message.interactive.type !== 'button') throw new Error('buttons expected')
    expect(message.interactive.action.buttons.map((b) => b.reply.title)).toEqual(['Ya', 'Ya 2'])
    expect(renderReply({ text: 'Verifikasi dulu', requestContact: true }, { locale: 'id' })).toEqual([
      { type: 'text', text: { body: 'Verifikasi dulu', preview_url: false } },
    ])
    expect(clip('  a   b  ', 20)).toBe('a b')
    expect(clip('😀😀😀', 4)).toBe('😀…')
  })
})
