/**
 * Reply → Discord messages: light markdown made safe for Discord's markdown, split into messages of at most
 * 2,000 characters (on paragraph, then line boundaries), confirm/reject buttons whose custom ids carry the
 * pending-action token, and link buttons (tracking pages). Pure functions; the payloads fit both REST message
 * bodies and interaction replies.
 */
import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js'
import type { Reply, ReplyButton } from '../../src/core/types.ts'
import { parseRatingToken } from '../../src/services/handoff-desk.ts'
import { actionButtonId } from './normalize.ts'

/** Discord's limit for one message's content. */
export const discordMessageLimit = 2000
const maxButtonsPerRow = 5
const maxRows = 5
const maxLabel = 80
const maxUrl = 512

/** One Discord message. */
export interface DiscordPayload {
  content: string
  components?: APIActionRowComponent<APIButtonComponent>[]
}

export interface RenderOptions {
  /** The customer the reply answers: confirm/reject buttons are only rendered with an owner. */
  ownerUserId?: string
  /** Mention this user at the start (the first answer in a new thread). */
  mentionUserId?: string
}

const tokenPattern = /\*\*([^*\n]+?)\*\*|\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>]+)/g

/** Backslash-escapes what Discord would read as markdown in plain text. */
function escapePlain(text: string): string {
  return text.replace(/[\\*_~|`]/g, (c) => `\\${c}`)
}

/** Headings, quotes and subtext only start a line: escape them there. */
function escapeLineStarts(text: string): string {
  return text.replace(
    /^(\s*)(-?)([#>])/gm,
    (_m, space: string, dash: string, mark: string) => `${space}${dash}\\${mark}`,
  )
}

/**
 * Light markdown (**bold**, `- ` lists, [label](https://…) links, bare URLs) as Discord markdown; anything else
 * Discord would format (`_`, `~`, `|`, backticks, stray `*`, headings) is escaped.
 * @example toDiscordMarkdown('**Total:** Rp150.000 _net_') // '**Total:** Rp150.000 \\_net\\_'
 */
export function toDiscordMarkdown(text: string): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(tokenPattern)) {
    out += escapePlain(text.slice(last, match.index))
    const [whole, bold, label, url, bare] = match
    if (bold !== undefined) out += `**${escapePlain(bold)}**`
    else if (label !== undefined && url !== undefined) out += `[${escapePlain(label).replace(/[[\]]/g, '')}](<${url}>)`
    else out += bare ?? whole
    last = match.index + whole.length
  }
  out += escapePlain(text.slice(last))
  return escapeLineStarts(out)
}

/** Cuts `text` into pieces of at most `limit` characters, never inside a surrogate pair. */
function hardSplit(text: string, limit: number): string[] {
  const pieces: string[] = []
  let current = ''
  for (const char of text) {
    if (current.length + char.length > limit) {
      pieces.push(current)
      current = ''
    }
    current += char
  }
  if (current) pieces.push(current)
  return pieces
}

/** Packs `parts` joined by `separator` into as few pieces of at most `limit` characters as possible. */
function pack(parts: string[], separator: string, limit: number, splitPart: (part: string) => string[]): string[] {
  const pieces: string[] = []
  let current: string | null = null
  for (const part of parts) {
    const units = part.length > limit ? splitPart(part) : [part]
    for (const unit of units) {
      if (current === null) current = unit
      else if (current.length + separator.length + unit.length <= limit) current += separator + unit
      else {
        pieces.push(current)
        current = unit
      }
    }
  }
  if (current !== null) pieces.push(current)
  return pieces
}

/**
 * Splits a message under Discord's limit: on blank lines first, then on line breaks, and only a single line
 * longer than the limit is cut inside.
 */
export function splitMessage(text: string, limit = discordMessageLimit): string[] {
  if (text.length <= limit) return [text]
  const byLine = (paragraph: string) => pack(paragraph.split('\n'), '\n', limit, (line) => hardSplit(line, limit))
  return pack(text.split(/\n{2,}/), '\n\n', limit, byLine).filter((piece) => piece.trim() !== '')
}

function label(text: string): string {
  const trimmed = text.trim() || '…'
  return trimmed.length > maxLabel ? `${trimmed.slice(0, maxLabel - 1)}…` : trimmed
}

function isLinkable(url: string): boolean {
  if (url.length > maxUrl) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
  } catch {
    return false
  }
}

function toButton(button: ReplyButton, ownerUserId: string | undefined): APIButtonComponent | null {
  if ('url' in button.action) {
    if (!isLinkable(button.action.url)) return null
    return { type: ComponentType.Button, style: ButtonStyle.Link, label: label(button.label), url: button.action.url }
  }
  if (!ownerUserId) return null
  const { kind, token } = button.action
  // Rating buttons (1–5) are confirm buttons too, but none of them is the "right" answer.
  const confirmStyle = parseRatingToken(token) ? ButtonStyle.Secondary : ButtonStyle.Success
  return {
    type: ComponentType.Button,
    style: kind === 'confirm' ? confirmStyle : ButtonStyle.Danger,
    label: label(button.label),
    custom_id: actionButtonId(button.action, ownerUserId),
  }
}

/** Buttons in rows of five (at most five rows, as Discord allows). */
export function buttonRows(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = []
  for (let i = 0; i < buttons.length && rows.length < maxRows; i += maxButtonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + maxButtonsPerRow) })
  }
  return rows
}

/**
 * Replies → Discord messages, in order. A reply's buttons go on its last message.
 * @example renderReplies([{ text: 'Batalkan?', buttons }], { ownerUserId: '42' })
 */
export function renderReplies(replies: readonly Reply[], options: RenderOptions = {}): DiscordPayload[] {
  const payloads: DiscordPayload[] = []
  replies.forEach((reply, index) => {
    const mention = index === 0 && options.mentionUserId ? `<@${options.mentionUserId}> ` : ''
    const pieces = splitMessage(mention + toDiscordMarkdown(reply.text))
    const buttons = (reply.buttons ?? [])
      .map((b) => toButton(b, options.ownerUserId))
      .filter((b): b is APIButtonComponent => b !== null)
    pieces.forEach((content, i) => {
      const isLast = i === pieces.length - 1
      payloads.push(isLast && buttons.length > 0 ? { content, components: buttonRows(buttons) } : { content })
    })
  })
  return payloads
}
