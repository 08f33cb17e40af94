/**
 * The answer kept for a channel that delivers a message again until it is acknowledged (Telegram, WhatsApp): what
 * the channel needs to send it (the replies with their buttons, the language, whether the sender is verified and a
 * person has the conversation), stored with the answer until the channel marks it sent. A redelivery before that
 * sends this again; read back through a schema, since it comes out of the database.
 */
import { z } from 'zod'
import type { Locale, Reply } from './types.ts'

const buttonAction = z.union([
  z.object({ kind: z.enum(['confirm', 'reject']), token: z.string() }),
  z.object({ url: z.string() }),
])

const replySchema = z.object({
  text: z.string(),
  buttons: z.array(z.object({ label: z.string(), action: buttonAction })).optional(),
  requestContact: z.boolean().optional(),
  limitedMode: z.boolean().optional(),
})

const keptAnswerSchema = z.object({
  replies: z.array(replySchema).min(1),
  locale: z.enum(['id', 'en']),
  verified: z.boolean(),
  handoffOpen: z.boolean(),
})

export interface KeptAnswer {
  replies: Reply[]
  locale: Locale
  verified: boolean
  handoffOpen: boolean
}

/** The kept answer, or null when what was stored is not one (then the repeat is dropped as before). */
export function readKeptAnswer(stored: unknown): KeptAnswer | null {
  const parsed = keptAnswerSchema.safeParse(stored)
  return parsed.success ? parsed.data : null
}
