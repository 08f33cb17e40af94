/**
 * A photo sent with a message: a verified customer's is handed to the attachment service (image check, size
 * limit, daily count, linked to their open return request or kept for the next one); anyone else's is refused
 * with how to verify, and nothing of it is fetched or stored.
 */
import type { Channel } from '../generated/prisma/enums.ts'
import type { Locale } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { AttachmentService } from '../services/attachments.ts'
import type { InboundPhoto, Reply } from './types.ts'

/** "5 MB", "1,5 MB", "200 KB": the limit as a customer reads it. */
function sizeText(bytes: number, locale: Locale): string {
  const amount = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 1 })
  return bytes >= 1_000_000 ? `${amount.format(bytes / 1_000_000)} MB` : `${amount.format(bytes / 1000)} KB`
}

export async function photoReply(
  photos: Pick<AttachmentService, 'storePhoto' | 'settings'>,
  photo: InboundPhoto,
  at: { customerId: string | null; conversationId: string; channel: Channel; locale: Locale; withText: boolean },
): Promise<Reply> {
  const { locale } = at
  if (!at.customerId) return { text: t(locale, 'photo.unverified') }
  const outcome = await photos.storePhoto(at.customerId, {
    conversationId: at.conversationId,
    channel: at.channel,
    ...(photo.sizeBytes !== undefined ? { sizeBytes: photo.sizeBytes } : {}),
    load: photo.load,
  })
  switch (outcome.kind) {
    case 'linked':
      return { text: t(locale, 'photo.linked', { returnNumber: outcome.returnNumber }) }
    case 'kept':
      return { text: t(locale, at.withText ? 'photo.keptWithText' : 'photo.kept') }
    case 'refused':
      if (outcome.reason === 'too_big')
        return { text: t(locale, 'photo.tooBig', { limit: sizeText(photos.settings.maxBytes, locale) }) }
      if (outcome.reason === 'too_many')
        return { text: t(locale, 'photo.tooMany', { count: photos.settings.perConversationPerDay }) }
      return { text: t(locale, 'photo.notImage') }
  }
}
