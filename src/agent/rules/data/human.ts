/** Asking for a person: direct words, or a talk verb with a staff target ("bicara dengan CS"). */
import type { KeywordSet } from './keyword-set.ts'

export const humanWords: KeywordSet = {
  id: ['manusia', 'operator', 'petugas', 'komplain', 'keluhan', 'mengeluh', 'orang asli'],
  en: ['human', 'complain', 'complaint', 'real person', 'live agent'],
}

export const talkVerbs: KeywordSet = {
  id: ['bicara', 'berbicara', 'ngobrol', 'sambungkan', 'hubungkan', 'disambungkan', 'dihubungkan', 'chat dengan'],
  en: ['talk', 'speak', 'connect'],
}

export const talkTargets: KeywordSet = {
  id: ['cs', 'admin', 'orang', 'staf', 'agen'],
  en: ['customer service', 'person', 'someone', 'staff', 'agent'],
}

/** Naming the staff alone ("admin?", "cs") is a request for a person when nothing else matched. */
export const staffWords: KeywordSet = { id: ['admin', 'cs'], en: ['customer service'] }

/** Leaving a waiting hand-off: back to the bot. */
export const backToBotWords: KeywordSet = {
  id: ['kembali ke bot', 'balik ke bot', 'tidak jadi cs', 'batal cs', 'batal bicara', 'tanya bot', 'pakai bot'],
  en: ['back to bot', 'back to the bot', 'cancel handoff', 'cancel hand off', 'never mind', 'nevermind', 'use the bot'],
}
