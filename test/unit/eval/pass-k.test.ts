import { describe, expect, it } from 'vitest'
import { passHatK } from '../../../eval/pass-k.ts'

describe('pass^k (τ-bench)', () => {
  it('is the success rate for k = 1 and the chance that k trials all pass otherwise', () => {
    expect(passHatK(4, 3, 1)).toBe(0.75)
    expect(passHatK(4, 4, 4)).toBe(1)
    expect(passHatK(4, 3, 4)).toBe(0)
    // Of 8 trials with 6 passes, two drawn at random both pass with chance C(6,2)/C(8,2) = 15/28.
    expect(passHatK(8, 6, 2)).toBeCloseTo(15 / 28)
    expect(() => passHatK(2, 2, 3)).toThrow(/at least 3 trials/)
  })
})
