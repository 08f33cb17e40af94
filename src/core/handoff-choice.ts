/**
 * The customer's own way in and out of a hand-off: the "talk to a person" button the agent offers (a confirm
 * press with `handoffOfferToken`), and the way back to the bot from a waiting hand-off (its reject press, or
 * "kembali ke bot" in words). No pending action stands behind these buttons: anyone may ask for a person.
 */
import { handoffOfferToken } from '../agent/types.ts'
import type { Locale } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { Handoffs } from '../services/handoffs.ts'
import type { ButtonAction, Reply, ReplyButton } from './types.ts'

/** Whether a button press is the hand-off choice rather than a pending action's. */
export function isHandoffChoice(action: ButtonAction | undefined): boolean {
  return action?.token === handoffOfferToken
}

/** Whether a reply button confirms a staged write (the hand-off choice does not). */
export function confirmsWrite(button: ReplyButton): boolean {
  return 'kind' in button.action && button.action.token !== handoffOfferToken
}

/** What a customer waiting for a person is told, with the button back to the bot. */
export function waitingReply(locale: Locale): Reply {
  const back = { label: t(locale, 'core.backToBot'), action: { kind: 'reject' as const, token: handoffOfferToken } }
  return { text: t(locale, 'core.handoffWaiting'), buttons: [back] }
}

/** Closes the conversation's open hand-off at the customer's wish; the bot answers again. */
export async function leaveHandoff(
  handoffs: Pick<Handoffs, 'findOpen' | 'close'>,
  conversationId: string,
  identityId: string,
  locale: Locale,
): Promise<Reply> {
  const open = await handoffs.findOpen(conversationId)
  if (open) await handoffs.close(open.id, { actor: `identity:${identityId}` })
  return { text: t(locale, 'core.handoffLeft') }
}
