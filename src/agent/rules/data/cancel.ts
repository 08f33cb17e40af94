/** Cancelling an order, and telling a wish ("mau batal") from a question about a cancelled one. */
import type { KeywordSet } from './keyword-set.ts'

export const cancelWords: KeywordSet = {
  id: ['batal', 'batalkan', 'membatalkan', 'pembatalan', 'tidak jadi'],
  en: ['cancel', 'cancellation'],
}

export const cancelledWords: KeywordSet = { id: ['dibatalkan'], en: ['cancelled', 'canceled'] }

export const wantWords: KeywordSet = {
  id: ['mau', 'ingin', 'tolong', 'minta', 'bisa', 'pengen'],
  en: ['please', 'want', 'would like'],
}
