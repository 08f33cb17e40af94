/** The customer's orders as a whole: the summary, the latest one, the profile. */
import type { KeywordSet } from './keyword-set.ts'

export const summaryWords: KeywordSet = {
  id: [
    'riwayat',
    'histori',
    'semua pesanan',
    'daftar pesanan',
    'list pesanan',
    'total pesanan',
    'jumlah pesanan',
    'berapa pesanan',
    'total belanja',
    'ringkasan',
    'rekap',
  ],
  en: [
    'history',
    'summary',
    'my orders',
    'all orders',
    'all my orders',
    'order history',
    'past orders',
    'previous orders',
    'how many orders',
  ],
}

/** "isi pesanan ORD-2025-001 apa?", "what did I order": one order in full (items, total, address). */
export const orderDetailWords: KeywordSet = {
  id: [
    'isi pesanan',
    'isi paket',
    'detail pesanan',
    'rincian pesanan',
    'pesan apa',
    'beli apa',
    'barang apa saja',
    'totalnya berapa',
  ],
  en: [
    'what did i order',
    'what did i buy',
    'what is in my order',
    "what's in my order",
    'order details',
    'order detail',
    'details of my order',
    'items in my order',
  ],
}

/** "pesanan terakhir saya", "my last order": the newest order. */
export const lastOrderWords: KeywordSet = {
  id: [
    'pesanan terakhir',
    'order terakhir',
    'belanja terakhir',
    'pesanan terbaru',
    'order terbaru',
    'transaksi terakhir',
  ],
  en: ['last order', 'latest order', 'most recent order', 'recent order', 'newest order'],
}

export const orderWords: KeywordSet = { id: ['pesanan', 'belanja', 'transaksi'], en: ['order', 'orders'] }

export const profileWords: KeywordSet = {
  id: ['profil', 'akun', 'data saya', 'data diri', 'info saya', 'keanggotaan'],
  en: ['profile', 'account', 'my details', 'my data', 'my info', 'membership'],
}
