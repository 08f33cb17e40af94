/**
 * The shop's knowledge base for the agents: sections of the shop's knowledge files (src/services/knowledge) with
 * a search over them. The rule agent answers FAQ questions with the best section by keyword overlap (synonyms and
 * small typos included); the Claude agent gets the whole Markdown in its system prompt. A live knowledge base
 * follows the knowledge store, so an edited file answers the next message without a restart.
 */
import { readFileSync } from 'node:fs'
import type { Locale } from '../core/types.ts'
import { projectPath } from '../project-root.ts'
import { type KnowledgeSection, parseKnowledgeFile } from '../services/knowledge/parse.ts'
import type { KnowledgeStore } from '../services/knowledge/store.ts'
import { normalizeWords, stripSuffix, wordMatches } from './text-normalize.ts'

export type { KnowledgeSection }

export interface KnowledgeMatch {
  section: KnowledgeSection
  /** Title and text in the asked locale. */
  title: string
  text: string
  /** Keyword overlap with the question; 0 for a section fetched by id. */
  score: number
}

export interface KnowledgeBase {
  readonly sections: readonly KnowledgeSection[]
  /**
   * The section that best answers a question, or null when none shares enough words with it.
   * @example kb.search('Metode pembayaran apa saja?', 'id')?.section.id // 'payment-methods'
   */
  search(query: string, locale: Locale): KnowledgeMatch | null
  /** A section by its id, in the asked locale. */
  get(id: string, locale: Locale): KnowledgeMatch | null
  /** The whole Markdown, for a system prompt. */
  asPromptText(): string
  /** Brings a live knowledge base up to date with the shop's files (agents call it before they answer). */
  refresh?(): Promise<void>
}

/** The demo shop's FAQ (knowledge/faq.md at the project root): the default while the demo shop is the data. */
export const defaultKnowledgePath = projectPath('knowledge', 'faq.md')

// Words with the same meaning for matching, the first of each group standing for all.
const synonymGroups = [
  ['kirim', 'pengiriman', 'dikirim', 'kiriman', 'shipping', 'ship', 'delivery', 'deliver', 'delivered'],
  ['bayar', 'pembayaran', 'membayar', 'dibayar', 'payment', 'pay', 'paying'],
  ['retur', 'return', 'returns', 'pengembalian', 'refund', 'tukar', 'penukaran', 'menukar', 'exchange', 'exchanges'],
  ['ukuran', 'size', 'sizes', 'sizing'],
  ['jam', 'hours', 'hour', 'time', 'pukul'],
  ['buka', 'open', 'opening', 'operasional'],
  ['tutup', 'closed', 'close'],
  ['kontak', 'contact', 'hubungi', 'menghubungi', 'call'],
  ['telepon', 'telpon', 'phone'],
  ['kurir', 'courier', 'couriers', 'ekspedisi', 'carrier'],
  ['gratis', 'free'],
  ['biaya', 'ongkos', 'cost', 'fee', 'tarif'],
  ['verifikasi', 'verify', 'verification', 'memverifikasi', 'terverifikasi'],
  ['rusak', 'damaged', 'cacat', 'defect', 'faulty'],
  ['metode', 'method', 'methods'],
  ['akun', 'account'],
  ['hari', 'days', 'day'],
  ['luar', 'outside'],
  ['jawa', 'java'],
  ['dada', 'chest'],
  ['pinggang', 'waist'],
  ['kaos', 'tshirt', 'tee'],
  ['celana', 'pants', 'trousers', 'chino', 'chinos'],
  ['jaket', 'jacket'],
  ['kemeja', 'shirt'],
]
const canonical = new Map<string, string>(synonymGroups.flatMap((group) => group.map((w) => [w, group[0]!] as const)))

// Words too common to tell sections apart.
const stopWords = new Set(
  `apa apakah ada yang saya kami anda kamu di ke dari dan atau untuk dengan ini itu bisa boleh mau ingin tolong
  bagaimana gimana berapa kapan mana saja juga sudah belum tidak masih lagi kalau jika pada oleh akan the a an is
  are do does i you my your we our it this that what how when where which can could to of in on for and or with
  please any there tanya info mohon`.split(/\s+/),
)

function canon(word: string): string {
  const stem = stripSuffix(word)
  return canonical.get(word) ?? canonical.get(stem) ?? stem
}

function wordsOf(text: string): string[] {
  return normalizeWords(text).map(canon)
}

/** Sections of a FAQ Markdown document (see src/services/knowledge/parse.ts for the format). */
export function parseKnowledge(markdown: string): KnowledgeSection[] {
  return parseKnowledgeFile(markdown).sections
}

interface IndexedSection {
  section: KnowledgeSection
  keywordWords: string[]
  phrases: string[][]
  titleWords: string[]
  bodyWords: string[]
}

function index(section: KnowledgeSection): IndexedSection {
  const keywordLists = section.keywords.map(wordsOf).filter((k) => k.length > 0)
  const unique = (list: string[]) => [...new Set(list)]
  return {
    section,
    keywordWords: unique(keywordLists.flat()),
    phrases: keywordLists.filter((k) => k.length > 1),
    titleWords: unique(wordsOf(`${section.title.id} ${section.title.en}`)),
    bodyWords: unique(wordsOf(`${section.text.id} ${section.text.en}`).filter((w) => w.length >= 4)),
  }
}

const containsWord = (list: readonly string[], word: string) => list.some((w) => wordMatches(word, w))

function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((p, j) => wordMatches(words[i + j]!, p))) return true
  }
  return false
}

// One keyword is enough to answer; a title word plus a body word too; body words alone need three.
const minimumScore = 3

function score(entry: IndexedSection, queryWords: string[]): number {
  let total = 0
  for (const word of new Set(queryWords.filter((w) => !stopWords.has(w)))) {
    if (containsWord(entry.keywordWords, word)) total += 3
    else if (containsWord(entry.titleWords, word)) total += 2
    else if (word.length >= 4 && containsWord(entry.bodyWords, word)) total += 1
  }
  for (const phrase of entry.phrases) if (containsPhrase(queryWords, phrase)) total += 2
  return total
}

function toMatch(section: KnowledgeSection, locale: Locale, matchScore: number): KnowledgeMatch {
  return { section, title: section.title[locale], text: section.text[locale], score: matchScore }
}

/** A knowledge base over FAQ Markdown text. */
export function createKnowledgeBase(markdown: string): KnowledgeBase {
  return knowledgeBaseOf(parseKnowledge(markdown), markdown)
}

function knowledgeBaseOf(sections: readonly KnowledgeSection[], markdown: string): KnowledgeBase {
  const indexed = sections.map(index)
  return {
    sections,
    search(query, locale) {
      const queryWords = wordsOf(query.slice(0, 1000))
      let best: { entry: IndexedSection; score: number } | null = null
      for (const entry of indexed) {
        const s = score(entry, queryWords)
        if (s >= minimumScore && (!best || s > best.score)) best = { entry, score: s }
      }
      return best ? toMatch(best.entry.section, locale, best.score) : null
    },
    get(id, locale) {
      const section = sections.find((s) => s.id === id)
      return section ? toMatch(section, locale, 0) : null
    },
    asPromptText() {
      return markdown
    },
  }
}

/** A section written from settings (the return policy), which takes the place of the files' section of that id. */
export interface GeneratedSection {
  section: KnowledgeSection
  markdown: string
  /** False: only in place of a section of the files (a shop that stated nothing is not given a policy). */
  always: boolean
}

/** The files' sections and Markdown with `generated` in place of their section of the same id. */
function withGenerated(sections: readonly KnowledgeSection[], markdown: string, generated: GeneratedSection) {
  const id = generated.section.id
  const lines = markdown.split('\n')
  const start = lines.findIndex((line) => /^##\s/.test(line) && (line.includes(`{#${id}}`) || sectionIdOf(line) === id))
  if (start < 0 && !sections.some((s) => s.id === id) && !generated.always) return { sections, text: markdown }
  let text = markdown
  if (start >= 0) {
    const next = lines.findIndex((line, i) => i > start && /^##\s/.test(line))
    const end = next < 0 ? lines.length : next
    text = [...lines.slice(0, start), ...lines.slice(end)].join('\n')
  }
  return {
    sections: [...sections.filter((s) => s.id !== id), generated.section],
    text: `${text.trimEnd()}\n\n${generated.markdown}`,
  }
}

function sectionIdOf(heading: string): string | null {
  const sections = parseKnowledge(`${heading}\n\ntext\n`)
  return sections[0]?.id ?? null
}

/**
 * A knowledge base that follows the shop's knowledge store: `refresh` checks the files (when the check is due),
 * and every read uses what is in use now (its search index is rebuilt once per version).
 */
export function createLiveKnowledgeBase(
  store: Pick<KnowledgeStore, 'refresh' | 'current'>,
  generated?: GeneratedSection,
): KnowledgeBase {
  let built: { version: string; kb: KnowledgeBase } | null = null
  const kb = () => {
    const snapshot = store.current()
    if (built?.version !== snapshot.version) {
      const { sections, text } = generated
        ? withGenerated(snapshot.sections, snapshot.text, generated)
        : { sections: snapshot.sections, text: snapshot.text }
      built = { version: snapshot.version, kb: knowledgeBaseOf(sections, text) }
    }
    return built.kb
  }
  return {
    get sections() {
      return kb().sections
    },
    search: (query, locale) => kb().search(query, locale),
    get: (id, locale) => kb().get(id, locale),
    asPromptText: () => kb().asPromptText(),
    async refresh() {
      await store.refresh()
    },
  }
}

/**
 * Reads and parses the FAQ file (knowledge/faq.md by default). Synchronous (tests and the stand-in API).
 * Throws when the file is missing or has no `##` sections.
 */
export function loadKnowledgeBase(path: string = defaultKnowledgePath): KnowledgeBase {
  const markdown = readFileSync(path, 'utf8')
  const kb = createKnowledgeBase(markdown)
  if (kb.sections.length === 0) throw new Error(`no FAQ sections (## headings) in ${path}`)
  return kb
}
