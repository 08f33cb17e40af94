/**
 * Reply → Telegram messages: the light markdown of a Reply (**bold**, `code`, [label](https://…) links, "- " lists)
 * becomes Telegram HTML with everything else escaped, so a customer's name like `<b>&` is shown as written; long
 * text is split under 4,096 characters on paragraph boundaries (then lines, then words); buttons become an
 * inline keyboard on the last part (confirm/reject side by side, each link on its own row); `requestContact`
 * becomes a one-time "share phone number" keyboard.
 *
 * @example renderReply({ text: '**Hi** <you>' }) // [{ text: '<b>Hi</b> &lt;you&gt;' }]
 */
import type { ButtonAction, Reply } from '../../src/core/types.ts'

/** Telegram's limit for one message's text. */
export const telegramTextLimit = 4096
/** Telegram's limit for a button's callback data, in bytes. */
const callbackDataLimit = 64

export type InlineButton = { text: string; callback_data: string } | { text: string; url: string }

export type TelegramReplyMarkup =
  | { inline_keyboard: InlineButton[][] }
  | {
      keyboard: { text: string; request_contact?: boolean }[][]
      one_time_keyboard: boolean
      resize_keyboard: boolean
    }
  | { remove_keyboard: true }

/** One `sendMessage` call: HTML text and, on the last part of a reply, its keyboard. */
export interface TelegramMessage {
  text: string
  reply_markup?: TelegramReplyMarkup
}

export interface RenderOptions {
  /** The label of the share-contact button (`requestContact`). */
  contactButtonLabel?: string
  /** Markup to put on the last part when the reply has no keyboard of its own (e.g. removing the contact keyboard). */
  fallbackMarkup?: TelegramReplyMarkup
  limit?: number
}

/** Escapes text for Telegram HTML: `&` first, then `<` and `>`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const linkPattern = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g
const boldPattern = /\*\*(?=\S)([^\n]*?\S)\*\*/g
const codePattern = /`([^`\n]+)`/g

/**
 * One piece of light markdown as Telegram HTML. Escaping happens first, so nothing the text says can become a
 * tag; the markdown markers themselves contain no escaped characters.
 */
export function markdownToHtml(markdown: string): string {
  const codes: string[] = []
  // Code spans first, kept aside so bold markers inside them stay literal.
  let html = escapeHtml(markdown.replace(/\uE000/g, '')).replace(codePattern, (_whole, code: string) => {
    codes.push(`<code>${code}</code>`)
    return `\uE000${codes.length - 1}\uE000`
  })
  html = html
    .replace(
      linkPattern,
      (_whole, label: string, url: string) => `<a href="${url.replace(/"/g, '&quot;')}">${label}</a>`,
    )
    .replace(boldPattern, (_whole, inner: string) => `<b>${inner}</b>`)
    .replace(/^- /gm, '• ')
  return html.replace(/\uE000(\d+)\uE000/g, (_whole, index: string) => codes[Number(index)] ?? '')
}

interface Unit {
  html: string
  /** What joins this unit to the one before it in the same message. */
  separator: string
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** Cuts raw text into pieces whose rendered HTML fits `limit` (a single enormous word is cut by characters). */
function cutWords(line: string, limit: number, separator: string): Unit[] {
  const units: Unit[] = []
  let current = ''
  const push = (text: string) => {
    if (text) units.push({ html: markdownToHtml(text), separator: units.length === 0 ? separator : ' ' })
  }
  for (const word of line.split(' ')) {
    const candidate = current ? `${current} ${word}` : word
    if (markdownToHtml(candidate).length <= limit) {
      current = candidate
      continue
    }
    push(current)
    current = word
    while (markdownToHtml(current).length > limit) {
      // Escaping at most multiplies a character by 5 ("&amp;"), so this many raw characters always fit.
      let size = Math.max(1, Math.floor(limit / 5))
      while (size < current.length && markdownToHtml(current.slice(0, size + 1)).length <= limit) size++
      // Never cut an emoji (a UTF-16 surrogate pair) in half.
      if (size > 1 && isHighSurrogate(current.charCodeAt(size - 1))) size--
      push(current.slice(0, size))
      current = current.slice(size)
    }
  }
  push(current)
  return units
}

/** Paragraphs, or lines of an oversized paragraph, or words of an oversized line: each rendered, each ≤ limit. */
function toUnits(markdown: string, limit: number): Unit[] {
  const units: Unit[] = []
  for (const paragraph of markdown.split(/\n{2,}/)) {
    if (!paragraph.trim()) continue
    const html = markdownToHtml(paragraph)
    if (html.length <= limit) {
      units.push({ html, separator: '\n\n' })
      continue
    }
    paragraph.split('\n').forEach((line, index) => {
      const separator = index === 0 ? '\n\n' : '\n'
      const lineHtml = markdownToHtml(line)
      if (lineHtml.length <= limit) units.push({ html: lineHtml, separator })
      else units.push(...cutWords(line, limit, separator))
    })
  }
  return units
}

/**
 * Light markdown as Telegram HTML messages, each at most `limit` characters, split where a paragraph ends when
 * possible. Empty text gives no message.
 */
export function splitForTelegram(markdown: string, limit = telegramTextLimit): string[] {
  const chunks: string[] = []
  let current = ''
  for (const unit of toUnits(markdown, limit)) {
    if (!current) {
      current = unit.html
    } else if (current.length + unit.separator.length + unit.html.length <= limit) {
      current += unit.separator + unit.html
    } else {
      chunks.push(current)
      current = unit.html
    }
  }
  if (current) chunks.push(current)
  return chunks
}

/**
 * The callback data of a confirm/reject button: "c:<token>" or "r:<token>"; null when it would not fit
 * Telegram's 64 bytes.
 */
export function encodeCallbackData(action: ButtonAction): string | null {
  const data = `${action.kind === 'confirm' ? 'c' : 'r'}:${action.token}`
  return Buffer.byteLength(data) <= callbackDataLimit ? data : null
}

/** The button action in callback data, or null when the data is not one of ours. */
export function decodeCallbackData(data: string | undefined): ButtonAction | null {
  const match = /^([cr]):(.+)$/s.exec(data ?? '')
  if (!match?.[1] || !match[2]) return null
  return { kind: match[1] === 'c' ? 'confirm' : 'reject', token: match[2] }
}

function inlineKeyboard(reply: Reply): TelegramReplyMarkup | undefined {
  const actionRow: InlineButton[] = []
  const linkRows: InlineButton[][] = []
  for (const button of reply.buttons ?? []) {
    if ('url' in button.action) {
      linkRows.push([{ text: button.label, url: button.action.url }])
      continue
    }
    const data = encodeCallbackData(button.action)
    if (data) actionRow.push({ text: button.label, callback_data: data })
  }
  const rows = actionRow.length > 0 ? [actionRow, ...linkRows] : linkRows
  return rows.length > 0 ? { inline_keyboard: rows } : undefined
}

/** A Reply as the `sendMessage` calls that show it, in order. */
export function renderReply(reply: Reply, options: RenderOptions = {}): TelegramMessage[] {
  const parts = splitForTelegram(reply.text, options.limit ?? telegramTextLimit)
  if (parts.length === 0) return []
  let markup = inlineKeyboard(reply)
  if (!markup && reply.requestContact) {
    markup = {
      keyboard: [[{ text: options.contactButtonLabel ?? '📱 Bagikan nomor HP', request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    }
  }
  markup ??= options.fallbackMarkup
  const messages: TelegramMessage[] = parts.map((text) => ({ text }))
  const last = messages[messages.length - 1]
  if (last && markup) last.reply_markup = markup
  return messages
}
