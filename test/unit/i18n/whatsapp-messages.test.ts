import { describe, expect, it } from 'vitest'
import { type WhatsAppMessageKey, whatsappMessages, whatsappText } from '../../../src/i18n/whatsapp-messages.ts'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const keys = Object.keys(whatsappMessages.id) as WhatsAppMessageKey[]

describe('WhatsApp message dictionary', () => {
  it('has the same keys in Indonesian and English', () => {
    expect(Object.keys(whatsappMessages.en).sort()).toEqual([...keys].sort())
  })

  it.each(keys)('%s: non-empty in both languages with the same placeholders', (key) => {
    expect(whatsappMessages.id[key].trim()).not.toBe('')
    expect(whatsappMessages.en[key].trim()).not.toBe('')
    expect(placeholders(whatsappMessages.en[key])).toEqual(placeholders(whatsappMessages.id[key]))
  })

  it('fills placeholders in the asked language', () => {
    expect(whatsappText('en', 'ratingThanks', { score: 4 })).toBe(
      '🙏 Thank you for rating us 4/5! Is there anything else I can help with?',
    )
  })
})
