/**
 * A stored WhatsApp message → what the adapter does with it. Pure functions, no API calls.
 *
 * - text → an InboundMessage for the core;
 * - a reply button or list row of ours (`c:<token>` / `r:<token>`), or a template quick-reply whose payload is
 *   one → an InboundMessage with `action`; any other button or row → its title as text;
 * - image, voice note/audio, video, document, sticker, location, contacts, unsupported types → `media` (a polite
 *   "text only" answer);
 * - reactions and system notices → ignored.
 * Ids: externalUserId = externalChatId = `from` (the sender's number, digits only), externalMessageId = the wamid.
 */
import type { ButtonAction, InboundMessage } from '../../src/core/types.ts'
import type { StoredMessage } from './payloads.ts'

export type Incoming =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'media'; mediaType: string; caption?: string }
  | { kind: 'ignore'; reason: string }

const mediaTypes = new Set(['image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'order'])
const ignoredTypes = new Set(['reaction', 'system', 'request_welcome', 'ephemeral'])

/** Button and row ids we send: "c:<token>" confirms, "r:<token>" rejects. */
export function encodeButtonId(action: ButtonAction): string {
  return `${action.kind === 'confirm' ? 'c' : 'r'}:${action.token}`
}

/** The action in a button or row id, or null when the id is not one of ours. */
export function decodeButtonId(id: string | undefined): ButtonAction | null {
  const match = /^([cr]):(.{1,250})$/s.exec(id ?? '')
  if (!match?.[1] || !match[2]) return null
  return { kind: match[1] === 'c' ? 'confirm' : 'reject', token: match[2] }
}

/** The sender's phone number in the form customers are stored in ("6281…" → "+6281…"), or null. */
export function phoneOfWaId(waId: string): string | null {
  return /^\d{6,20}$/.test(waId) ? `+${waId}` : null
}

function captionOf(stored: StoredMessage): string | undefined {
  const m = stored.message
  const caption = m.image?.caption ?? m.video?.caption ?? m.document?.caption
  return caption?.trim() || undefined
}

/** What to do with one stored message. */
export function classifyMessage(stored: StoredMessage): Incoming {
  const m = stored.message
  const base = {
    channel: 'whatsapp' as const,
    externalUserId: m.from,
    externalChatId: m.from,
    externalMessageId: m.id,
    receivedAt: new Date(Number(m.timestamp) * 1000),
    ...(stored.profileName?.trim() ? { displayName: stored.profileName.trim() } : {}),
  }
  const asText = (text: string | undefined): Incoming => {
    const trimmed = text?.trim() ?? ''
    return trimmed ? { kind: 'message', message: { ...base, text: trimmed } } : { kind: 'ignore', reason: 'empty' }
  }
  const asPress = (id: string | undefined, title: string | undefined): Incoming => {
    const action = decodeButtonId(id)
    return action ? { kind: 'message', message: { ...base, text: '', action } } : asText(title)
  }

  switch (m.type) {
    case 'text':
      return asText(m.text?.body)
    case 'interactive': {
      const press = m.interactive?.button_reply ?? m.interactive?.list_reply
      return press ? asPress(press.id, press.title) : { kind: 'ignore', reason: 'interactive without a reply' }
    }
    case 'button':
      return asPress(m.button?.payload, m.button?.text)
    default: {
      if (ignoredTypes.has(m.type)) return { kind: 'ignore', reason: m.type }
      const caption = captionOf(stored)
      return {
        kind: 'media',
        mediaType: mediaTypes.has(m.type) ? m.type : 'unsupported',
        ...(caption ? { caption } : {}),
      }
    }
  }
}
