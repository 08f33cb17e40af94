import { describe, expect, it } from 'vitest'
import { detectLocale } from '../../../src/agent/language.ts'

describe('detectLocale', () => {
  it.each([
    'Mana pesanan saya ORD-2025-001?',
    'udh dikirim blm kak?',
    'tolong cancel ORD-2025-005',
    'status order saya gimana',
    'Apakah Kaos Basic Crewneck ukuran M masih ada?',
    'Ubah alamat pengiriman ORD-2025-004 ke Jl. Sudirman No. 5, Bandung 40111',
    'saya mau tanya where is my order',
    'thanks',
    'hello',
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
  ])('English: %j', (text) => {
    expect(detectLocale(text)).toBe('en')
  })
})
