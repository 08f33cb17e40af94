import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { projectPath } from '../../../src/project-root.ts'
import { describeProblem, parseKnowledgeFile } from '../../../src/services/knowledge/parse.ts'

const templates = projectPath('docs', 'knowledge')
const templateFiles = readdirSync(templates).filter((name) => name.endsWith('.md') && name !== 'README.md')
/** A template as an owner fills it: every "[…]" replaced by its own words. */
const filled = (text: string) => text.replace(/\[([^\]\n]+)\](?!\()/g, '$1')

describe('parseKnowledgeFile', () => {
  it('reads sections with titles, keywords, both languages and bank accounts', () => {
    const parsed = parseKnowledgeFile(
      [
        '# Pembayaran',
        '## Rekening bank / Bank accounts {#bank-accounts}',
        'Kata kunci: rekening, bank account',
        '',
        '- BCA 123 456 7890 a.n. PT Contoh Jaya',
        '- Bank Mandiri: 140-00-1234567-8 atas nama Budi Santoso',
        '',
        '**English:** BCA 1234567890, account name PT Contoh Jaya. See [our site](https://contoh.id).',
      ].join('\n'),
      'payment.md',
    )
    expect(parsed.problems).toEqual([])
    expect(parsed.sections).toEqual([
      {
        id: 'bank-accounts',
        title: { id: 'Rekening bank', en: 'Bank accounts' },
        keywords: ['rekening', 'bank account'],
        text: {
          id: '- BCA 123 456 7890 a.n. PT Contoh Jaya\n- Bank Mandiri: 140-00-1234567-8 atas nama Budi Santoso',
          en: 'BCA 1234567890, account name PT Contoh Jaya. See [our site](https://contoh.id).',
        },
      },
    ])
    expect(parsed.bankAccounts).toEqual([
      { bank: 'BCA', number: '1234567890', holder: 'PT Contoh Jaya' },
      { bank: 'Bank Mandiri', number: '1400012345678', holder: 'Budi Santoso' },
    ])
  })

  it.each([
    ['no section', '# Judul saja\nTeks tanpa bagian.', /^x\.md: has no sections/],
    [
      'a bad id',
      '## Jam / Hours {#Jam Buka}\nBuka 9-5.',
      /^x\.md, section "Jam \/ Hours \{#Jam Buka\}", line 1: the id/,
    ],
    ['no Indonesian text', '## Jam / Hours {#hours}\n**English:** 9 to 5.', /line 1: has no Indonesian text/],
    [
      'a repeated id',
      '## A {#a}\nsatu\n## B {#a}\ndua',
      /section "B", line 3: has the same id "a" as the section on line 1/,
    ],
    [
      'a bank account without number',
      '## Rekening {#bank-accounts}\n- BCA nomor menyusul a.n. Toko',
      /section "Rekening", line 2: a bank account is written "- BANK NUMBER a\.n\. HOLDER"/,
    ],
    ['no bank account at all', '## Rekening {#bank-accounts}\nHubungi kami.', /line 1: names no bank account/],
    [
      'a template placeholder',
      '## Jam / Hours {#hours}\nBuka [Senin–Sabtu 09.00–17.00].',
      /section "Jam \/ Hours", line 2: still holds the template's placeholder \[Senin–Sabtu/,
    ],
  ])('names the file, section and line of %s', (_name, text, message) => {
    const { problems } = parseKnowledgeFile(text, 'x.md')
    expect(problems.map(describeProblem).join('\n')).toMatch(message)
  })
})

describe('the templates in docs/knowledge', () => {
  it('are refused as copied, so their placeholders never reach a customer', () => {
    expect(templateFiles.length).toBeGreaterThanOrEqual(4)
    for (const name of templateFiles) {
      const { problems } = parseKnowledgeFile(readFileSync(`${templates}/${name}`, 'utf8'), name)
      expect(problems.length, name).toBeGreaterThan(0)
      expect(
        problems.every((p) => p.message.includes('placeholder')),
        name,
      ).toBe(true)
    }
  })

  it('are good once filled in, with the ids the agents point questions at', () => {
    const ids: string[] = []
    for (const name of templateFiles) {
      const parsed = parseKnowledgeFile(filled(readFileSync(`${templates}/${name}`, 'utf8')), name)
      expect(parsed.problems, name).toEqual([])
      ids.push(...parsed.sections.map((s) => s.id))
      for (const section of parsed.sections) expect(section.text.en, `${name} ${section.id}`).not.toBe(section.text.id)
      if (name === 'payment.md') expect(parsed.bankAccounts?.map((a) => a.bank)).toEqual(['BCA', 'Mandiri'])
    }
    expect(ids.sort()).toEqual(
      [
        'bank-accounts',
        'contact',
        'couriers',
        'hours',
        'payment-methods',
        'returns',
        'shipping-cost',
        'shipping-times',
      ].sort(),
    )
  })

  it("the demo's FAQ is a good knowledge file naming the demo's accounts", () => {
    const parsed = parseKnowledgeFile(readFileSync(projectPath('knowledge', 'faq.md'), 'utf8'), 'faq.md')
    expect(parsed.problems).toEqual([])
    expect(parsed.bankAccounts).toEqual([
      { bank: 'BCA', number: '1234567890', holder: 'PT UrbanStyle Indonesia' },
      { bank: 'Mandiri', number: '1400012345678', holder: 'PT UrbanStyle Indonesia' },
    ])
  })
})
