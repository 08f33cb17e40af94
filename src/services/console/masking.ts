/** What staff see of a customer's contact details; the owner may reveal them (audited, see inbox-queries.ts). */

/** "+628123456789" → "+62•••••••789" */
export function maskPhoneNumber(phone: string): string {
  if (phone.length <= 6) return '•'.repeat(phone.length)
  return `${phone.slice(0, 3)}${'•'.repeat(phone.length - 6)}${phone.slice(-3)}`
}

/** "budi.santoso@gmail.com" → "b•••@gmail.com" */
export function maskEmailAddress(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '•••'
  return `${email[0]}•••${email.slice(at)}`
}
