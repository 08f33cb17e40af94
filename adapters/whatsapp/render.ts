/**
 * Reply → the bodies of WhatsApp `POST /<phone-number-id>/messages` calls (without `messaging_product` and `to`).
 *
 * - Text: the light markdown of a Reply becomes WhatsApp's own formatting (**bold** → *bold*, links as
 *   "label: https://…" since WhatsApp links bare URLs itself, "- " lists and `code` as they are), split under
 *   4,096 characters on paragraph boundaries, then lines, then words.
 * - Confirm/reject buttons: up to three become reply buttons on the last part (titles ≤ 20 characters, body
 *   ≤ 1,024); more become a list message (rows ≤ 10, titles ≤ 24). Link buttons are added to the text.
 * - `requestContact` has no WhatsApp form and is not needed: the sender's number is known.
 *
 * @example renderReply({ text: '**Halo**' }, { locale: 'id' }) // [{ type: 'text', text: { body: '*Halo*', preview_url: false } }]
 */
import type { ButtonAction, Locale, Reply } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import { encodeButtonId } from './normalize.ts'

/** WhatsApp's limits (Cloud API reference). */
export const whatsappLimits = {
  text: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  rowTitle: 24,
  listButton: 20,
} as const

export type OutgoingMessage =
  | { type: 'text'; text: { body: string; preview_url: boolean } }
  | {
      type: 'interactive'
      interactive:
        | {
            type: 'button'
            body: { text: string }
            action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] }
          }
        | {
            type: 'list'
            body: { text: string }
            action: { button: string; sections: { rows: { id: string; title: string }[] }[] }
          }
    }
  | {
      type: 'template'
      template: {
        name: string
        language: { code: string }
        components?: { type: 'body'; parameters: { type: 'text'; text: string }[] }[]
      }
    }

export interface RenderOptions {
  locale: Locale
}

const linkPattern = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g
const boldPattern = /\*\*(?=\S)([^\n]*?\S)\*\*/g

/** Light markdown as WhatsApp formatting. */
export function markdownToWhatsApp(markdown: string): string {
  return markdown
    .replace(linkPattern, (_whole, label: string, url: string) => (label === url ? url : `${label}: ${url}`))
    .replace(boldPattern, (_whole, inner: string) => `*${inner}*`)
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** At most `max` UTF-16 units, never half an emoji, with "…" when cut. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  let end = max - 1
  if (isHighSurrogate(clean.charCodeAt(end - 1))) end--
  return `${clean.slice(0, end).trimEnd()}…`
}

/** Cuts one over-long line at spaces, and a single enormous word by characters. */
function cutLine(line: string, limit: number): string[] {
  const pieces: string[] = []
  let current = ''
  for (const word of line.split(' ')) {
    const candidate = current ? `${current} ${word}` : word
    if (candidate.length <= limit) {
      current = candidate
      continue
    }
    if (current) pieces.push(current)
    current = word
    while (current.length > limit) {
      let size = limit
      if (isHighSurrogate(current.charCodeAt(size - 1))) size--
      pieces.push(current.slice(0, size))
      current = current.slice(size)
    }
  }
  if (current) pieces.push(current)
  return pieces
}

/** Text in parts of at most `limit` characters, split where a paragraph ends when possible. */
export function splitText(text: string, limit: number = whatsappLimits.text): string[] {
  const units: { text: string; separator: string }[] = []
  for (const paragraph of text.split(/\n{2,}/)) {
    if (!paragraph.trim()) continue
    if (paragraph.length <= limit) {
      units.push({ text: paragraph, separator: '\n\n' })
      continue
    }
    paragraph.split('\n').forEach((line, index) => {
      const separator = index === 0 ? '\n\n' : '\n'
      cutLine(line, limit).forEach((piece, i) => {
        units.push({ text: piece, separator: i === 0 ? separator : ' ' })
      })
    })
  }
  const parts: string[] = []
  let current = ''
  for (const unit of units) {
    if (!current) current = unit.text
    else if (current.length + unit.separator.length + unit.text.length <= limit) current += unit.separator + unit.text
    else {
      parts.push(current)
      current = unit.text
    }
  }
  if (current) parts.push(current)
  return parts
}

/** Titles must differ within one message: a repeated one gets a number. */
function uniqueTitles(labels: string[], max: number): string[] {
  const seen = new Set<string>()
  return labels.map((label) => {
    let title = clip(label, max) || '…'
    for (let n = 2; seen.has(title); n++) title = clip(`${clip(label, max - 3)} ${n}`, max)
    seen.add(title)
    return title
  })
}

function textMessage(body: string): OutgoingMessage {
  return { type: 'text', text: { body, preview_url: false } }
}

function choicesMessage(body: string, actions: { label: string; action: ButtonAction }[], locale: Locale) {
  if (actions.length <= whatsappLimits.buttons) {
    const titles = uniqueTitles(
      actions.map((a) => a.label),
      whatsappLimits.buttonTitle,
    )
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: body },
        action: {
          buttons: actions.map((a, i) => ({
            type: 'reply',
            reply: { id: encodeButtonId(a.action), title: titles[i] ?? '' },
          })),
        },
      },
    } satisfies OutgoingMessage
  }
  const rows = actions.slice(0, whatsappLimits.listRows)
  const titles = uniqueTitles(
    rows.map((a) => a.label),
    whatsappLimits.rowTitle,
  )
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: body },
      action: {
        button: clip(t(locale, 'whatsapp.listButton'), whatsappLimits.listButton),
        sections: [{ rows: rows.map((a, i) => ({ id: encodeButtonId(a.action), title: titles[i] ?? '' })) }],
      },
    },
  } satisfies OutgoingMessage
}

/** A Reply as the messages that show it, in order. */
export function renderReply(reply: Reply, options: RenderOptions): OutgoingMessage[] {
  const actions: { label: string; action: ButtonAction }[] = []
  const links: string[] = []
  for (const button of reply.buttons ?? []) {
    if ('url' in button.action) links.push(`${button.label}: ${button.action.url}`)
    else actions.push({ label: button.label, action: button.action })
  }
  const text = [markdownToWhatsApp(reply.text), ...links].filter((part) => part.trim()).join('\n\n')
  const parts = splitText(text, whatsappLimits.text)
  if (actions.length === 0) return parts.map(textMessage)
  // The buttons ride on the last part, whose body has a lower limit.
  const last = parts.pop() ?? ''
  const tail = splitText(last, whatsappLimits.interactiveBody)
  const body = tail.pop() ?? clip(t(options.locale, 'whatsapp.listButton'), whatsappLimits.interactiveBody)
  return [
    ...parts.map(textMessage),
    ...splitText(tail.join('\n\n')).map(textMessage),
    choicesMessage(body, actions, options.locale),
  ]
}
