import { describe, expect, it } from 'vitest'
import { type DiscordMessageKey, discordMessages, discordText } from '../../../src/i18n/discord-messages.ts'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const keys = Object.keys(discordMessages.id) as DiscordMessageKey[]

describe('Discord message dictionary', () => {
  it('has the same keys in Indonesian and English', () => {
    expect(Object.keys(discordMessages.en).sort()).toEqual([...keys].sort())
  })

  it.each(keys)('%s: non-empty in both languages with the same placeholders', (key) => {
    expect(discordMessages.id[key].trim()).not.toBe('')
    expect(discordMessages.en[key].trim()).not.toBe('')
    expect(placeholders(discordMessages.en[key])).toEqual(placeholders(discordMessages.id[key]))
  })

  it('fills placeholders in the asked language', () => {
    expect(discordText('en', 'stock.setDone', { sku: 'KAOS-001-M', before: 15, after: 20 })).toBe(
      '✅ Stock of KAOS-001-M set: 15 → 20.',
    )
    expect(discordText('id', 'ratingThanks', { rating: 5 })).toBe('Terima kasih atas penilaian 5/5 Anda! 🙏')
  })
})
