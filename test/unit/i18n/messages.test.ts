import { describe, expect, it } from 'vitest'
import { interpolate, type MessageKey, messages, t } from '../../../src/i18n/messages.ts'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const keys = Object.keys(messages.id) as MessageKey[]
/** Words both languages write the same way. */
const sameInBoth = new Set<MessageKey>(['notice.roleBot'])

describe('the message catalog', () => {
  it('has the same keys in Indonesian and English', () => {
    expect(Object.keys(messages.en).sort()).toEqual([...keys].sort())
  })

  it('holds every area of the service', () => {
    const areas = new Set(keys.map((key) => key.split('.')[0]))
    for (const area of ['track', 'core', 'agent', 'claude', 'telegram', 'discord', 'whatsapp', 'notice']) {
      expect(areas).toContain(area)
    }
  })

  it.each(keys)('%s: non-empty in both languages with the same placeholders', (key) => {
    expect(messages.id[key].trim()).not.toBe('')
    expect(messages.en[key].trim()).not.toBe('')
    expect(placeholders(messages.en[key])).toEqual(placeholders(messages.id[key]))
  })

  it('translates every sentence: only format lines are the same in both languages', () => {
    const identical = keys.filter((key) => messages.id[key] === messages.en[key] && !sameInBoth.has(key))
    for (const key of identical) {
      // Nothing but placeholders, punctuation, symbols and the words "Status"/"Email"/"Total" (Indonesian uses
      // them too; or the "x" of "x2") may be shared.
      const shared = messages.id[key].replace(/\{\w+\}|Status|Email|Total|\bx(?=\{)/g, '')
      expect(shared, key).not.toMatch(/\p{L}/u)
    }
  })
})

describe('t', () => {
  it('fills placeholders in the asked language, in every area', () => {
    expect(t('id', 'common.orderNotFound', { orderNumber: 'ORD-2099-999' })).toBe(
      'Pesanan ORD-2099-999 tidak ditemukan. Mohon periksa kembali nomor pesanannya.',
    )
    expect(t('en', 'common.orderNotFound', { orderNumber: 'ORD-2099-999' })).toContain('ORD-2099-999 was not found')
    expect(t('en', 'discord.stock.setDone', { sku: 'KAOS-001-M', before: 15, after: 20 })).toBe(
      '✅ Stock of KAOS-001-M set: 15 → 20.',
    )
    expect(t('id', 'discord.ratingThanks', { rating: 5 })).toBe('Terima kasih atas penilaian 5/5 Anda! 🙏')
    expect(t('en', 'telegram.ratingThanks', { score: 4 })).toBe(
      '🙏 Thank you for rating us 4/5! Is there anything else I can help with?',
    )
    expect(t('en', 'whatsapp.ratingThanks', { score: 4 })).toBe(
      '🙏 Thank you for rating us 4/5! Is there anything else I can help with?',
    )
  })

  it('fills every occurrence and accepts numbers', () => {
    expect(t('id', 'stock.size', { size: 'M', quantity: 15 })).toBe('Ukuran M: 15 unit')
    expect(t('en', 'stock.size', { size: 'M', quantity: 15 })).toBe('Size M: 15 pcs')
  })

  it('gives the seed document’s verification sentence, containing the command word', () => {
    expect(t('id', 'common.verificationRequired')).toContain(
      'Untuk keamanan, mohon verifikasi dulu: kirim "verifikasi <nomor pesanan> <4 digit terakhir HP>"',
    )
    expect(t('en', 'common.verificationRequired')).toMatch(/verify/)
  })

  it('says a rejected cancel did not cancel', () => {
    const text = t('id', 'pending.cancelRejected', { orderNumber: 'ORD-2025-005' })
    expect(text).toContain('tidak dibatalkan')
    expect(text).not.toContain('telah dibatalkan')
  })
})

describe('interpolate', () => {
  it('leaves unknown placeholders visible instead of printing "undefined"', () => {
    expect(interpolate('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}')
  })

  it('does not read inherited properties as parameters', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}')
  })

  it('inserts values literally, even with $ patterns', () => {
    expect(interpolate('{a}', { a: '$& $1' })).toBe('$& $1')
  })
})
