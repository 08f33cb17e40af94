/**
 * The shape of the rule agent's keyword data: the words and phrases that signal one thing, per language. A phrase
 * is several words matched in a row; single words of six letters or more also match with one typo. The data
 * files next to this one hold only such lists; the matcher (../words.ts) reads them.
 */
export interface KeywordSet {
  readonly id: readonly string[]
  readonly en: readonly string[]
}
