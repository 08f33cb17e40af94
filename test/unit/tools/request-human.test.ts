import { describe, expect, it } from 'vitest'
import { type RequestHumanData, requestHuman } from '../../../tools/request-human.ts'
import type { ToolResult } from '../../../tools/types.ts'

describe('request_human render', () => {
  const handedOff: ToolResult<RequestHumanData> = { ok: true, data: { reason: 'wants a person', staffAvailable: true } }

  it('tells the customer a person will answer (id and en)', () => {
    expect(requestHuman.render(handedOff, 'id').text).toContain('tim CS kami')
    expect(requestHuman.render(handedOff, 'id').text).toContain('membalas')
    expect(requestHuman.render(handedOff, 'en').text).toContain('A staff member will reply')
  })

  it('says honestly when no staff channel can answer (id and en)', () => {
    const noStaff: ToolResult<RequestHumanData> = { ok: true, data: { reason: 'x', staffAvailable: false } }
    expect(requestHuman.render(noStaff, 'id').text).toContain('belum ada staf')
    expect(requestHuman.render(noStaff, 'en').text).toContain('no staff member')
  })

  it('does not echo the reason to the customer', () => {
    expect(requestHuman.render(handedOff, 'id').text).not.toContain('wants a person')
  })

  it('falls back to the shared error replies', () => {
    const bad: ToolResult<RequestHumanData> = { ok: false, error: { code: 'internal_error', message: '' } }
    expect(requestHuman.render(bad, 'id').text).toContain('Maaf')
    expect(requestHuman.render(bad, 'en').text).toContain('Sorry')
  })
})
