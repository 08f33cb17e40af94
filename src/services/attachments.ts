/**
 * Photos customers send with a return request (Telegram, the web chat's upload). A photo is kept only when its
 * bytes really are a JPEG, PNG or WebP image (whatever the channel declared), within the size limit
 * (RETURN_PHOTO_MAX_BYTES) and within a few per conversation a day. It is linked at once to the customer's open
 * request (REQUESTED or APPROVED) made in this conversation, else to their latest open one; with no open request
 * it waits unlinked in the conversation and `returns.create` links it to the request made there.
 *
 * @example await attachments.storePhoto('cust-siti', { conversationId, channel: 'telegram', sizeBytes: 52_000, load })
 */
import type { Db } from '../db/client.ts'
import type { Channel } from '../generated/prisma/enums.ts'

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp'

export type PhotoOutcome =
  | { kind: 'linked'; returnNumber: string; photoId: string }
  | { kind: 'kept'; photoId: string }
  | { kind: 'refused'; reason: 'too_big' | 'not_image' | 'too_many' }

export interface PhotoInput {
  conversationId: string
  channel: Channel
  /** The size the channel announced, when it did: a photo announced too big is refused without being fetched. */
  sizeBytes?: number
  /** Fetches the bytes (a download for Telegram, the request body for the web chat); called only when needed. */
  load(): Promise<Uint8Array>
}

export interface AttachmentSettings {
  maxBytes: number
  /** Photos one conversation may store in 24 hours. */
  perConversationPerDay: number
}

export const defaultAttachmentSettings: AttachmentSettings = { maxBytes: 5_000_000, perConversationPerDay: 10 }

/** The image type the bytes start with (their magic numbers), or null for anything else. */
export function imageMimeOf(bytes: Uint8Array): ImageMime | null {
  const at = (i: number) => bytes[i]
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length >= 8 && png.every((b, i) => at(i) === b)) return 'image/png'
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** A download or body larger than the limit, stopped before it was read whole. */
export class PhotoTooBig extends Error {
  constructor() {
    super('photo larger than the limit')
    this.name = 'PhotoTooBig'
  }
}

export function createAttachmentService(deps: { prisma: Db; now: () => Date; settings?: Partial<AttachmentSettings> }) {
  const settings = { ...defaultAttachmentSettings, ...deps.settings }
  const { prisma } = deps

  return {
    settings,

    async storePhoto(customerId: string, input: PhotoInput): Promise<PhotoOutcome> {
      if (input.sizeBytes !== undefined && input.sizeBytes > settings.maxBytes)
        return { kind: 'refused', reason: 'too_big' }
      const since = new Date(deps.now().getTime() - 86_400_000)
      const recent = await prisma.attachment.count({
        where: { conversationId: input.conversationId, createdAt: { gte: since } },
      })
      if (recent >= settings.perConversationPerDay) return { kind: 'refused', reason: 'too_many' }
      let bytes: Uint8Array
      try {
        bytes = await input.load()
      } catch (error) {
        if (error instanceof PhotoTooBig) return { kind: 'refused', reason: 'too_big' }
        throw error
      }
      if (bytes.length > settings.maxBytes) return { kind: 'refused', reason: 'too_big' }
      const mime = imageMimeOf(bytes)
      if (!mime) return { kind: 'refused', reason: 'not_image' }

      return prisma.$transaction(async (tx) => {
        const open = await tx.returnRequest.findMany({
          where: { customerId, status: { in: ['REQUESTED', 'APPROVED'] } },
          orderBy: { createdAt: 'desc' },
          select: { id: true, number: true, conversationId: true },
        })
        const target = open.find((r) => r.conversationId === input.conversationId) ?? open[0] ?? null
        const photo = await tx.attachment.create({
          data: {
            customerId,
            conversationId: input.conversationId,
            returnId: target?.id ?? null,
            channel: input.channel,
            mime,
            sizeBytes: bytes.length,
            data: Buffer.from(bytes),
            createdAt: deps.now(),
          },
          select: { id: true },
        })
        return target
          ? { kind: 'linked' as const, returnNumber: target.number, photoId: photo.id }
          : { kind: 'kept' as const, photoId: photo.id }
      })
    },
  }
}

export type AttachmentService = ReturnType<typeof createAttachmentService>
