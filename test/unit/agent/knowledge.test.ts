import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createKnowledgeBase,
  defaultKnowledgePath,
  loadKnowledgeBase,
  parseKnowledge,
} from '../../../src/agent/knowledge.ts'

const kb = loadKnowledgeBase()
const section = (id: string) => {
  const found = kb.sections.find((s) => s.id === id)
  if (!found) throw new Error(`no section ${id}`)
  return found
}

describe('knowledge/faq.md', () => {
  it('has every section the agents rely on, each in Indonesian and English', () => {
    expect(kb.sections.map((s) => s.id)).toEqual([
      'shipping-times',
      'shipping-cost',
      'couriers',
      'returns',
      'payment-methods',
      'bank-accounts',
      'size-guide',
      'hours',
      'contact',
      'verification',
    ])
    for (const s of kb.sections) {
      expect(s.title.id, s.id).not.toBe('')
      expect(s.title.en, s.id).not.toBe(s.title.id)
      expect(s.text.id.length, s.id).toBeGreaterThan(50)
      expect(s.text.en.length, s.id).toBeGreaterThan(50)
      expect(s.text.en, s.id).not.toBe(s.text.id)
      expect(s.text.en, s.id).not.toContain('**English:**')
      expect(s.keywords.length, s.id).toBeGreaterThan(5)
    }
  })

  it.each([
    ['shipping-times', ['Jabodetabek: 1–2 hari', 'Pulau Jawa: 2–4 hari', 'Luar Pulau Jawa: 3–7 hari']],
    ['shipping-cost', ['Rp10.000', 'Rp300.000']],
    ['couriers', ['JNE', 'J&T', 'SiCepat', 'AnterAja', 'TIKI', 'POS']],
    ['returns', ['7 hari setelah diterima', 'label', 'belum dipakai']],
    [
      'payment-methods',
      ['Transfer Bank', 'BCA 1234567890', 'Mandiri 1400012345678', 'GoPay', 'OVO', 'ShopeePay', 'Kartu Kredit', 'COD'],
    ],
    [
      'size-guide',
      ['Kaos Basic Crewneck', 'XL', 'Celana Chino', '33', 'Dress Midi Floral', 'Jaket Denim', 'Kemeja Linen'],
    ],
    ['bank-accounts', ['BCA 1234567890 a.n. PT UrbanStyle Indonesia', 'Mandiri 1400012345678']],
    ['hours', ['setiap hari pukul 08.00–21.00 WIB']],
    ['contact', ['cs@urbanstyle.id', 'WhatsApp']],
    ['verification', ['verifikasi ORD-2025-001 7890', 'Bagikan Kontak']],
  ])('%s states the shop facts', (id, facts) => {
    for (const fact of facts) expect(section(id).text.id).toContain(fact)
  })

  it('says the same facts in English', () => {
    expect(section('payment-methods').text.en).toMatch(/GoPay, OVO, ShopeePay[\s\S]*COD/)
    expect(section('shipping-cost').text.en).toContain('Rp300.000')
    expect(section('returns').text.en).toContain('7 days of delivery')
    expect(section('verification').text.en).toContain('verify ORD-2025-001 7890')
  })

  it('gives the whole Markdown for a system prompt', () => {
    expect(kb.asPromptText()).toBe(readFileSync(defaultKnowledgePath, 'utf8'))
  })
})

describe('search', () => {
  it.each([
    ['Metode pembayaran apa saja yang tersedia?', 'payment-methods'],
    ['bisa bayar pakai ovo?', 'payment-methods'],
    ['What payment methods do you accept?', 'payment-methods'],
    ['ongkir brp kak?', 'shipping-cost'],
    ['free shipping minimum?', 'shipping-cost'],
    ['berapa lama kirim ke luar jawa?', 'shipping-times'],
    ['how many days to deliver to Surabaya?', 'shipping-times'],
    ['pakai ekspedisi apa?', 'couriers'],
    ['barang rusak bisa dikembalikan?', 'returns'],
    ['can I exchange for a bigger size?', 'returns'],
    ['size chart kemeja', 'size-guide'],
    ['lingkar pinggang celana 32 berapa cm?', 'size-guide'],
    ['jam buka toko?', 'hours'],
    ['are you open on sunday?', 'hours'],
    ['nomor whatsapp cs', 'contact'],
    ['what is your email?', 'contact'],
    ['kenapa harus verifikasi?', 'verification'],
    ['how do I verify my account?', 'verification'],
  ])('%j → %s', (query, id) => {
    expect(kb.search(query, 'id')?.section.id).toBe(id)
  })

  it.each(['saya suka warna merah', 'asdfgh', '', 'halo kak', 'the weather is nice'])('%j → nothing', (query) => {
    expect(kb.search(query, 'id')).toBeNull()
  })

  it('answers in the asked locale', () => {
    const id = kb.search('metode pembayaran', 'id')
    const en = kb.search('metode pembayaran', 'en')
    expect(id?.title).toBe('Metode pembayaran')
    expect(id?.text).toContain('Kartu Kredit')
    expect(en?.title).toBe('Payment methods')
    expect(en?.text).toContain('Credit Card')
    expect(en?.score).toBeGreaterThan(0)
  })

  it('finds a section by id, or nothing', () => {
    expect(kb.get('hours', 'en')?.text).toContain('08.00 to 21.00 WIB')
    expect(kb.get('nope', 'id')).toBeNull()
  })
})

describe('parseKnowledge', () => {
  it('reads titles, anchors, keywords and the two languages', () => {
    const sections = parseKnowledge(
      [
        '# FAQ',
        'intro text outside any section',
        '## Garansi / Warranty {#warranty}',
        'Kata kunci: garansi, rusak, warranty',
        '',
        'Garansi 30 hari.',
        '',
        '**English:** 30-day warranty.',
        'Second English line.',
        '## Promo Bulanan',
        'Keywords: promo, diskon',
        'Ada promo setiap bulan.',
      ].join('\n'),
    )
    expect(sections).toEqual([
      {
        id: 'warranty',
        title: { id: 'Garansi', en: 'Warranty' },
        keywords: ['garansi', 'rusak', 'warranty'],
        text: { id: 'Garansi 30 hari.', en: '30-day warranty.\nSecond English line.' },
      },
      {
        id: 'promo-bulanan',
        title: { id: 'Promo Bulanan', en: 'Promo Bulanan' },
        keywords: ['promo', 'diskon'],
        text: { id: 'Ada promo setiap bulan.', en: 'Ada promo setiap bulan.' },
      },
    ])
  })

  it('searches a knowledge base built from text', () => {
    const small = createKnowledgeBase('## Garansi / Warranty {#warranty}\nKata kunci: garansi\n\nGaransi 30 hari.')
    expect(small.search('ada garansinya?', 'en')?.text).toBe('Garansi 30 hari.')
    expect(small.search('jam buka', 'id')).toBeNull()
  })
})

describe('loadKnowledgeBase', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layan-kb-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('loads another file', () => {
    const path = join(dir, 'faq.md')
    writeFileSync(path, '## Garansi {#warranty}\nKata kunci: garansi\n\nGaransi 30 hari.\n')
    expect(loadKnowledgeBase(path).sections.map((s) => s.id)).toEqual(['warranty'])
  })

  it('refuses a file without sections, and a missing file', () => {
    const path = join(dir, 'empty.md')
    writeFileSync(path, '# Only a title\n')
    expect(() => loadKnowledgeBase(path)).toThrow(/no FAQ sections/)
    expect(() => loadKnowledgeBase(join(dir, 'missing.md'))).toThrow()
  })
})
