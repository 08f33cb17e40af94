/**
 * Fits a conversation's earlier turns into a token budget for the model: the newest turns are kept, the result
 * always starts with a user turn (the Messages API requires it) and never has two turns of the same role in a
 * row. Tokens are estimated at about four characters each; the budget is a guard, not an exact count.
 */
import type { AgentTurn } from './types.ts'

const charsPerToken = 4

/** Rough token count of a text: `estimateTokens('halo kak')` → 2. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / charsPerToken)
}

/** Drops empty turns and joins consecutive turns of the same role into one (texts separated by a blank line). */
export function mergeTurns(turns: readonly AgentTurn[]): AgentTurn[] {
  const merged: AgentTurn[] = []
  for (const turn of turns) {
    const text = turn.text.trim()
    if (text === '') continue
    const last = merged.at(-1)
    if (last && last.role === turn.role) last.text = `${last.text}\n\n${text}`
    else merged.push({ role: turn.role, text })
  }
  return merged
}

/**
 * The newest turns whose estimated tokens fit in `maxTokens`, oldest first, starting with a user turn.
 * A turn that does not fit ends the walk back in time, so no gap is ever left in the middle.
 */
export function trimHistory(turns: readonly AgentTurn[], maxTokens: number): AgentTurn[] {
  const merged = mergeTurns(turns)
  let budget = maxTokens
  let start = merged.length
  while (start > 0) {
    const cost = estimateTokens(merged[start - 1]!.text)
    if (cost > budget) break
    budget -= cost
    start--
  }
  const kept = merged.slice(start)
  while (kept.length > 0 && kept[0]!.role !== 'user') kept.shift()
  return kept
}
