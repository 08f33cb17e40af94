/**
 * Text fields at the HTTP edge. PostgreSQL cannot store NUL, and no field we accept has a use for control
 * characters, so they are refused at validation (400 naming the field) instead of failing in the database.
 */
import { z } from 'zod'

// C0 controls and DEL, except tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** A trimmed string of at most `max` characters without control characters. */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((v) => !controlCharacters.test(v), 'must not contain control characters')
}

/** Like `plainText` but kept exactly as sent (signed fields must not be altered before checking). */
export function rawText(max: number) {
  return z
    .string()
    .max(max)
    .refine((v) => !controlCharacters.test(v), 'must not contain control characters')
}

/** An identifier: letters, digits and `_ . : @ -`, 1 to `max` characters. */
export function identifier(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[\w.:@-]+$/, 'may only contain letters, digits and _ . : @ -')
}
