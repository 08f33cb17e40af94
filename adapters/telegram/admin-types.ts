/** What every admin command handler receives. */
import type { Reply } from '../../src/core/types.ts'
import type { Locale } from '../../src/i18n/format.ts'

/** An admin command's answer; photos (stored bytes with their type) are sent after the text. */
export type AdminReply = Reply & { photos?: { mime: string; data: Uint8Array }[] }

export interface AdminInput {
  /** Everything after the command word, trimmed. */
  args: string
  /** Who acts, for audits: "admin:telegram:<user id>". */
  actor: string
  /** The admin's language (from their Telegram app). */
  locale: Locale
}
