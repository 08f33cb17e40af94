import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeCallbackData,
  encodeCallbackData,
  escapeHtml,
  markdownToHtml,
  renderReply,
  splitForTelegram,
} from '../../../adapters/telegram/render.ts'

describe('markdownToHtml', () => {
  it('escapes & first, then < and >', () => {
    expect(escapeHtml('<b>& "x"')).toBe('&lt;b&gt;&amp; "x"')
    expect(markdownToHtml('Tom & <Jerry> &amp;')).toBe('Tom &amp; &lt;Jerry&gt; &amp;amp;')
  })

  it('turns **bold**, `code`, links and "- " lists into Telegram HTML', () => {
    expect(markdownToHtml('**Total: Rp150.000**')).toBe('<b>Total: Rp150.000</b>')
    expect(markdownToHtml('kode `A<1>`')).toBe('kode <code>A&lt;1&gt;</code>')
    expect(markdownToHtml('[Lacak](https://jne.co.id/t?a=1&b="2")')).toBe(
      '<a href="https://jne.co.id/t?a=1&amp;b=&quot;2&quot;">Lacak</a>',
    )
    expect(markdownToHtml('- satu\n- dua')).toBe('• satu\n• dua')
  })

  it('keeps bold markers inside code literal and leaves unmatched markers alone', () => {
    expect(markdownToHtml('`**x**` and **y')).toBe('<code>**x**</code> and **y')
  })

  it('never lets text become a tag, whatever it says', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const html = markdownToHtml(text)
        const withoutOurTags = html.replace(/<\/?(b|code)>|<a href="[^"<>]*">|<\/a>/g, '')
        expect(withoutOurTags).not.toMatch(/[<>]/)
        expect(withoutOurTags.replace(/&(amp|lt|gt|quot);/g, '')).not.toContain('&')
      }),
    )
  })
})

describe('splitForTelegram', () => {
  it('keeps short text in one message', () => {
    expect(splitForTelegram('a\n\nb')).toEqual(['a\n\nb'])
  })

  it('splits an oversized paragraph by lines, then words, then characters, counting escapes', () => {
    const lines = Array.from({ length: 10 }, () => '&'.repeat(100)).join('\n')
    const byLines = splitForTelegram(lines, 1200)
    expect(byLines.every((c) => c.length <= 1200)).toBe(true)
    expect(byLines.join('\n')).toBe(markdownToHtml(lines))

    const words = Array.from({ length: 300 }, () => 'kata').join(' ')
    const byWords = splitForTelegram(words, 100)
    expect(byWords.every((c) => c.length <= 100)).toBe(true)
    expect(byWords.join(' ')).toBe(words)

    const oneWord = '<'.repeat(1000)
    const byChars = splitForTelegram(oneWord, 100)
    expect(byChars.every((c) => c.length <= 100)).toBe(true)
    expect(byChars.join('')).toBe(markdownToHtml(oneWord))
  })

  it('never cuts an emoji in half', () => {
    const chunks = splitForTelegram('😀'.repeat(100), 25)
    expect(chunks.join('')).toBe('😀'.repeat(100))
    for (const chunk of chunks) expect(chunk).toMatch(/^(😀)+$/u)
  })

  it('holds for any text: every part fits and nothing but whitespace between parts is lost', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', ' ', '\n', '&', '<', '>', '"', 'é', '😀'), { maxLength: 3000 })
      .map((chars) => chars.join(''))
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 400 }), (input, limit) => {
        const chunks = splitForTelegram(input, limit)
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(limit)
          expect(chunk).not.toMatch(/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/)
        }
        const squash = (s: string) => s.replace(/\s+/g, '')
        expect(squash(chunks.join(''))).toBe(squash(markdownToHtml(input)))
      }),
      { numRuns: 200 },
    )
  })
})

describe('renderReply', () => {
  it('puts confirm/reject side by side and each link on its own row, on the last part only', () => {
    const token = 'T'.repeat(43)
    const messages = renderReply(
      {
        text: `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}`,
        buttons: [
          { label: 'Ya', action: { kind: 'confirm', token } },
          { label: 'Tidak', action: { kind: 'reject', token } },
          { label: 'Lacak', action: { url: 'https://x.id/t' } },
        ],
      },
      { contactButtonLabel: 'share' },
    )
    expect(messages).toHaveLength(2)
    expect(messages[0]?.reply_markup).toBeUndefined()
    expect(messages[1]?.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Ya', callback_data: `c:${token}` },
          { text: 'Tidak', callback_data: `r:${token}` },
        ],
        [{ text: 'Lacak', url: 'https://x.id/t' }],
      ],
    })
  })

  it('asks for the contact with a one-time keyboard, and uses the fallback markup otherwise', () => {
    expect(renderReply({ text: 'x', requestContact: true }, { contactButtonLabel: '📱 Bagikan nomor HP' })).toEqual([
      {
        text: 'x',
        reply_markup: {
          keyboard: [[{ text: '📱 Bagikan nomor HP', request_contact: true }]],
          one_time_keyboard: true,
          resize_keyboard: true,
        },
      },
    ])
    expect(renderReply({ text: 'x' }, { fallbackMarkup: { remove_keyboard: true } })).toEqual([
      { text: 'x', reply_markup: { remove_keyboard: true } },
    ])
    expect(renderReply({ text: '  ' })).toEqual([])
  })
})

describe('callback data', () => {
  it('round-trips confirm and reject and refuses what does not fit 64 bytes', () => {
    const token = 'abc_DEF-123'
    expect(decodeCallbackData(encodeCallbackData({ kind: 'confirm', token }) ?? '')).toEqual({ kind: 'confirm', token })
    expect(decodeCallbackData(encodeCallbackData({ kind: 'reject', token }) ?? '')).toEqual({ kind: 'reject', token })
    expect(encodeCallbackData({ kind: 'confirm', token: 'x'.repeat(63) })).toBeNull()
    expect(decodeCallbackData('x:abc')).toBeNull()
    expect(decodeCallbackData(undefined)).toBeNull()
  })
})
