/**
 * Indonesian mobile numbers in one canonical form, "+628…", the form `Customer.phoneNumber` is stored in.
 * Pure helpers; the CRM service and the channel adapters use them.
 */

// A mobile number after the country code: 8, then 8 to 11 more digits (e.g. 812 3456 7890).
const mobileBody = /^8\d{8,11}$/
// Written separators people use: spaces, dashes, dots, parentheses.
const separators = /[\s\-.()]/g

/**
 * "081234567890", "6281234567890", "+62 812-3456-7890", "0062 812 3456 7890" → "+6281234567890".
 * Anything that is not an Indonesian mobile number (landlines such as "021 5551234", foreign numbers,
 * letters, empty or very long input) → null.
 */
export function normalizePhone(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 40) return null
  const compact = input.trim().replace(separators, '')
  let body: string
  if (compact.startsWith('+62')) body = compact.slice(3)
  else if (compact.startsWith('0062')) body = compact.slice(4)
  else if (compact.startsWith('62')) body = compact.slice(2)
  else if (compact.startsWith('0')) body = compact.slice(1)
  else return null
  return mobileBody.test(body) ? `+62${body}` : null
}

/** The last four digits of a stored phone number, which customers use to prove an order is theirs. */
export function phoneLastFour(phone: string): string {
  return phone.replace(/\D/g, '').slice(-4)
}
