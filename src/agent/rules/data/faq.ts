/**
 * General questions pointed at one section of the knowledge base (knowledge/faq.md `{#id}` anchors). Checked in
 * this order; the first that matches wins.
 */
import type { KeywordSet } from './keyword-set.ts'

/** The FAQ sections a question can be pointed at directly. */
export type FaqTopic =
  | 'shipping-times'
  | 'shipping-cost'
  | 'couriers'
  | 'returns'
  | 'payment-methods'
  | 'size-guide'
  | 'hours'
  | 'contact'
  | 'verification'

export interface FaqTrigger {
  readonly topic: FaqTopic
  readonly words: KeywordSet
  /** Also when the text names an order ("ORD-2025-003 rusak, mau retur"). */
  readonly withOrderNumber?: boolean
  /**
   * Yields to an order being discussed ("berapa hari lagi?" after asking about an order) unless the question
   * names a place or says it is general ("How long does delivery to Medan take?").
   */
  readonly yieldsToContext?: boolean
}

export const faqTriggers: readonly FaqTrigger[] = [
  {
    topic: 'returns',
    withOrderNumber: true,
    words: {
      id: [
        'retur',
        'tukar',
        'menukar',
        'ditukar',
        'penukaran',
        'pengembalian',
        'garansi',
        'rusak',
        'cacat',
        'kebijakan',
      ],
      en: ['return', 'returns', 'exchange', 'refund', 'warranty', 'defect', 'damaged', 'policy'],
    },
  },
  {
    topic: 'payment-methods',
    words: {
      id: [
        'metode pembayaran',
        'metode bayar',
        'pilihan pembayaran',
        'opsi pembayaran',
        'bisa bayar',
        'bayar pakai',
        'bayar via',
        'bayar lewat',
        'bayar dengan',
        'cod',
        'gopay',
        'ovo',
        'shopeepay',
        'ewallet',
        'qris',
        'kartu kredit',
        'cicilan',
        'paylater',
      ],
      en: ['payment method', 'payment methods', 'payment options', 'pay with', 'pay by', 'credit card'],
    },
  },
  {
    topic: 'shipping-cost',
    words: {
      id: ['ongkos kirim', 'biaya kirim', 'biaya pengiriman', 'gratis ongkos'],
      en: ['shipping cost', 'shipping fee', 'delivery fee', 'delivery cost', 'free shipping', 'cost to ship'],
    },
  },
  {
    topic: 'size-guide',
    words: {
      id: [
        'panduan ukuran',
        'tabel ukuran',
        'ukuran yang cocok',
        'ukuran yang pas',
        'lingkar',
        'lebar dada',
        'panjang badan',
      ],
      en: ['size chart', 'size guide', 'sizing', 'chest', 'waist', 'measurement', 'measurements', 'what size'],
    },
  },
  {
    topic: 'hours',
    words: {
      id: ['jam buka', 'jam operasional', 'jam kerja', 'operasional', 'buka', 'tutup', 'libur'],
      en: ['opening hours', 'business hours', 'open', 'closed', 'hours'],
    },
  },
  {
    topic: 'contact',
    words: {
      id: [
        'kontak',
        'whatsapp',
        'telepon',
        'telpon',
        'nomor cs',
        'hubungi',
        'menghubungi',
        'alamat toko',
        'lokasi toko',
        'toko offline',
      ],
      en: ['contact', 'email', 'instagram', 'call center', 'hotline', 'phone number', 'store address'],
    },
  },
  {
    topic: 'couriers',
    yieldsToContext: true,
    words: {
      id: ['kurir apa', 'ekspedisi', 'jasa kirim', 'jasa pengiriman', 'kurir'],
      en: ['courier', 'couriers', 'which courier'],
    },
  },
  {
    topic: 'shipping-times',
    yieldsToContext: true,
    words: {
      id: [
        'berapa lama',
        'berapa hari',
        'lama pengiriman',
        'lama kirim',
        'luar jawa',
        'luar pulau',
        'luar kota',
        'jabodetabek',
        'seluruh indonesia',
        'area pengiriman',
        'jangkauan',
        'bisa kirim',
        'bisa dikirim',
        'kirim ke',
      ],
      en: [
        'how long',
        'delivery time',
        'shipping time',
        'ship to',
        'do you ship',
        'deliver to',
        'delivery to',
        'shipping to',
      ],
    },
  },
]

export const verificationWords: KeywordSet = {
  id: ['verifikasi', 'memverifikasi', 'terverifikasi'],
  en: ['verify', 'verification', 'verified'],
}

/**
 * Words that make a question general even with an order in the conversation: a destination ("ke Surabaya",
 * "to Medan"), or "in general".
 */
export const generalQuestionWords: KeywordSet = {
  id: ['ke kota', 'umumnya', 'biasanya', 'pada umumnya', 'secara umum', 'ke luar'],
  en: ['in general', 'usually', 'generally', 'normally', 'typically'],
}
