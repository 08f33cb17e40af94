/**
 * Returns and size exchanges: a request ("mau retur ORD-2025-006", "bisa tukar size?", "I want a refund"), its
 * status ("status retur", "how is my return going"), and what tells a policy question ("bagaimana kebijakan
 * retur?", "bisa retur kalau kekecilan?") from a request: those stay the FAQ's answer.
 */
import type { KeywordSet } from './keyword-set.ts'

/** Words that ask for a return or an exchange. */
export const returnRequestWords: KeywordSet = {
  id: [
    'retur',
    'diretur',
    'meretur',
    'refund',
    'direfund',
    'tukar',
    'ditukar',
    'menukar',
    'tuker',
    'nukar',
    'ganti ukuran',
    'ganti size',
    'uang kembali',
    'dana kembali',
    'pengembalian dana',
    'balikin uang',
  ],
  en: ['return', 'returned', 'refund', 'exchange', 'swap', 'money back'],
}

/** The customer wants another size: an exchange. */
export const exchangeWords: KeywordSet = {
  id: ['tukar', 'ditukar', 'menukar', 'tuker', 'nukar', 'ganti ukuran', 'ganti size', 'penukaran', 'tukar ukuran'],
  en: ['exchange', 'swap', 'another size', 'different size'],
}

/** The customer wants the money back. */
export const refundWords: KeywordSet = {
  id: ['refund', 'direfund', 'uang kembali', 'dana kembali', 'pengembalian dana', 'balikin uang', 'uangnya kembali'],
  en: ['refund', 'money back'],
}

/** Asking where a request stands. */
export const returnStatusWords: KeywordSet = {
  id: ['status', 'sampai mana', 'sudah sampai mana', 'perkembangan', 'progres', 'diproses', 'sudah disetujui'],
  en: ['status', 'how is', 'hows', 'going', 'progress', 'update on', 'approved yet'],
}

/** A question about the policy, not a request: the FAQ answers it. */
export const returnPolicyWords: KeywordSet = {
  id: [
    'kebijakan',
    'syarat',
    'ketentuan',
    'aturan',
    'cara',
    'prosedur',
    'berapa hari',
    'berapa lama',
    'kalau',
    'jika',
    'apabila',
    'garansi',
  ],
  en: ['policy', 'policies', 'how to', 'how do', 'how does', 'how long', 'how many days', 'if', 'do you', 'accept'],
}

/** Why the item goes back, in the customer's words: the message is kept as the reason. */
export const returnReasonWords: KeywordSet = {
  id: [
    'kekecilan',
    'kebesaran',
    'kesempitan',
    'kepanjangan',
    'kependekan',
    'sempit',
    'longgar',
    'cacat',
    'rusak',
    'sobek',
    'robek',
    'bolong',
    'luntur',
    'noda',
    'salah kirim',
    'salah ukuran',
    'salah warna',
    'tidak sesuai',
    'gak sesuai',
    'ga sesuai',
    'beda warna',
    'tidak muat',
    'gak muat',
    'ga muat',
  ],
  en: [
    'too small',
    'too big',
    'too tight',
    'too loose',
    'too long',
    'too short',
    'faulty',
    'damaged',
    'defective',
    'broken',
    'torn',
    'stained',
    'wrong size',
    'wrong item',
    'wrong colour',
    'wrong color',
    'does not fit',
    'doesnt fit',
    'not as described',
  ],
}
