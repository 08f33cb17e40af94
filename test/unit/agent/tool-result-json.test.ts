import { describe, expect, it } from 'vitest'
import { toolResultJson, toWib } from '../../../src/agent/tool-result-json.ts'

describe('tool results for the model', () => {
  it('writes UTC timestamps in WIB with their offset, across midnight', () => {
    expect(toWib('2025-11-20T08:30:00.000Z')).toBe('2025-11-20T15:30:00+07:00')
    expect(toWib('2025-11-25T20:00:00Z')).toBe('2025-11-26T03:00:00+07:00')
    expect(toWib('2025-11-20')).toBe('2025-11-20')
    expect(toWib('ORD-2025-001')).toBe('ORD-2025-001')
  })

  it('converts every timestamp deep inside a result and leaves the rest as it was', () => {
    const json = toolResultJson({
      ok: true,
      data: {
        paidAt: '2025-11-20T08:30:00.000Z',
        events: [{ occurredAt: '2025-11-21T01:00:00.000Z' }],
        amount: 150000,
      },
    })
    expect(JSON.parse(json)).toEqual({
      ok: true,
      data: {
        paidAt: '2025-11-20T15:30:00+07:00',
        events: [{ occurredAt: '2025-11-21T08:00:00+07:00' }],
        amount: 150000,
      },
    })
    expect(toolResultJson(undefined)).toBe('null')
  })
})
