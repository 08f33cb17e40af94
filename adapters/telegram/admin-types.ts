/** What every admin command handler receives. */
import type { Locale } from '../../src/i18n/format.ts'

export interface AdminInput {
  /** Everything after the command word, trimmed. */
  args: string
  /** Who acts, for audits: "admin:telegram:<user id>". */
  actor: string
  /** The admin's language (from their Telegram app). */
  locale: Locale
}
