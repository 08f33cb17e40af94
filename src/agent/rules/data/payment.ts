/** How to pay an order, and whether it is paid. */
import type { KeywordSet } from './keyword-set.ts'

export const howToPayWords: KeywordSet = {
  id: [
    'cara bayar',
    'cara membayar',
    'cara pembayaran',
    'cara transfer',
    'bayar ke mana',
    'transfer ke mana',
    'bayar di mana',
    'instruksi pembayaran',
    'instruksi bayar',
    'nomor rekening',
    'rekening',
    'nomor va',
    'kode bayar',
    'kode pembayaran',
  ],
  en: [
    'how do i pay',
    'how can i pay',
    'how to pay',
    'how should i pay',
    'where do i pay',
    'where to pay',
    'payment instruction',
    'payment instructions',
    'virtual account',
  ],
}

export const paymentWords: KeywordSet = {
  id: ['terbayar', 'dibayar', 'bayar', 'membayar', 'pembayaran', 'lunas', 'transfer', 'ditransfer'],
  en: ['payment', 'paid', 'pay'],
}

/** "pesanan yang belum dibayar", "my unpaid orders": the customer's orders still waiting for payment. */
export const unpaidWords: KeywordSet = {
  id: ['belum dibayar', 'belum bayar', 'belum terbayar', 'belum lunas', 'belum saya bayar', 'menunggu pembayaran'],
  en: ['unpaid', 'not paid', 'not yet paid', 'awaiting payment', 'pending payment', 'havent paid', 'have not paid'],
}

/** "Kirim link bayarnya dong", "payment link please": a link to pay an order online. */
export const paymentLinkWords: KeywordSet = {
  id: ['link bayar', 'link pembayaran', 'link payment', 'bayar online', 'tautan pembayaran', 'tautan bayar'],
  en: ['payment link', 'pay link', 'link to pay', 'pay online', 'checkout link'],
}

/** "Konfirmasi COD ORD-2025-007", "I confirm my COD order": the customer confirms a cash-on-delivery order. */
export const codConfirmWords: KeywordSet = {
  id: ['konfirmasi cod', 'konfirm cod', 'konfirmasi pesanan cod', 'konfirmasi order cod', 'cod saya konfirmasi'],
  en: ['confirm cod', 'confirm my cod', 'confirm the cod', 'confirm cash on delivery', 'cod confirm'],
}
