import { describe, expect, it } from 'vitest'
import { parseWibDateTime } from '../../../src/gateways/wib-time.ts'

describe('parseWibDateTime', () => {
  it.each([
    ['2025-11-21 10:00:00', '2025-11-21T03:00:00.000Z'],
    ['2025-11-21T10:00:00', '2025-11-21T03:00:00.000Z'],
    ['2025-11-21 10:00', '2025-11-21T03:00:00.000Z'],
    // Early morning in Jakarta is still the previous day in UTC.
    ['2025-11-21 05:30:15', '2025-11-20T22:30:15.000Z'],
    ['2025-11-21', '2025-11-20T17:00:00.000Z'],
    ['2024-02-29 23:59:59', '2024-02-29T16:59:59.000Z'],
    // A time that names its zone is taken as written.
    ['2025-11-21 10:00:00+07:00', '2025-11-21T03:00:00.000Z'],
    ['2025-11-21T03:00:00Z', '2025-11-21T03:00:00.000Z'],
  ])('%j → %s', (text, iso) => {
    expect(parseWibDateTime(text)?.toISOString()).toBe(iso)
  })

  it.each([
    '',
    'yesterday',
    '21-11-2025 10:00',
    '2025-02-30 10:00:00',
    '2025-11-21 24:00:00',
    '2025-13-01',
    '2025-11-21 10:61',
  ])('rejects %j', (text) => {
    expect(parseWibDateTime(text)).toBeUndefined()
  })
})
