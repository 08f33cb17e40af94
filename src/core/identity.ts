/**
 * Who is writing: the sender's ChannelIdentity (created on first contact) and the Customer it is linked to,
 * plus the one linking path that arrives as a message, a Telegram shared contact (DESIGN §4).
 */
import type { Customer } from '../generated/prisma/client.ts'
import type { Locale } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { CrmService } from '../services/crm.ts'
import type { Identity, InboundMessage, Reply } from './types.ts'

/** The sender as the core works with it. */
export interface Sender {
  identity: Identity
  customer: Customer | null
}

/**
 * A shared contact proves the phone number only when Telegram says it is the sender's own (`contact.userId`
 * equals the sender's id); then the identity is linked to the customer with that number, if there is one.
 * Returns the reply and the sender as it is now.
 */
export async function linkSharedContact(
  crm: Pick<CrmService, 'linkByPhone'>,
  sender: Sender,
  contact: NonNullable<InboundMessage['contact']>,
  locale: Locale,
): Promise<{ reply: Reply; sender: Sender }> {
  if (contact.userId !== sender.identity.externalUserId) {
    return { reply: { text: t(locale, 'core.contactNotOwn'), requestContact: true }, sender }
  }
  const customer = await crm.linkByPhone(sender.identity.id, contact.phoneNumber, `${sender.identity.channel}:contact`)
  if (!customer) return { reply: { text: t(locale, 'core.contactUnknown') }, sender }
  return {
    reply: { text: t(locale, 'core.contactLinked', { name: customer.name }) },
    sender: { identity: { ...sender.identity, customerId: customer.id }, customer },
  }
}
