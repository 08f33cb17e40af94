/** The order sizes are shown in: S < M < L < XL, 30 < 31, anything else alphabetically after. */
const letterSizes = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL']

function sizeRank(size: string): number {
  const letter = letterSizes.indexOf(size.toUpperCase())
  if (letter >= 0) return letter
  return /^\d+$/.test(size) ? 100 + Number(size) : 10_000
}

/** @example ['L', 'S', 'M'].sort(compareSizes) // ['S', 'M', 'L'] */
export function compareSizes(a: string, b: string): number {
  return sizeRank(a) - sizeRank(b) || a.localeCompare(b)
}
