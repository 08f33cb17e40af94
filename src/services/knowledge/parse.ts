/**
 * The shop's knowledge files (FAQ, policies, hours, contacts, bank accounts) read into sections, with every
 * mistake named by file, section and line, so a shop owner can fix a file without reading code.
 *
 * A file is Markdown; each topic is one section:
 * ```md
 * ## Judul / Title {#section-id}
 * Kata kunci: kata, frasa dua kata, keyword
 *
 * Teks dalam bahasa Indonesia...
 *
 * **English:** The same in English...
 * ```
 * The section `{#bank-accounts}` also says which accounts a bank transfer goes to, one list line each in its
 * Indonesian part: `- BCA 1234567890 a.n. PT Contoh Jaya` (the payment instructions quote exactly these).
 */

/** One of the shop's bank accounts, as the payment instructions show it. */
export interface BankAccount {
  bank: string
  number: string
  holder: string
}

export interface KnowledgeSection {
  /** The `{#id}` anchor of the heading, else a slug of its title. */
  id: string
  title: { id: string; en: string }
  keywords: string[]
  text: { id: string; en: string }
}

/** A mistake in a knowledge file. */
export interface KnowledgeProblem {
  file: string
  /** The section's heading as written, when the mistake is inside one. */
  section?: string
  line?: number
  message: string
}

export interface ParsedKnowledgeFile {
  sections: KnowledgeSection[]
  /** The accounts of its `{#bank-accounts}` section; null when it has none. */
  bankAccounts: BankAccount[] | null
  problems: KnowledgeProblem[]
}

/** The section whose list lines are the shop's bank accounts. */
export const bankAccountsSectionId = 'bank-accounts'

/** Larger than any FAQ a person writes; a bigger file is a mistake (a log, a binary) and is refused. */
export const maxKnowledgeFileBytes = 256 * 1024

const headingPattern = /^##\s+(.+?)(?:\s*\{#([a-z0-9][a-z0-9-]*)\})?\s*$/
const keywordPattern = /^(?:kata kunci|keywords):\s*(.*)$/i
const englishMarker = /^\*\*English:\*\*\s*/
// "[Senin–Sabtu pukul 09.00–17.00 WIB]" left from a template (docs/knowledge/); a Markdown link "[text](url)" is fine.
const placeholderPattern = /\[[^\]\n]+\](?!\()/
// "- BCA 1234567890 a.n. PT Contoh Jaya", "- Bank Mandiri: 140-00-1234567-8 atas nama Budi"
const accountPattern = /^[-*]\s+(.+?):?\s+(\d[\d .-]*\d)\s+(?:a\.\s?n\.?|a\/n|atas nama)\s+(.+?)\s*$/i

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

interface Draft {
  heading: string
  line: number
  anchor?: string
  keywords: string[]
  id: { text: string; line: number }[]
  en: string[]
}

/** "payment.md, section "Rekening bank / Bank accounts", line 14: …" */
export function describeProblem(problem: KnowledgeProblem): string {
  const where = [
    problem.file,
    ...(problem.section ? [`section "${problem.section}"`] : []),
    ...(problem.line ? [`line ${problem.line}`] : []),
  ]
  return `${where.join(', ')}: ${problem.message}`
}

function accountsOf(draft: Draft, file: string, problems: KnowledgeProblem[]): BankAccount[] {
  const accounts: BankAccount[] = []
  for (const { text, line } of draft.id) {
    if (!/^[-*]\s/.test(text)) continue
    const match = accountPattern.exec(text)
    const digits = match?.[2]?.replace(/\D/g, '') ?? ''
    if (!match || digits.length < 5 || digits.length > 20) {
      problems.push({
        file,
        section: draft.heading,
        line,
        message: `a bank account is written "- BANK NUMBER a.n. HOLDER" (e.g. "- BCA 1234567890 a.n. PT Contoh Jaya"), not "${text.slice(0, 80)}"`,
      })
      continue
    }
    accounts.push({ bank: match[1]!.trim(), number: digits, holder: match[3]! })
  }
  if (accounts.length === 0 && !problems.some((p) => p.section === draft.heading)) {
    problems.push({
      file,
      section: draft.heading,
      line: draft.line,
      message: 'names no bank account: add one list line per account, e.g. "- BCA 1234567890 a.n. PT Contoh Jaya"',
    })
  }
  return accounts
}

/**
 * Sections of one knowledge file, its bank accounts, and its mistakes (an empty list means the file is good).
 * `file` names the file in the problems.
 */
export function parseKnowledgeFile(markdown: string, file = 'knowledge'): ParsedKnowledgeFile {
  const problems: KnowledgeProblem[] = []
  const sections: KnowledgeSection[] = []
  let bankAccounts: BankAccount[] | null = null
  const drafts: Draft[] = []
  let current: Draft | null = null
  let inEnglish = false
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((line, i) => {
    const lineNumber = i + 1
    const placeholder = placeholderPattern.exec(line)
    if (placeholder) {
      problems.push({
        file,
        ...(current ? { section: (current as Draft).heading } : {}),
        line: lineNumber,
        message: `still holds the template's placeholder ${placeholder[0].slice(0, 60)}: write your shop's own words there`,
      })
    }
    if (/^##\s/.test(line)) {
      const heading = headingPattern.exec(line)
      const title = heading?.[1] ?? ''
      if (!heading || title.includes('{#')) {
        problems.push({
          file,
          section: line.slice(3).trim(),
          line: lineNumber,
          message: 'the id in {#…} may hold only a-z, 0-9 and - (e.g. {#return-policy})',
        })
      }
      current = { heading: title.replace(/\s*\{#.*$/, '').trim(), line: lineNumber, keywords: [], id: [], en: [] }
      if (heading?.[2]) current.anchor = heading[2]
      drafts.push(current)
      inEnglish = false
      return
    }
    if (!current) return
    const draft: Draft = current
    const keywords = keywordPattern.exec(line)
    if (keywords && !inEnglish) {
      draft.keywords.push(
        ...keywords[1]!
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      return
    }
    if (englishMarker.test(line)) {
      inEnglish = true
      draft.en.push(line.replace(englishMarker, ''))
      return
    }
    if (inEnglish) draft.en.push(line)
    else draft.id.push({ text: line, line: lineNumber })
  })

  if (drafts.length === 0) {
    problems.push({
      file,
      message: 'has no sections: each topic starts with a line like "## Judul / Title {#topic-id}"',
    })
  }
  const seen = new Map<string, number>()
  for (const draft of drafts) {
    const [titleId, titleEn] = draft.heading.split(' / ').map((s) => s.trim())
    const textId = draft.id
      .map((l) => l.text)
      .join('\n')
      .trim()
    const textEn = draft.en.join('\n').trim()
    const id = draft.anchor ?? slug(titleEn || titleId || '')
    if (!titleId) problems.push({ file, line: draft.line, message: 'a section heading has no title' })
    if (!textId) {
      problems.push({
        file,
        section: draft.heading,
        line: draft.line,
        message: 'has no Indonesian text (write it under the heading, before **English:**)',
      })
    }
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      problems.push({
        file,
        section: draft.heading,
        line: draft.line,
        message: `has the same id "${id}" as the section on line ${earlier}: give one of them another {#id}`,
      })
    }
    seen.set(id, draft.line)
    if (id === bankAccountsSectionId) bankAccounts = accountsOf(draft, file, problems)
    sections.push({
      id,
      title: { id: titleId ?? '', en: titleEn || titleId || '' },
      keywords: draft.keywords,
      text: { id: textId, en: textEn || textId },
    })
  }
  return { sections, bankAccounts, problems }
}
