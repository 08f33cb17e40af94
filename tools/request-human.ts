/**
 * request_human: the customer wants a person. Pure: the core sees this tool's `handoff` effect succeed and opens
 * the hand-off (a Handoff row, staff notified); the tool itself writes nothing. Where no staff channel is configured
 * nobody could answer, so nothing is opened and the reply says so honestly.
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { commonErrorReply } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({
  reason: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .describe('Short summary of why a person is needed, for the staff member who takes over.'),
})

export interface RequestHumanData {
  reason: string
  /** False when no staff channel is configured: no hand-off is opened, and the customer is told how to reach the shop. */
  staffAvailable: boolean
  /** Without staff: how to reach the shop instead, when known. */
  contact?: string
}

/** A hand-off must never fail for want of a reason. */
const defaultReason = 'customer asked for a person'

function render(result: ToolResult<RequestHumanData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  if (result.data.staffAvailable) return { text: t(locale, 'human.handoff') }
  const contact = result.data.contact
  return { text: contact ? `${t(locale, 'human.noStaff')}\n\n${contact}` : t(locale, 'human.noStaff') }
}

export const requestHuman = {
  name: 'request_human',
  description:
    'Hand the conversation to a human customer-service agent. Use when the customer asks for a person ("CS manusia", "admin", "talk to a human"), is upset, or needs something no other tool can do (complaints, returns, refunds of shipped or delivered orders, problems you cannot solve). Anyone may ask; no verification needed.',
  input,
  needsCustomer: false,
  effect: { kind: 'handoff' },
  async run(ctx, { reason }) {
    const staffAvailable = ctx.staffAvailable !== false
    return ok<RequestHumanData>({
      reason: reason || defaultReason,
      staffAvailable,
      ...(!staffAvailable && ctx.shopContact ? { contact: ctx.shopContact } : {}),
    })
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, RequestHumanData>
