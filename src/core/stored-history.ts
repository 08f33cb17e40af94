/**
 * What the core reads back from a conversation's stored messages: the turns the agent gets (without verification
 * exchanges), how often in a row the agent gave up, and the customer's previous request (write-requests.ts).
 */
import type { AgentState, AgentTurn } from '../agent/types.ts'
import type { IntakeResult } from '../services/conversation-store.ts'
import { parseVerificationCommand } from './verification.ts'
import type { EarlierRequest } from './write-requests.ts'

/** Stored with each assistant message; `gaveUpStreak` counts the agent's give-ups in a row (recorded only). */
export interface AssistantContent {
  tools?: { name: string; ok: boolean; errorCode?: string }[]
  buttons?: string[]
  /** The answer offered confirm/reject buttons (a staged write). */
  confirms?: boolean
  gaveUpStreak?: number
  limitedMode?: boolean
  kind?: string
  /** What the agent kept for the next message (its pending question). */
  agentState?: AgentState
}

type HistoryRow = IntakeResult['history'][number]

/**
 * The history without verification exchanges: a verification command ("verifikasi ORD-… 7890") carries the
 * last digits of a phone number, and neither it nor the core's answer to it (nor a shared contact) is any of the
 * model's business.
 */
function withoutVerification(rows: readonly HistoryRow[]): HistoryRow[] {
  const dropped = new Set<number>()
  rows.forEach((row, i) => {
    const kind = (row.content as AssistantContent | null)?.kind
    if (row.role === 'assistant' && (kind === 'verification' || kind === 'contact')) {
      dropped.add(i)
      if (rows[i - 1]?.role === 'user') dropped.add(i - 1)
    }
    if (row.role === 'user' && parseVerificationCommand(row.text)) dropped.add(i)
  })
  return rows.filter((_, i) => !dropped.has(i))
}

/** The stored history as the agent gets it, with the give-up streak and the customer's previous request. */
export function historyOf(intake: IntakeResult): {
  turns: AgentTurn[]
  gaveUpStreak: number
  earlierRequest: EarlierRequest | null
  agentState: AgentState | undefined
} {
  const lastAssistant = intake.history.findLast((row) => row.role === 'assistant')
  const streak = (lastAssistant?.content as AssistantContent | null)?.gaveUpStreak
  const agentState = (lastAssistant?.content as AssistantContent | null)?.agentState
  const rows = withoutVerification(intake.history)
  const turns = rows.map((row): AgentTurn => ({ role: row.role === 'user' ? 'user' : 'assistant', text: row.text }))
  // The customer's previous message and whether its answer already offered confirm buttons.
  const lastUser = rows.findLastIndex((row) => row.role === 'user')
  const answer = rows.slice(lastUser + 1).find((row) => row.role === 'assistant')
  const earlierRequest =
    lastUser >= 0
      ? {
          text: rows[lastUser]!.text,
          answeredWithButtons: (answer?.content as AssistantContent | null)?.confirms === true,
        }
      : null
  return { turns, gaveUpStreak: typeof streak === 'number' ? streak : 0, earlierRequest, agentState }
}
