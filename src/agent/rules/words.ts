/**
 * The keyword matcher: the words of a message, asked whether any entry of a keyword set (data/*.ts) is among
 * them. Exact hits are set lookups from the message's few words; a phrase matches as consecutive words; a word of
 * six letters or more also matches with one typo (text-normalize.ts `wordMatches`).
 */
import { stripSuffix, wordMatches } from '../text-normalize.ts'
import type { KeywordSet } from './data/keyword-set.ts'

/** A keyword set taken apart once: its one-word entries, the long ones among them, and its phrases. */
interface Compiled {
  single: ReadonlySet<string>
  /** One-word entries of six letters or more by their first letter: only these may match with a typo. */
  long: ReadonlyMap<string, readonly string[]>
  phrases: readonly (readonly string[])[]
}

const compiled = new WeakMap<KeywordSet, Compiled>()

function compile(set: KeywordSet): Compiled {
  let done = compiled.get(set)
  if (done) return done
  const single = new Set<string>()
  const long = new Map<string, string[]>()
  const phrases: string[][] = []
  for (const entry of [...set.id, ...set.en]) {
    const parts = entry.split(' ').filter((part) => part.length > 0)
    const [first] = parts
    if (parts.length > 1) phrases.push(parts)
    else if (first !== undefined) {
      single.add(first)
      if (first.length >= 6) long.set(first.charAt(0), [...(long.get(first.charAt(0)) ?? []), first])
    }
  }
  done = { single, long, phrases }
  compiled.set(set, done)
  return done
}

/** The normalized words of one message (text-normalize.ts `normalizeWords`), with keyword lookups. */
export class Words {
  readonly list: readonly string[]
  private readonly stems: readonly string[]
  /** The words and their stems. */
  private readonly exact: ReadonlySet<string>
  /** The words and stems of six letters or more: a typo is allowed only there. */
  private readonly long: readonly string[]

  constructor(list: readonly string[]) {
    this.list = list
    this.stems = list.map(stripSuffix)
    this.exact = new Set([...list, ...this.stems])
    this.long = [...this.exact].filter((word) => word.length >= 6)
  }

  private matchAt(index: number, target: string): boolean {
    const word = this.list[index]
    const stem = this.stems[index]
    if (word === undefined || stem === undefined) return false
    if (word === target || stem === target) return true
    return target.length >= 6 && (wordMatches(word, target) || (stem !== word && wordMatches(stem, target)))
  }

  /** Where the phrase starts as consecutive words, or -1. */
  private phraseAt(parts: readonly string[]): number {
    for (let i = 0; i + parts.length <= this.list.length; i++) {
      let all = true
      for (let j = 0; j < parts.length && all; j++) all = this.matchAt(i + j, parts[j] as string)
      if (all) return i
    }
    return -1
  }

  /** Whether any entry of the set matches: a single word anywhere, or a phrase as consecutive words. */
  any(set: KeywordSet): boolean {
    const { single, long, phrases } = compile(set)
    for (const word of this.exact) if (single.has(word)) return true
    for (const word of this.long) {
      const candidates = long.get(word.charAt(0))
      if (candidates) for (const target of candidates) if (wordMatches(word, target)) return true
    }
    for (const parts of phrases) if (this.phraseAt(parts) >= 0) return true
    return false
  }

  /** Whether this one phrase or word is there. */
  has(entry: string): boolean {
    const parts = entry.split(' ')
    return parts.length > 1 ? this.phraseAt(parts) >= 0 : this.exact.has(entry)
  }
}
