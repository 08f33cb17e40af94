/**
 * The webhook payloads of the WhatsApp Business Cloud API, as zod schemas: what Meta POSTs to
 * /webhooks/whatsapp (`object: "whatsapp_business_account"`, `entry[].changes[]` with `field: "messages"`), and the
 * message and status objects inside. Only the fields Layan reads are named; others are dropped. Each message and
 * status is checked on its own, so one odd item never costs the others in the same delivery.
 *
 * Shapes follow Meta's webhook reference: a message has `from` (the sender's WhatsApp id, their phone number
 * without "+"), `id` (`wamid.…`), `timestamp` (Unix seconds as text), `type`, and one object named after the type.
 */
import { z } from 'zod'

const mediaObject = z.object({
  id: z.string().max(256).optional(),
  mime_type: z.string().max(256).optional(),
  caption: z.string().max(4096).optional(),
  filename: z.string().max(1024).optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
})

/** One inbound message. */
export const whatsappMessageSchema = z.object({
  from: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.:-]+$/, 'unexpected characters'),
  id: z.string().min(1).max(256),
  timestamp: z.string().regex(/^\d{1,12}$/, 'must be Unix seconds'),
  type: z.string().min(1).max(40),
  context: z.object({ from: z.string().max(64).optional(), id: z.string().max(256).optional() }).optional(),
  text: z.object({ body: z.string().max(65_536) }).optional(),
  interactive: z
    .object({
      type: z.string().max(40),
      button_reply: z.object({ id: z.string().max(256), title: z.string().max(256) }).optional(),
      list_reply: z
        .object({ id: z.string().max(256), title: z.string().max(256), description: z.string().max(256).optional() })
        .optional(),
    })
    .optional(),
  /** A quick-reply button of a template message. */
  button: z.object({ payload: z.string().max(1024).optional(), text: z.string().max(256).optional() }).optional(),
  image: mediaObject.optional(),
  audio: mediaObject.optional(),
  video: mediaObject.optional(),
  document: mediaObject.optional(),
  sticker: mediaObject.optional(),
  location: z
    .object({
      latitude: z.number().optional(),
      longitude: z.number().optional(),
      name: z.string().max(1024).optional(),
      address: z.string().max(1024).optional(),
    })
    .optional(),
  reaction: z.object({ message_id: z.string().max(256).optional(), emoji: z.string().max(64).optional() }).optional(),
})
type WhatsAppMessage = z.infer<typeof whatsappMessageSchema>

/** One delivery status of a message we sent. */
export const whatsappStatusSchema = z.object({
  id: z.string().min(1).max(256),
  status: z.string().min(1).max(40),
  timestamp: z.string().regex(/^\d{1,12}$/, 'must be Unix seconds'),
  recipient_id: z.string().min(1).max(64),
  errors: z
    .array(
      z.object({
        code: z.number().int(),
        title: z.string().max(500).optional(),
        message: z.string().max(1000).optional(),
      }),
    )
    .max(10)
    .optional(),
})
export type WhatsAppStatus = z.infer<typeof whatsappStatusSchema>

/** The envelope; messages and statuses stay unknown here and are checked one by one. */
export const whatsappWebhookSchema = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        id: z.string().optional(),
        changes: z
          .array(
            z.object({
              field: z.string(),
              value: z.object({
                messaging_product: z.string().optional(),
                metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
                contacts: z
                  .array(
                    z.object({
                      wa_id: z.string().max(64),
                      profile: z.object({ name: z.string().max(256) }).optional(),
                    }),
                  )
                  .max(100)
                  .optional(),
                messages: z.array(z.unknown()).max(1000).optional(),
                statuses: z.array(z.unknown()).max(1000).optional(),
              }),
            }),
          )
          .max(100),
      }),
    )
    .max(100),
})
export type WhatsAppWebhook = z.infer<typeof whatsappWebhookSchema>

/** What the inbox keeps of one message: the message itself and the sender's profile name. */
export const storedMessageSchema = z.object({
  message: whatsappMessageSchema,
  profileName: z.string().max(256).optional(),
})
export type StoredMessage = z.infer<typeof storedMessageSchema>

/** What one delivery carried for our phone number, each item valid on its own. */
export interface WebhookContents {
  messages: StoredMessage[]
  statuses: WhatsAppStatus[]
  /** Items that did not fit their schema (logged, not stored). */
  rejected: number
  /** Changes for another phone number or another field. */
  skipped: number
}

/** Splits a validated delivery into the messages and statuses addressed to `phoneNumberId`. */
export function webhookContents(payload: WhatsAppWebhook, phoneNumberId: string): WebhookContents {
  const out: WebhookContents = { messages: [], statuses: [], rejected: 0, skipped: 0 }
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      const value = change.value
      if (change.field !== 'messages' || value.metadata.phone_number_id !== phoneNumberId) {
        out.skipped++
        continue
      }
      const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]))
      for (const raw of value.messages ?? []) {
        const parsed = whatsappMessageSchema.safeParse(raw)
        if (!parsed.success) {
          out.rejected++
          continue
        }
        const profileName = names.get(parsed.data.from)
        out.messages.push({ message: parsed.data, ...(profileName ? { profileName } : {}) })
      }
      for (const raw of value.statuses ?? []) {
        const parsed = whatsappStatusSchema.safeParse(raw)
        if (parsed.success) out.statuses.push(parsed.data)
        else out.rejected++
      }
    }
  }
  return out
}
