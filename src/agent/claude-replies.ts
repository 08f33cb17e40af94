/**
 * Turns the end of Claude's turn into what the customer sees, so that no reply contradicts what happened:
 *
 * - When the turn staged a write (a cancel or address change waiting for the button), the customer gets the
 *   tool's own confirmation text with its buttons: the model's wording of it is dropped, so "sudah saya
 *   batalkan" can never appear over a button that has not been pressed. When the model also answered something
 *   else in the turn (another tool's question), its sentences stay, except any that speaks of the staged order
 *   or of cancelling or changing an address.
 * - An empty answer, a refusal or the tool-round limit still shows a staged write instead of a bare apology.
 * - Otherwise the model's text is the answer, with the buttons other tools produced.
 */
import type { Reply, ReplyButton } from '../core/types.ts'
import { customerOrderNumber, findOrderNumbers } from '../services/order-number.ts'
import type { ToolInvocation } from './types.ts'

// Words that speak of the write itself, in Indonesian and English ("batal", "dibatalkan", "ubah alamat", …).
const writeWords = /batal|cancel|alamat|address|ubah|diubah|ganti|diganti|change|update/i

/** The staged writes of a turn, each once (a repeated call reuses the same pending action and token). */
export function stagedWrites(invocations: readonly ToolInvocation[]): ToolInvocation[] {
  const seen = new Set<string>()
  const staged: ToolInvocation[] = []
  for (const invocation of invocations) {
    if (!invocation.staged) continue
    const key = JSON.stringify(invocation.reply.buttons ?? invocation.reply.text)
    if (seen.has(key)) continue
    seen.add(key)
    staged.push(invocation)
  }
  return staged
}

/** Sentences of `text`, with line breaks kept as their own boundaries. */
function sentences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(/(?<=[.!?])\s+/))
    .map((part) => part.trim())
}

/** `text` without any sentence about the staged orders or about a write; '' when nothing else is left. */
export function withoutWriteClaims(text: string, orderNumbers: readonly string[]): string {
  const orders = new Set(orderNumbers)
  const kept = sentences(text).filter((sentence) => {
    if (sentence === '') return true
    if (writeWords.test(sentence)) return false
    // The staged orders are known numbers: "5001" written bare by the model is about one of them too.
    return !findOrderNumbers(sentence, orders).some((number) => orders.has(number))
  })
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Every button the tools produced this turn, first occurrence kept. */
export function collectButtons(invocations: readonly ToolInvocation[]): ReplyButton[] {
  const seen = new Set<string>()
  const buttons: ReplyButton[] = []
  for (const button of invocations.flatMap((invocation) => invocation.reply.buttons ?? [])) {
    const key = JSON.stringify(button.action)
    if (seen.has(key)) continue
    seen.add(key)
    buttons.push(button)
  }
  return buttons
}

function orderNumberOf(invocation: ToolInvocation): string[] {
  const raw = (invocation.input as { orderNumber?: unknown } | null)?.orderNumber
  const number = typeof raw === 'string' ? customerOrderNumber(raw) : null
  return number ? [number] : []
}

/**
 * The replies for a turn that staged writes: the model's other sentences (if the turn did more than stage), then
 * each staged write's own confirmation with its buttons.
 */
export function stagedReplies(modelText: string, invocations: readonly ToolInvocation[]): Reply[] {
  const staged = stagedWrites(invocations)
  const didMore = invocations.some((invocation) => !invocation.staged && invocation.ok)
  const other = didMore ? withoutWriteClaims(modelText, staged.flatMap(orderNumberOf)) : ''
  const replies: Reply[] = other ? [{ text: other }] : []
  for (const invocation of staged) replies.push({ ...invocation.reply })
  return replies
}

/** The replies for a turn the model answered in words (no staged write). */
export function textReplies(modelText: string, invocations: readonly ToolInvocation[]): Reply[] {
  const reply: Reply = { text: modelText }
  const buttons = collectButtons(invocations)
  if (buttons.length > 0) reply.buttons = buttons
  if (invocations.some((invocation) => invocation.reply.requestContact)) reply.requestContact = true
  return [reply]
}
