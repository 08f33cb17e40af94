/** "Kabari saya kalau DRESS-001-M ready", "notify me when DRESS-001 S is back": a wish to hear when a size is back. */
import type { KeywordSet } from './keyword-set.ts'

export const notifyWords: KeywordSet = {
  id: ['kabari', 'kabarin', 'kabarkan', 'kasih tau', 'kasih tahu', 'ingetin', 'ingatkan'],
  en: ['notify me', 'let me know', 'tell me when'],
}
