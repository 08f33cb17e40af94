/**
 * What the Claude agent says on its own (not written by the model): the limited-mode notice and the honest answers
 * when the model could not finish. Part of the one catalog (../messages.ts).
 */

export const claudeId = {
  /** First line of every reply the rule agent gives while Claude is unreachable. */
  'claude.limitedMode': '⚠️ Asisten sedang dalam mode terbatas, jadi jawabannya mungkin lebih sederhana dari biasanya.',
  /** The tool-round limit was reached before the model wrote an answer. */
  'claude.roundLimit':
    'Maaf kak, permintaan ini belum berhasil saya selesaikan. Boleh dicoba lagi dengan kalimat yang lebih singkat, atau minta dihubungkan dengan tim kami ya.',
  /** The model ended its turn without any text (or refused). */
  'claude.noAnswer': 'Maaf kak, saya belum bisa menjawab pesan ini. Kalau perlu, saya bisa hubungkan dengan tim kami.',
} as const satisfies Record<string, string>

export const claudeEn: { readonly [K in keyof typeof claudeId]: string } = {
  'claude.limitedMode': '⚠️ The assistant is in limited mode right now, so answers may be simpler than usual.',
  'claude.roundLimit':
    "Sorry, I couldn't finish this request. Please try again in a shorter message, or ask to talk to our team.",
  'claude.noAnswer': "Sorry, I can't answer this message. If you like, I can connect you with our team.",
}
