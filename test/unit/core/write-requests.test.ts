import { describe, expect, it } from 'vitest'
import { askedWrites, writesIn } from '../../../src/core/write-requests.ts'

describe('writes the customer asked for', () => {
  it.each([
    ['tolong batalkan ORD-2025-002', ['cancel']],
    ['saya mau cancel pesanan', ['cancel']],
    ['gak jadi beli deh, batalin aja', ['cancel']],
    ['I want to cancel my order', ['cancel']],
    ['ganti alamat ORD-2025-002 ke Jl. Melati 5', ['address']],
    ['alamatnya salah kak, yang benar Jl. Mawar 9', ['address']],
    ['please change the shipping address', ['address']],
    ['bisa tukar size?', ['return']],
    ['kekecilan mau tukar ukuran L', ['return']],
    ['I want to return my order', ['return']],
  ])('%s', (text, requests) => {
    expect([...writesIn(text)]).toEqual(requests)
  })

  it.each([
    'kok ORD-2025-002 belum dikirim?',
    'pesanan saya sampai mana?',
    'kenapa pesanan saya dibatalkan?',
    'why was my order cancelled?',
    'alamat toko dimana?',
    'jadi kapan sampai?',
  ])('nothing in %s', (text) => {
    expect([...writesIn(text)]).toEqual([])
  })

  it('carries a request over one message while its answer staged nothing yet', () => {
    expect([...askedWrites('ORD-2025-002', { text: 'mau batalin pesanan', answeredWithButtons: false })]).toEqual([
      'cancel',
    ])
    expect([...askedWrites('ORD-2025-002', { text: 'mau batalin pesanan', answeredWithButtons: true })]).toEqual([])
    expect([...askedWrites('ORD-2025-002', null)]).toEqual([])
  })
})
