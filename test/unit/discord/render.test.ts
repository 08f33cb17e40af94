import { ButtonStyle, ComponentType } from 'discord.js'
import { describe, expect, it } from 'vitest'
import { parseButtonId } from '../../../adapters/discord/normalize.ts'
import {
  discordMessageLimit,
  renderReplies,
  splitMessage,
  toDiscordMarkdown,
} from '../../../adapters/discord/render.ts'

const token = 'A'.repeat(43)

describe('toDiscordMarkdown', () => {
  it('keeps bold, lists and links, and escapes what Discord would format on its own', () => {
    expect(toDiscordMarkdown('**Total: Rp150.000**\n- Kaos (M) x1')).toBe('**Total: Rp150.000**\n- Kaos (M) x1')
    expect(toDiscordMarkdown('nama_saya ~~coret~~ ||spoiler|| `kode` *miring*')).toBe(
      'nama\\_saya \\~\\~coret\\~\\~ \\|\\|spoiler\\|\\| \\`kode\\` \\*miring\\*',
    )
    expect(toDiscordMarkdown('Lacak: [JNE](https://www.jne.co.id/tracking-package?awb=JNE_1)')).toBe(
      'Lacak: [JNE](<https://www.jne.co.id/tracking-package?awb=JNE_1>)',
    )
  })

  it('leaves bare URLs intact (an escaped underscore would break the link)', () => {
    expect(toDiscordMarkdown('Buka https://example.com/a_b_c ya')).toBe('Buka https://example.com/a_b_c ya')
  })

  it('escapes headings, quotes and subtext at the start of a line only', () => {
    expect(toDiscordMarkdown('# Judul\n> kutip\n-# kecil\nNo. #5 > 3')).toBe(
      '\\# Judul\n\\> kutip\n-\\# kecil\nNo. #5 > 3',
    )
  })
})

describe('splitMessage', () => {
  it('returns short text as it is', () => {
    expect(splitMessage('halo')).toEqual(['halo'])
  })

  it('splits on paragraphs, every piece within the limit, nothing lost', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraf ${i} ${'x'.repeat(380)}`)
    const text = paragraphs.join('\n\n')
    const pieces = splitMessage(text)
    expect(pieces.length).toBeGreaterThan(1)
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(discordMessageLimit)
    expect(pieces.join('\n\n')).toBe(text)
    // No paragraph is cut in two.
    for (const p of paragraphs) expect(pieces.some((piece) => piece.includes(p))).toBe(true)
  })

  it('splits a long paragraph on line breaks, and a single huge line inside, without breaking emoji', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `- baris ${i} ${'y'.repeat(60)}`).join('\n')
    for (const piece of splitMessage(lines)) expect(piece.length).toBeLessThanOrEqual(discordMessageLimit)
    expect(splitMessage(lines).join('\n')).toBe(lines)

    const huge = '📦'.repeat(2500) // 5,000 UTF-16 units
    const pieces = splitMessage(huge)
    expect(pieces).toHaveLength(3)
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(discordMessageLimit)
      expect(piece).toMatch(/^(📦)+$/u)
    }
    expect(pieces.join('')).toBe(huge)
  })
})

describe('renderReplies', () => {
  const confirmReply = {
    text: 'Batalkan pesanan ORD-2025-002?',
    buttons: [
      { label: 'Ya, batalkan', action: { kind: 'confirm' as const, token } },
      { label: 'Tidak', action: { kind: 'reject' as const, token } },
    ],
  }

  it('renders confirm/reject buttons whose custom ids carry the token and the customer', () => {
    const [payload] = renderReplies([confirmReply], { ownerUserId: '123456789012345678' })
    const buttons = payload?.components?.[0]?.components ?? []
    expect(buttons.map((b) => ['label' in b ? b.label : '', b.style])).toEqual([
      ['Ya, batalkan', ButtonStyle.Success],
      ['Tidak', ButtonStyle.Danger],
    ])
    const ids = buttons.map((b) => ('custom_id' in b ? b.custom_id : ''))
    expect(ids.map(parseButtonId)).toEqual([
      { action: { kind: 'confirm', token }, ownerUserId: '123456789012345678' },
      { action: { kind: 'reject', token }, ownerUserId: '123456789012345678' },
    ])
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100)
  })

  it('renders the hand-off desk’s rating buttons in one neutral style, their tokens intact', () => {
    const buttons = [1, 2, 3, 4, 5].map((score) => ({
      label: String(score),
      action: { kind: 'confirm' as const, token: `rate:cmhandoff0000000000000001:${score}` },
    }))
    const [payload] = renderReplies([{ text: 'Nilai bantuan kami?', buttons }], { ownerUserId: '12345678901234567890' })
    const rendered = payload?.components?.[0]?.components ?? []
    expect(rendered.map((b) => b.style)).toEqual(Array(5).fill(ButtonStyle.Secondary))
    const ids = rendered.map((b) => ('custom_id' in b ? b.custom_id : ''))
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100)
    expect(ids.map((id) => parseButtonId(id)?.action.token)).toEqual(buttons.map((b) => b.action.token))
  })

  it('never renders confirm/reject buttons without an owner, but keeps link buttons', () => {
    const reply = {
      text: 'Paket dalam perjalanan',
      buttons: [
        { label: 'Ya', action: { kind: 'confirm' as const, token } },
        { label: '🔗 Lacak Paket', action: { url: 'https://www.jne.co.id/tracking-package?awb=JNE123456789' } },
        { label: 'bad', action: { url: 'javascript:alert(1)' } },
      ],
    }
    const [payload] = renderReplies([reply])
    expect(payload?.components?.[0]?.components).toEqual([
      {
        type: ComponentType.Button,
        style: ButtonStyle.Link,
        label: '🔗 Lacak Paket',
        url: 'https://www.jne.co.id/tracking-package?awb=JNE123456789',
      },
    ])
  })

  it('puts a long reply in several messages under 2,000 characters with the buttons on the last one', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Baris ${i}: ${'z'.repeat(150)}`).join('\n\n')
    const payloads = renderReplies([{ ...confirmReply, text }], { ownerUserId: '42424242' })
    expect(payloads.length).toBeGreaterThanOrEqual(3)
    for (const p of payloads) expect(p.content.length).toBeLessThanOrEqual(discordMessageLimit)
    expect(payloads.slice(0, -1).every((p) => p.components === undefined)).toBe(true)
    expect(payloads.at(-1)?.components?.[0]?.components).toHaveLength(2)
  })

  it('mentions the customer at the start of the first message only', () => {
    const payloads = renderReplies([{ text: 'satu' }, { text: 'dua' }], { mentionUserId: '555' })
    expect(payloads.map((p) => p.content)).toEqual(['<@555> satu', 'dua'])
  })

  it('puts more than five buttons in rows of five and cuts long labels', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({
      label: `${'L'.repeat(100)}${i}`,
      action: { url: `https://example.com/${i}` },
    }))
    const [payload] = renderReplies([{ text: 'x', buttons }])
    expect(payload?.components?.map((row) => row.components.length)).toEqual([5, 2])
    expect((payload?.components?.[0]?.components[0] as { label?: string } | undefined)?.label).toHaveLength(80)
  })
})
