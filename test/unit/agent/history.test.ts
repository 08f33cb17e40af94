import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { estimateTokens, mergeTurns, trimHistory } from '../../../src/agent/history.ts'
import type { AgentTurn } from '../../../src/agent/types.ts'

const user = (text: string): AgentTurn => ({ role: 'user', text })
const assistant = (text: string): AgentTurn => ({ role: 'assistant', text })
const tokensOf = (turns: AgentTurn[]) => turns.reduce((sum, turn) => sum + estimateTokens(turn.text), 0)

describe('estimateTokens', () => {
  it('counts about four characters a token, rounding up', () => {
    expect(estimateTokens('')).toBe(0)
    expect(estimateTokens('halo')).toBe(1)
    expect(estimateTokens('halo kak')).toBe(2)
    expect(estimateTokens('x'.repeat(401))).toBe(101)
  })
})

describe('mergeTurns', () => {
  it('joins consecutive turns of the same role and drops empty ones', () => {
    expect(
      mergeTurns([user('halo'), user('  '), user('pesanan saya?'), assistant('Halo kak!'), assistant(''), user('ok')]),
    ).toEqual([user('halo\n\npesanan saya?'), assistant('Halo kak!'), user('ok')])
  })

  it('does not change the turns it is given', () => {
    const turns = [user('a'), user('b')]
    mergeTurns(turns)
    expect(turns).toEqual([user('a'), user('b')])
  })
})

describe('trimHistory', () => {
  it('keeps everything when it fits', () => {
    const turns = [user('halo'), assistant('Halo kak, ada yang bisa dibantu?'), user('cek pesanan')]
    expect(trimHistory(turns, 1000)).toEqual(turns)
  })

  it('keeps the newest turns within the budget', () => {
    const turns = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0 ? user(`u${i} ${'x'.repeat(36)}`) : assistant(`a${i} ${'y'.repeat(36)}`),
    )
    // every turn is 10 tokens; 35 tokens fit three turns, and the oldest of those is an assistant turn → dropped
    const kept = trimHistory(turns, 35)
    expect(kept.map((turn) => turn.text.slice(0, 2))).toEqual(['u8', 'a9'])
  })

  it('always starts with a user turn', () => {
    const turns = [user('a'.repeat(400)), assistant('b'.repeat(40)), user('c'.repeat(40)), assistant('d'.repeat(40))]
    const kept = trimHistory(turns, 30)
    expect(kept[0]?.role).toBe('user')
    expect(kept.map((turn) => turn.text[0])).toEqual(['c', 'd'])
  })

  it('leaves no gap: a turn too big for the budget ends the walk back', () => {
    const turns = [user('old'), assistant('z'.repeat(4000)), user('new question')]
    expect(trimHistory(turns, 100)).toEqual([user('new question')])
  })

  it('returns nothing for a zero budget or an assistant-only history', () => {
    expect(trimHistory([user('halo')], 0)).toEqual([])
    expect(trimHistory([assistant('Selamat datang di UrbanStyle ID!')], 1000)).toEqual([])
  })

  it('counts merged turns as one', () => {
    const kept = trimHistory([user('a'.repeat(40)), user('b'.repeat(40)), assistant('c'.repeat(40))], 1000)
    expect(kept).toEqual([user(`${'a'.repeat(40)}\n\n${'b'.repeat(40)}`), assistant('c'.repeat(40))])
  })

  it('for any history: within budget, starts with user, alternates, and is a suffix of the merged history', () => {
    const turn = fc.record({
      role: fc.constantFrom('user' as const, 'assistant' as const),
      text: fc.string({ maxLength: 200 }),
    })
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 40 }), fc.integer({ min: 0, max: 600 }), (turns, budget) => {
        const kept = trimHistory(turns, budget)
        expect(tokensOf(kept)).toBeLessThanOrEqual(budget)
        if (kept.length > 0) expect(kept[0]!.role).toBe('user')
        for (let i = 1; i < kept.length; i++) expect(kept[i]!.role).not.toBe(kept[i - 1]!.role)
        const merged = mergeTurns(turns)
        expect(merged.slice(merged.length - kept.length)).toEqual(kept)
      }),
    )
  })
})
