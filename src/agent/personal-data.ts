/**
 * Phone numbers and email addresses in what customers write are replaced by placeholders before the text goes to
 * the model: "[phone-1]", "[email-1]". The same value gets the same placeholder throughout one request, and the
 * placeholders are numbered in order of appearance, so a conversation's history reads the same from one message
 * to the next (its prompt-cache prefix holds). Where the model writes a placeholder back (a tool input such as
 * a new address with a courier's phone number, or its answer), `restore` puts the customer's own value back, so
 * nothing is lost and the model never sees it.
 *
 * @example
 * const masker = createMasker()
 * masker.mask('hubungi 0812-3456-7890 atau adi@mail.com') // 'hubungi [phone-1] atau [email-1]'
 * masker.restore('HP [phone-1]') // 'HP 0812-3456-7890'
 */

// Indonesian mobile numbers as people write them: +62 / 62 / 0062 / 0, then 8 and 7 to 11 more digits, with
// single spaces, dots or dashes between groups. Not part of a longer word or number (order numbers, waybills).
const indonesianMobile = /(?<![\p{L}\p{N}\-/])(?:\+62|0062|62|0)[\s.-]?8(?:[\s.-]?\d){7,11}(?![\p{N}])/gu
// Other international numbers: a plus, then 8 to 14 digits in groups.
const internationalNumber = /(?<![\p{L}\p{N}])\+\d(?:[\s.-]?\d){7,13}(?![\p{N}])/gu
const emailAddress = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu
const placeholder = /\[(phone|email)-(\d+)\]/g

export interface Masker {
  /** The text with every phone number and email address replaced by its placeholder. */
  mask(text: string): string
  /** The text with every placeholder this masker handed out replaced by the original value. */
  restore(text: string): string
  /** `restore` applied to every string inside a JSON value (tool inputs). */
  restoreDeep<T>(value: T): T
  /** How many values were masked. */
  readonly count: number
}

export function createMasker(): Masker {
  const byValue = new Map<string, string>()
  const byPlaceholder = new Map<string, string>()
  const counters = { phone: 0, email: 0 }

  function placeholderFor(kind: 'phone' | 'email', value: string): string {
    const key = `${kind}:${kind === 'phone' ? value.replace(/\D/g, '') : value.toLowerCase()}`
    const known = byValue.get(key)
    if (known) return known
    const made = `[${kind}-${++counters[kind]}]`
    byValue.set(key, made)
    byPlaceholder.set(made, value)
    return made
  }

  const masker: Masker = {
    mask(text) {
      return text
        .replace(emailAddress, (value) => placeholderFor('email', value))
        .replace(indonesianMobile, (value) => placeholderFor('phone', value))
        .replace(internationalNumber, (value) => placeholderFor('phone', value))
    },
    restore(text) {
      return text.replace(placeholder, (made) => byPlaceholder.get(made) ?? made)
    },
    restoreDeep<T>(value: T): T {
      if (typeof value === 'string') return masker.restore(value) as T
      if (Array.isArray(value)) return value.map((item) => masker.restoreDeep(item)) as T
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masker.restoreDeep(v)])) as T
      }
      return value
    },
    get count() {
      return byPlaceholder.size
    },
  }
  return masker
}
