import { describe, expect, it } from 'vitest'
import { editDistance, normalizeWords, stripSuffix, wordMatches } from '../../../src/agent/text-normalize.ts'

describe('normalizeWords', () => {
  it.each([
    ['Udh dikirim blm kak?', 'sudah dikirim belum'],
    ['gmn pesenan sy min', 'bagaimana pesanan saya'],
    ['brp stoknya gan?', 'berapa stoknya'],
    ['ga jadi, batalin aja dong', 'tidak jadi batalkan saja'],
    ['Nggak ada?', 'tidak ada'],
    ['Dimana paket ku', 'di mana paket ku'],
    ['ongkir ke Medan', 'ongkos kirim ke medan'],
    ['Makasih ya kak!!', 'terima kasih'],
    ['E-Wallet / T-Shirt', 'ewallet tshirt'],
    ['Café Crème', 'cafe creme'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeWords(input).join(' ')).toBe(expected)
  })

  it('returns no words for punctuation or filler only', () => {
    expect(normalizeWords('?! kak, min...')).toEqual([])
  })
})

describe('stripSuffix', () => {
  it.each([
    ['pembayarannya', 'pembayaran'],
    ['pesananku', 'pesanan'],
    ['pesananmu', 'pesanan'],
    ['berapakah', 'berapa'],
    ['stoknya', 'stok'],
    // Too short to carry a suffix: left alone.
    ['tanya', 'tanya'],
    ['waktu', 'waktu'],
    ['apakah', 'apakah'],
  ])('%s → %s', (word, stem) => {
    expect(stripSuffix(word)).toBe(stem)
  })
})

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('pesanan', 'pesanan')).toBe(0)
    expect(editDistance('pesnan', 'pesanan')).toBe(1)
    expect(editDistance('cancle', 'cancel')).toBe(1)
    expect(editDistance('bayar', 'bayor')).toBe(1)
    expect(editDistance('pembayaran', 'pembatalan')).toBe(2)
    expect(editDistance('', 'abc')).toBe(3)
  })

  it('stops early above the maximum', () => {
    expect(editDistance('kaos', 'celana', 1)).toBe(2)
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3)
  })
})

describe('wordMatches', () => {
  it('accepts one typo in words of six letters or more', () => {
    expect(wordMatches('pesnan', 'pesanan')).toBe(true)
    expect(wordMatches('dikrim', 'dikirim')).toBe(true)
    expect(wordMatches('trakcing', 'tracking')).toBe(true)
  })

  it('refuses typos in short words, two edits, and a different first letter', () => {
    expect(wordMatches('batas', 'batal')).toBe(false)
    expect(wordMatches('pembayaran', 'pembatalan')).toBe(false)
    expect(wordMatches('jaketnya', 'paketnya')).toBe(false)
    expect(wordMatches('stok', 'stock')).toBe(false)
  })
})
