import { describe, expect, it } from 'vitest'
import { notificationMessages } from '../../../src/i18n/notification-messages.ts'
import { telegramMessages, telegramText } from '../../../src/i18n/telegram-messages.ts'

/** Words both languages write the same way. */
const sameInBoth = new Set(['roleBot'])
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe.each([
  ['telegram', telegramMessages],
  ['notification', notificationMessages],
] as const)('%s sentences', (_name, dictionary) => {
  const keys = Object.keys(dictionary.id) as (keyof typeof dictionary.id)[]

  it('have the same keys in Indonesian and English', () => {
    expect(Object.keys(dictionary.en).sort()).toEqual([...keys].sort())
  })

  it.each(keys)('%s: both languages non-empty, different, with the same placeholders', (key) => {
    const id = dictionary.id[key] as string
    const en = dictionary.en[key] as string
    expect(id.trim()).not.toBe('')
    expect(en.trim()).not.toBe('')
    expect(placeholders(en)).toEqual(placeholders(id))
    // Pure format lines (placeholders and punctuation only) may be the same in both languages.
    if (!sameInBoth.has(key) && /\p{L}/u.test(id.replace(/\{\w+\}/g, ''))) expect(en).not.toBe(id)
  })
})

describe('telegramText', () => {
  it('fills placeholders', () => {
    expect(telegramText('en', 'ratingThanks', { score: 4 })).toBe(
      '🙏 Thank you for rating us 4/5! Is there anything else I can help with?',
    )
  })
})
