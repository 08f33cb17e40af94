import { describe, expect, it } from 'vitest'
import { buildSystemPrompt, buildTurnContext } from '../../../src/agent/prompt.ts'

const knowledgeText = '## Pengembalian\nBarang bisa dikembalikan dalam 7 hari setelah diterima.'

describe('buildSystemPrompt', () => {
  const sections = buildSystemPrompt({ shopName: 'UrbanStyle ID', knowledgeText })
  const [policy = '', knowledge = ''] = sections

  it('has the rules first and the knowledge base last', () => {
    expect(sections).toHaveLength(2)
    expect(policy).toContain('UrbanStyle ID')
    expect(knowledge).toContain('Barang bisa dikembalikan dalam 7 hari setelah diterima.')
    expect(knowledge.indexOf('## Pengembalian')).toBeGreaterThan(0)
  })

  it('states the shop policies', () => {
    // language: Indonesian first, the customer's language otherwise
    expect(policy).toMatch(/customer's language/)
    expect(policy).toMatch(/Indonesian is the default/)
    // never invent order data
    expect(policy).toMatch(/Never invent/)
    expect(policy).toMatch(/only what a tool returned/)
    // verification and one customer per conversation
    expect(policy).toMatch(/verification_required/)
    expect(policy).toMatch(/One customer per conversation/)
    // confirmation by button, never claim the change happened
    expect(policy).toMatch(/cancel_order/)
    expect(policy).toMatch(/button/)
    expect(policy).toMatch(/Never say that an order was cancelled/)
    // shipped or delivered: no cancel; a return through request_return, asked for what is missing
    expect(policy).toMatch(/SHIPPED or DELIVERED cannot be cancelled/)
    expect(policy).toMatch(/request_human/)
    expect(policy).toMatch(/request_return/)
    expect(policy).toMatch(/Ask first for what is missing/)
    expect(policy).toMatch(/Never promise a refund, an exchange/)
    // Rupiah format
    expect(policy).toContain('Rp150.000')
    expect(policy).toMatch(/short/i)
  })

  it('leaves the knowledge section out when there is none', () => {
    expect(buildSystemPrompt({ shopName: 'Toko Uji', knowledgeText: '  \n' })).toHaveLength(1)
  })

  it('is the same for every customer (cacheable)', () => {
    expect(buildSystemPrompt({ shopName: 'UrbanStyle ID', knowledgeText })).toEqual(sections)
  })
})

describe('buildTurnContext', () => {
  it('tells whether the sender is verified and the order last talked about', () => {
    const note = buildTurnContext({
      verified: true,
      locale: 'id',
      lastOrderNumber: 'ORD-2025-001',
      now: new Date('2026-12-07T07:05:00Z'),
    })
    expect(note).toMatch(/not written by the customer/)
    expect(note).toMatch(/verified customer/)
    expect(note).toContain('ORD-2025-001')
    expect(note).toContain('Indonesian')
  })

  it('says an unverified sender will get verification_required, and leaves out a missing order', () => {
    const note = buildTurnContext({ verified: false, locale: 'en', lastOrderNumber: null, now: new Date() })
    expect(note).toMatch(/not verified/)
    expect(note).toContain('English')
    expect(note).not.toMatch(/Order last talked about/)
  })

  it("tells today's date and time in WIB (UTC+7), across midnight UTC", () => {
    const note = (iso: string) =>
      buildTurnContext({ verified: true, locale: 'id', lastOrderNumber: null, now: new Date(iso) })
    expect(note('2026-12-07T07:05:00Z')).toContain('Now: Monday, 7 December 2026 at 14:05 WIB')
    // 20:30 UTC on Sunday is already Monday 03:30 in Jakarta.
    expect(note('2026-12-06T20:30:00Z')).toContain('Monday, 7 December 2026 at 03:30 WIB')
  })
})
