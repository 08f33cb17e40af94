import { describe, expect, it } from 'vitest'
import { detectLanguage, detectLocale } from '../../../src/agent/language.ts'

describe('detectLocale', () => {
  it.each([
    'Mana pesanan saya ORD-2025-001?',
    'udh dikirim blm kak?',
    'tolong cancel ORD-2025-005',
    'status order saya gimana',
    'Apakah Kaos Basic Crewneck ukuran M masih ada?',
    'Ubah alamat pengiriman ORD-2025-004 ke Jl. Sudirman No. 5, Bandung 40111',
    'saya mau tanya where is my order',
    'ok',
    'ORD-2025-001',
    '',
    '🙏',
  ])('Indonesian (or not clearly English): %j', (text) => {
    expect(detectLocale(text)).toBe('id')
  })

  it.each([
    'Where is my order ORD-2025-001?',
    'Do you have the denim jacket in size L?',
    'I want to talk to a human',
    'my account',
    'How do I pay for ORD-2025-002?',
    'Thank you so much!',
    "What's the payment status of my order?",
    'thanks',
    'Hello',
    'Hi there',
    'Track ORD-2025-004',
    'Cancel ORD-2025-002 please',
    'How long does delivery to Medan take?',
  ])('English: %j', (text) => {
    expect(detectLocale(text)).toBe('en')
  })

  it.each(['ok', '👍', 'ORD-2025-004', '', 'oke'])('neutral: %j keeps the fallback language', (text) => {
    expect(detectLanguage(text)).toBeNull()
    expect(detectLocale(text, 'en')).toBe('en')
    expect(detectLocale(text, 'id')).toBe('id')
  })

  it.each([
    ['Halo', 'id'],
    ['kaos hitam ukuran L ada?', 'id'],
    ['berapa ongkir ke Surabaya?', 'id'],
    ['my last order', 'en'],
  ] as const)('%j → %s whatever the fallback', (text, locale) => {
    expect(detectLocale(text, locale === 'id' ? 'en' : 'id')).toBe(locale)
  })
})
