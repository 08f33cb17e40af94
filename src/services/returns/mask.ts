/**
 * A refund account as anyone but the owner sees it: the bank, the last four digits and the holder.
 * @example maskAccount({ refundBank: 'BCA', refundAccount: '1234567890', refundHolder: 'Siti Rahma' }) // 'BCA ••••7890 a.n. Siti Rahma'
 */
export function maskAccount(request: {
  refundBank: string | null
  refundAccount: string | null
  refundHolder: string | null
}): string | null {
  if (!request.refundAccount) return null
  const digits = request.refundAccount.replace(/\D/g, '')
  const last = digits.slice(-4) || '????'
  return `${request.refundBank ?? ''} ••••${last} a.n. ${request.refundHolder ?? '-'}`.trim()
}
