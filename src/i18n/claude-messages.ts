/**
 * The sentences the Claude agent says on its own (not written by the model): the limited-mode notice and the
 * honest answers when the model could not finish. Indonesian first, English second.
 */
import type { Locale } from './format.ts'

export const claudeMessages = {
  /** First line of every reply the rule agent gives while Claude is unreachable. */
  limitedMode: {
    id: '⚠️ Asisten sedang dalam mode terbatas, jadi jawabannya mungkin lebih sederhana dari biasanya.',
    en: '⚠️ The assistant is in limited mode right now, so answers may be simpler than usual.',
  },
  /** The tool-round limit was reached before the model wrote an answer. */
  roundLimit: {
    id: 'Maaf kak, permintaan ini belum berhasil saya selesaikan. Boleh dicoba lagi dengan kalimat yang lebih singkat, atau minta dihubungkan dengan tim kami ya.',
    en: "Sorry, I couldn't finish this request. Please try again in a shorter message, or ask to talk to our team.",
  },
  /** The model ended its turn without any text (or refused). */
  noAnswer: {
    id: 'Maaf kak, saya belum bisa menjawab pesan ini. Kalau perlu, saya bisa hubungkan dengan tim kami.',
    en: "Sorry, I can't answer this message. If you like, I can connect you with our team.",
  },
} satisfies Record<string, Record<Locale, string>>

export type ClaudeMessageKey = keyof typeof claudeMessages

/** `claudeMessage('limitedMode', 'en')` → "⚠️ The assistant is in limited mode right now, …". */
export function claudeMessage(key: ClaudeMessageKey, locale: Locale): string {
  return claudeMessages[key][locale]
}
