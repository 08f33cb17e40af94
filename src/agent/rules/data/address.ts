/** Changing a shipping address: a change verb plus an address word. */
import type { KeywordSet } from './keyword-set.ts'

export const changeVerbs: KeywordSet = {
  id: [
    'ubah',
    'ganti',
    'mengubah',
    'mengganti',
    'diubah',
    'diganti',
    'perbarui',
    'ralat',
    'koreksi',
    'pindah',
    'salah',
  ],
  en: ['update', 'change', 'edit', 'correct', 'revise'],
}

export const addressWords: KeywordSet = { id: ['alamat'], en: ['address'] }
